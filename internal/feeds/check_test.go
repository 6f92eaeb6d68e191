package feeds_test

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/sitetest"
)

// checkFeeds checks every feed of a build against the lists of digests the
// site should have, computed by hand from what build.Load read. It returns
// the id of every entry of every feed.
func checkFeeds(t *testing.T, b *built) map[string]bool {
	t.Helper()
	lists := b.lists()
	var want []string
	for _, l := range lists {
		want = append(want, l.folder)
	}
	slices.Sort(want)
	for _, ff := range feedFiles {
		if got := feedFolders(b, ff.name); !slices.Equal(got, want) {
			t.Errorf("folders with a %s:\n  %q\nwant the home page and every term:\n  %q", ff.name, got, want)
		}
	}
	if got := termPages(b); !slices.Equal(got, want) {
		t.Errorf("the home page and term pages are\n  %q\nbut the feed folders should be\n  %q", got, want)
	}
	ids := map[string]bool{}
	for _, l := range lists {
		for _, ff := range feedFiles {
			name := l.folder + ff.name
			data, ok := b.mem.File(name)
			if !ok {
				continue // reported above
			}
			t.Run(name, func(t *testing.T) {
				f := parseFeed(t, name, data, ff.feedType)
				checkFeed(t, b, l, ff, f, data)
				for _, it := range f.Items {
					ids[it.GUID] = true
				}
			})
		}
	}
	return ids
}

// feedFolders lists the output folders holding a file of this name.
func feedFolders(b *built, name string) []string {
	var folders []string
	for _, n := range b.mem.Names() {
		if n == name || strings.HasSuffix(n, "/"+name) {
			folders = append(folders, strings.TrimSuffix(n, name))
		}
	}
	slices.Sort(folders)
	return folders
}

var termPage = regexp.MustCompile(`^(themes|sources|consensus|conviction)/[^/]+/index\.html$`)

// termPages lists the folders of the home page and the first page of
// every term, from the HTML the build wrote.
func termPages(b *built) []string {
	var folders []string
	for _, n := range b.mem.Names() {
		if n == "index.html" || termPage.MatchString(n) {
			folders = append(folders, strings.TrimSuffix(n, "index.html"))
		}
	}
	slices.Sort(folders)
	return folders
}

func checkFeed(t *testing.T, b *built, l list, ff feedFile, f *gofeed.Feed, raw []byte) {
	if want := b.abs(l.folder); f.Link != want {
		t.Errorf("link (home page) %q, want %q", f.Link, want)
	}
	if want := b.abs(l.folder + ff.name); f.FeedLink != want {
		t.Errorf("self link %q, want %q", f.FeedLink, want)
	}
	if f.Language != b.cfg.Language {
		t.Errorf("language %q, want %q", f.Language, b.cfg.Language)
	}
	title := feedTitle(t, b, l)
	if f.Title != title {
		t.Errorf("title %q, want %q", f.Title, title)
	}
	// RSS requires a description: the title stands in when site.yaml
	// gives none.
	want := b.cfg.Description
	if ff.feedType == "rss" {
		want = cmp.Or(want, title)
	}
	if f.Description != want {
		t.Errorf("description %q, want %q", f.Description, want)
	}
	// Atom requires a named author: site.yaml's, or else the site.
	if name := cmp.Or(authorName(b), b.cfg.Title); ff.feedType == "atom" && (len(f.Authors) != 1 || f.Authors[0].Name != name) {
		t.Errorf("authors %v, want one named %q", f.Authors, name)
	}
	n := b.limit(len(l.digests))
	if len(f.Items) != n {
		t.Fatalf("%d entries, want %d (feed_items %d, %d digests)", len(f.Items), n, b.cfg.FeedItems, len(l.digests))
	}
	for i, it := range f.Items {
		checkItem(t, b, ff, it, l.digests[i])
		if i > 0 && f.Items[i-1].PublishedParsed != nil && it.PublishedParsed != nil &&
			it.PublishedParsed.After(*f.Items[i-1].PublishedParsed) {
			t.Errorf("entry %d (%s) is newer than entry %d: not newest first", i, it.Title, i-1)
		}
	}
	if n > 0 {
		checkFeedDates(t, ff, f, l.digests[:n])
	}
	switch ff.feedType {
	case "rss":
		checkRawRSS(t, b, raw, n)
	case "json":
		checkRawJSON(t, b, raw)
	}
}

// feedTitle is the title a feed should have: the site's, or its page's
// name followed by the site's.
func feedTitle(t *testing.T, b *built, l list) string {
	if l.folder == "" {
		return b.cfg.Title
	}
	doc := page(t, b, l.folder+"index.html")
	name, _ := meta(doc, "og:title")
	return name + " · " + b.cfg.Title
}

