//go:build unix

package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/markdown"
)

// TestNamedPipe: a named pipe called like a digest is reported, not read,
// which would wait for a writer forever.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan string, 1)
	go func() {
		_, problems := content.Load(os.DirFS(dir), config.Default(), markdown.New(), nil)
		var lines []string
		for _, p := range problems {
			lines = append(lines, p.Error())
		}
		done <- strings.Join(lines, "\n")
	}()
	select {
	case got := <-done:
		if want := "content/pipe.md: cannot read: not a regular file"; got != want {
			t.Errorf("problems:\n%s\nwant:\n%s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load still reads the named pipe after 10 s")
	}
}
