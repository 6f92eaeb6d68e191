package importer

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/signaldigest/signal/internal/markdown"
)

// sources reads the list of a Sources line into the digest's sources. A
// handle listed twice is one source, with both notes.
func (p *parser) sources(n int, rest string) {
	list, err := parseSources(rest)
	if err != nil {
		p.errorAt(n, strings.TrimSuffix(excerpt(err.at), "…"), false, "sources: %s", err.msg)
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
type sourcesError struct{ at, msg string }

// parseSources reads "@a (a note, with commas (and parentheses)), @b; @c".
// A final full stop is allowed.
func parseSources(s string) ([]source, *sourcesError) {
	var out []source
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	for i := 0; ; {
		i = skipSpace(s, i)
		if i == len(s) {
			return out, nil
		}
		if s[i] != '@' {
			return nil, &sourcesError{s[i:], fmt.Sprintf("want handles with optional notes, like \"@allIn (compute thesis), @sama\", not %q", excerpt(s[i:]))}
		}
		n := handleLen(s, i)
		if n == 0 {
			return nil, &sourcesError{s[i:], fmt.Sprintf("%q is not a handle (want @ then 1 to %d letters, digits or _)", excerpt(s[i:]), markdown.MaxHandle)}
		}
		src := source{handle: s[i+1 : i+1+n]}
		i = skipSpace(s, i+1+n)
		if i < len(s) && s[i] == '(' {
			end := closing(s, i)
			if end < 0 {
				return nil, &sourcesError{s[i:], fmt.Sprintf("the note of @%s has no closing )", src.handle)}
			}
			src.note = strings.Join(strings.Fields(s[i+1:end]), " ")
			i = skipSpace(s, end+1)
		}
		out = append(out, src)
		if i == len(s) {
			return out, nil
		}
		if s[i] != ',' && s[i] != ';' {
			return nil, &sourcesError{s[i:], fmt.Sprintf("want a comma after @%s, not %q", src.handle, excerpt(s[i:]))}
		}
		i++
	}
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
