package feeds_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"testing/fstest"
)

// Edge cases a feed reader trips on: a body whose character references
// name characters XML cannot carry, a digest with no body, a site with no
// digest. Every feed must parse as XML or JSON Feed 1.1 requires.
func TestFeedEdgeCases(t *testing.T) {
	const siteYAML = "title: Edges\nbase_url: \"https://example.org/archive/\"\n"
	digest := func(title, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: \"" + title + "\"\ndate: 2026-11-20\nconsensus: Bullish\nconviction: high\ntags: [Chips]\n---\n" + body)}
	}
	t.Run("references", func(t *testing.T) {
		b := buildSite(t, fstest.MapFS{
			"site.yaml":               {Data: []byte(siteYAML)},
			"content/2026-11-20-e.md": digest("Escapes", "Reset code is &#x1B;[0m, then &#1; and &#xFFFE; and &#xFFFF; in the log.\n"),
		}, "", now)
		for _, f := range feedFiles {
			data := b.file(t, f.name)
			if f.name != "feed.json" {
				d := xml.NewDecoder(bytes.NewReader(data))
				for {
					if _, err := d.Token(); err == io.EOF {
						break
					} else if err != nil {
						t.Fatalf("%s is not well-formed XML: %v", f.name, err)
					}
				}
			}
			feed := parseFeed(t, f.name, data, f.feedType)
			if c := feed.Items[0].Content; !strings.Contains(c, "Reset code is \ufffd[0m") {
				t.Errorf("%s: the content is %q, want the characters XML cannot carry as U+FFFD", f.name, c)
			}
		}
	})
	t.Run("no body", func(t *testing.T) {
		b := buildSite(t, fstest.MapFS{
			"site.yaml":               {Data: []byte(siteYAML)},
			"content/2026-11-20-e.md": digest("Only a title", ""),
		}, "", now)
		var feed struct{ Items []map[string]any }
		if err := json.Unmarshal(b.file(t, "feed.json"), &feed); err != nil {
			t.Fatal(err)
		}
		if len(feed.Items) != 1 {
			t.Fatalf("feed.json has %d items, want 1", len(feed.Items))
		}
		_, html := feed.Items[0]["content_html"]
		_, text := feed.Items[0]["content_text"]
		if !html && !text {
			t.Errorf("feed.json items %v: JSON Feed 1.1 wants content_html or content_text in each", feed.Items)
		}
	})
	t.Run("no digest", func(t *testing.T) {
		b := buildSite(t, fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "content/.keep": {}}, "", now)
		var feed map[string]any
		if err := json.Unmarshal(b.file(t, "feed.json"), &feed); err != nil {
			t.Fatal(err)
		}
		if items, ok := feed["items"].([]any); !ok || len(items) != 0 {
			t.Errorf("feed.json items = %#v, want [] (JSON Feed 1.1 requires the array)", feed["items"])
		}
		// No date of 1970 in RSS, where dates are optional; Atom requires
		// <updated>, and a fixed one keeps builds byte for byte the same.
		rss := parseFeed(t, "feed.xml", b.file(t, "feed.xml"), "rss")
		if rss.Published != "" || rss.Updated != "" {
			t.Errorf("feed.xml of no digest: pubDate %q and lastBuildDate %q, want none", rss.Published, rss.Updated)
		}
		atom := parseFeed(t, "atom.xml", b.file(t, "atom.xml"), "atom")
		if atom.UpdatedParsed == nil {
			t.Errorf("atom.xml of no digest has no <updated>, which Atom requires")
		}
	})
}
