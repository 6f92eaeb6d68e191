package build_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	stdhtml "html"
	"image/png"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/sitetest"
)

// Every internal href and src of every page resolves to a built file, under
// a base_url with a path, and so does every URL of the sitemap.
func TestLinksResolve(t *testing.T) {
	base := "https://example.org/archive/"
	mem, _ := run(t, sample(), build.Options{BaseURL: mustURL(t, base)})
	ids := map[string]map[string]bool{} // page → its ids
	idsOf := func(name string) map[string]bool {
		if ids[name] == nil {
			ids[name] = map[string]bool{}
			data, _ := mem.File(name)
			sitetest.Walk(sitetest.ParseHTML(t, name, data), func(n *html.Node) {
				if id, ok := sitetest.Attr(n, "id"); ok {
					if ids[name][id] {
						t.Errorf("%s: two elements have the id %q", name, id)
					}
					ids[name][id] = true
				}
			})
		}
		return ids[name]
	}
	checked, fragments := 0, 0
	for _, name := range htmlFiles(mem) {
		data, _ := mem.File(name)
		idsOf(name)
		sitetest.Walk(sitetest.ParseHTML(t, name, data), func(n *html.Node) {
			for _, key := range []string{"href", "src"} {
				v, ok := sitetest.Attr(n, key)
				if !ok {
					continue
				}
				// A link to a part of a page names an element of it.
				if i := strings.IndexByte(v, '#'); i >= 0 && i+1 < len(v) && !strings.HasPrefix(v, "https://x.com/") {
					page := name
					if i > 0 {
						page = resolve(t, name, v[:i], "/archive/")
					}
					if frag, _ := url.PathUnescape(v[i+1:]); page != "" && strings.HasSuffix(page, ".html") {
						fragments++
						if _, ok := mem.File(page); ok && !idsOf(page)[frag] {
							t.Errorf("%s: %s=%q names no element of %s", name, key, v, page)
						}
					}
				}
				if strings.HasPrefix(v, "https://example.org/") && !strings.HasPrefix(v, base) {
					t.Errorf("%s: absolute link %s outside base_url", name, v)
				}
				target := resolve(t, name, v, "/archive/")
				if strings.HasPrefix(v, base) {
					target = resolve(t, name, strings.TrimPrefix(v, "https://example.org"), "/archive/")
				}
				if target == "" {
					continue
				}
				checked++
				if _, ok := mem.File(target); !ok {
					t.Errorf("%s: %s=%q leads to missing %s", name, key, v, target)
				}
			}
		})
	}
	if checked < 500 || fragments < 10 {
		t.Errorf("checked only %d links, %d of them to a part of a page", checked, fragments)
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(page(t, mem, "sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	if len(sm.URLs) != len(htmlFiles(mem))-1 { // all pages but 404.html
		t.Errorf("sitemap has %d URLs for %d pages", len(sm.URLs), len(htmlFiles(mem))-1)
	}
	for _, u := range sm.URLs {
		if !strings.HasPrefix(u.Loc, base) {
			t.Errorf("sitemap URL %s is not under %s", u.Loc, base)
			continue
		}
		if target := resolve(t, "sitemap.xml", strings.TrimPrefix(u.Loc, "https://example.org"), "/archive/"); target != "" {
			if _, ok := mem.File(target); !ok {
				t.Errorf("sitemap URL %s has no page", u.Loc)
			}
		}
	}
	if robots := page(t, mem, "robots.txt"); !strings.Contains(robots, "Sitemap: "+base+"sitemap.xml\n") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}
}

// Every page is a complete HTML document with a language, a title, one h1,
// landmarks, an icon that is the image its link says, and no request to
// another host.
func TestPagesWellFormed(t *testing.T) {
	mem, _ := run(t, sample(), build.Options{BaseURL: mustURL(t, "https://example.org/archive/")})
	for _, name := range htmlFiles(mem) {
		data, _ := mem.File(name)
		if !strings.HasPrefix(string(data), "<!DOCTYPE html>") {
			t.Errorf("%s: no doctype", name)
		}
		count := map[string]int{}
		sitetest.Walk(sitetest.ParseHTML(t, name, data), func(n *html.Node) {
			if n.Namespace == "" { // not the <title> of an SVG mark
				count[n.Data]++
			}
			if n.Data == "html" {
				if lang, _ := sitetest.Attr(n, "lang"); lang != "en" {
					t.Errorf("%s: html lang=%q", name, lang)
				}
			}
			if n.Data == "link" && hasRel(n, "icon") {
				count["icon"]++
				checkIcon(t, mem, name, n)
			}
			if n.Data == "title" && (n.FirstChild == nil || strings.TrimSpace(n.FirstChild.Data) == "") {
				t.Errorf("%s: empty title", name)
			}
			// Only links and the canonical URL may name another host; nothing
			// is loaded from one.
			if n.Data == "script" || n.Data == "img" || n.Data == "link" && hasRel(n, "stylesheet") {
				src, _ := sitetest.Attr(n, "src")
				href, _ := sitetest.Attr(n, "href")
				if strings.Contains(src+href, "//") {
					t.Errorf("%s: <%s> loads from another host: %s%s", name, n.Data, src, href)
				}
			}
		})
		if count["icon"] != 1 {
			t.Errorf("%s: %d icons", name, count["icon"])
		}
		for _, el := range []string{"h1", "main", "header", "footer", "nav", "title"} {
			min := 1
			if el == "header" || el == "nav" {
				min = 1 // pages may add their own inside articles
			}
			if count[el] < min || (el == "h1" || el == "main" || el == "title") && count[el] != 1 {
				t.Errorf("%s: %d <%s>", name, count[el], el)
			}
		}
	}
}

// checkIcon checks that an icon link names a built PNG of its sizes: a
// raster image, which a browser decodes without the main-thread document
// that an SVG icon costs on every cold page load.
func checkIcon(t *testing.T, mem *output.Memory, name string, n *html.Node) {
	t.Helper()
	href, _ := sitetest.Attr(n, "href")
	typ, _ := sitetest.Attr(n, "type")
	sizes, _ := sitetest.Attr(n, "sizes")
	data, ok := mem.File(resolve(t, name, href, "/archive/"))
	if !ok || typ != "image/png" {
		t.Errorf("%s: icon %q of type %q is not a built PNG", name, href, typ)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || fmt.Sprintf("%dx%d", cfg.Width, cfg.Height) != sizes {
		t.Errorf("%s: icon %q is %dx%d (%v), its link says %q", name, href, cfg.Width, cfg.Height, err, sizes)
	}
}

// hostile reports whether text holds any part of xss.txtar's payloads.
func hostile(text string) bool {
	for _, p := range []string{"alert", "<script", "<img", "<b ", "onerror", "onclick", "onmouseover", "javascript:", "@evil"} {
		if strings.Contains(strings.ToLower(text), p) {
			return true
		}
	}
	return false
}

func hasRel(n *html.Node, rel string) bool {
	v, _ := sitetest.Attr(n, "rel")
	return strings.Contains(" "+v+" ", " "+rel+" ")
}

// Nothing an author writes can run in a reader's browser: hostile strings in
// the title, tags, consensus, summary, notes and body come out as text.
func TestXSS(t *testing.T) {
	mem, _ := run(t, txtarFS(t, "xss.txtar"), build.Options{})
	title := `<script>alert("t")</script> & "quotes" <img src=x onerror=alert(1)>`
	for _, name := range htmlFiles(mem) {
		data, _ := mem.File(name)
		sitetest.Walk(sitetest.ParseHTML(t, name, data), func(n *html.Node) {
			if n.Data == "script" {
				typ, _ := sitetest.Attr(n, "type")
				src, _ := sitetest.Attr(n, "src")
				if typ == "module" && strings.HasPrefix(src, "/search.js?v=") && n.FirstChild == nil {
					return // the theme's own search client, on the search page
				}
				if name == "search/index.html" && typ == "" && src == "" && n.FirstChild != nil &&
					strings.Contains(n.FirstChild.Data, "window.signalSearchEarly") && !hostile(n.FirstChild.Data) {
					return // and its early fetch of the index files, which holds no author's text
				}
				if typ != "application/ld+json" {
					t.Errorf("%s: a <script> element of type %q", name, typ)
					return
				}
				var ld struct{ Headline string }
				text := n.FirstChild.Data
				if err := json.Unmarshal([]byte(text), &ld); err != nil {
					t.Errorf("%s: JSON-LD does not parse: %v", name, err)
				}
				if ld.Headline != title || strings.Contains(text, "<") {
					t.Errorf("%s: JSON-LD headline %q, raw %q", name, ld.Headline, text)
				}
			}
			if n.Data == "img" {
				t.Errorf("%s: an <img> element made it through", name)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("%s: event handler attribute %s on <%s>", name, a.Key, n.Data)
				}
				if a.Key == "href" || a.Key == "src" {
					v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
					for _, bad := range []string{"javascript:", "vbscript:", "data:"} {
						if strings.HasPrefix(v, bad) {
							t.Errorf("%s: %s=%q", name, a.Key, a.Val)
						}
					}
				}
			}
		})
	}
	digest := page(t, mem, "2026/11/01/xss/index.html")
	// The title is shown as the text it is.
	doc := sitetest.ParseHTML(t, "digest", []byte(digest))
	sitetest.Walk(doc, func(n *html.Node) {
		if n.Data == "h1" && n.FirstChild != nil && n.FirstChild.Data != title {
			t.Errorf("h1 text %q, want %q", n.FirstChild.Data, title)
		}
	})
	for _, want := range []string{"click", "@evil"} {
		if !strings.Contains(digest, want) {
			t.Errorf("digest page lost the text %q", want)
		}
	}
}

// The themes are listed in the order of the site's language, by their
// words: an emoji or an accent does not send a theme to the end.
func TestThemesOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte("title: Order\n")},
		"content/2026-11-02-one.md": {Data: []byte("---\ntitle: One\ndate: 2026-11-02\nconsensus: Bullish\nconviction: high\n" +
			"tags: [\"🚀 Rockets\", Ünïcode Test, Semiconductors, robotics, Apple, \"日本語\", Zinc]\n---\nBody.\n")},
	}
	mem, _ := run(t, fsys, build.Options{})
	re := regexp.MustCompile(`<li><a href="/themes/[^"]*">([^<]*)</a>`)
	var got []string
	for _, m := range re.FindAllStringSubmatch(page(t, mem, "themes/index.html"), -1) {
		got = append(got, stdhtml.UnescapeString(m[1]))
	}
	want := []string{"Apple", "robotics", "🚀 Rockets", "Semiconductors", "Ünïcode Test", "Zinc", "日本語"}
	if !slices.Equal(got, want) {
		t.Errorf("themes listed as %q, want %q", got, want)
	}
}

