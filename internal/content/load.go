package content

import (
	"cmp"
	"errors"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/markdown"
)

// Dir is the folder of digests in a site folder.
const Dir = "content"

// An Option changes how Load reads an archive.
type Option func(*options)

type options struct {
	published func(*Digest) bool
	parsed    func([]*Digest)
}

// OnErrors tells Load, when a file has errors, to hand the digests that
// did parse to f before it returns no digests: a later stage may check them
// in the same run (their permalinks against its own pages). They are in
// path order, with the names of their own files; they are not to be
// published.
func OnErrors(f func(parsed []*Digest)) Option {
	return func(o *options) { o.parsed = f }
}

// Published tells Load which digests the site shows, so that it chooses
// the spelling of each theme and handle among theirs: drafts and digests
// still in the future do not respell what readers see. Without it, every
// digest counts.
func Published(shown func(*Digest) bool) Option {
	return func(o *options) { o.published = shown }
}

// Load reads every digest under content/ in fsys, at any depth, skipping
// files and folders whose names start with _ or . and files that are not
// .md. It returns the digests newest first, and every problem found; the
// digests are nil when there are errors. With a cache, it parses only the
// files the cache has not seen or was told have changed. With md nil, it
// reads front matter alone, about three times faster: the digests have no
// body, nor the sources and summary a body gives, for commands that need
// only their fields, such as their permalinks.
func Load(fsys fs.FS, cfg *config.Config, md *markdown.Markdown, cache *Cache, opts ...Option) ([]*Digest, diag.List) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if cache == nil {
		cache = NewCache()
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	cache.use(cfg)
	last := cache.last
	cache.last = nil // until this load succeeds
	paths := cache.paths
	listed := paths != nil // by an earlier load: a file may have changed kind since
	if paths == nil {
		// A file that cannot be read is reported with the problems of
		// those that can, which are read all the same: one run says it all.
		paths, cache.links, cache.listed = list(fsys)
	}
	problems := slices.Clone(cache.listed) // the listing's warnings, every load
	// A change to the file a link names is told by the file's path, not
	// the link's: links are read again every time.
	for p := range cache.links {
		delete(cache.files, p)
	}
	results := make([]parsed, len(paths))
	gone := make([]bool, len(paths))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	shared := &names{}
	for i, p := range paths {
		if r, ok := cache.files[p]; ok {
			results[i] = r
			continue
		}
		g.Go(func() error {
			data, size, err := readDigest(fsys, p, listed)
			if err != nil {
				// A file the cache listed may have been removed since.
				gone[i] = errors.Is(err, fs.ErrNotExist) && cache.paths != nil
				results[i].problems.Add(p, 0, 0, "cannot read: %v", diag.Pathless(err))
				return nil
			}
			if size > MaxFile {
				results[i].problems.Add(p, 0, 0, "the file is %.1f MB; a digest may be at most %d MB", float64(size)/1e6, MaxFile>>20)
				return nil
			}
			ps := parser{path: p, loc: cfg.Timezone, md: md, names: shared}
			results[i] = parsed{d: ps.parse(data), problems: ps.problems}
			return nil
		})
	}
	_ = g.Wait()
	cache.paths = cache.paths[:0:0]
	digests := make([]*Digest, 0, len(paths))
	var fresh []*Digest // the digests parsed by this load
	for i, r := range results {
		if gone[i] {
			continue
		}
		cache.paths = append(cache.paths, paths[i])
		if _, cached := cache.files[paths[i]]; !cached && r.d != nil {
			r.d.Permalink = permalink(cfg.Permalink, r.d)
			r.d.setMetaKey()
			fresh = append(fresh, r.d)
		}
		cache.files[paths[i]] = r
		problems = append(problems, r.problems...)
		if r.d != nil {
			digests = append(digests, r.d)
		}
	}
	if cache.listed.Err() != nil {
		cache.paths = nil // listed again next time, to find it fixed
	}
	if problems.Err() != nil {
		// The digests that did parse may clash too: one run says it all.
		if o.parsed != nil {
			o.parsed(digests)
		}
		return nil, append(problems, checkPermalinks(digests)...)
	}
	if out, ok := cache.bodiesChanged(last, fresh, len(digests), o.published); ok {
		cache.last = out
		return out, problems
	}
	problems = append(problems, checkPermalinks(digests)...)
	if problems.Err() != nil {
		if o.parsed != nil {
			o.parsed(digests)
		}
		return nil, problems
	}
	// The cache keeps each digest as its file spells it, since the names
	// chosen depend on every file, and shares it with earlier loads and
	// maybe with a build still being served: a digest that spells a theme
	// or handle otherwise than the archive does is copied, then renamed.
	themes, handles := canonicalNames(digests, o.published)
	for i, d := range digests {
		if needsNames(d, themes, handles) {
			d = copyOf(d)
			setNames(d, themes, handles)
			d.setMetaKey()
			digests[i] = d
		}
	}
	slices.SortFunc(digests, func(a, b *Digest) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Path, b.Path))
	})
	cache.remember(digests, themes, handles, o.published)
	return digests, problems
}

