package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// IsUnsafeURL reports whether a URL has a scheme that can run code or smuggle
// content: javascript:, vbscript: or data:. Browsers ignore ASCII control
// characters and spaces inside a scheme, so they are ignored here too.
func IsUnsafeURL(u string) bool {
	var scheme strings.Builder
	colon := false
	for _, c := range []byte(u) {
		if c == ':' {
			colon = true
			break
		}
		if c <= ' ' {
			continue
		}
		if scheme.Len() > 16 {
			return false
		}
		scheme.WriteByte(c | 0x20) // ASCII lower case
	}
	switch scheme.String() {
	case "javascript", "vbscript", "data":
		return colon // without a colon, "data" is a relative path
	}
	return false
}

// safeLinks replaces links and images whose URL is unsafe by their text.
// goldmark alone keeps such a link and only empties its href, which still
// renders as a link to the page itself.
type safeLinks struct{}

func (safeLinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(safeLinks{}, 1000)))
}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if unsafeDestination(n.Destination) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if unsafeDestination(n.Destination) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if IsUnsafeURL(string(n.URL(reader.Source()))) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, n := range bad {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(bytes.Clone(a.Label(src))))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// unsafeDestination checks a link's destination as the renderer writes it:
// goldmark keeps character references such as &#x6A; in Destination and
// resolves them only when it renders the href.
func unsafeDestination(dest []byte) bool {
	return IsUnsafeURL(string(util.URLEscape(dest, true)))
}

// basePath moves links and images to a path from the site's root, such as
// [themes](/themes/compute/), under the path of base_url, where the site
// is served: in a body, / is the site's root, as Hugo's relURL has it.
type basePath struct{ path string }

func (b basePath) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(b, 999)))
}

func (b basePath) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link:
				n.Destination = b.move(n.Destination)
			case *ast.Image:
				n.Destination = b.move(n.Destination)
			}
		}
		return ast.WalkContinue, nil
	})
}

func (b basePath) move(dest []byte) []byte {
	if len(dest) == 0 || dest[0] != '/' || len(dest) > 1 && (dest[1] == '/' || dest[1] == '\\') {
		return dest // relative, or another host's
	}
	return append([]byte(b.path), dest[1:]...)
}
