package feeds_test

import (
	"bytes"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signaldigest/signal/internal/sitetest"
	"golang.org/x/net/html"
)

// TestSampleFeeds parses every feed of the sample archive, built under a
// base_url with a path, and checks each against the digests it should
// hold: see checkFeeds.
func TestSampleFeeds(t *testing.T) {
	b := buildSite(t, sample(), archiveURL, now)
	ids := checkFeeds(t, b)

	// What makes the sample worth testing against: a draft, a digest
	// changed after its date, handles in bodies.
	drafts := 0
	for _, d := range b.all {
		if d.Draft {
			drafts++
			if ids[b.permalink(d)] {
				t.Errorf("draft %s is in a feed", d.Path)
			}
		}
	}
	if drafts == 0 {
		t.Error("the sample archive has no draft to leave out")
	}
	updated := 0
	for _, d := range b.published {
		if !d.Updated.IsZero() && !d.Updated.Equal(d.Date) {
			updated++
		}
		if !ids[b.permalink(d)] {
			t.Errorf("%s is in no feed", d.Path)
		}
	}
	if updated == 0 {
		t.Error("the sample archive has no digest with updated: to check")
	}

	// Every sample digest has a Blind Spot section and cites handles in
	// its body: the full content, not a summary, is in each feed.
	for _, ff := range feedFiles {
		f := parseFeed(t, ff.name, b.file(t, ff.name), ff.feedType)
		if f.Language != "en" {
			t.Errorf("%s: language %q, want en", ff.name, f.Language)
		}
		for _, it := range f.Items {
			nodes := fragment(t, it.Content)
			var blind, handles bool
			walk(nodes, func(n *html.Node) {
				if n.Data == "h2" && text([]*html.Node{n}) == "Blind Spot" {
					blind = true
				}
				if href, _ := sitetest.Attr(n, "href"); n.Data == "a" && strings.HasPrefix(href, archiveURL+"sources/") {
					handles = true
				}
			})
			if !blind || !handles {
				t.Errorf("%s: %s: Blind Spot heading %v, links to source pages %v; want both", ff.name, it.Title, blind, handles)
			}
		}
	}
}

// TestFeedAuthors checks every feed's authors against site.yaml's author
// (see checkFeeds): an Atom feed names one even when site.yaml does not,
// and an author given by email alone gets the site's name.
func TestFeedAuthors(t *testing.T) {
	for name, author := range map[string]string{
		"none":  "",
		"name":  "author:\n  name: Dana Reyes\n",
		"email": "author:\n  email: desk@example.org\n",
		"both":  "author:\n  name: Dana Reyes\n  email: desk@example.org\n",
	} {
		t.Run(name, func(t *testing.T) {
			fsys := fixture(t, "many")
			yaml := string(fsys["site.yaml"].Data) + author
			fsys["site.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
			checkFeeds(t, buildSite(t, fsys, "", now))
		})
	}
}

// TestFeedItems checks that feed_items caps every feed, 0 meaning all,
// and that drafts and digests dated after the build stay out.
func TestFeedItems(t *testing.T) {
	for _, tc := range []struct {
		name     string
		siteYAML string
		home     int // entries in the home feeds
		credit   int // entries in the Credit theme's feeds
	}{
		{"default", "", 20, 11},
		{"two", "feed_items: 2\n", 2, 2},
		{"all", "feed_items: 0\n", 23, 11},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fixture(t, "many")
			yaml := string(fsys["site.yaml"].Data) + tc.siteYAML
			fsys["site.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
			b := buildSite(t, fsys, "", now)
			checkFeeds(t, b)
			for _, ff := range feedFiles {
				for folder, want := range map[string]int{"": tc.home, "themes/credit/": tc.credit} {
					f := parseFeed(t, folder+ff.name, b.file(t, folder+ff.name), ff.feedType)
					if len(f.Items) != want {
						t.Errorf("%s%s: %d entries, want %d", folder, ff.name, len(f.Items), want)
					}
				}
			}
		})
	}
}

// TestFeedsDeterministic builds the sample twice, at different moments and
// with different numbers of CPUs: every feed must come out byte for byte
// the same, as its dates come from the digests, never from the clock.
func TestFeedsDeterministic(t *testing.T) {
	first := buildSite(t, sample(), archiveURL, now)
	later := time.Date(2027, 6, 15, 13, 14, 15, 0, time.UTC)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	second := buildSite(t, sample(), archiveURL, later)
	if len(first.published) != len(second.published) {
		t.Fatalf("%d digests at %s, %d at %s: the sample has digests dated in between", len(first.published), now, len(second.published), later)
	}
	compareFeeds(t, first, second)
	for _, name := range feedNames(first) {
		data := first.file(t, name)
		for _, clock := range []string{"2026-11-27", "27 Nov 2026", "2027"} {
			if bytes.Contains(data, []byte(clock)) {
				t.Errorf("%s holds %q, the day of the build", name, clock)
			}
		}
	}

	// With every digest in the future, the feeds are empty: their dates
	// must still not be the time of the build.
	early := buildSite(t, fixture(t, "golden"), "", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	earlier := buildSite(t, fixture(t, "golden"), "", time.Date(2019, 5, 6, 7, 8, 9, 0, time.UTC))
	compareFeeds(t, early, earlier)
	for _, ff := range feedFiles {
		if f := parseFeed(t, ff.name, early.file(t, ff.name), ff.feedType); len(f.Items) != 0 {
			t.Errorf("%s: %d entries before the first digest, want none", ff.name, len(f.Items))
		}
	}
}

// feedNames lists the feed files of a build.
func feedNames(b *built) []string {
	var names []string
	for _, n := range b.mem.Names() {
		for _, ff := range feedFiles {
			if n == ff.name || strings.HasSuffix(n, "/"+ff.name) {
				names = append(names, n)
			}
		}
	}
	return names
}

func compareFeeds(t *testing.T, a, b *built) {
	t.Helper()
	na, nb := feedNames(a), feedNames(b)
	if !slices.Equal(na, nb) {
		t.Fatalf("the builds wrote different feeds:\n%q\n%q", na, nb)
	}
	if len(na) == 0 {
		t.Fatal("no feeds")
	}
	for _, name := range na {
		if !bytes.Equal(a.file(t, name), b.file(t, name)) {
			t.Errorf("%s differs between the two builds", name)
		}
	}
}

// TestUnsafeHTML checks that raw HTML, allowed by unsafe_html, has its URLs
// made absolute in the feeds however its attributes are spelled.
func TestUnsafeHTML(t *testing.T) {
	b := buildSite(t, fixture(t, "unsafe"), "", now)
	checkFeeds(t, b)
}
