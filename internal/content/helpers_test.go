package content_test

import (
	"flag"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signaldigest/signal/internal/sitetest"

	"golang.org/x/tools/txtar"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden and the want/ sections of testdata/*.txtar from what the code does now")

// The sections of a fixture that hold what a test expects rather than files
// of the site.
const (
	wantProblems = "want/problems" // every problem, sorted, as signal prints them
	wantDigests  = "want/digests"  // the digests, by brief()
)

// site reads a txtar fixture into a site folder; the want/ sections stay in
// the archive.
func site(t *testing.T, file string) (*txtar.Archive, fstest.MapFS) {
	t.Helper()
	return sitetest.Read(t, file)
}

// section returns the data of a named file of the archive.
func section(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// load does what signal check does: site.yaml, then every digest, with
// handles linked to their source pages under base_url's path.
// loadDigest loads a site of one digest, content/a.md, which must give no
// problem, not even a warning.
func loadDigest(t *testing.T, src string) *content.Digest {
	t.Helper()
	digests, problems := load(fstest.MapFS{"content/a.md": {Data: []byte(src)}})
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	return digests[0]
}

func load(fsys fs.FS) ([]*content.Digest, diag.List) {
	cfg, problems := config.Load(fsys)
	if problems.Err() != nil {
		return nil, problems
	}
	base := cfg.BasePath()
	md := markdown.New(
		markdown.WithUnsafeHTML(cfg.UnsafeHTML),
		markdown.WithHandleURL(func(slug string) string { return base + "sources/" + slug + "/" }),
	)
	digests, more := content.Load(fsys, cfg, md, nil)
	return digests, append(problems, more...)
}

// printed is the problems as signal prints them, sorted, one per line.
func printed(l diag.List) string {
	l = append(diag.List(nil), l...)
	l.Sort()
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// brief prints what a reader of the site sees of each digest's front
// matter, one digest after another in the order Load returns them.
func brief(digests []*content.Digest) string {
	var b strings.Builder
	for _, d := range digests {
		fmt.Fprintf(&b, "%s\n", d.Path)
		fmt.Fprintf(&b, "  title: %s\n", d.Title)
		fmt.Fprintf(&b, "  date: %s\n", d.Date.Format(time.RFC3339Nano))
		if !d.Updated.IsZero() {
			fmt.Fprintf(&b, "  updated: %s\n", d.Updated.Format(time.RFC3339Nano))
		}
		fmt.Fprintf(&b, "  consensus: %s", d.Stance)
		if d.Scope != "" {
			fmt.Fprintf(&b, " (%s)", d.Scope)
		}
		fmt.Fprintf(&b, "\n  conviction: %s\n", d.Conviction)
		fmt.Fprintf(&b, "  themes:%s\n", themes(d))
		for _, s := range d.Sources {
			fmt.Fprintf(&b, "  source: %s @%s", s.Slug, s.Handle)
			if s.Note != "" {
				fmt.Fprintf(&b, " note=%q", s.Note)
			}
			fmt.Fprintf(&b, " cited=%d\n", len(s.Cited))
		}
		fmt.Fprintf(&b, "  summary:%s\n", prefixed(d.Summary))
		fmt.Fprintf(&b, "  slug: %s\n", d.Slug)
		fmt.Fprintf(&b, "  permalink: %s\n", d.Permalink)
		fmt.Fprintf(&b, "  draft: %v\n", d.Draft)
	}
	return b.String()
}

// prefixed puts a space before s, unless it is empty: no line of a fixture
// ends in a space that an editor would strip.
func prefixed(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

func themes(d *content.Digest) string {
	var b strings.Builder
	for _, th := range d.Themes {
		fmt.Fprintf(&b, " %s=%q", th.Slug, th.Name)
	}
	return b.String()
}

// full prints everything Load returns about each digest, its HTML too, for
// the golden files.
func full(digests []*content.Digest) string {
	var b strings.Builder
	for _, d := range digests {
		b.WriteString("== ")
		b.WriteString(brief([]*content.Digest{d}))
		for _, s := range d.Sources {
			for i, c := range s.Cited {
				fmt.Fprintf(&b, "  cited @%s #%d:\n%s", s.Handle, i+1, indent(c))
			}
		}
		fmt.Fprintf(&b, "  html:\n%s", indent(d.HTML))
	}
	return b.String()
}

func indent(html []byte) string {
	s := strings.TrimSuffix(string(html), "\n")
	return "    | " + strings.ReplaceAll(s, "\n", "\n    | ") + "\n"
}

// diff reports the first line where got and want differ, with the whole of
// got so that a fixture can be fixed from it.
func diff(t *testing.T, what, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("%s differ at line %d:\n got: %s\nwant: %s\n\nall of got:\n%s", what, i+1, gl, wl, got)
			return
		}
	}
}
