package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"
	"text/template/parse"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/site"
	"github.com/signaldigest/signal/internal/sitefs"
)

// layouts maps each page kind to its layout file.
var layouts = map[site.Kind]string{
	site.KindHome:     "list.html",
	site.KindTerm:     "list.html",
	site.KindDigest:   "digest.html",
	site.KindTerms:    "terms.html",
	site.KindArchive:  "archive.html",
	site.KindNotFound: "404.html",
	site.KindSearch:   "search.html",
}

// templates holds one parsed template set per layout file.
type templates map[string]*template.Template

// parseTemplates parses base.html and partials/*.html with each layout.
func parseTemplates(layoutFS fs.FS, funcs template.FuncMap) (templates, diag.List) {
	var problems diag.List
	partials, err := fs.Glob(layoutFS, "partials/*.html")
	if err != nil {
		problems.Add("layouts/partials", 0, 0, "cannot list partials: %v", err)
		return nil, problems
	}
	// Partials are named by their base name, as layouts call them: one
	// named like a layout would replace it.
	for _, name := range partials {
		if base := path.Base(name); !isPartial(base) {
			problems.Add("layouts/"+name, 0, 0, "a partial may not be named like the layout %s; rename it", base)
		}
	}
	if problems.Err() != nil {
		return nil, problems
	}
	common := append([]string{"base.html"}, partials...)
	out := templates{}
	seen := map[string]bool{}
	for _, layout := range layouts {
		if seen[layout] {
			continue
		}
		seen[layout] = true
		// Every file is parsed, past one that fails: one run tells the
		// problems of them all.
		t := template.New("base.html").Funcs(funcs)
		failed := false
		var main *parse.Tree               // as base.html and the partials leave it
		before := map[string]*parse.Tree{} // every template, as they leave them
		for _, name := range append(common, layout) {
			if name == layout {
				if m := t.Lookup("main"); m != nil {
					main = m.Tree
				}
				for _, tt := range t.Templates() {
					before[tt.Name()] = tt.Tree
				}
			}
			src, err := sitefs.ReadFile(layoutFS, name)
			if err != nil {
				problems.Add("layouts/"+name, 0, 0, "cannot read layout: %v", err)
				failed = true
				continue
			}
			target := t // parsing base.html through t.New would drop the funcs
			if name != "base.html" {
				target = t.New(path.Base(name))
			}
			if _, err := target.Parse(string(src)); err != nil {
				problems = append(problems, templateError(err))
				failed = true
			}
		}
		if failed {
			continue
		}
		// A layout that fills no "main" of base.html, or no block at all
		// of a base.html of the site's own, and whose text is outside
		// every {{define}}, would empty every page of its kind.
		defines := false
		for _, tt := range t.Templates() {
			if tt.Name() != layout && before[tt.Name()] != tt.Tree {
				defines = true
			}
		}
		if filled := t.Lookup("main"); (main != nil && filled != nil && filled.Tree == main) || (main == nil && !defines) {
			if p, ok := unshown(t, layout); ok {
				problems = append(problems, p)
				continue
			}
		}
		out[layout] = t
	}
	return out, problems.Unique()
}

// unshown finds text a layout holds outside {{define}}, which no page
// shows: base.html makes the page, and the layout fills its blocks.
func unshown(t *template.Template, layout string) (diag.FileError, bool) {
	own := t.Lookup(layout)
	if own == nil || own.Tree == nil {
		return diag.FileError{}, false
	}
	var first parse.Node
	for _, n := range own.Tree.Root.Nodes {
		if text, ok := n.(*parse.TextNode); ok && strings.TrimSpace(string(text.Text)) == "" {
			continue
		}
		if _, ok := n.(*parse.CommentNode); !ok {
			first = n
			break
		}
	}
	if first == nil {
		return diag.FileError{}, false
	}
	line := 0
	if at, _ := own.Tree.ErrorContext(first); at != "" {
		parts := strings.Split(at, ":")
		line, _ = strconv.Atoi(parts[min(1, len(parts)-1)])
	}
	if text, ok := first.(*parse.TextNode); ok { // the line of its first letter
		line += strings.Count(string(text.Text[:len(text.Text)-len(bytes.TrimLeft(text.Text, " \t\r\n"))]), "\n")
	}
	return diag.FileError{Path: "layouts/" + layout, Line: line,
		Msg: `this text is outside {{define}}, where no page shows it, and the layout fills no "main": a layout fills the blocks of base.html, as in {{define "main"}}…{{end}}`}, true
}

