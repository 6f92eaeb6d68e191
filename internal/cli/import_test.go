package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
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

type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// A standard output that cannot be written (>/dev/full) fails the command
// with a message, rather than exit 0 with nothing printed: a script that
// reads the path signal new wrote must not take an empty answer for one.
func TestStdoutFull(t *testing.T) {
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"version"}, "signal version: cannot write "},
		{[]string{"new", "-s", site, "--date", "2026-11-24", "Full disk"}, `signal new: cannot write "` + filepath.ToSlash(site) + `/content/2026-11-24-full-disk.md" to the standard output: no space left on device`},
	} {
		var stderr strings.Builder
		if code := Main(c.args, fullWriter{}, &stderr); code != ExitContent || !strings.HasPrefix(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, %q; want exit %d, %q", c.args, code, stderr.String(), ExitContent, c.want)
		}
	}
}