// assetExts are the files a digest links to, which content/ does not copy.
var assetExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true,
	".pdf": true, ".csv": true, ".mp4": true, ".webm": true, ".mp3": true,
}

// Skipped reports whether the build skips a file or folder of content/ by
// its name: one that starts with _ (content/_drafts) or . (an editor's).
func Skipped(name string) bool { return strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") }

// list finds the digest files, in a stable order, and which of them are
// symbolic links.
func list(fsys fs.FS) ([]string, map[string]bool, diag.List) {
	var paths []string
	links := map[string]bool{}
	var problems diag.List
	err := fs.WalkDir(fsys, Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				return err
			}
			problems.Add(p, 0, 0, "cannot read: %v", diag.Pathless(err))
			return nil
		}
		if p == Dir && !e.IsDir() {
			problems.Add(Dir, 0, 0, "content is a file, not a folder: digests go in the folder content/")
			return fs.SkipAll
		}
		name := e.Name()
		if p != Dir && Skipped(name) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !e.IsDir() {
			if ext := path.Ext(name); !strings.EqualFold(ext, ".md") {
				if strings.EqualFold(ext, ".markdown") {
					problems.Warn(p, 0, 0, "not read: digests are .md files (rename it to read it)")
				} else if assetExts[strings.ToLower(ext)] {
					// An image kept beside a digest, as in a Hugo page
					// bundle, would leave a broken link. Other files (a
					// README, an editor's backup~) are the author's own.
					problems.Warn(p, 0, 0, "not copied: content/ holds only digests; put images and other files in static/ and link them from the root (/%s)", name)
				}
				return nil
			}
		}
		if !utf8.ValidString(name) {
			// A folder to read or a digest that no fs.FS opens: say why,
			// with its bytes escaped.
			shown := strings.ToValidUTF8(p, "\uFFFD")
			problems.Add(shown, 0, 0, "cannot read: the name %q is not UTF-8 text; rename it", name)
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		if !e.Type().IsRegular() {
			// A link is read through; anything else (a named pipe, a
			// device) would block or never end.
			if info, err := fs.Stat(fsys, p); err == nil && !info.Mode().IsRegular() {
				problems.Add(p, 0, 0, "cannot read: not a regular file")
				return nil
			}
		}
		// A link, or a file that package sitefs lists in a link's place.
		if l, ok := e.(interface{ Linked() bool }); e.Type()&fs.ModeSymlink != 0 || ok && l.Linked() {
			links[p] = true
		}
		paths = append(paths, p)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		problems.Add(Dir, 0, 0, "no content folder: digests go in content/ (signal new TITLE writes one)")
	}
	slices.Sort(paths)
	return paths, links, problems
}

// Parse reads the contents of one digest file as Load reads each, for a
// command that makes a digest and checks it before it writes it. The
// digest's names are as it spells them, and it has no permalink.
func Parse(path string, data []byte, cfg *config.Config, md *markdown.Markdown) (*Digest, diag.List) {
	ps := parser{path: path, loc: cfg.Timezone, md: md}
	d := ps.parse(data)
	return d, ps.problems
}