// checkFeedDates checks that a feed's own dates are those of its newest
// digests: never the time of the build.
func checkFeedDates(t *testing.T, ff feedFile, f *gofeed.Feed, digests []*content.Digest) {
	var modified, published time.Time
	for _, d := range digests {
		if d.Modified().After(modified) {
			modified = d.Modified()
		}
		if d.Date.After(published) {
			published = d.Date
		}
	}
	switch ff.feedType {
	case "rss":
		sameTime(t, "lastBuildDate", f.UpdatedParsed, modified)
		sameTime(t, "pubDate", f.PublishedParsed, published)
	case "atom":
		sameTime(t, "updated", f.UpdatedParsed, modified)
	}
}

func sameTime(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil {
		t.Errorf("%s missing, want %s", what, want.Format(time.RFC3339))
	} else if !got.Equal(want) {
		t.Errorf("%s %s, want %s", what, got.Format(time.RFC3339), want.Format(time.RFC3339))
	}
}

// checkRawRSS reads the raw RSS for what gofeed does not keep (whether a
// guid is a permalink) or reads its own way (a name with "<" in it, in an
// author, as "name <address>").
func checkRawRSS(t *testing.T, b *built, raw []byte, n int) {
	var doc struct {
		ManagingEditor string `xml:"channel>managingEditor"`
		Creator        string `xml:"http://purl.org/dc/elements/1.1/ channel>creator"`
		Items          []struct {
			GUID *struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				Value       string `xml:",chardata"`
			} `xml:"guid"`
			Link    string `xml:"link"`
			Author  string `xml:"author"`
			Creator string `xml:"http://purl.org/dc/elements/1.1/ creator"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) != n {
		t.Fatalf("%d <item> in the raw XML, want %d", len(doc.Items), n)
	}
	// RSS wants an address in <managingEditor> and <author>; the name
	// alone goes in <dc:creator>.
	name, email := authorName(b), b.cfg.Author.Email
	if email != "" {
		email += " (" + name + ")"
	}
	if doc.ManagingEditor != email || doc.Creator != name {
		t.Errorf("managingEditor %q and dc:creator %q, want %q and %q", doc.ManagingEditor, doc.Creator, email, name)
	}
	for i, it := range doc.Items {
		if it.GUID == nil || it.GUID.IsPermaLink != "true" || it.GUID.Value != it.Link {
			t.Errorf("item %d: guid %+v, want isPermaLink=\"true\" and the link %q", i, it.GUID, it.Link)
		}
		if it.Author != email || it.Creator != name {
			t.Errorf("item %d: author %q and dc:creator %q, want %q and %q", i, it.Author, it.Creator, email, name)
		}
	}
}

// checkRawJSON reads the raw JSON Feed for its version, and for its
// authors, which gofeed reads as "name <address>".
func checkRawJSON(t *testing.T, b *built, raw []byte) {
	type author struct{ Name string }
	var doc struct {
		Version string
		Author  *author
		Authors []author
		Items   []struct {
			Author  *author
			Authors []author
		}
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "https://jsonfeed.org/version/1.1" {
		t.Errorf("version %q, want JSON Feed 1.1", doc.Version)
	}
	name := authorName(b)
	check := func(what string, one *author, many []author) {
		if name == "" {
			if one != nil || len(many) != 0 {
				t.Errorf("%s: author %v and authors %v, but site.yaml names no author", what, one, many)
			}
			return
		}
		if one == nil || one.Name != name || len(many) != 1 || many[0].Name != name {
			t.Errorf("%s: author %v and authors %v, want %q", what, one, many, name)
		}
	}
	check("feed", doc.Author, doc.Authors)
	for i, it := range doc.Items {
		check(fmt.Sprint("item ", i), it.Author, it.Authors)
	}
}

// authorName is the name feeds give site.yaml's author: its name, or the
// site's title when it has only an email; "" when there is none.
func authorName(b *built) string {
	if a := b.cfg.Author; a.Name != "" || a.Email != "" {
		return cmp.Or(a.Name, b.cfg.Title)
	}
	return ""
}

func checkItem(t *testing.T, b *built, ff feedFile, it *gofeed.Item, d *content.Digest) {
	t.Helper()
	link := b.permalink(d)
	if !strings.HasPrefix(link, b.base.String()) {
		t.Fatalf("permalink %s is not under %s", link, b.base)
	}
	if it.GUID != link || it.Link != link {
		t.Errorf("entry %s: id %q and link %q, want the permalink %q", d.Path, it.GUID, it.Link, link)
	}
	if it.Title != d.Title {
		t.Errorf("entry %s: title %q, want %q", d.Path, it.Title, d.Title)
	}
	if got := summaryText(t, "entry "+d.Path, ff, it); got != d.Summary {
		t.Errorf("entry %s: summary %q, want %q", d.Path, got, d.Summary)
	}
	sameTime(t, "entry "+d.Path+": published", it.PublishedParsed, d.Date)
	if ff.feedType != "rss" { // RSS has no date of change
		sameTime(t, "entry "+d.Path+": updated", it.UpdatedParsed, d.Modified())
	}
	if want := themeNames(d); !slices.Equal(it.Categories, want) {
		t.Errorf("entry %s: categories %q, want the themes %q", d.Path, it.Categories, want)
	}
	if name := b.cfg.Author.Name; ff.feedType == "atom" && name != "" && (len(it.Authors) == 0 || it.Authors[0].Name != name) {
		t.Errorf("entry %s: authors %v, want %q", d.Path, it.Authors, name)
	}
	checkContent(t, b, it.Content, d)
}

// summaryText is the text a reader shows of an entry's summary: RSS's
// description is HTML, in which nothing may run; Atom's summary (of type
// text) and JSON Feed's are text.
func summaryText(t *testing.T, where string, ff feedFile, it *gofeed.Item) string {
	t.Helper()
	if ff.feedType != "rss" {
		return it.Description
	}
	nodes := fragment(t, it.Description)
	checkInert(t, where+": description", nodes)
	return text(nodes)
}

// checkContent checks that an entry's content is a paragraph of the
// digest's stance and conviction, linking their pages, and of its themes,
// then the digest's body with every URL in it absolute: the same text, the
// same elements with the same URLs, resolved against the digest's page.
func checkContent(t *testing.T, b *built, got string, d *content.Digest) {
	t.Helper()
	nodes := fragment(t, got)
	if len(nodes) == 0 || nodes[0].Type != html.ElementNode || nodes[0].Data != "p" {
		t.Fatalf("entry %s: its content does not open with a paragraph: %.200q", d.Path, got)
	}
	head := nodes[:1]
	want := "Consensus: " + d.Stance.Title()
	if d.Scope != "" {
		want += " (" + d.Scope + ")"
	}
	want += " · Conviction: " + d.Conviction.Title()
	if names := themeNames(d); len(names) > 0 {
		want += " · Themes: " + strings.Join(names, ", ")
	}
	if got := text(head); got != want {
		t.Errorf("entry %s: its first paragraph reads %q, want %q", d.Path, got, want)
	}
	var headLinks []string
	for _, a := range urlAttrs(head) {
		headLinks = append(headLinks, a.val)
	}
	if want := []string{b.abs("consensus/" + string(d.Stance) + "/"), b.abs("conviction/" + string(d.Conviction) + "/")}; !slices.Equal(headLinks, want) {
		t.Errorf("entry %s: its first paragraph links %q, want %q", d.Path, headLinks, want)
	}
	gotNodes, wantNodes := nodes[1:], fragment(t, string(d.HTML))
	if g, w := strings.TrimSpace(text(gotNodes)), strings.TrimSpace(text(wantNodes)); g != w {
		t.Errorf("entry %s: the text of its content is not the body's:\n got %.200q\nwant %.200q", d.Path, g, w)
	}
	page := mustURL(t, b.permalink(d))
	gotURLs, wantURLs := urlAttrs(gotNodes), urlAttrs(wantNodes)
	if len(gotURLs) != len(wantURLs) {
		t.Errorf("entry %s: %d URLs in its content, %d in the body", d.Path, len(gotURLs), len(wantURLs))
		return
	}
	links := map[string]bool{}
	for i, g := range gotURLs {
		w := wantURLs[i]
		u, err := url.Parse(g.val)
		if err != nil || !u.IsAbs() {
			t.Errorf("entry %s: <%s %s=%q> is not absolute", d.Path, g.tag, g.key, g.val)
			continue
		}
		if u.Host == b.base.Host && !strings.HasPrefix(u.Path, b.base.Path) {
			t.Errorf("entry %s: <%s %s=%q> leaves the site's path %s", d.Path, g.tag, g.key, g.val, b.base.Path)
		}
		ref, err := url.Parse(strings.TrimSpace(w.val))
		if err != nil {
			t.Errorf("entry %s: the body has an unparsable %s=%q", d.Path, w.key, w.val)
			continue
		}
		if want := page.ResolveReference(ref).String(); g.tag != w.tag || g.key != w.key || g.val != want {
			t.Errorf("entry %s: <%s %s=%q>, want <%s %s=%q>", d.Path, g.tag, g.key, g.val, w.tag, w.key, want)
		}
		if g.tag == "a" && g.key == "href" {
			links[g.val] = true
		}
	}
	for _, s := range d.Sources {
		if want := b.abs("sources/" + s.Slug + "/"); len(s.Cited) > 0 && !links[want] {
			t.Errorf("entry %s: cites @%s in its body but does not link %s", d.Path, s.Handle, want)
		}
	}
}

// page parses an HTML page of the build.
func page(t *testing.T, b *built, name string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(string(b.file(t, name))))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// meta returns the content of the first <meta property|name=key>.
func meta(doc *html.Node, key string) (string, bool) {
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "meta" {
			continue
		}
		p, _ := sitetest.Attr(n, "property")
		nm, _ := sitetest.Attr(n, "name")
		if p == key || nm == key {
			return sitetest.Attr(n, "content")
		}
	}
	return "", false
}
