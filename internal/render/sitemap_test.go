package render

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/site"
)

// Past the limit of one sitemap, sitemap.xml becomes an index of numbered
// sitemaps that hold every URL once.
func TestSitemapIndex(t *testing.T) {
	defer func(n int) { maxSitemapURLs = n }(maxSitemapURLs)
	maxSitemapURLs = 10
	cfg := config.Default()
	var digests []*content.Digest
	for i := range 12 {
		d := time.Date(2026, 1, 1+i, 0, 0, 0, 0, time.UTC)
		digests = append(digests, &content.Digest{Title: "t", Date: d, Stance: "mixed", Conviction: "low",
			Slug: "d", Permalink: d.Format("/2006/01/02/") + "d/"})
	}
	s, _ := site.New(cfg, digests, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	mem := output.NewMemory()
	if err := (&Renderer{site: s}).Sitemap(mem); err != nil {
		t.Fatal(err)
	}
	var index struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	idx, _ := mem.File("sitemap.xml")
	if err := xml.Unmarshal(idx, &index); err != nil {
		t.Fatal(err)
	}
	pages := len(s.Pages) - 1 // not 404.html
	if want := (pages + 9) / 10; len(index.Sitemaps) != want {
		t.Fatalf("%d sitemaps in the index for %d pages, want %d", len(index.Sitemaps), pages, want)
	}
	seen := map[string]bool{}
	for _, sm := range index.Sitemaps {
		name := strings.TrimPrefix(sm.Loc, "http://localhost:1313/")
		data, ok := mem.File(name)
		if !ok {
			t.Fatalf("index names %s, not written", sm.Loc)
		}
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(data, &set); err != nil {
			t.Fatal(err)
		}
		if len(set.URLs) > 10 {
			t.Errorf("%s holds %d URLs", name, len(set.URLs))
		}
		for _, u := range set.URLs {
			if seen[u.Loc] {
				t.Errorf("%s listed twice", u.Loc)
			}
			seen[u.Loc] = true
		}
	}
	if len(seen) != pages {
		t.Errorf("%d URLs in all, want %d", len(seen), pages)
	}
}