var templateErrRE = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+):(?:(\d+):)? ?(.*)$`)

// templateError turns an html/template error into a FileError pointing at
// the layout file. Partials are parsed under their base name, so the folder
// is put back.
func templateError(err error) diag.FileError {
	// An error inside a cached partial comes wrapped in the error of the
	// page that called it: report where it happened.
	for e := err; e != nil; e = errors.Unwrap(e) {
		if exec, ok := e.(texttemplate.ExecError); ok {
			err = exec
		}
	}
	// One that html/template finds escaping a partial as it is first run
	// names the partial, with its line when it has one.
	var escape *template.Error
	if errors.As(err, &escape) {
		err = escape
	}
	msg := err.Error()
	m := templateErrRE.FindStringSubmatch(msg)
	if m == nil && escape != nil && escape.Name != "" {
		msg := escape.Description
		if escape.ErrorCode == template.ErrEndContext {
			// html/template names the state it ended in, which means
			// nothing to a theme's author; the line is unknown.
			msg = "ends inside " + openAt(msg) + ", here or in a template it calls"
		}
		return diag.FileError{Path: layoutPath(escape.Name), Line: escape.Line, Msg: plainContext(msg)}
	}
	if m == nil {
		return diag.FileError{Path: "layouts", Msg: msg}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return diag.FileError{Path: layoutPath(m[1]), Line: line, Col: col, Msg: plainContext(m[4])}
}

// openAt says what a template left open, from the state html/template
// names in its message.
func openAt(msg string) string {
	switch {
	case strings.Contains(msg, "{stateHTMLCmt"):
		return "an HTML comment left open (<!-- without -->)"
	case strings.Contains(msg, "{stateJS") || strings.Contains(msg, "elementScript"):
		return "a <script> left open (no </script>)"
	case strings.Contains(msg, "{stateCSS") || strings.Contains(msg, "elementStyle"):
		return "a <style> left open (no </style>)"
	case strings.Contains(msg, "{stateRCDATA") || strings.Contains(msg, "elementTextarea") || strings.Contains(msg, "elementTitle"):
		return "a <title> or <textarea> left open"
	}
	return "a tag or attribute left open (a quote or > is missing)"
}

// contextRE matches the escaper's states that html/template puts in its
// messages: "{stateURL delimDoubleQuote urlPartPreQuery ...}".
var contextRE = regexp.MustCompile(`:? ?\{state[^{}]*\}(?:, \{state[^{}]*\})*`)

// plainContext drops those states: "{{if}} branches end in different
// contexts" says what is wrong without them.
func plainContext(msg string) string { return contextRE.ReplaceAllString(msg, "") }

// layoutPath is the file of a template of the theme by its name: partials
// are parsed under their base name, so the folder is put back.
func layoutPath(name string) string {
	if !strings.HasSuffix(name, ".html") {
		name = "base.html"
	}
	if isPartial(name) {
		name = "partials/" + name
	}
	return "layouts/" + name
}

func isPartial(name string) bool {
	for _, l := range layouts {
		if l == name {
			return false
		}
	}
	return name != "base.html"
}

// funcMap is what layouts can call besides the built-ins.
func funcMap(cfg *config.Config, assets map[string]string, static fs.FS) template.FuncMap {
	var known sync.Map // asset names found in static, and whether they are there
	return template.FuncMap{
		// url turns a site path into a link that works under base_url's
		// path, with each segment percent-encoded: url "/themes/política/".
		// A query or fragment after it is kept ("/archive/#y2026"), and a
		// URL with a scheme or a host ("https://x.org/") is left as it is,
		// as Hugo's relURL leaves it.
		"url": func(ref string) string {
			return siteRef(ref, func(path string) string { return Href(cfg, path) })
		},
		// abs turns a site path into an absolute URL, as url does.
		"abs": func(ref string) string {
			return siteRef(ref, func(path string) string { return cfg.AbsURL(site.EscapePath(path)) })
		},
		// asset links a file of static/, the site's or the theme's, with
		// a hash of its contents after the name of a stylesheet or script
		// at the top of static/ (style.css?v=1a2b3c4d), so that a CDN may
		// keep it for ever. A name that is no such file is an error, not
		// a broken link.
		"asset": func(name string) (string, error) {
			name = strings.TrimPrefix(name, "/")
			if static != nil {
				ok, done := known.Load(name)
				if !done {
					st, err := fs.Stat(static, name)
					ok, _ = known.LoadOrStore(name, err == nil && !st.IsDir())
				}
				if !ok.(bool) {
					return "", fmt.Errorf("asset %q: no such file in static/ or the theme's", name)
				}
			}
			return Href(cfg, "/"+name) + assets[name], nil
		},
		// trusted marks HTML that signal made itself: the Markdown renderer's
		// output, whose raw HTML and unsafe links are already dropped.
		"trusted": func(b []byte) template.HTML { return template.HTML(b) },
		// cited shows a block of a digest's body that cites a source, on
		// the source's page: cited BLOCK DIGEST-PERMALINK relinks it to the
		// digest's page; without the permalink (as layouts written before
		// it call it) it is shown as it is.
		"cited": func(b []byte, permalink ...string) template.HTML {
			page := ""
			if len(permalink) > 0 {
				page = Href(cfg, permalink[0])
			}
			return cited(b, page, !cfg.UnsafeHTML)
		},
		"date":     func(t time.Time) string { return t.Format("2 January 2006") },
		"isodate":  func(t time.Time) string { return t.Format(time.DateOnly) },
		"datetime": func(t time.Time) string { return t.Format(time.RFC3339) },
		"month":    func(m time.Month) string { return m.String() },
		"profile":  func(handle string) string { return "https://x.com/" + strings.TrimPrefix(handle, "@") },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
		"ogLocale": ogLocale,
		"jsonld":   func(p *site.Page) template.JS { return jsonLD(cfg, p.Digest) },
		// source is how a digest cites a handle, for source pages.
		"source": func(d *content.Digest, slug string) *content.Source {
			for _, s := range d.Sources {
				if s.Slug == slug {
					return s
				}
			}
			return &content.Source{}
		},
	}
}

// siteRef is link(path) for a reference to a path of the site, with the
// query or fragment after it kept as written; a URL with a scheme or a
// host is left as it is.
func siteRef(ref string, link func(path string) string) string {
	if scheme.MatchString(ref) || strings.HasPrefix(ref, "//") {
		return ref
	}
	path, rest := ref, ""
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		path, rest = ref[:i], ref[i:]
	}
	return link(path) + rest
}

// scheme matches a URL that starts with a scheme (RFC 3986): https:, mailto:.
var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// Href is the link to a site path: base_url's path, then the site path with
// each segment percent-encoded. A path without its leading slash, as a
// layout may write it ("feed.xml"), is from the site's root too.
func Href(cfg *config.Config, sitePath string) string {
	return cfg.BasePath() + strings.TrimPrefix(site.EscapePath(sitePath), "/")
}

// unused warns of the files in the site's layouts/ that no page reads: a
// Hugo layout's name (single.html), a partial in a folder of partials/,
// a .htm file. Each is left out without a word otherwise.
func (t Theme) unused() diag.List {
	o, ok := t.Layouts.(overlay)
	if !ok || o.upper == nil {
		return nil
	}
	var problems diag.List
	_ = fs.WalkDir(o.upper, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		if name == "base.html" || path.Dir(name) == "partials" && path.Ext(name) == ".html" {
			return nil
		}
		for _, l := range layouts {
			if name == l {
				return nil
			}
		}
		problems.Warn("layouts/"+name, 0, 0, "not used: layouts are base.html, %s, and partials/*.html", strings.Join(layoutNames(), ", "))
		return nil
	})
	return problems
}

// layoutNames are the page layouts' files, sorted.
func layoutNames() []string {
	var names []string
	for _, l := range layouts {
		if !slices.Contains(names, l) {
			names = append(names, l)
		}
	}
	slices.Sort(names)
	return names
}
