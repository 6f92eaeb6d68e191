package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tableAlign sets a cell's alignment as its style once, when the body is
// parsed. goldmark's table renderer adds the style to the cell's
// attributes each time it renders the cell, and a cell cited by a source
// is rendered twice: the body then read style="text-align:left;
// text-align:left" where it cited a handle.
type tableAlign struct{}

func (tableAlign) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(tableAlign{}, 100)))
}

func (tableAlign) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if c, ok := n.(*east.TableCell); ok && entering && c.Alignment != east.AlignNone {
			c.SetAttributeString("style", []byte("text-align:"+c.Alignment.String()))
		}
		return ast.WalkContinue, nil
	})
}