// Every list has a page/1/ that leads to its first page, as in Hugo: it
// names that page as canonical, asks not to be indexed, and is not in the
// sitemap.
func TestFirstPageAliases(t *testing.T) {
	mem, _ := run(t, sample(), build.Options{BaseURL: mustURL(t, "https://example.org/archive/")})
	lists := 0
	for _, name := range htmlFiles(mem) {
		data, _ := mem.File(name)
		if !strings.Contains(string(data), `<nav class="pager"`) && name != "index.html" && !strings.HasPrefix(name, "themes/") {
			continue
		}
		first, ok := strings.CutSuffix(name, "index.html")
		if !ok || strings.Contains(first, "page/") || first == "themes/" || first == "search/" || first == "archive/" {
			continue
		}
		lists++
		alias := page(t, mem, first+"page/1/index.html")
		abs := "https://example.org" + (&url.URL{Path: "/archive/" + first}).EscapedPath()
		for _, want := range []string{`<link rel="canonical" href="` + abs + `">`, `<meta name="robots" content="noindex">`, `<meta http-equiv="refresh" content="0; url=` + abs + `">`} {
			if !strings.Contains(alias, want) {
				t.Errorf("%spage/1/index.html has no %s:\n%s", first, want, alias)
			}
		}
	}
	if lists < 5 {
		t.Errorf("checked %d lists", lists)
	}
	if _, ok := mem.File("page/1/index.html"); !ok {
		t.Error("no page/1/ for the home page")
	}
	if strings.Contains(page(t, mem, "sitemap.xml"), "/page/1/") {
		t.Error("the sitemap lists a page/1/")
	}
}

