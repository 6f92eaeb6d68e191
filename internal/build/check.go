package build

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/search"
	"github.com/signaldigest/signal/internal/site"
)

// The checks of an output that find what writing it would: a layout that
// fails on some pages only, a static file where a made file goes.

// Check makes every page, keeping none, and the static files and sitemap,
// and returns their errors, as Write would: serve runs it after a rebuild, which made only
// the pages asked for, so that an error that only some pages meet is found
// as a build finds it. It makes one page at a time, leaving the other
// cores to the pages being asked for, and stops when ctx is done.
func (o *Output) Check(ctx context.Context) diag.List {
	var problems diag.List
	for _, p := range o.site.Pages {
		if ctx.Err() != nil {
			return nil
		}
		if _, more := o.render.Page(p); more.Err() != nil {
			problems = append(problems, more.Errors()...)
		}
	}
	o.makeRest() // the static files and the sitemap
	problems = append(problems, o.problems.Errors()...)
	return problems.Unique()
}

// CheckAll is Check on every core, for signal check, which waits for it.
func (o *Output) CheckAll() diag.List {
	var mu sync.Mutex
	var problems diag.List
	each(o.site.Pages, func(p *site.Page) error {
		if _, more := o.render.Page(p); more.Err() != nil {
			mu.Lock()
			problems = append(problems, more.Errors()...)
			mu.Unlock()
		}
		return nil
	})
	o.makeRest()
	problems = append(problems, o.problems.Errors()...)
	return problems.Unique()
}

// clashes reports the static files that have the path of a file the build
// makes, a page, a feed, the sitemap or a file of the search index, or
// that would make a folder of a file it makes or a file of a folder: which
// of the two a reader got would depend on the order of writing. robots.txt
// is not one of them: a site's own replaces the one made.
func (o *Output) clashes() diag.List {
	made := o.makes
	var problems diag.List
	for _, name := range o.render.StaticNames() {
		what := ""
		switch {
		case strings.HasPrefix(name, search.Dir):
			what = "lies in search/, which holds the search index"
		case name != "robots.txt" && made(name):
			what = "has the path of a file that signal makes"
		case !strings.Contains(path.Base(name), ".") && (o.holdsPages("/"+name+"/") || o.holdsAlias(name+"/")):
			// Page folders are permalink segments and fixed names, which
			// hold no dot: only a name without one can be a folder's.
			what = "has the path of a folder of pages"
		default:
			for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
				if made(dir) {
					what = "lies in " + dir + ", a file that signal makes"
					break
				}
			}
		}
		if what != "" {
			problems.Add("static/"+name, 0, 0, "%s; rename or remove it", what)
		}
	}
	return problems
}

// makes reports whether the build makes a file of that name (not one of
// search/): a page, a feed, the sitemap or robots.txt.
func (o *Output) makes(name string) bool {
	_, page := o.pageOf(name)
	_, feed := o.lists[name]
	return page || feed || o.isAlias(name) || sitemapRE.MatchString(name) || name == "robots.txt"
}

// deadRefs warns of the links and images of the published digests that
// lead to no file of the site, at their lines: a path from the root
// (/img/chart.png, a file of static/) or from the digest's page (a
// relative one, which a reader's browser resolves from the page's folder).
// A page's address without its final / counts, as hosts redirect it. A
// link to a fragment of a page is not checked past the page.
func (o *Output) deadRefs() diag.List {
	static := map[string]bool{}
	for _, name := range o.render.StaticNames() {
		static[name] = true
	}
	base := o.site.Config.BaseURL.Path // unescaped, as url.URL.Path is
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	var problems diag.List
	for _, d := range o.site.Digests {
		page := &url.URL{Path: base + strings.TrimPrefix(d.Permalink, "/")}
		for _, r := range d.Refs {
			ref, err := url.Parse(r.Dest)
			if err != nil {
				// A % that starts no escape, which the page writes as
				// %25: so reads it a browser.
				ref, err = url.Parse(escapePercents(r.Dest))
			}
			if err != nil || ref.Path == "" && ref.RawQuery == "" {
				continue // no path to check: a fragment of the page, or no URL
			}
			// As a browser resolves it, from the page, under the base
			// path: the body's / was moved there, and .. climbs past it.
			shown := r.Dest
			if strings.HasPrefix(r.Dest, o.site.Config.BasePath()) {
				shown = "/" + strings.TrimPrefix(r.Dest, o.site.Config.BasePath())
			}
			target := page.ResolveReference(ref).Path
			rest, inside := strings.CutPrefix(target, base)
			if !inside && target+"/" != base {
				problems.Warn(d.Path, r.Line, 0, "the %s %s leads out of the site, to %s", kindOf(r), shown, target)
				continue
			}
			name := rest
			if name == "" || strings.HasSuffix(name, "/") {
				name += "index.html"
			}
			if o.makes(name) || static[name] || strings.HasPrefix(name, search.Dir) || o.makes(name+"/index.html") || static[name+"/index.html"] {
				continue
			}
			hint := ""
			for s := range static {
				if strings.HasSuffix(name, "/"+s) && (hint == "" || len(s) > len(hint)) {
					hint = s
				}
			}
			if hint != "" {
				hint = fmt.Sprintf(" (static/%s is at /%s)", hint, hint)
			}
			problems.Warn(d.Path, r.Line, 0, "the %s %s leads to no file of the site%s", kindOf(r), shown, hint)
		}
	}
	return problems
}

// escapePercents writes each % of s that starts no escape of two hex
// digits as %25.
func escapePercents(s string) string {
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			b.WriteString("25")
		}
	}
	return b.String()
}

// kindOf names a reference in a message.
func kindOf(r markdown.Ref) string {
	if r.Image {
		return "image"
	}
	return "link"
}

// isAlias reports whether name is the page/1/ that leads to the first page
// of a list (see site.Page.AliasFile).
func (o *Output) isAlias(name string) bool {
	list, ok := strings.CutSuffix(name, "page/1/index.html")
	p, found := o.pages["/"+list]
	return ok && found && p.AliasFile() == name
}

// holdsAlias reports whether the page/1/ of a list lies in the folder dir.
func (o *Output) holdsAlias(dir string) bool {
	for _, p := range o.pages {
		if strings.HasPrefix(p.AliasFile(), dir) {
			return true
		}
	}
	return false
}

// sitemapRE matches the names of the sitemap's files.
var sitemapRE = regexp.MustCompile(`^sitemap(-[0-9]+)?\.xml$`)

// holdsPages reports whether any page lies in the folder at path.
func (o *Output) holdsPages(path string) bool {
	for p := range o.pages {
		if strings.HasPrefix(p, path) {
			return true
		}
	}
	return false
}
