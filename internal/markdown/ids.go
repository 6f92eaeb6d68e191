package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingText gives each heading its id from the text a reader sees of
// it, as GitHub and Hugo do: "The [Fed](https://fed.gov) pivot" is
// the-fed-pivot. goldmark's own auto IDs read the heading's last line of
// source instead, URLs and markup included, and only that line of a
// heading underlined over two.
type headingText struct{}

func (headingText) Extend(m goldmark.Markdown) {
	// After every other transformer: the text is final.
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headingText{}, 0)))
}

func (headingText) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.Heading); ok {
			headings = append(headings, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// An id written in the heading, "## Rates {#rates}", is kept, as in
	// Hugo and Zola, unless the page or an earlier heading has it: then it
	// gets the free one after it ("main-1"), as a made id does. Written
	// ids are given out first, so that a made one never takes theirs.
	// The footnotes' ids, "fn:1" and "fnref:1", are taken too.
	ids := pc.IDs()
	for _, h := range headings {
		keepAttributes(h)
		if v, ok := h.AttributeString("id"); ok {
			if s, ok := ids.(*headingIDs); ok {
				id := string(v.([]byte))
				if footnoteID(id) {
					s.used[id] = true
				}
				h.SetAttributeString("id", []byte(s.claim(id)))
			}
		}
	}
	for _, h := range headings {
		if _, ok := h.AttributeString("id"); !ok {
			text, _ := plainText(h, src, nil)
			h.SetAttributeString("id", ids.Generate([]byte(text), ast.KindHeading))
		}
	}
}

// keepAttributes drops the attributes written in a heading other than its
// id and classes: "{style=...}" or "{tabindex=...}" would let a digest
// restyle or rearrange the page around it, which unsafe_html: false rules
// out for raw HTML too. An empty id, "{#}", is none: HTML allows no empty
// id, and the heading gets a made one.
func keepAttributes(h *ast.Heading) {
	id, hasID := h.AttributeString("id")
	class, hasClass := h.AttributeString("class")
	h.RemoveAttributes()
	// goldmark reads {id=1} as a number and {id=true} as a bool.
	if b, ok := id.([]byte); !ok && hasID {
		id = []byte(fmt.Sprint(id))
	} else if hasID && len(b) == 0 {
		hasID = false
	}
	if hasID {
		h.SetAttributeString("id", id)
	}
	if hasClass {
		h.SetAttributeString("class", class)
	}
}

// headingIDs makes heading IDs as GitHub does, for every script: lower
// case, spaces to -, punctuation dropped, letters, marks and digits of any
// script kept ("Política Industrial" → "política-industrial"). goldmark's
// own generator drops every non-ASCII letter. Repeats get -1, -2, ….
type headingIDs struct {
	used map[string]bool
	next map[string]int // the suffix to try first for a base used already
}

func newHeadingIDs(reserved []string) *headingIDs {
	used := make(map[string]bool, len(reserved))
	for _, id := range reserved {
		used[id] = true
	}
	return &headingIDs{used: used, next: map[string]int{}}
}

func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := make([]byte, 0, len(value))
	for len(value) > 0 {
		r, n := utf8.DecodeRune(value)
		value = value[n:]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) || r == '_' || r == '-':
			id = utf8.AppendRune(id, unicode.ToLower(r))
		case unicode.IsSpace(r):
			id = append(id, '-')
		}
	}
	base := string(id)
	if base == "" {
		base = "heading"
	}
	return []byte(s.claim(base))
}

// claim returns base, or when it is taken the first of base-1, base-2, …
// that is free, and marks it taken.
func (s *headingIDs) claim(base string) string {
	// The suffix goes on from the last one given for the base, so that a
	// body of thousands of headings alike takes linear time, not square.
	out := base
	for i := max(s.next[base], 1); s.used[out]; i++ {
		out = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.used[out] = true
	return out
}

func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }

// footnoteID reports whether id has the form of the ids goldmark gives
// footnotes and the marks that refer to them: fn:N, fnref:N, fnref2:N.
func footnoteID(id string) bool {
	rest, ok := strings.CutPrefix(id, "fn")
	if !ok {
		return false
	}
	if r, ok := strings.CutPrefix(rest, "ref"); ok {
		rest = strings.TrimLeft(r, "0123456789")
	}
	return strings.HasPrefix(rest, ":")
}
