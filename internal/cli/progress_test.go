package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/signaldigest/signal/internal/corpus"
)

// The line shows after a second, is redrawn at most ten times a second
// (and once more when a stage completes), and clears without a trace.
func TestProgressLine(t *testing.T) {
	var out bytes.Buffer
	clock := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	p := newProgress(&out, func() time.Time { return clock })
	p.wake.Stop() // it runs on real time, which this clock is not
	step := func(d time.Duration, stage string, done, total int) {
		clock = clock.Add(d)
		p.update(stage, done, total)
	}
	step(0, "content", 0, 0)
	step(900*time.Millisecond, "writing", 10, 100)
	if out.Len() != 0 {
		t.Fatalf("shown before a second: %q", out.String())
	}
	step(200*time.Millisecond, "writing", 20, 100)
	step(50*time.Millisecond, "writing", 30, 100)  // too soon
	step(100*time.Millisecond, "writing", 40, 100) // due
	step(10*time.Millisecond, "writing", 100, 100) // done: always drawn
	// A stage without a count is drawn at most ten times a second too,
	// however often it reports (once per file of the search index).
	for range 1000 {
		step(time.Millisecond, "search", 0, 0)
	}
	p.clear()
	step(time.Second, "writing", 50, 100) // after clear: never drawn
	want := "\rsignal: writing 20/100\x1b[K\rsignal: writing 40/100\x1b[K\rsignal: writing 100/100\x1b[K" +
		strings.Repeat("\rsignal: search…\x1b[K", 10) + "\r\x1b[K"
	if out.String() != want {
		t.Errorf("drew %q\nwant %q", out.String(), want)
	}
	out.Reset()
	p.clear()
	(*progress)(nil).clear()
	if out.Len() != 0 {
		t.Errorf("a second clear drew %q", out.String())
	}
}

// A stage that reports nothing for its first second, as reading the
// digests does not, is shown all the same.
func TestProgressWakes(t *testing.T) {
	defer func(d time.Duration) { showAfter = d }(showAfter)
	showAfter = 20 * time.Millisecond
	var out bytes.Buffer // written under p.mu, read once the line is cleared
	p := newProgress(&out, time.Now)
	p.update("content", 0, 0)
	drawn := func() bool {
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.shown
	}
	for deadline := time.Now().Add(5 * time.Second); !drawn() && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	p.clear()
	if got := out.String(); got != "\rsignal: content…\x1b[K\r\x1b[K" {
		t.Errorf("drew %q", got)
	}
}

// On a real terminal (a pty), a build shows the line and clears it before
// the summary; through a pipe, and with --quiet, it does not.
func TestProgressTerminal(t *testing.T) {
	defer func(d time.Duration) { showAfter = d }(showAfter)
	showAfter = 0 // every build is long enough
	site := filepath.Join(t.TempDir(), "site")
	if err := corpus.Write(site, corpus.Files(corpus.Generate(corpus.Options{N: 30, Seed: 1}))); err != nil {
		t.Fatal(err)
	}
	build := func(stderr *os.File, args ...string) {
		t.Helper()
		if code := Main(append([]string{"build", "-s", site}, args...), io.Discard, stderr); code != 0 {
			t.Fatalf("exit %d", code)
		}
		stderr.Close()
	}

	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty: %v", err)
	}
	defer ptmx.Close()
	got := make(chan string)
	go func() { b, _ := io.ReadAll(ptmx); got <- string(b) }()
	build(tty)
	screen := <-got
	if !strings.Contains(screen, "\rsignal: writing ") || !strings.Contains(screen, "\r\x1b[Ksignal: 30 digests → ") {
		t.Errorf("on a terminal: %q", screen)
	}

	ptmx2, tty2, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx2.Close()
	go func() { b, _ := io.ReadAll(ptmx2); got <- string(b) }()
	build(tty2, "--quiet")
	if screen := <-got; screen != "" {
		t.Errorf("--quiet on a terminal: %q", screen)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { b, _ := io.ReadAll(r); got <- string(b) }()
	build(w)
	if piped := <-got; strings.Contains(piped, "\r") || strings.Count(piped, "\n") != 1 || !strings.HasPrefix(piped, "signal: 30 digests → ") {
		t.Errorf("through a pipe: %q", piped)
	}
}
