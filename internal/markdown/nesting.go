package markdown

// MaxNesting is how deep lists and block quotes may nest on one line.
//
// goldmark opens one container per marker of a line such as "- - - - x" or
// "> > > x", and for each it scans the rest of the line again (as a
// possible thematic break, and for its offset), so a line of n markers
// takes n² steps: 10,000 of them, 20 KB of text, take half a second, and
// 100,000 a minute. Nesting written over several lines costs no more than
// its length, since each level needs a longer indent.
const MaxNesting = 100

// DeepLine returns the first line of src (counting from 1) that opens more
// than MaxNesting lists and quotes, and how many, or 0 when none does.
func DeepLine(src []byte) (line, depth int) {
	line = 1
	for i := 0; i < len(src); line++ {
		depth = 0
		for i < len(src) {
			for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
				i++
			}
			n := marker(src[i:])
			if n == 0 {
				break
			}
			depth++
			i += n
		}
		if depth > MaxNesting {
			return line, depth
		}
		for i < len(src) && src[i] != '\n' {
			i++
		}
		i++
	}
	return 0, 0
}

// marker returns the length of the container marker b starts with: ">",
// or a bullet or number followed by a space, or 0.
func marker(b []byte) int {
	switch {
	case len(b) == 0:
		return 0
	case b[0] == '>':
		return 1
	case (b[0] == '-' || b[0] == '*' || b[0] == '+') && len(b) > 1 && (b[1] == ' ' || b[1] == '\t'):
		return 2
	}
	n := 0
	for n < len(b) && n < 9 && '0' <= b[n] && b[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(b) && (b[n] == '.' || b[n] == ')') && (b[n+1] == ' ' || b[n+1] == '\t') {
		return n + 2
	}
	return 0
}