// A list's page tells where it is: the menu entry of its section is marked
// on a term's pages, and a page after the first says its number under the
// heading. Without JavaScript the search page hides its form, which could
// not work, and shows why.
func TestWhereAmI(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: T\npage_size: 1\n")}
	mem, _ := run(t, fsys, build.Options{})
	second := ""
	for _, n := range mem.Names() {
		if strings.HasPrefix(n, "themes/") && strings.HasSuffix(n, "/page/2/index.html") {
			second = n
			break
		}
	}
	if second == "" {
		t.Fatal("no theme has a second page")
	}
	first := strings.TrimSuffix(second, "page/2/index.html") + "index.html"
	theme := page(t, mem, first)
	if !strings.Contains(siteHeader(theme), `aria-current="true">Themes</a>`) || strings.Contains(siteHeader(theme), `aria-current="page"`) {
		t.Error("a theme's page does not mark the Themes entry as its section")
	}
	if index := page(t, mem, "themes/index.html"); !strings.Contains(index, `aria-current="page">Themes</a>`) {
		t.Error("the themes index is not marked as the page")
	}
	if p := page(t, mem, second); !strings.Contains(p, `<p class="page-of">Page 2 of `) {
		t.Error("a second page does not say its number")
	}
	if strings.Contains(theme, `class="page-of"`) {
		t.Error("a first page says its number")
	}
	if s := page(t, mem, "search/index.html"); !strings.Contains(s, "<noscript><style>.search-form, .search-keys { display: none; }</style></noscript>") {
		t.Error("the search page shows its form without JavaScript")
	}
}

// An archive of more than one year opens with a line a year, each of its
// months a link to its heading on the page.
func TestArchiveIndex(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["content/2025-03-02-older.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Older\ndate: 2025-03-02\nconsensus: mixed\nconviction: low\n---\nx\n")}
	mem, _ := run(t, fsys, build.Options{})
	archive := page(t, mem, "archive/index.html")
	links := regexp.MustCompile(`<nav class="archive-index"[\s\S]*?</nav>`).FindString(archive)
	if !strings.Contains(links, `<a href="#y2025-03">Mar</a>`) || !strings.Contains(links, `<a href="#y2025">2025</a>`) {
		t.Fatalf("no index of years and months:\n%s", links)
	}
	for _, m := range regexp.MustCompile(`href="#([^"]+)"`).FindAllStringSubmatch(links, -1) {
		if !strings.Contains(archive, `id="`+m[1]+`"`) {
			t.Errorf("the index links #%s, which no heading has", m[1])
		}
	}
}
