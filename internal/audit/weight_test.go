package audit_test

import (
	"bytes"
	"compress/gzip"
	"net/url"
	"strings"
	"testing"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/sitetest"
	"golang.org/x/net/html"
)

// The theme's budget, in gzipped bytes.
const (
	maxCSS    = 15 << 10 // every stylesheet a page links, together
	maxScript = 2 << 10  // any one script, outside the search page (raw bytes)
	maxDigest = 30 << 10 // a digest page and its stylesheets, beyond the digest's own text
	maxSearch = 10 << 10 // the search page's scripts, which issue 9 bounds
)

func gzipped(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

// TestWeight keeps the theme light: its CSS, its scripts, and what a digest
// page weighs beyond the digest's text.
func TestWeight(t *testing.T) {
	s := serve(t)
	css := 0
	home, _ := s.mem.File("index.html")
	sitetest.Walk(sitetest.ParseHTML(t, "index.html", home), func(n *html.Node) {
		if n.Data == "link" && attr(n, "rel") == "stylesheet" {
			data := s.local(t, attr(n, "href"))
			css += gzipped(data)
		}
	})
	t.Logf("stylesheets: %d bytes gzipped (budget %d)", css, maxCSS)
	if css == 0 || css > maxCSS {
		t.Errorf("the stylesheets weigh %d bytes gzipped, budget %d", css, maxCSS)
	}
	// The module as served, without its lines of comments, and its source.
	js, _ := s.mem.File("search.js")
	src, _ := signal.Theme.ReadFile("static/search.js")
	t.Logf("search.js: %d bytes gzipped, %d with its comments (budget %d)", gzipped(js), gzipped(src), maxSearch)
	if len(js) == 0 || gzipped(src) > maxSearch {
		t.Errorf("search.js weighs %d bytes gzipped, %d with its comments; budget %d", gzipped(js), gzipped(src), maxSearch)
	}
	if len(js) >= len(src) {
		t.Errorf("search.js is served in %d bytes, its source holds %d: its lines of comments are not left out", len(js), len(src))
	}
	// The search page's own script, which asks for the index files of its
	// URL's words early, is part of the client too.
	searchPage, _ := s.mem.File("search/index.html")
	inline := 0
	sitetest.Walk(sitetest.ParseHTML(t, "search/index.html", searchPage), func(n *html.Node) {
		if n.Data == "script" && attr(n, "src") == "" && attr(n, "type") == "" && n.FirstChild != nil {
			inline += gzipped([]byte(n.FirstChild.Data))
		}
	})
	t.Logf("the search page's inline script: %d bytes gzipped; with search.js as served, %d (budget %d)", inline, inline+gzipped(js), maxSearch)
	if inline == 0 || inline+gzipped(js) > maxSearch {
		t.Errorf("the search page's inline script (%d bytes gzipped) and search.js as served (%d) weigh more than %d", inline, gzipped(js), maxSearch)
	}

	biggest, biggestPage := 0, ""
	for _, name := range s.mem.Names() {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "search/") {
			continue
		}
		data, _ := s.mem.File(name)
		doc := sitetest.ParseHTML(t, name, data)
		sitetest.Walk(doc, func(n *html.Node) {
			if n.Data != "script" || n.Namespace != "" {
				return
			}
			switch attr(n, "type") {
			case "", "module", "text/javascript", "application/javascript":
			default:
				return // data, such as JSON-LD, runs nothing
			}
			size := 0
			if src := attr(n, "src"); src != "" {
				size = len(s.local(t, src))
			} else if n.FirstChild != nil {
				size = len(n.FirstChild.Data)
			}
			if size > maxScript {
				t.Errorf("%s: a script of %d bytes, budget %d", name, size, maxScript)
			}
		})
		if body := find(doc, func(n *html.Node) bool { return n.Data == "div" && attr(n, "class") == "body" }); body != nil {
			// The digest's own text is its body; the rest is the theme's.
			for body.FirstChild != nil {
				body.RemoveChild(body.FirstChild)
			}
			var b bytes.Buffer
			html.Render(&b, doc)
			if w := gzipped(b.Bytes()) + css; w > biggest {
				biggest, biggestPage = w, name
			}
		}
	}
	t.Logf("heaviest digest page beyond its text, with its stylesheets: %s, %d bytes gzipped (budget %d)", biggestPage, biggest, maxDigest)
	if biggest == 0 {
		t.Error("no digest page found")
	}
	if biggest > maxDigest {
		t.Errorf("%s weighs %d bytes gzipped beyond its text, with its stylesheets; budget %d", biggestPage, biggest, maxDigest)
	}
}

// local is the built file a same-site URL names.
func (s *sample) local(t *testing.T, ref string) []byte {
	t.Helper()
	u, err := url.Parse(ref)
	if err != nil || u.Host != "" && u.Host != s.host {
		t.Fatalf("%q is not on the site", ref)
	}
	data, ok := s.mem.File(strings.TrimPrefix(u.Path, "/"))
	if !ok {
		t.Fatalf("%s names no built file", ref)
	}
	return data
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	var out *html.Node
	sitetest.Walk(n, func(c *html.Node) {
		if out == nil && match(c) {
			out = c
		}
	})
	return out
}

// attr is an element's attribute, or "" when it has none.
func attr(n *html.Node, key string) string {
	v, _ := sitetest.Attr(n, key)
	return v
}
