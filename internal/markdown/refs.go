package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

// Ref is a link or an image of a document that leads into the site: a
// path, from its root (/img/chart.png, moved under the base path) or
// relative to the page (img/chart.png), not a URL with a scheme or a host
// nor a fragment alone.
type Ref struct {
	Dest  string // as the page links it, percent-encoding and all
	Line  int    // of the document, from 1
	Image bool
}

// scheme starts a URL with a scheme: https:, mailto:, tel:.
var scheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// Refs returns the document's links and images into the site, in order.
func (d *Document) Refs() []Ref {
	var out []Ref
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		image := false
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest, image = n.Destination, true
		default:
			return ast.WalkContinue, nil
		}
		if len(dest) == 0 || dest[0] == '#' || bytes.HasPrefix(dest, []byte("//")) || scheme.Match(dest) {
			return ast.WalkContinue, nil
		}
		out = append(out, Ref{Dest: string(dest), Line: d.line(n), Image: image})
		return ast.WalkContinue, nil
	})
	return out
}

// line is the line an inline node starts on: that of its first text, or
// else of the block it is in.
func (d *Document) line(n ast.Node) int {
	at := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			at = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for p := n; at < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			at = p.Lines().At(0).Start
		}
	}
	if at < 0 {
		return 1
	}
	return bytes.Count(d.src[:at], []byte{'\n'}) + 1
}
