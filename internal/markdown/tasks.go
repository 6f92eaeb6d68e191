package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskLabels names the checkbox of a task list item. goldmark writes a bare
// disabled <input>, which has no accessible name: axe-core reports it as a
// form element without a label. GitHub labels its task checkboxes the same
// way.
type taskLabels struct{}

func (taskLabels) Extend(m goldmark.Markdown) {
	// A smaller value than the GFM task list renderer's 500: goldmark
	// registers renderers from the largest value to the smallest, and the
	// last one registered for a kind wins.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(taskLabels{}, 100)))
}

func (taskLabels) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			w.WriteString(`<input checked="" disabled="" type="checkbox" aria-label="Completed task"> `)
		} else {
			w.WriteString(`<input disabled="" type="checkbox" aria-label="Incomplete task"> `)
		}
		return ast.WalkContinue, nil
	})
}
