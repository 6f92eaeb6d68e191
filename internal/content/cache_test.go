package content_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/sitefs"
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

// A Load with a cache is told of changes by the paths that changed. A link
// is told of by its target's path; a folder moved in over another of the
// same name, by the folder's path. Both give what a Load without a cache
// gives, on disk and through sitefs, as serve reads a site.
func TestCacheLinksAndFolders(t *testing.T) {
	dir := t.TempDir()
	write := func(name, title string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		data := "---\ntitle: " + title + "\ndate: 2026-11-01\nconsensus: Bullish\nconviction: high\n---\nBody.\n"
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/_src/linked.md", "Linked first")
	if err := os.Symlink("_src/linked.md", filepath.Join(dir, "content", "linked.md")); err != nil {
		t.Fatal(err)
	}
	write("content/2027/sub/moved.md", "Moved first")
	fsys := sitefs.Confine(os.DirFS(dir))
	cfg, md, cache := config.Default(), markdown.New(), content.NewCache()
	titles := func(cache *content.Cache) string {
		ds, problems := content.Load(fsys, cfg, md, cache)
		if err := problems.Err(); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, d.Path+"="+d.Title)
		}
		slices.Sort(out)
		return strings.Join(out, " ")
	}
	check := func(what string, changed ...string) {
		t.Helper()
		cache.Changed(changed...)
		if got, want := titles(cache), titles(nil); got != want {
			t.Errorf("%s:\n got  %s\n want %s", what, got, want)
		}
	}
	check("the first load")
	write("content/_src/linked.md", "Linked edited")
	check("the link's target edited", "content/_src/linked.md")

	other := filepath.Join(t.TempDir(), "2027")
	if err := os.Rename(filepath.Join(dir, "content", "2027"), other); err != nil {
		t.Fatal(err)
	}
	write("swap/2027/sub/moved.md", "Moved in over it")
	if err := os.Rename(filepath.Join(dir, "swap", "2027"), filepath.Join(dir, "content", "2027")); err != nil {
		t.Fatal(err)
	}
	// One change told of both moves, as a watcher that waits for saves to
	// settle tells it.
	check("the folder moved out and another moved in", "content/2027")
}

// The warnings of listing the folder come with every load, not only with
// the one that listed it: serve shows them after every save.
func TestCacheKeepsListingWarnings(t *testing.T) {
	fsys := fstest.MapFS{
		"content/2026-11-02-one.md":       {Data: []byte("---\ntitle: One\ndate: 2026-11-02\nconsensus: Bullish\nconviction: high\n---\nBody.\n")},
		"content/2026-11-03-two.markdown": {Data: []byte("not read")},
	}
	cfg, md, cache := config.Default(), markdown.New(), content.NewCache()
	for i := range 2 {
		cache.Changed("content/2026-11-02-one.md")
		_, problems := content.Load(fsys, cfg, md, cache)
		if got := problems.Error(); !strings.Contains(got, "content/2026-11-03-two.markdown: warning: not read") {
			t.Errorf("load %d: problems %q, want the .markdown warning", i+1, got)
		}
	}
}

// An image or other file a digest links to is not copied from content/,
// and a warning says where it belongs; one in a folder skipped with _ or .,
// or a file of the author's own (a README), is not named.
func TestOtherFilesWarned(t *testing.T) {
	fsys := fstest.MapFS{
		"content/2026-11-02-one.md":  {Data: []byte("---\ntitle: One\ndate: 2026-11-02\nconsensus: Bullish\nconviction: high\n---\n![chart](chart.png)\n")},
		"content/chart.png":          {Data: []byte("png")},
		"content/_drafts/sketch.png": {Data: []byte("png")},
		"content/.chart.png":         {Data: []byte("mine")},
		"content/2026/11/figure.SVG": {Data: []byte("<svg/>")},
		"content/2026/11/readme.txt": {Data: []byte("mine")},
	}
	_, problems := content.Load(fsys, config.Default(), markdown.New(), content.NewCache())
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	got := problems.Error()
	for _, want := range []string{
		"content/chart.png: warning: not copied: content/ holds only digests; put images and other files in static/ and link them from the root (/chart.png)",
		"content/2026/11/figure.SVG: warning: not copied",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "sketch") || strings.Contains(got, ".chart") || strings.Contains(got, "readme") {
		t.Errorf("a skipped file, or one of the author's own, is named:\n%s", got)
	}
}

// A cached load chooses the spellings again when time has published
// digests since the last (serve runs for days), even when only a body
// changed: it gives what a load without the cache gives.
func TestCacheSpellingsWhenTimePublishes(t *testing.T) {
	digest := func(date, theme, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\ndate: " + date + "\nconsensus: Bullish\nconviction: high\ntags: [" + theme + "]\n---\n" + body + "\n")}
	}
	fsys := fstest.MapFS{
		"content/a.md": digest("2026-11-01", "Open Models", "Body."),
		"content/b.md": digest("2026-11-05T12:00:00Z", "OPEN models", "Body."),
		"content/c.md": digest("2026-11-05T12:00:00Z", "OPEN models", "Body."),
	}
	cfg := config.Default()
	md := markdown.New()
	at := func(hour int) content.Option {
		now := time.Date(2026, 11, 5, hour, 0, 0, 0, time.UTC)
		return content.Published(func(d *content.Digest) bool { return !d.Date.After(now) })
	}
	spelling := func(ds []*content.Digest) string {
		for _, d := range ds {
			if d.Path == "content/a.md" {
				return d.Themes[0].Name
			}
		}
		return ""
	}
	cache := content.NewCache()
	ds, problems := content.Load(fsys, cfg, md, cache, at(11))
	if problems.Err() != nil || spelling(ds) != "Open Models" {
		t.Fatalf("before b and c are published: %q %v", spelling(ds), problems)
	}
	// Not the first paragraph, which is the summary: a change of the body alone.
	fsys["content/a.md"] = digest("2026-11-01", "Open Models", "Body.\n\nA second paragraph.")
	cache.Changed("content/a.md")
	ds, _ = content.Load(fsys, cfg, md, cache, at(13))
	fresh, _ := content.Load(fsys, cfg, md, nil, at(13))
	if spelling(ds) != spelling(fresh) || spelling(fresh) != "OPEN models" {
		t.Errorf("after b and c are published: cached %q, fresh %q, want OPEN models", spelling(ds), spelling(fresh))
	}
}
