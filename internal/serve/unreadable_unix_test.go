//go:build unix

package serve_test

import (
	"os"
	"syscall"
	"testing"
)

// unreadable makes the file at path one the build cannot read: without
// permission to, or, as root, who reads any file (as CI runs), a named
// pipe in its place, which the build refuses to read as well.
func unreadable(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() != 0 {
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}
