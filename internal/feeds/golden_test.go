package feeds_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGolden builds testdata/golden.txtar and compares its home feeds with
// testdata/golden/, byte for byte, so that a review shows exactly what a
// change does to them. go test ./internal/feeds -update rewrites them.
func TestGolden(t *testing.T) {
	b := buildSite(t, fixture(t, "golden"), "", now)
	checkFeeds(t, b)
	for _, ff := range feedFiles {
		got := b.file(t, ff.name)
		file := filepath.Join("testdata", "golden", ff.name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/feeds -update to write it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (go test ./internal/feeds -update rewrites it):\n%s", ff.name, file, firstDiff(string(got), string(want)))
		}
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return "(the same lines, different bytes)"
}
