package content_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/markdown"
)

// A Load with a cache returns what a Load without one does, whatever
// happened between: here, a digest changed during a load that failed on
// another file, and changed back once that was mended, which a cache that
// kept the digest's older key took for a change of its body alone.
func TestCacheAfterFailedLoad(t *testing.T) {
	digest := func(title, date, theme string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: " + date +
			"\nconsensus: Bullish\nconviction: high\ntags: [" + theme + "]\n---\nBody.\n")}
	}
	fsys := fstest.MapFS{
		"site.yaml":    {Data: []byte("title: x\n")},
		"content/a.md": digest("A", "2026-11-01", "Rates"),
		"content/b.md": digest("B", "2026-11-05", "Rates"),
		"content/c.md": digest("C", "2026-11-03", "rates"),
	}
	cfg, problems := config.Load(fsys)
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	md := markdown.New()
	cache := content.NewCache()
	describe := func(ds []*content.Digest) string {
		var b strings.Builder
		for _, d := range ds {
			fmt.Fprintf(&b, "%s %s %v; ", d.Path, d.Date.Format("01-02"), d.Themes)
		}
		return b.String()
	}
	load := func(what string, fail bool, changed ...string) {
		t.Helper()
		cache.Changed(changed...)
		got, problems := content.Load(fsys, cfg, md, cache)
		if fail {
			if problems.Err() == nil {
				t.Fatalf("%s: no error", what)
			}
			return
		}
		want, _ := content.Load(fsys, cfg, md, nil)
		if problems.Err() != nil || describe(got) != describe(want) {
			t.Errorf("%s: %v\n got  %s\n want %s", what, problems.Err(), describe(got), describe(want))
		}
	}
	load("the first load", false)
	fsys["content/a.md"] = digest("A", "2026-11-10", "rates")
	fsys["content/c.md"] = &fstest.MapFile{Data: []byte("---\ntitle: C\ndate: 2026-11-03\nconsensus: [unclosed\n---\n")}
	load("a moved and c broken", true, "content/a.md", "content/c.md")
	fsys["content/c.md"] = digest("C", "2026-11-03", "rates")
	load("c mended", false, "content/c.md")
	fsys["content/a.md"] = digest("A", "2026-11-01", "Rates")
	load("a moved back", false, "content/a.md")
}
