package signal

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/output"
)

// The sample archive's build is kept as golden output, so that a diff in
// review shows what a change did to the site: testdata/golden/sample holds
// its pages, its home feeds, the sitemap and robots.txt as built, and
// testdata/golden/sample.sums the SHA-256 and size of every file it
// writes. `go test ./... -update` writes them anew.
const goldenDir = "testdata/golden/sample"

const goldenSums = "testdata/golden/sample.sums"

// goldenNow is after every digest of the sample, so that none is left out
// as dated later.
var goldenNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// golden reports whether a built file is kept whole, not only summed.
func golden(name string) bool {
	switch name {
	case "feed.xml", "atom.xml", "feed.json", "sitemap.xml", "robots.txt":
		return true
	}
	return path.Ext(name) == ".html"
}

func TestSampleGolden(t *testing.T) {
	mem := output.NewMemory()
	if _, problems := build.Run(os.DirFS("."), mem, build.Options{Theme: Theme, Now: goldenNow}); problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	var sums strings.Builder
	for _, name := range mem.Names() {
		data, _ := mem.File(name)
		fmt.Fprintf(&sums, "%x %7d %s\n", sha256.Sum256(data), len(data), name)
	}
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for _, name := range mem.Names() {
			if !golden(name) {
				continue
			}
			data, _ := mem.File(name)
			file := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(goldenSums, []byte(sums.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	const again = "if the change is meant, run go test . -update and review the diff"
	want, err := os.ReadFile(goldenSums)
	if err != nil {
		t.Fatalf("%v: %s", err, again)
	}
	if got := sums.String(); got != string(want) {
		t.Errorf("the files built from the sample differ from %s:\n%s\n%s", goldenSums, lineDiff(string(want), got), again)
	}
	for _, name := range mem.Names() {
		if !golden(name) {
			continue
		}
		got, _ := mem.File(name)
		want, err := os.ReadFile(filepath.Join(goldenDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v: %s", name, err, again)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from its golden file:\n%s\n%s", name, lineDiff(string(want), string(got)), again)
		}
	}
}

// lineDiff shows the first lines that differ between want and got, with
// a line of context before them.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 6; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		fmt.Fprintf(&b, "line %d:\n  want %.200q\n  got  %.200q\n", i+1, wl, gl)
		shown++
	}
	return b.String()
}
