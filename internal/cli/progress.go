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

// progress draws one line, "signal: writing 1234/19428", rewritten in
// place with a carriage return.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	mu          sync.Mutex // guards the fields below: builds report from many goroutines
	last        time.Time  // when the line was last drawn
	shown, done bool       // done once cleared: nothing is drawn after
	stage       string     // the last report, which wake draws
	count       [2]int     // its done and total
	wake        *time.Timer
}

// newProgress starts the line. It draws the last report at showAfter too,
// as a stage that reports nothing on its way (reading the digests) would
// otherwise leave the terminal blank for seconds.
func newProgress(w io.Writer, now func() time.Time) *progress {
	p := &progress{w: w, now: now, start: now()}
	p.wake = time.AfterFunc(showAfter, func() {
		p.mu.Lock()
		stage, count := p.stage, p.count
		p.mu.Unlock()
		if stage != "" {
			p.update(stage, count[0], count[1])
		}
	})
	return p
}

// update is a build.Options.Progress.
func (p *progress) update(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stage, p.count = stage, [2]int{done, total}
	t := p.now()
	// A count is drawn when it completes, however soon after the last.
	finished := total > 0 && done == total
	if p.done || t.Sub(p.start) < showAfter || (p.shown && t.Sub(p.last) < redraw && !finished) {
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
	p.wake.Stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = true
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
