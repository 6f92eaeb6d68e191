package feeds_test

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/sitetest"
)

// TestPageMetadata checks the <head> of every HTML page of the sample
// archive, built under a base_url with a path: links to the site's feeds
// (and to a term page's own feeds) that lead to files the build wrote, a
// canonical URL, Open Graph and Twitter metadata, and JSON-LD on digest
// pages.
func TestPageMetadata(t *testing.T) {
	b := buildSite(t, sample(), archiveURL, now)
	digests := map[string]*content.Digest{}
	for _, d := range b.published {
		digests[strings.TrimPrefix(d.Permalink, "/")+"index.html"] = d
	}
	pages, digestPages := 0, 0
	for _, name := range b.mem.Names() {
		if !strings.HasSuffix(name, ".html") || strings.HasSuffix("/"+name, "/page/1/index.html") {
			continue // page/1/ only leads to its list's first page
		}
		pages++
		t.Run(name, func(t *testing.T) {
			doc := page(t, b, name)
			checkAlternates(t, b, name, doc)
			checkCanonical(t, b, name, doc)
			checkOpenGraph(t, b, name, doc, digests[name] != nil)
			if d := digests[name]; d != nil {
				digestPages++
				checkArticle(t, b, doc, d)
			}
		})
	}
	if pages < len(b.published)+5 || digestPages != len(b.published) {
		t.Errorf("%d HTML pages, %d of them digest pages, for %d digests", pages, digestPages, len(b.published))
	}
}

// checkAlternates checks the page's <link rel="alternate">: the site's
// three feeds on every page, and a term page's own three, first, since a
// reader asked to subscribe to a page takes the first it names.
func checkAlternates(t *testing.T, b *built, name string, doc *html.Node) {
	links := map[string][]string{} // by type, the output files they lead to
	first := ""
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "link" {
			continue
		}
		if rel, _ := sitetest.Attr(n, "rel"); rel != "alternate" {
			continue
		}
		typ, _ := sitetest.Attr(n, "type")
		href, _ := sitetest.Attr(n, "href")
		file := b.outPath(href, name)
		if _, ok := b.mem.File(file); file == "" || !ok {
			t.Errorf("<link rel=alternate type=%q href=%q> leads to no file of the site", typ, href)
			continue
		}
		links[typ] = append(links[typ], file)
		if first == "" {
			first = file
		}
	}
	folders := []string{""}
	if m := termFolder.FindString(name); m != "" {
		folders = append(folders, m)
		if first != m+"feed.xml" {
			t.Errorf("the first <link rel=alternate> leads to %s, not to the page's own %sfeed.xml", first, m)
		}
	}
	for _, ff := range feedFiles {
		for _, folder := range folders {
			if !slices.Contains(links[ff.mime], folder+ff.name) {
				t.Errorf("no <link rel=alternate type=%q> to %s%s; it links %q", ff.mime, folder, ff.name, links[ff.mime])
			}
		}
		for _, file := range links[ff.mime] {
			if !strings.HasSuffix(file, ff.name) {
				t.Errorf("<link rel=alternate type=%q> leads to %s", ff.mime, file)
			}
		}
	}
}

// termFolder finds the folder of a term in the name of any of its pages.
var termFolder = regexp.MustCompile(`^(themes|sources|consensus|conviction)/[^/]+/`)

// pageURL is the absolute URL of an output file that is a page.
func (b *built) pageURL(name string) string {
	return b.abs(strings.TrimSuffix(name, "index.html"))
}

