package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io/fs"
	"maps"
	"strings"
	"sync"

	"github.com/signaldigest/signal/internal/chart"
	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/site"
	"github.com/signaldigest/signal/internal/sitefs"
)

// Sink receives the files of the site. WriteFile is called from several
// goroutines at once; name is slash-separated, relative to the output root.
// The caller reuses data once WriteFile returns: a sink that keeps it
// copies it.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// Renderer renders the pages of one site with one theme.
type Renderer struct {
	site   *site.Site
	theme  Theme
	tmpl   templates
	assets map[string]string // static file → "?v=hash" to bust caches
	parts  *partials
	own    bool // the site has layouts of its own: see Theme.own
}

// Forget empties the cache of partials, once every page is made: a build
// of a large archive then holds no card it will not show again.
func (r *Renderer) Forget() {
	r.parts.cache.mu.Lock()
	r.parts.cache.done, r.parts.cache.order, r.parts.cache.size = map[string]*partial{}, nil, 0
	r.parts.cache.mu.Unlock()
}

// New parses the theme's layouts for a site. Errors in layouts are
// reported at their file and line. cache, when not nil, keeps the output of
// cached partials from an earlier build with the same theme and settings.
// Option sets an option of New.
type Option func(*options)

type options struct{ groupAbove int }

// WithGroupAbove sets the number of digests past which a timeline groups
// its marks (chart.GroupAbove when 0): a small archive's tests show both
// forms with a small one.
func WithGroupAbove(n int) Option { return func(o *options) { o.groupAbove = n } }

// New parses the theme's layouts for the site s.
func New(s *site.Site, theme Theme, cache *Cache, opts ...Option) (*Renderer, diag.List) {
	o := options{groupAbove: chart.GroupAbove}
	for _, opt := range opts {
		opt(&o)
	}
	if o.groupAbove <= 0 {
		o.groupAbove = chart.GroupAbove
	}
	// A static file that cannot be read hides no error of the layouts: one
	// run says it all.
	assets, problems := hashAssets(theme.Static)
	if cache == nil {
		cache = NewCache()
	}
	// Layouts of the site's own, unlike the built-in ones, may show a
	// digest's body on pages that do not list the digest.
	own, ok := theme.own()
	parts := &partials{cache: cache, always: theme.replaced(own), perDigest: theme.added(own)}
	funcs := funcMap(s.Config, assets, theme.Static)
	funcs["cached"] = parts.cached
	maps.Copy(funcs, newCharts(s.Config, o.groupAbove).funcs())
	tmpl, more := parseTemplates(theme.Layouts, funcs)
	problems = append(problems, more...)
	problems = append(problems, theme.unused()...)
	if problems.Err() != nil {
		return nil, problems
	}
	parts.set = func() *template.Template { return tmpl[layouts[site.KindHome]] }
	return &Renderer{site: s, theme: theme, tmpl: tmpl, assets: assets, parts: parts, own: !ok || len(own) > 0}, problems
}

// OwnLayouts reports whether the site has layouts of its own: files of its
// layouts/ that are not the built-in theme's byte for byte.
func (r *Renderer) OwnLayouts() bool { return r.own }

// For returns a Renderer of another build of the same site, with the same
// theme and settings: the layouts are not parsed again.
func (r *Renderer) For(s *site.Site) *Renderer {
	c := *r
	c.site = s
	return &c
}

// PageIDs are the ids that the built-in theme's layouts give elements of
// its pages. A digest's headings never take one (markdown.WithReservedIDs),
// so that an id is on a page once: "## Main" gets id="main-1".
var PageIDs = []string{
	"main", "site-search-q", "sources-title",
	"search-form", "search-q", "search-keys", "search-status", "search-results", "search-more",
	"search-consensus", "search-conviction", "search-theme",
	"signal-overlay", // serve's error overlay
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Page renders one page. Its problems are errors in layouts, at their file
// and line.
func (r *Renderer) Page(p *site.Page) ([]byte, diag.List) {
	buf := Buffer()
	defer Release(buf)
	if problems := r.PageTo(buf, p); problems != nil {
		return nil, problems
	}
	return bytes.Clone(buf.Bytes()), nil
}

// PageTo renders one page into buf, which it empties first.
func (r *Renderer) PageTo(buf *bytes.Buffer, p *site.Page) diag.List {
	buf.Reset()
	if err := r.tmpl[layouts[p.Kind]].ExecuteTemplate(buf, "base.html", p); err != nil {
		e := templateError(err)
		e.Page = p.Path
		return diag.List{e}
	}
	return nil
}

// Buffer lends a buffer for PageTo; Release gives it back.
func Buffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

// Release gives back a buffer from Buffer, unless a page larger than most
// grew it: the archive of 10,000 digests is 5 MB, where most pages are
// tens of KB, and a pooled 10 MB buffer would stay in memory while the
// thousands of pages after it are made.
func Release(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		buffers.Put(b)
	}
}

