package render_test

import (
	"io/fs"
	"regexp"
	"slices"
	"testing"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/render"
)

// Every id the built-in layouts write is in PageIDs, so that no heading
// of a digest takes it.
func TestPageIDsComplete(t *testing.T) {
	idRE := regexp.MustCompile(`\bid="([^"{]+)"`)
	n := 0
	err := fs.WalkDir(signal.Theme, "layouts", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(signal.Theme, name)
		if err != nil {
			return err
		}
		for _, m := range idRE.FindAllSubmatch(b, -1) {
			n++
			if !slices.Contains(render.PageIDs, string(m[1])) {
				t.Errorf("%s: id %q is not in render.PageIDs", name, m[1])
			}
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("read %d ids: %v", n, err)
	}
}