func checkCanonical(t *testing.T, b *built, name string, doc *html.Node) {
	var canonical, robots []string
	for n := range doc.Descendants() {
		if rel, _ := sitetest.Attr(n, "rel"); n.Type == html.ElementNode && n.Data == "link" && rel == "canonical" {
			href, _ := sitetest.Attr(n, "href")
			canonical = append(canonical, href)
		}
		if meta, _ := sitetest.Attr(n, "name"); n.Type == html.ElementNode && n.Data == "meta" && meta == "robots" {
			content, _ := sitetest.Attr(n, "content")
			robots = append(robots, content)
		}
	}
	// A host answers a request for 404.html itself with 200: a crawler
	// is told not to index it.
	if name == "404.html" {
		if len(canonical) != 0 {
			t.Errorf("the 404 page names a canonical URL: %q", canonical)
		}
		if len(robots) != 1 || robots[0] != "noindex" {
			t.Errorf("the 404 page has robots %q, want noindex", robots)
		}
		return
	}
	if len(robots) != 0 {
		t.Errorf("robots %q", robots)
	}
	want := b.pageURL(name)
	if len(canonical) != 1 || canonical[0] != want {
		t.Errorf("canonical %q, want %q", canonical, want)
	}
	if u, err := url.Parse(want); err != nil || !u.IsAbs() || !strings.HasPrefix(want, archiveURL) {
		t.Errorf("canonical %q is not absolute under %s", want, archiveURL)
	}
}

func checkOpenGraph(t *testing.T, b *built, name string, doc *html.Node, isDigest bool) {
	if title, _ := meta(doc, "og:title"); title == "" {
		t.Error("no og:title")
	}
	wantType := "website"
	if isDigest {
		wantType = "article"
	}
	if typ, _ := meta(doc, "og:type"); typ != wantType {
		t.Errorf("og:type %q, want %q", typ, wantType)
	}
	if card, _ := meta(doc, "twitter:card"); card == "" {
		t.Error("no twitter:card")
	}
	ogURL, ok := meta(doc, "og:url")
	if name == "404.html" {
		if ok {
			t.Errorf("the 404 page names og:url %q", ogURL)
		}
		return
	}
	if want := b.pageURL(name); ogURL != want {
		t.Errorf("og:url %q, want %q", ogURL, want)
	}
}

// checkArticle checks a digest page's schema.org JSON-LD.
func checkArticle(t *testing.T, b *built, doc *html.Node, d *content.Digest) {
	var scripts []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && isJSONLD(n) {
			scripts = append(scripts, text([]*html.Node{n}))
		}
	}
	if len(scripts) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(scripts))
	}
	var ld struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		DatePublished string `json:"datePublished"`
		DateModified  string `json:"dateModified"`
		Author        struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"author"`
		Keywords string `json:"keywords"`
		URL      string `json:"url"`
	}
	if err := json.Unmarshal([]byte(scripts[0]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, scripts[0])
	}
	if ld.Context != "https://schema.org" || ld.Type != "NewsArticle" {
		t.Errorf("JSON-LD @context %q @type %q, want a schema.org NewsArticle", ld.Context, ld.Type)
	}
	if ld.Headline != d.Title {
		t.Errorf("JSON-LD headline %q, want %q", ld.Headline, d.Title)
	}
	checkLDDate(t, "datePublished", ld.DatePublished, d.Date)
	checkLDDate(t, "dateModified", ld.DateModified, d.Modified())
	if ld.Author.Name != b.cfg.Author.Name || ld.Author.Type != "Person" {
		t.Errorf("JSON-LD author %+v, want the Person %q", ld.Author, b.cfg.Author.Name)
	}
	if want := strings.Join(themeNames(d), ", "); ld.Keywords != want {
		t.Errorf("JSON-LD keywords %q, want the themes %q", ld.Keywords, want)
	}
	if want := b.permalink(d); ld.URL != want {
		t.Errorf("JSON-LD url %q, want %q", ld.URL, want)
	}
}

func checkLDDate(t *testing.T, key, got string, want time.Time) {
	t.Helper()
	if tm, err := time.Parse(time.RFC3339, got); err != nil || !tm.Equal(want) {
		t.Errorf("JSON-LD %s %q, want %s", key, got, want.Format(time.RFC3339))
	}
}
