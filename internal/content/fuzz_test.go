package content_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/markdown"
)

// FuzzFrontMatter feeds arbitrary bytes through Load as one digest file.
// Load must not panic; every problem must name the file; a digest that
// loads must hold only values the spec allows.
func FuzzFrontMatter(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*.txtar")
	goldens, _ := filepath.Glob("testdata/golden/*.txtar")
	for _, file := range append(fixtures, goldens...) {
		a, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range a.Files {
			if strings.HasPrefix(af.Name, "content/") {
				f.Add(af.Data)
			}
		}
	}
	samples, _ := filepath.Glob("../../content/*.md")
	for _, file := range samples[:min(3, len(samples))] {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	const path = "content/2026-11-24-fuzz.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		digests, problems := load(fstest.MapFS{path: {Data: data}})
		for _, p := range problems {
			if p.Path != path || p.Line < 0 || p.Col < 0 || p.Msg == "" {
				t.Fatalf("problem without the file: %#v", p)
			}
			if p.Col > 0 && p.Line == 0 {
				t.Fatalf("a column without a line: %q", p.Error())
			}
		}
		if problems.Err() != nil {
			if digests != nil {
				t.Fatal("digests along with errors")
			}
			return
		}
		if len(digests) != 1 {
			t.Fatalf("%d digests from one file", len(digests))
		}
		checkDigest(t, digests[0])
	})
}

func checkDigest(t *testing.T, d *content.Digest) {
	t.Helper()
	if strings.TrimSpace(d.Title) == "" || d.Date.IsZero() {
		t.Fatalf("title %q, date %v", d.Title, d.Date)
	}
	if !slices.Contains(content.Stances, d.Stance) || !slices.Contains(content.Convictions, d.Conviction) {
		t.Fatalf("stance %q, conviction %q", d.Stance, d.Conviction)
	}
	if d.Slug == "" || strings.ContainsAny(d.Slug, "/\\?#. ") || !strings.HasSuffix(d.Permalink, "/"+d.Slug+"/") {
		t.Fatalf("slug %q, permalink %q", d.Slug, d.Permalink)
	}
	if !d.Updated.IsZero() && d.Updated.Before(d.Date) {
		t.Fatalf("updated %v before date %v", d.Updated, d.Date)
	}
	themes := map[string]bool{}
	for _, th := range d.Themes {
		if th.Slug == "" || th.Slug != content.Slugify(th.Name) || themes[th.Slug] {
			t.Fatalf("theme %q named %q", th.Slug, th.Name)
		}
		themes[th.Slug] = true
	}
	sources := map[string]bool{}
	for _, s := range d.Sources {
		name, ok := markdown.ParseHandle(s.Handle)
		if !ok || name != s.Handle || s.Slug != markdown.HandleSlug(s.Handle) || sources[s.Slug] {
			t.Fatalf("source %q handle %q", s.Slug, s.Handle)
		}
		sources[s.Slug] = true
	}
}
