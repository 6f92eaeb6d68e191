package content

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/meta"
)

// Digest is one digest, checked and rendered.
type Digest struct {
	Path       string    // the file, relative to the site folder: content/2026/x.md
	Title      string    // as written; escaped by whoever prints it
	Date       time.Time // in the site's timezone
	Updated    time.Time // zero when not given
	Stance     Stance
	Scope      string // "for pure-play AI labs", or ""
	Conviction Conviction
	Themes     []Theme // in front matter order, one per slug
	Sources    []*Source
	Summary    string // plain text
	Slug       string
	Draft      bool
	Permalink  string // the site path of its page, unescaped: /2026/11/24/slug/
	// PermalinkLine is the line of slug: in front matter, else 1 (the
	// file's name makes the slug): a clash of permalinks is reported there.
	PermalinkLine int
	HTML          []byte // the body, rendered once
	Code          bool   // the body holds highlighted code, which needs chroma.css
	// Refs are the body's links and images into the site, each at its
	// line of the file: the build warns of those that lead to no file.
	Refs []markdown.Ref

	metaKey, bodyKey uint64 // see MetaKey and BodyKey
}

// Source is a handle a digest cites, in its front matter sources, its body,
// or both.
type Source struct {
	Handle string // the one spelling shown for the handle, without @
	Slug   string // lower case
	Note   string // from front matter, or ""
	// Cited holds the HTML of each list item (an <li> element) or paragraph
	// of the body that mentions the handle, in order.
	Cited [][]byte
}

// Release lets go of the digest's body and of the quotes of it, for a
// build that has made every page, feed and index entry that shows them:
// at 100,000 digests the bodies are a third of what a build holds. Only the
// owner of the digest may call it; a digest of a content.Cache is shared.
func (d *Digest) Release() {
	d.HTML = nil
	for _, s := range d.Sources {
		s.Cited = nil
	}
}

// Modified is the date the digest last changed: Updated, unless it is
// not given or comes before Date (earlier on the same day).
func (d *Digest) Modified() time.Time {
	if d.Updated.After(d.Date) {
		return d.Updated
	}
	return d.Date
}

// Revised reports whether the digest was updated on a later day than its
// date: a page shows "updated" then, and not for an update the same day.
func (d *Digest) Revised() bool {
	return !d.Updated.IsZero() && d.Updated.Format(time.DateOnly) > d.Date.Format(time.DateOnly)
}

// IsField reports whether key is a field of a digest's front matter.
func IsField(key string) bool { return knownKeys[key] }

// known front matter keys; others get a warning.
var knownKeys = map[string]bool{
	"title": true, "date": true, "consensus": true, "conviction": true, "tags": true,
	"sources": true, "summary": true, "slug": true, "draft": true, "updated": true,
}

// Limits of one digest. Each theme's and source's pages and feeds show the
// digest, with its themes, so a digest with n of them costs n times its size
// to build: the limits keep a build in proportion to its input. Every feed
// that lists a digest carries its whole body, so a 50 MB digest with a few
// themes made gigabytes of feeds (and one with 100 themes and 200 sources
// ran a 24 GB machine out of memory): MaxFile bounds that. A digest is
// some kilobytes.
const (
	MaxFile    = 1 << 20
	MaxThemes  = 100
	MaxSources = 200
	maxCited   = 16 << 10 // bytes of HTML of a cited block, past which an excerpt is cited

	// MaxSlug bounds a theme's or a digest's slug, in bytes: it names a
	// folder of the site, and search/facet/themes/SLUG.bin, in file
	// systems that allow 255 bytes a name.
	MaxSlug = 200
)

// parser turns one file into a Digest, collecting problems.
type parser struct {
	path     string
	loc      *time.Location
	md       *markdown.Markdown
	names    *names // nil: every digest keeps its own copies
	problems diag.List
}

func (p *parser) errorf(n *meta.Node, format string, args ...any) {
	p.problems.Add(p.path, n.Line, n.Col, format, args...)
}

