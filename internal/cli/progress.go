package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// When a build's live progress line shows: only after showAfter, so that
// quick builds print nothing but their summary, and then at most every
// redraw, so that the terminal is not the bottleneck. Tests shorten them.
var (
	showAfter = time.Second
	redraw    = 100 * time.Millisecond
)

// isTerminal reports whether w is a terminal, where a line can be redrawn;
// a log file or a pipe gets only the summary.
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws one line, "signal: pages 1234/16589", rewritten in place
// with a carriage return.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	mu    sync.Mutex // guards the fields below: builds report from many goroutines
	last  time.Time  // when the line was last drawn
	shown bool
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	return &progress{w: w, now: now, start: now()}
}

// update is a build.Options.Progress.
func (p *progress) update(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.start) < showAfter || (p.shown && t.Sub(p.last) < redraw && done != total) {
		return
	}
	p.last, p.shown = t, true
	line := "signal: " + stage
	if total > 0 {
		line += fmt.Sprintf(" %d/%d", done, total)
	} else {
		line += "…"
	}
	// \x1b[K erases what a longer line before it left.
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
}

// clear erases the line, so that the summary or the errors take its place.
// A nil progress has nothing to clear.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
