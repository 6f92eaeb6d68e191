//go:build unix

package build_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
)

// A named pipe in static/ or layouts/ is refused, not read (which waited
// for ever), and a static link that leads nowhere fails the check of
// every page as it fails a build: check and serve run that check.
func TestStaticOddFiles(t *testing.T) {
	site := func(t *testing.T) string {
		dir := t.TempDir()
		write := func(name, data string) {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("content/2026-11-02-one.md", "---\ntitle: One\ndate: 2026-11-02\nconsensus: Bullish\nconviction: high\n---\nBody.\n")
		write("static/keep.txt", "x")
		return dir
	}
	within := func(t *testing.T, what string, f func() string) string {
		t.Helper()
		done := make(chan string, 1)
		go func() { done <- f() }()
		select {
		case got := <-done:
			return got
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still running after 10 s", what)
			return ""
		}
	}
	for _, name := range []string{"static/pipe.txt", "layouts/partials/pipe.html"} {
		dir := site(t)
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(filepath.FromSlash(name))), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(name)), 0o644); err != nil {
			t.Fatal(err)
		}
		got := within(t, name, func() string {
			_, _, problems := tryRun(os.DirFS(dir), build.Options{})
			return problems.Error()
		})
		if !strings.Contains(got, "not a regular file") {
			t.Errorf("with %s: %q, want an error saying it is not a regular file", name, got)
		}
	}

	dir := site(t)
	if err := os.Symlink("nowhere.txt", filepath.Join(dir, "static", "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	out, problems := build.Prepare(os.DirFS(dir), build.Options{Theme: signal.Theme, Now: now})
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	if got := out.Check(context.Background()).Error(); !strings.Contains(got, "static/dangling.txt: cannot") {
		t.Errorf("Check: %q, want the dangling link", got)
	}
}
