package markdown_test

import (
	"strings"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/markdown"
)

// TestSlowLinkLine: runs of "](" that never end are found at their line,
// in time linear in their length, and what they would cost goldmark is
// what SlowLinkLine refuses; ordinary links, however many, pass.
func TestSlowLinkLine(t *testing.T) {
	for _, c := range []struct {
		name string
		src  string
		want int
	}{
		{"unclosed", "intro\n\n" + strings.Repeat("[a](", 20000), 3},
		{"image", strings.Repeat("![a](", 20000), 1},
		{"angle", "x\n" + strings.Repeat("[a](< ", 20000), 2},
		{"angle after spaces", strings.Repeat("[a]( <", 20000), 1},
		{"angle after a tab", strings.Repeat("[a](\t<", 20000), 1},
		{"links", strings.Repeat("See [the filing](https://example.org/filings/2026/q3.pdf) and [a chart](c.png). ", 12000), 0},
		{"closed", strings.Repeat("[a](b)", 100000), 0},
		{"spaced", strings.Repeat("[a](b ", 100000), 0},
		{"lines", strings.Repeat("[a](<b\n", 100000), 0},
		{"few", strings.Repeat("[a](", 1000), 0},
	} {
		if got := markdown.SlowLinkLine([]byte(c.src)); got != c.want {
			t.Errorf("%s: line %d, want %d", c.name, got, c.want)
		}
	}
	// What passes reads in good time.
	md := markdown.New()
	for _, src := range []string{strings.Repeat("[a](", 1500), strings.Repeat("[a](< ", 1500)} {
		if markdown.SlowLinkLine([]byte(src)) != 0 {
			t.Fatalf("%.12q... refused", src)
		}
		start := time.Now()
		md.Parse([]byte(src))
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%.12q... passes but takes %v to parse", src, d)
		}
	}
}
