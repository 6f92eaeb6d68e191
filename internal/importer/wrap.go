package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// A paste may be hard-wrapped, as plain-text e-mail is: this file finds
// the width it was wrapped at, and joins its lines back (see the package
// doc).

// wraps reports whether line n continues the line before it in a
// hard-wrapped paste: it is the next line of the file, and its first word
// would not have fit at the end of that one.
func (p *parser) wraps(n int, l string) bool {
	if p.width == 0 && p.widthBytes == 0 || p.prevN != n-1 || p.prev == "" {
		return false
	}
	word, _, _ := strings.Cut(l, " ")
	prev := strings.TrimRightFunc(p.prev, unicode.IsSpace)
	// ≥, not >: fold breaks where the word and the space after it would
	// not fit.
	return p.width > 0 && columns(prev)+1+columns(word) >= p.width ||
		p.widthBytes > 0 && len(prev)+1+len(word) >= p.widthBytes
}

// wrapWidth returns the width a paste was hard-wrapped at, as e-mail wraps
// plain text at 72 or 78 columns, in columns (a Chinese or Japanese
// character takes two) and in bytes (as some tools count, fold among
// them); or 0 when its lines run on.
func wrapWidth(lines []string) (cols, bytes int) {
	return wrapped(lines, columns), wrapped(lines, func(l string) int { return len(strings.TrimRightFunc(l, unicode.IsSpace)) })
}

// wrapped returns the width lines were wrapped at: the widest of 40 to
// 100, a few wider ones (a long link) aside, when half of the lines of 20
// or more come within 12 of it, and three of those were cut in the middle
// of a sentence, before a line that goes on with it. Lines short by
// nature, one item each, end their sentences; a wrapped paste cuts them
// anywhere.
func wrapped(lines []string, width func(string) int) int {
	w, long, over := 0, 0, 0
	for _, l := range lines {
		n := width(l)
		if n >= 20 {
			long++
		}
		if n > 100 {
			over++
		} else {
			w = max(w, n)
		}
	}
	if w < 40 || 10*over > long {
		return 0
	}
	near, cut := 0, 0
	for i, l := range lines {
		if n := width(l); n < 20 || n < w-12 || n > w {
			continue
		}
		near++
		if i+1 < len(lines) && midSentence(l) && continues(lines[i+1]) {
			cut++
		}
	}
	if cut < 3 || 2*near < long-over {
		return 0
	}
	return w
}

// midSentence reports whether a line ends in the middle of a sentence: on
// a letter, a digit, a comma or a hyphen, not a full stop or a bracket.
func midSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(l, unicode.IsSpace))
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == '-'
}

// continues reports whether a line may go on with the one before it: it is
// text, not a blank line, a rule, a bullet or a label.
func continues(l string) bool {
	l = strings.TrimSpace(l)
	return l != "" && !rule(l) && !bullet.MatchString(l) && !labelled(l)
}

// columns is the width of a line as a terminal shows it, without its line
// end: a wide character (Chinese, Japanese, Korean) takes two columns.
func columns(l string) int {
	n := 0
	for _, r := range strings.TrimRightFunc(l, unicode.IsSpace) {
		n++
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			n++
		}
	}
	return n
}

// joinWrapped joins a line to the one it continues: with a space, but for
// a word cut at its hyphen ("power-" and "starved") and between two wide
// characters.
func joinWrapped(text, more string) string {
	before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(text, "-"))
	after, _ := utf8.DecodeRuneInString(more)
	last, _ := utf8.DecodeLastRuneInString(text)
	if strings.HasSuffix(text, "-") && unicode.IsLetter(before) && unicode.IsLetter(after) ||
		columns(string(last)) == 2 && columns(string(after)) == 2 { // 到来，这对: no space in Chinese or Japanese
		return text + more
	}
	return text + " " + more
}
