package markdown

// MaxLinkScan bounds the bytes goldmark may read looking for the ends of
// link destinations.
//
// At each "](" goldmark reads a destination: up to a space, or a ")" that
// closes no "(" of its own, or after "<" up to ">" or the line's end. One
// that never ends is read to there in full, and so is the next, so a run
// such as "[a](" repeated with no space takes n² steps: 80 KB of it took
// four seconds, and the 1 MB a digest may be, ten minutes. Links that end
// cost their length, some hundred bytes; 16 MB is tens of thousands.
// cmark had the same flaw (commonmark/cmark#218, fixed there); we found no
// issue of goldmark's for it, whose own pathological fixes (yuin/goldmark
// #555, #593) are of emphasis and raw HTML.
const MaxLinkScan = 16 << 20

// linkGroup is destinations not yet ended that end at the same byte.
type linkGroup struct{ n, sum, line int }

// SlowLinkLine returns the line of src (counting from 1) of the first "]("
// of the destinations whose reading passes MaxLinkScan, or 0. It reads src
// once, keeping the destinations not yet ended in groups: by the depth of
// parentheses they start at, and those after "<".
func SlowLinkLine(src []byte) int {
	var cost int
	end := func(g *linkGroup, at int) bool {
		cost += g.n*at - g.sum
		g.n, g.sum = 0, 0
		return cost > MaxLinkScan
	}
	add := func(g *linkGroup, at, line int) {
		if g.n == 0 {
			g.line = line
		}
		g.n++
		g.sum += at
	}
	depth := 0                      // parentheses open since the last space
	byDepth := map[int]*linkGroup{} // destinations by the depth they start at
	var order []*linkGroup          // the same, oldest first
	angle := &linkGroup{}           // destinations after "<"
	line := 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\\':
			i++ // an escaped ( or ) is no parenthesis
			if i < len(src) && src[i] == '\n' {
				line++
			}
		case ']':
			if i+1 >= len(src) || src[i+1] != '(' {
				break
			}
			i++        // the link's own (
			j := i + 1 // goldmark skips spaces before a destination
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if j < len(src) && src[j] == '<' {
				add(angle, i, line)
				break
			}
			g := byDepth[depth]
			if g == nil {
				g = &linkGroup{}
				byDepth[depth] = g
				order = append(order, g)
			}
			add(g, i, line)
		case '(':
			depth++
		case ')':
			// It ends the destinations that opened no ( since they began.
			if g := byDepth[depth]; g != nil && g.n > 0 && end(g, i) {
				return g.line
			}
			depth--
		case '>':
			if angle.n > 0 && end(angle, i) {
				return angle.line
			}
		case ' ', '\t', '\n', '\r':
			for _, g := range order {
				if g.n > 0 && end(g, i) {
					return g.line
				}
			}
			clear(byDepth)
			order, depth = order[:0], 0
			if c == '\n' || c == '\r' {
				if angle.n > 0 && end(angle, i) {
					return angle.line
				}
			}
			if c == '\n' {
				line++
			}
		}
	}
	for _, g := range append(order, angle) {
		if g.n > 0 && end(g, len(src)) {
			return g.line
		}
	}
	return 0
}
