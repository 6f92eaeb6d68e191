package markdown_test

import (
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/markdown"
)

func TestDeepLine(t *testing.T) {
	deep := func(marker string, n int) string { return strings.Repeat(marker, n) + "x\n" }
	for _, c := range []struct {
		src         string
		line, depth int
	}{
		{"", 0, 0},
		{"text\n- a\n  - b\n> > q\n", 0, 0},
		{deep("- ", markdown.MaxNesting), 0, 0},
		{deep("- ", markdown.MaxNesting+1), 1, markdown.MaxNesting + 1},
		{"a\n\n" + deep(">", 500), 3, 500},
		{"a\n" + deep("> ", 200), 2, 200},
		{"a\n" + deep("1. ", 150), 2, 150},
		{"a\n" + deep("12) * + ", 60), 2, 180},
		{deep("-", 1000), 0, 0},            // a thematic break or text, not lists
		{deep("1.", 1000), 0, 0},           // no space: text
		{deep("- ", 1000)[:2000], 1, 1000}, // no line end
	} {
		if line, depth := markdown.DeepLine([]byte(c.src)); line != c.line || depth != c.depth {
			t.Errorf("DeepLine(%.30q…) = %d, %d; want %d, %d", c.src, line, depth, c.line, c.depth)
		}
	}
}
