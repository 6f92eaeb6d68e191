package render_test

import (
	"bytes"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/render"
)

// TestCachedForgets renders every page of an archive with a cache of
// partials that holds a few kilobytes, in the site's order, which is the
// worst for it, and compares each page with a full build: a partial the
// cache forgot is made again, the same.
func TestCachedForgets(t *testing.T) {
	fsys := corpus.MapFS(corpus.Generate(corpus.Options{N: 300, Seed: 3}))
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	want := output.NewMemory()
	if _, problems := build.Run(fsys, want, build.Options{Theme: signal.Theme, Now: now}); problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	out, problems := build.Prepare(fsys, build.Options{Theme: signal.Theme, Now: now})
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	cache := render.NewCache()
	const bound = 8 << 10
	cache.SetMaxBytes(bound)
	r, problems := render.New(out.Site(), render.NewTheme(signal.Theme, fsys), cache)
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	most := 0
	for _, p := range out.Site().Pages {
		got, problems := r.Page(p)
		if problems.Err() != nil {
			t.Fatal(problems.Err())
		}
		if w, _ := want.File(p.File()); !bytes.Equal(got, w) {
			t.Fatalf("%s differs from a full build's", p.File())
		}
		most = max(most, cache.Bytes())
	}
	// One partial past the bound may stay: the newest is never forgotten.
	if most > 2*bound {
		t.Errorf("the cache held %d bytes; it may hold %d", most, bound)
	}
	if most == 0 {
		t.Error("the cache held nothing: the layouts cache no partial")
	}
}

// Only a partial of the site's own that differs from the built-in one runs
// on every call: a copy of the whole theme, made to change one file, keeps
// the others cached.
func TestReplacedPartials(t *testing.T) {
	card, err := fs.ReadFile(signal.Theme, "layouts/partials/card.html")
	if err != nil {
		t.Fatal(err)
	}
	site := fstest.MapFS{
		"layouts/partials/card.html":   {Data: card},
		"layouts/partials/footer.html": {Data: []byte("<footer>{{.Path}}</footer>")},
		"layouts/partials/mine.html":   {Data: []byte("<p>mine</p>")},
	}
	got := render.NewTheme(signal.Theme, site).Replaced()
	if len(got) != 1 || !got["footer.html"] {
		t.Errorf("replaced = %v, want footer.html alone", got)
	}
}