// parse reads a digest from the bytes of its file. It returns nil when the
// file has errors.
func (p *parser) parse(file []byte) *Digest {
	if len(file) > MaxFile {
		p.problems.Add(p.path, 0, 0, "the file is %.1f MB; a digest may be at most %d MB", float64(len(file))/1e6, MaxFile>>20)
		return nil
	}
	file = bytes.TrimPrefix(file, []byte("\ufeff"))
	if !utf8.Valid(file) {
		line := bytes.Count(file[:firstInvalid(file)], []byte{'\n'}) + 1
		p.problems.Add(p.path, line, 0, "file is not valid UTF-8")
		return nil
	}
	if zeros := bytes.Count(file, []byte{0}); zeros > 0 && zeros*4 >= len(file) {
		// Valid UTF-8 by chance: ASCII text saved as UTF-16 without its
		// byte order mark, a NUL on every line.
		p.problems.Add(p.path, 1, 0, "file is not valid UTF-8: every other byte is 0, as in UTF-16; save it as UTF-8")
		return nil
	}
	file = p.textOnly(file)
	yml, body, yamlOffset, problem := split(file)
	if problem != "" {
		p.problems.Add(p.path, 1, 0, "%s", problem)
		return nil
	}
	root, problems := meta.Parse(p.path, yml, yamlOffset)
	p.problems = append(p.problems, problems...)
	if root == nil {
		return nil
	}
	if root.Kind == meta.Null {
		// Empty: each required field is missing, and says so.
		root = &meta.Node{Kind: meta.Map, Line: yamlOffset + 1}
	}
	if root.Kind != meta.Map {
		p.problems.Add(p.path, yamlOffset+1, 0, "front matter must be a mapping of fields (title, date, consensus, conviction, ...)")
		return nil
	}
	d := &Digest{Path: p.path}
	// A missing field is reported at the closing ---, before which it
	// goes.
	head := file[:len(file)-len(body)]
	closing := bytes.Count(head, []byte{'\n'})
	if !bytes.HasSuffix(head, []byte{'\n'}) {
		closing++ // the file ends on it
	}
	p.fields(d, root, closing)
	if d.Slug == "" && p.problems.Err() == nil {
		if d.Slug = fileSlug(path.Base(p.path)); len(d.Slug) > MaxSlug {
			p.problems.Add(p.path, 1, 0, "the file name gives a slug of %d bytes, and a slug names a folder of the site: at most %d (shorten the name, or give a slug: in front matter)", len(d.Slug), MaxSlug)
		} else if d.Slug == "" {
			p.problems.Add(p.path, 1, 0, "the file name gives no slug: name the file after the digest (2026-11-27-title.md) or give it a slug: in front matter")
		}
	}
	if p.md == nil {
		if p.problems.Err() != nil {
			return nil
		}
		return d // front matter only: see Load
	}
	// The body is read even when its front matter is wrong: one run
	// reports the problems of both.
	bodyLine := bytes.Count(file[:len(file)-len(body)], []byte{'\n'}) + 1
	p.body(d, body, bodyLine)
	if !d.Draft {
		p.placeholder(body, bodyLine)
	}
	if p.problems.Err() != nil {
		return nil
	}
	return d
}

// textOnly reports each line's first character that text may not hold,
// up to maxNotText lines and then how many more, and returns file with
// each of them as U+FFFD: the file is read on, so that one run reports its
// other problems too, and it is not built.
func (p *parser) textOnly(file []byte) []byte {
	var out []byte
	at := 0 // file[:at] is in out
	line, reported, lines, firstMore := 1, 0, 0, 0
	for {
		i, n, r := nextNotText(file, at)
		if i < 0 {
			break
		}
		line += bytes.Count(file[at:i], []byte{'\n'})
		if reported != line {
			if lines++; lines <= maxNotText {
				lineStart := bytes.LastIndexByte(file[:i], '\n') + 1
				p.problems.Add(p.path, line, utf8.RuneCount(file[lineStart:i])+1, "%s", meta.NotText(r))
			} else if firstMore == 0 {
				firstMore = line
			}
			reported = line
		}
		out = append(append(out, file[at:i]...), "\ufffd"...)
		at = i + n
	}
	if lines > maxNotText {
		p.problems.Add(p.path, firstMore, 0, "and %d more lines hold characters that text may not hold", lines-maxNotText)
	}
	if out == nil {
		return file
	}
	return append(out, file[at:]...)
}

// maxNotText is how many lines of a file textOnly tells one by one.
const maxNotText = 10

