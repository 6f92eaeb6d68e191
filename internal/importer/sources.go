package importer

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/markdown"
)

// sources reads the list of a Sources line into the digest's sources. A
// handle listed twice is one source, with both notes.
func (p *parser) sources(n int, rest string) {
	list, errs := parseSources(rest)
	// An error's column is where it is in the list, when the list is all
	// on its line; a list that wraps gives its errors none.
	raw := p.lines[n-1]
	base := strings.Index(raw, strings.TrimSuffix(strings.TrimSpace(rest), "."))
	for _, err := range errs {
		col := 0
		if base >= 0 {
			col = utf8.RuneCountInString(raw[:base+err.off]) + 1
		}
		p.problems.Add(p.name, n, col, "sources: %s", err.msg)
	}
	if errs != nil {
		return
	}
	for _, s := range list {
		p.addSource(s)
	}
}

// addSource adds a source to the digest's, or its note to the source's
// when it has it already.
func (p *parser) addSource(s source) {
	slug := markdown.HandleSlug(s.handle)
	i, dup := p.handles[slug]
	if !dup {
		p.handles[slug] = len(p.d.sources)
		p.d.sources = append(p.d.sources, s)
		return
	}
	switch first := &p.d.sources[i]; {
	case first.note == "":
		first.note = s.note
	case s.note != "" && s.note != first.note:
		first.note += "; " + s.note
	}
}

// sourcesError is what is wrong with a Sources line, and the text where it
// is, for its column.
type sourcesError struct {
	at, msg string
	off     int // where at starts in the list
}

// parseSources reads "@a (a note, with commas (and parentheses)), @b; @c".
// A final full stop is allowed. An entry that is wrong is reported, and
// the list read on from the comma after it: one run tells every problem.
func parseSources(s string) ([]source, []*sourcesError) {
	var out []source
	var errs []*sourcesError
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	for i := 0; ; {
		i = skipSpace(s, i)
		if i == len(s) {
			return out, errs
		}
		// entry is the text of the entry at i, up to the comma after it.
		entry := func() string { return strings.TrimRight(s[i:nextComma(s, i)], " ,;") }
		n := 0
		if s[i] == '@' {
			n = handleLen(s, i)
		}
		if n == 0 {
			if s[i] != '@' {
				errs = append(errs, &sourcesError{entry(), fmt.Sprintf("want handles with optional notes, like \"@allIn (compute thesis), @sama\", not %q", excerpt(entry())), i})
			} else {
				errs = append(errs, &sourcesError{entry(), fmt.Sprintf("%q is not a handle (want @ then 1 to %d letters, digits or _)", excerpt(entry()), markdown.MaxHandle), i})
			}
			i = nextComma(s, i)
			continue
		}
		src := source{handle: s[i+1 : i+1+n]}
		i = skipSpace(s, i+1+n)
		if i < len(s) && s[i] == '(' {
			end := closing(s, i)
			if end < 0 {
				return out, append(errs, &sourcesError{s[i:], fmt.Sprintf("the note of @%s has no closing )", src.handle), i})
			}
			src.note = strings.Join(strings.Fields(s[i+1:end]), " ")
			i = skipSpace(s, end+1)
		}
		out = append(out, src)
		if i == len(s) {
			return out, errs
		}
		if s[i] != ',' && s[i] != ';' {
			errs = append(errs, &sourcesError{entry(), fmt.Sprintf("want a comma after @%s, not %q", src.handle, excerpt(entry())), i})
			i = nextComma(s, i)
			continue
		}
		i++
	}
}

// nextComma returns the index just past the comma or semicolon that ends
// the entry at s[i], outside parentheses, or len(s).
func nextComma(s string, i int) int {
	depth := 0
	for ; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case ',', ';':
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(s)
}

// closing returns the index of the ) that closes the ( at s[open], or -1.
func closing(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func skipSpace(s string, i int) int {
	return len(s) - len(strings.TrimLeftFunc(s[i:], unicode.IsSpace))
}

// excerpt is the start of s, for an error message.
func excerpt(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		s = f[0]
	}
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
