package feeds_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/sitetest"
	"golang.org/x/net/html"
)

// The hostile strings of testdata/xss.txtar.
const (
	xssTitle   = `<script>alert("t")</script> & "quotes"`
	xssTag     = `"><img src=x onerror=alert(1)>`
	xssSummary = `</script><script>alert(2)</script>`
	xssAuthor  = `<b onmouseover=alert("a")>Desk</b>`
	xssFolder  = "themes/img-src-x-onerror-alert-1/"
)

// TestXSS checks every feed of a digest made of hostile strings: each
// string comes back from a feed reader exactly as written (escaped in
// transport, not mangled), and nothing in the documents can run a script.
func TestXSS(t *testing.T) {
	b := buildSite(t, fixture(t, "xss"), "", now)
	if len(b.published) != 1 || b.published[0].Title != xssTitle {
		t.Fatalf("the fixture should give one digest titled %q", xssTitle)
	}
	checkFeeds(t, b)
	lists := b.lists()
	if !slices.ContainsFunc(lists, func(l list) bool { return l.folder == xssFolder }) {
		t.Fatalf("no theme %s", xssFolder)
	}
	for _, l := range lists {
		for _, ff := range feedFiles {
			name := l.folder + ff.name
			raw := b.file(t, name)
			f := parseFeed(t, name, raw, ff.feedType)
			if l.folder == xssFolder && f.Title != xssTag+" · XSS" {
				t.Errorf("%s: title %q, want %q", name, f.Title, xssTag+" · XSS")
			}
			if len(f.Items) != 1 {
				t.Fatalf("%s: %d entries, want 1", name, len(f.Items))
			}
			it := f.Items[0]
			if it.Title != xssTitle {
				t.Errorf("%s: entry title %q, want %q", name, it.Title, xssTitle)
			}
			if got := summaryText(t, name, ff, it); got != xssSummary {
				t.Errorf("%s: summary %q, want %q", name, got, xssSummary)
			}
			if !slices.Equal(it.Categories, []string{xssTag, "Safe"}) {
				t.Errorf("%s: categories %q, want %q", name, it.Categories, []string{xssTag, "Safe"})
			}
			checkInert(t, name+": content", fragment(t, it.Content))
			checkRaw(t, name, raw, ff)
		}
	}
	checkJSONLD(t, b)
}

// checkRaw looks at the bytes a reader receives. In XML, markup may only
// be escaped: outside CDATA sections there is no tag but the feed's own,
// and the HTML inside a CDATA section is inert. In JSON, no string can
// hold a script tag.
func checkRaw(t *testing.T, name string, raw []byte, ff feedFile) {
	t.Helper()
	hostile := regexp.MustCompile(`(?i)<\s*/?\s*(script|img|b|style)\b`)
	switch ff.feedType {
	case "json":
		if m := hostile.Find(raw); m != nil {
			t.Errorf("%s: raw JSON holds %q", name, m)
		}
	default:
		cdata := regexp.MustCompile(`(?s)<!\[CDATA\[(.*?)\]\]>`)
		for _, m := range cdata.FindAllSubmatch(raw, -1) {
			checkInert(t, name+": CDATA", fragment(t, string(m[1])))
		}
		outside := cdata.ReplaceAll(raw, nil)
		if m := hostile.Find(outside); m != nil {
			t.Errorf("%s: raw XML holds %q outside CDATA", name, m)
		}
		if bytes.Contains(outside, []byte("]]>")) {
			t.Errorf("%s: a CDATA section ends early", name)
		}
	}
}

// checkInert fails on anything in HTML that could run a script: a script
// element, an event handler, a javascript:, vbscript: or data: URL.
func checkInert(t *testing.T, where string, nodes []*html.Node) {
	t.Helper()
	walk(nodes, func(n *html.Node) {
		if n.Data == "script" && !isJSONLD(n) {
			t.Errorf("%s: a <script> element: %.80q", where, text([]*html.Node{n}))
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: <%s %s=%q>", where, n.Data, a.Key, a.Val)
			}
			if isURLAttr(a.Key) && dangerous(a.Val) {
				t.Errorf("%s: <%s %s=%q>", where, n.Data, a.Key, a.Val)
			}
		}
		if n.Data == "style" && strings.Contains(strings.ToLower(text([]*html.Node{n})), "javascript:") {
			t.Errorf("%s: a <style> element with a javascript: URL", where)
		}
	})
}

func isJSONLD(n *html.Node) bool {
	typ, _ := sitetest.Attr(n, "type")
	return n.Data == "script" && typ == "application/ld+json"
}

func isURLAttr(key string) bool {
	switch strings.ToLower(key) {
	case "href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset":
		return true
	}
	return false
}

// dangerous reports whether a browser would run a URL, or show one as a
// document: browsers ignore case and drop spaces and control characters.
func dangerous(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(u))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:")
}

// checkJSONLD checks the digest page: its JSON-LD gives the hostile strings
// back exactly, its script text has no "<" that could close the element,
// and nothing else on the page can run.
func checkJSONLD(t *testing.T, b *built) {
	d := b.published[0]
	name := strings.TrimPrefix(d.Permalink, "/") + "index.html"
	doc := page(t, b, name)
	checkInert(t, name, []*html.Node{doc})
	var scripts []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && isJSONLD(n) {
			scripts = append(scripts, text([]*html.Node{n}))
		}
		if n.Type == html.ElementNode && n.Data == "title" {
			if got, want := text([]*html.Node{n}), xssTitle+" · XSS"; got != want {
				t.Errorf("%s: <title> %q, want %q", name, got, want)
			}
		}
	}
	if og, _ := meta(doc, "og:title"); og != xssTitle {
		t.Errorf("%s: og:title %q, want %q", name, og, xssTitle)
	}
	if len(scripts) != 1 {
		t.Fatalf("%s: %d JSON-LD scripts, want 1", name, len(scripts))
	}
	script := scripts[0]
	if strings.Contains(strings.ToLower(script), "</script") || strings.Contains(script, "<") {
		t.Errorf("%s: the JSON-LD holds a \"<\": %s", name, script)
	}
	if !bytes.Contains(b.file(t, name), []byte(`<script type="application/ld+json">`+script+`</script>`)) {
		t.Errorf("%s: the JSON-LD script does not end where its JSON does", name)
	}
	var ld struct {
		Type        string `json:"@type"`
		Headline    string `json:"headline"`
		Description string `json:"description"`
		Keywords    string `json:"keywords"`
		Author      struct {
			Name string `json:"name"`
		} `json:"author"`
	}
	if err := json.Unmarshal([]byte(script), &ld); err != nil {
		t.Fatalf("%s: JSON-LD: %v\n%s", name, err, script)
	}
	if ld.Type != "NewsArticle" || ld.Headline != xssTitle || ld.Description != xssSummary || ld.Author.Name != xssAuthor {
		t.Errorf("%s: JSON-LD %+v, want a NewsArticle with headline %q, description %q and author %q", name, ld, xssTitle, xssSummary, xssAuthor)
	}
	if want := xssTag + ", Safe"; ld.Keywords != want {
		t.Errorf("%s: JSON-LD keywords %q, want %q", name, ld.Keywords, want)
	}
}