// nextNotText returns where the first character at or after b[from] that
// text may not hold is, its size and itself; or -1. b is valid UTF-8.
func nextNotText(b []byte, from int) (int, int, rune) {
	for i := from; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return i, 1, rune(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !meta.IsText(r) {
			return i, n, r
		}
		i += n
	}
	return -1, 0, 0
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// fields are the front matter's fields, for a misspelt one's "did you mean".
var fields = []string{"title", "date", "updated", "consensus", "conviction", "tags", "sources", "summary", "slug", "draft"}

func (p *parser) fields(d *Digest, root *meta.Node, closing int) {
	for _, key := range []string{"title", "date", "consensus", "conviction"} {
		if root.Field(key) == nil {
			p.problems.Add(p.path, closing, 0, "missing required field %q (add it before this line, which ends the front matter)", key)
		}
	}
	for _, f := range root.Fields {
		v := f.Value
		switch f.Key {
		case "title":
			d.Title, _ = p.text(v, "title", true)
		case "summary":
			d.Summary, _ = p.text(v, "summary", false)
		case "date":
			d.Date = p.date(v, "date")
		case "updated":
			if !blank(v) {
				d.Updated = p.date(v, "updated")
			}
		case "consensus":
			if s, ok := p.text(v, "consensus", true); ok {
				var err error
				if d.Stance, d.Scope, err = ParseConsensus(s); err != nil {
					p.errorf(v, "consensus: %v", err)
				}
			}
		case "conviction":
			if s, ok := p.text(v, "conviction", true); ok {
				var err error
				if d.Conviction, err = ParseConviction(s); err != nil {
					p.errorf(v, "conviction: %v", err)
				}
			}
		case "tags":
			d.Themes = p.themes(v)
		case "sources":
			d.Sources = p.sources(v)
		case "slug":
			if blank(v) {
				break
			}
			if s, ok := p.text(v, "slug", true); ok {
				if err := checkSlug(s); err != nil {
					p.errorf(v, "slug: %v", err)
				}
				d.Slug = s
			}
		case "draft":
			if blank(v) {
				break
			}
			if v.Kind != meta.Scalar || v.Tag != "!!bool" {
				p.errorf(v, "draft: want true or false, not %s", v.Describe())
			} else {
				d.Draft = strings.EqualFold(v.Value, "true")
			}
		default:
			near := ""
			if k := diag.Nearest(f.Key, fields...); k != "" {
				near = " (did you mean " + k + "?)"
			}
			p.problems.Warn(p.path, f.Line, f.Col, "unknown front matter field %q is ignored%s", f.Key, near)
		}
	}
	d.PermalinkLine = 1
	if v := root.Field("slug"); v != nil && !blank(v) {
		d.PermalinkLine = v.Line
	}
	// An update on the digest's own day is no contradiction, even when
	// written without a time, which makes it midnight; Modified takes the
	// later of the two.
	if !d.Updated.IsZero() && !d.Date.IsZero() && d.Updated.Format(time.DateOnly) < d.Date.Format(time.DateOnly) {
		p.errorf(root.Field("updated"), "updated: %s is before the digest's date %s",
			d.Updated.Format(time.DateOnly), d.Date.Format(time.DateOnly))
	}
}

// text reads a scalar as a string, trimmed.
func (p *parser) text(v *meta.Node, key string, required bool) (string, bool) {
	if v.Kind != meta.Scalar {
		if v.Kind == meta.Null && !required {
			return "", true
		}
		p.errorf(v, "%s: want text, not %s", key, v.Describe())
		return "", false
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && required {
		p.errorf(v, "%s: must not be empty", key)
		return "", false
	}
	return s, true
}

// blank reports whether an optional field is left empty (slug:, or
// slug: ""), which leaves it unset, as Hugo does.
func blank(v *meta.Node) bool {
	return v.Kind == meta.Null || v.Kind == meta.Scalar && v.Tag == "!!str" && strings.TrimSpace(v.Value) == ""
}

func (p *parser) date(v *meta.Node, key string) time.Time {
	s, ok := p.text(v, key, true)
	if !ok {
		return time.Time{}
	}
	t, err := parseDate(s, p.loc)
	if err != nil {
		p.errorf(v, "%s: %v", key, err)
		return t
	}
	// A date-time with an offset is shown in the site's timezone, where it
	// may fall on another day than the one written: that day gives the URL.
	if written := strings.TrimSpace(s); len(written) > 10 && t.Format(time.DateOnly) != written[:10] {
		gives := "the digest's day and URL"
		if key != "date" {
			gives = "the day shown"
		}
		p.problems.Warn(p.path, v.Line, v.Col, "%s: %s is %s in the site's timezone (%s), which gives %s; set timezone in site.yaml to the zone you write in, or write the date without an offset", key, written, t.Format("2 January 2006"), p.loc, gives)
	}
	return t
}

func (p *parser) themes(v *meta.Node) []Theme {
	if v.Kind == meta.Null {
		return nil
	}
	if v.Kind != meta.List {
		p.errorf(v, "tags: want a list of themes, like [Compute, Rates], not %s", v.Describe())
		return nil
	}
	if len(v.Items) > MaxThemes {
		p.errorf(v, "tags: %d themes; a digest may have at most %d (every page and feed that lists the digest lists its themes)", len(v.Items), MaxThemes)
		return nil
	}
	var out []Theme
	seen := map[string]bool{}
	for _, item := range v.Items {
		name, ok := p.text(item, "tags", true)
		if !ok {
			continue
		}
		name = strings.Join(strings.Fields(name), " ")
		if err := CheckTheme(name); err != nil {
			p.errorf(item, "tags: %v", err)
			continue
		}
		slug := Slugify(name)
		if seen[slug] {
			continue // "Open Models" and "open-models" are one theme
		}
		seen[slug] = true
		out = append(out, Theme{Slug: p.names.of(slug), Name: p.names.of(name)})
	}
	return out
}

// CheckTheme says what is wrong with the name of a theme, as tags: or
// import's --tag gives it: no letters or digits, a control character, or
// a slug too long to name a folder.
func CheckTheme(name string) error {
	slug := Slugify(name)
	switch {
	case slug == "":
		return fmt.Errorf("%q has no letters or digits", name)
	case strings.IndexFunc(name, func(r rune) bool { return !meta.IsText(r) }) >= 0:
		return fmt.Errorf("%q holds a control character", name)
	case len(slug) > MaxSlug:
		return fmt.Errorf("the theme's slug would be %d bytes, and it names a folder and files of the site: at most %d (shorten the theme)", len(slug), MaxSlug)
	}
	return nil
}

func (p *parser) sources(v *meta.Node) []*Source {
	if v.Kind == meta.Null {
		return nil
	}
	if v.Kind != meta.List {
		p.errorf(v, "sources: want a list of handles, not %s", v.Describe())
		return nil
	}
	if len(v.Items) > MaxSources {
		p.errorf(v, "sources: %d sources; a digest may cite at most %d (each source's page and feeds show the digest)", len(v.Items), MaxSources)
		return nil
	}
	var out []*Source
	seen := map[string]int{}
	for _, item := range v.Items {
		var handle, note *meta.Node
		switch item.Kind {
		case meta.Scalar:
			handle = item
		case meta.Map:
			for _, f := range item.Fields {
				switch f.Key {
				case "handle":
					handle = f.Value
				case "note":
					note = f.Value
				default:
					p.problems.Warn(p.path, f.Line, f.Col, "sources: unknown field %q is ignored (want handle or note)", f.Key)
				}
			}
			if handle == nil {
				p.errorf(item, "sources: missing handle")
				continue
			}
		default:
			p.errorf(item, "sources: want a handle such as \"@allIn\", or {handle, note}, not %s", item.Describe())
			continue
		}
		s, ok := p.text(handle, "sources", true)
		if !ok {
			continue
		}
		name, ok := markdown.ParseHandle(s)
		if !ok {
			p.errorf(handle, "sources: %q is not a handle (want @ then 1 to %d letters, digits or _)", s, markdown.MaxHandle)
			continue
		}
		src := &Source{Handle: p.names.of(name), Slug: p.names.of(markdown.HandleSlug(name))}
		if note != nil {
			src.Note, _ = p.text(note, "note", false)
		}
		if first, dup := seen[src.Slug]; dup {
			p.errorf(handle, "sources: @%s is listed twice (first on line %d)", name, first)
			continue
		}
		seen[src.Slug] = handle.Line
		out = append(out, src)
	}
	return out
}