const maxPooled = 1 << 20

// StaticNames lists the theme's static files: the site's and the built-in
// theme's.
func (r *Renderer) StaticNames() []string {
	var names []string
	_ = fs.WalkDir(r.theme.Static, ".", func(name string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			names = append(names, name)
		}
		return nil
	})
	return names
}

// Static copies the theme's static files into sink.
func (r *Renderer) Static(sink Sink) diag.List {
	return eachStatic(r.theme.Static, func(name string) error {
		data, err := fs.ReadFile(r.theme.Static, name)
		if err == nil {
			err = sink.WriteFile(name, served(r.theme.Static, name, data))
		}
		return err
	})
}

// served is a static file as it is written out. The built-in theme's
// scripts lose their lines of comments, which are for the readers of its
// source, not for browsers: search.js weighs a fifth less. Each is left
// an empty line, so that a browser's errors name the source's lines. A
// site's own files are copied as they are.
func served(static fs.FS, name string, data []byte) []byte {
	if o, ok := static.(overlay); !ok || !strings.HasSuffix(name, ".js") || !o.builtin(name) {
		return data
	}
	var out []byte
	for line := range bytes.Lines(data) {
		if bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("//")) {
			line = line[len(bytes.TrimRight(line, "\n")):]
		}
		out = append(out, line...)
	}
	return out
}

// eachStatic calls fn for every static file, reporting those that cannot
// be read or copied.
func eachStatic(static fs.FS, fn func(name string) error) diag.List {
	var problems diag.List
	_ = fs.WalkDir(static, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			problems.Add("static/"+name, 0, 0, "cannot read: %v", diag.Pathless(err))
			return nil
		}
		if e.IsDir() {
			return nil
		}
		if !sitefs.Regular(e) {
			problems.Add("static/"+name, 0, 0, "cannot copy: not a regular file")
			return nil
		}
		if err := fn(name); err != nil {
			problems.Add("static/"+name, 0, 0, "cannot copy: %v", diag.Pathless(err))
		}
		return nil
	})
	return problems
}

// CheckTheme reports the problems of a theme that need no site: layouts
// that do not parse, and static files that cannot be read. A build that
// stops at its digests' errors reports these with them, so that one run
// tells every problem.
func CheckTheme(theme Theme) diag.List {
	cfg := config.Default()
	funcs := funcMap(cfg, nil, nil)
	funcs["cached"] = (&partials{}).cached
	maps.Copy(funcs, newCharts(cfg, chart.GroupAbove).funcs())
	_, problems := parseTemplates(theme.Layouts, funcs)
	problems = append(problems, theme.unused()...)
	return append(problems, eachStatic(theme.Static, func(name string) error {
		f, err := theme.Static.Open(name)
		if err == nil {
			err = f.Close()
		}
		return err
	})...)
}

// hashAssets fingerprints the stylesheets and scripts, so that their links
// change when they do and a CDN can cache them for ever.
func hashAssets(static fs.FS) (map[string]string, diag.List) {
	out := map[string]string{}
	var problems diag.List
	matches, _ := fs.Glob(static, "*.css")
	js, _ := fs.Glob(static, "*.js")
	for _, name := range append(matches, js...) {
		data, err := sitefs.ReadFile(static, name)
		if err != nil {
			problems.Add("static/"+name, 0, 0, "cannot read: %v", err)
			continue
		}
		sum := sha256.Sum256(served(static, name, data))
		out[name] = "?v=" + hex.EncodeToString(sum[:4])
	}
	return out, problems
}
