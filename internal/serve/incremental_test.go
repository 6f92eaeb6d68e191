package serve

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/output"
)

// TestIncrementalEqualsFullBuild edits a served site in every way an author
// does, and after each rebuild compares every file the server would serve
// with a fresh full build of the same folder, byte for byte. Before each
// edit every file has been asked for, so that the server's cache holds the
// whole site and must tell exactly which files the edit made stale.
func TestIncrementalEqualsFullBuild(t *testing.T) {
	dir := t.TempDir()
	digests := corpus.Generate(corpus.Options{N: 150, Seed: 7})
	if err := corpus.Write(dir, corpus.Files(digests)); err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("http://127.0.0.1:1313/")
	s := New(Options{Source: dir, Theme: signal.Theme})
	rebuild := func(changed ...string) {
		t.Helper()
		if _, problems := s.Rebuild(base, changed...); problems.Err() != nil {
			t.Fatalf("rebuild after %v: %v", changed, problems.Err())
		}
	}
	rebuild()
	compare(t, s, dir, base, "the first build")

	edit := func(name string, change func(string) string) string {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(change(string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	newest, middle, oldest := digests[0].Path(), digests[60].Path(), digests[len(digests)-1].Path()
	replace := func(old, new string) func(string) string {
		return func(s string) string {
			if !strings.Contains(s, old) {
				t.Fatalf("%q not found", old)
			}
			return strings.Replace(s, old, new, 1)
		}
	}
	// A theme of exactly two digests, which the first edit spells in lower
	// case and the last leaves to that digest alone: its one spelling must
	// then follow, as in a full build.
	var rare string
	var pair []*corpus.Digest
	count := map[string][]*corpus.Digest{}
	for _, d := range digests {
		for _, th := range d.Themes {
			count[th] = append(count[th], d)
		}
	}
	for th, ds := range count {
		if len(ds) == 2 && (rare == "" || th < rare) {
			rare, pair = th, ds
		}
	}
	if rare == "" {
		t.Fatal("the corpus has no theme of two digests")
	}
	var broken string // the broken digest's text before it broke
	steps := []struct {
		what string
		do   func() []string
	}{
		{"a theme spelled otherwise", func() []string {
			return []string{edit(pair[0].Path(), replace(rare, strings.ToLower(rare)))}
		}},
		{"a body edit", func() []string {
			return []string{edit(middle, replace("## Blind Spot\n\n", "## Blind Spot\n\nA new first sentence, citing @brand_new_handle. "))}
		}},
		{"a body edit of the newest digest", func() []string {
			return []string{edit(newest, replace("## One Actionable Idea\n\n", "## One Actionable Idea\n\nSell the rumour. "))}
		}},
		{"a body edit of a digest that spells a theme otherwise", func() []string {
			return []string{edit(pair[0].Path(), replace("## Blind Spot\n\n", "## Blind Spot\n\nStill spelled in lower case. "))}
		}},
		{"a digest broken", func() []string {
			broken = readFile(t, dir, oldest)
			return []string{edit(oldest, replace("consensus: ", "consensus: [unclosed "))}
		}},
		{"a body edit while another digest is broken", func() []string {
			return []string{edit(newest, replace("## One Actionable Idea\n\n", "## One Actionable Idea\n\nSaved while another file was broken. "))}
		}},
		{"the broken digest mended", func() []string { return []string{writeFile(t, dir, oldest, broken)} }},
		{"themes changed", func() []string {
			return []string{edit(middle, replace("tags: [", "tags: [A Theme Of Its Own, "))}
		}},
		{"a title changed", func() []string { return []string{edit(middle, replace(`title: "`, `title: "Renamed: `))} }},
		{"a stance and conviction changed", func() []string {
			return []string{edit(oldest, func(s string) string {
				s = strings.Replace(s, "conviction: ", "conviction: high #", 1)
				return regexp.MustCompile(`consensus: .*`).ReplaceAllString(s, `consensus: "Bearish (for the test)"`)
			})}
		}},
		{"a digest added", func() []string {
			name := "content/2026/11/2026-11-25-added.md"
			data := strings.Replace(string(digests[5].Markdown()), "date: "+digests[5].Date.Format("2006-01-02"), "date: 2026-11-25", 1)
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{name}
		}},
		{"a digest removed", func() []string {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(digests[7].Path()))); err != nil {
				t.Fatal(err)
			}
			return []string{digests[7].Path()}
		}},
		{"the other digest of that theme removed", func() []string {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(pair[1].Path()))); err != nil {
				t.Fatal(err)
			}
			return []string{pair[1].Path()}
		}},
		{"a layout changed", func() []string {
			return []string{writeFile(t, dir, "layouts/partials/footer.html", `<footer><p>{{.Site.Config.Title}}, by hand</p></footer>`)}
		}},
		// A site's own card shows each digest's body: a body edit then
		// reaches every list that shows the digest, not only its page.
		{"an own card that shows the body", func() []string {
			return []string{writeFile(t, dir, "layouts/partials/card.html", `<article class="card">{{.Title}}: {{len .HTML}} bytes</article>`)}
		}},
		{"a body edited under the own card", func() []string {
			return []string{edit(middle, func(s string) string { return s + "\nOne more paragraph for the card.\n" })}
		}},
		{"a stylesheet added", func() []string { return []string{writeFile(t, dir, "static/extra.css", "body{margin:0}")} }},
		{"site.yaml changed", func() []string {
			return []string{edit("site.yaml", func(s string) string { return s + "page_size: 7\nfeed_items: 3\n" })}
		}},
	}
	for _, step := range steps {
		changed := step.do()
		if broken != "" && strings.Contains(readFile(t, dir, oldest), "[unclosed") {
			// The server keeps serving its last good build; the edits made
			// meanwhile must all show once the error is mended.
			if _, problems := s.Rebuild(base, changed...); problems.Err() == nil {
				t.Fatalf("after %s: no error", step.what)
			}
			continue
		}
		rebuild(changed...)
		compare(t, s, dir, base, step.what)
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// compare checks that the server holds exactly the files of a full build.
func compare(t *testing.T, s *Server, dir string, base *url.URL, after string) {
	t.Helper()
	want := output.NewMemory()
	if _, problems := build.Run(os.DirFS(dir), want, build.Options{Theme: signal.Theme, BaseURL: base, Now: time.Now()}); problems.Err() != nil {
		t.Fatalf("full build after %s: %v", after, problems.Err())
	}
	files, _, _ := s.state()
	out := files.(*build.Output)
	if got := out.Names(); !slices.Equal(got, want.Names()) {
		t.Fatalf("after %s: the server has %d files, a full build %d", after, len(got), len(want.Names()))
	}
	differ := 0
	for _, name := range want.Names() {
		w, _ := want.File(name)
		g, ok, problems := out.File(name)
		if !ok || problems.Err() != nil || !bytes.Equal(g, w) {
			if differ++; differ <= 5 {
				t.Errorf("after %s: %s differs from a full build", after, name)
			}
		}
	}
	if differ > 5 {
		t.Errorf("after %s: %d files differ in all", after, differ)
	}
}
