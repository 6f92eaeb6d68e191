package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// A digest that cannot be written takes those written before it away: a
// failed import leaves nothing behind, and the same command can run again.
func TestWriteAllUndoes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "file"), []byte("x"), 0o644)
	plan := []planned{
		{path: filepath.Join(dir, "a.md"), shown: "a.md", data: []byte("a")},
		{path: filepath.Join(dir, "b.md"), shown: "b.md", data: []byte("b")},
		{path: filepath.Join(dir, "file", "c.md"), shown: "file/c.md", data: []byte("c")}, // its folder is a file
	}
	failed, err := writeAll(plan)
	if err == nil || failed.shown != "file/c.md" {
		t.Fatalf("writeAll = %q, %v; want file/c.md and an error", failed.shown, err)
	}
	for _, name := range []string{"a.md", "b.md"} {
		if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s is left behind", name)
		}
	}
	if failed, err := writeAll(plan[:2]); err != nil {
		t.Errorf("the same digests again: %s: %v", failed.shown, err)
	}
}
