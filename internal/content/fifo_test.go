//go:build unix

package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/sitefs"
)

// TestNamedPipe: a named pipe called like a digest, or linked to by one,
// is reported, not read, which would wait for a writer forever: read
// directly and through sitefs, as a build reads a site.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	loadPipes(t, os.DirFS(dir), "content/pipe.md: cannot read: not a regular file")
	if err := os.Symlink("pipe.md", filepath.Join(dir, "content", "link.md")); err != nil {
		t.Fatal(err)
	}
	loadPipes(t, sitefs.Confine(os.DirFS(dir)), "content/link.md: cannot read: not a regular file\ncontent/pipe.md: cannot read: not a regular file")
}

func loadPipes(t *testing.T, fsys fs.FS, want string) {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		_, problems := content.Load(fsys, config.Default(), markdown.New(), nil)
		var lines []string
		for _, p := range problems {
			lines = append(lines, p.Error())
		}
		done <- strings.Join(lines, "\n")
	}()
	select {
	case got := <-done:
		if got != want {
			t.Errorf("problems:\n%s\nwant:\n%s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load still reads the named pipe after 10 s")
	}
}

// A file name that is not UTF-8 (Linux allows any bytes) is reported as
// such, with its bytes escaped, not as an "invalid argument".
func TestNameNotUTF8(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "2026-11-26-bad\xff.md"), []byte("x"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	// Files the build skips anyway are not reported: not digests, and
	// folders it does not read.
	for _, name := range []string{"r\xe9sum\xe9.txt", "_archiv\xe9/x.md", ".cach\xe9/x.md"} {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, problems := content.Load(sitefs.Confine(os.DirFS(dir)), config.Default(), markdown.New(), nil)
	want := `content/2026-11-26-bad` + "\uFFFD" + `.md: cannot read: the name "2026-11-26-bad\xff.md" is not UTF-8 text; rename it`
	if err := problems.Err(); err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// A file that cannot be read hides no other problem: the digests beside
// it are read and theirs are reported in the same run.
func TestUnreadableBesideBroken(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "broken.md"), []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loadPipes(t, os.DirFS(dir), `content/pipe.md: cannot read: not a regular file
content/broken.md:3: missing required field "date" (add it before this line, which ends the front matter)
content/broken.md:3: missing required field "consensus" (add it before this line, which ends the front matter)
content/broken.md:3: missing required field "conviction" (add it before this line, which ends the front matter)`)
}

// content that is a file, not a folder, is an error, not an empty archive.
func TestContentIsAFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "content"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	loadPipes(t, os.DirFS(dir), "content: content is a file, not a folder: digests go in the folder content/")
}