// readDigest reads a digest file, but never more than MaxFile+1 bytes of
// it: a stray log of gigabytes named .md is refused from its size, not
// read whole first. size is the file's size, or more than MaxFile when it
// is too big.
func readDigest(fsys fs.FS, p string, check bool) (data []byte, size int64, err error) {
	// A file that an earlier load listed may be a named pipe now, which
	// opening would block on, for ever in serve; list checked the others.
	if check {
		if info, err := fs.Stat(fsys, p); err == nil && !info.Mode().IsRegular() {
			return nil, 0, errors.New("not a regular file")
		}
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, MaxFile+1))
	if err != nil {
		return nil, 0, err
	}
	size = int64(len(data))
	if size > MaxFile {
		if info, err := f.Stat(); err == nil && info.Size() > size {
			size = info.Size()
		}
	}
	return data, size, nil
}

// permalink expands a permalink pattern for d.
func permalink(pattern string, d *Digest) string {
	return expand(pattern, d.Date, d.Slug)
}

// NewPermalink is the permalink of a digest about to be written to a file
// named base (YYYY-MM-DD-slug.md), of that date, without a slug field:
// what signal new and signal import check against the site's digests.
func NewPermalink(pattern string, date time.Time, base string) string {
	return expand(pattern, date, fileSlug(base))
}

func expand(pattern string, date time.Time, slug string) string {
	for _, r := range [...][2]string{
		{":year", date.Format("2006")},
		{":month", date.Format("01")},
		{":day", date.Format("02")},
		{":slug", slug},
	} {
		pattern = strings.ReplaceAll(pattern, r[0], r[1])
	}
	return pattern
}

// IsPermalinkClash reports whether a problem is of two digests with one
// permalink, which a date's day in the site's timezone may cause.
func IsPermalinkClash(p diag.FileError) bool { return errors.Is(p, errPermalinkClash) }

var errPermalinkClash = errors.New("permalink clash")

func checkPermalinks(digests []*Digest) diag.List {
	var problems diag.List
	first := map[string]*Digest{}
	for _, d := range digests { // in path order
		if other, dup := first[d.Permalink]; dup {
			problems.AddErr(errPermalinkClash, d.Path, d.PermalinkLine, 0, "permalink %s is also the permalink of %s (give one of them another slug)", d.Permalink, other.Path)
			continue
		}
		first[d.Permalink] = d
	}
	return problems
}

// canonicalNames finds the one spelling of every theme and handle across
// the archive, by slug: among the published digests' spellings, so that a
// draft cannot respell a theme that readers see, and among the others'
// for the themes and handles that only they have.
func canonicalNames(digests []*Digest, published func(*Digest) bool) (themes, handles map[string]string) {
	ts, hs := spellings{}, spellings{}
	var unpublished []*Digest
	for _, d := range digests {
		if published != nil && !published(d) {
			unpublished = append(unpublished, d)
			continue
		}
		ts.addThemes(d)
		hs.addHandles(d)
	}
	themes, handles = ts.names(), hs.names()
	ts, hs = spellings{}, spellings{}
	for _, d := range unpublished {
		ts.addThemes(d)
		hs.addHandles(d)
	}
	for slug, name := range ts.names() {
		if _, ok := themes[slug]; !ok {
			themes[slug] = name
		}
	}
	for slug, name := range hs.names() {
		if _, ok := handles[slug]; !ok {
			handles[slug] = name
		}
	}
	return themes, handles
}

// needsNames reports whether d spells a theme or handle otherwise.
func needsNames(d *Digest, themes, handles map[string]string) bool {
	for _, t := range d.Themes {
		if themes[t.Slug] != t.Name {
			return true
		}
	}
	for _, s := range d.Sources {
		if handles[s.Slug] != s.Handle {
			return true
		}
	}
	return false
}

func setNames(d *Digest, themes, handles map[string]string) {
	for i := range d.Themes {
		d.Themes[i].Name = themes[d.Themes[i].Slug]
	}
	for _, s := range d.Sources {
		s.Handle = handles[s.Slug]
	}
}
