package markdown

import (
	"bufio"
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// Mention is one @handle in a document's body.
type Mention struct {
	Name string // as written, without @
	// Block is the item or paragraph that holds the mention: the nearest
	// list item, else the block at the top of the document, of a footnote
	// or of a quote (see citingBlock).
	Block  ast.Node
	handle *Handle
}

// Inside reports whether the block of m is the block of o or within it: a
// list item nested in an item that o holds.
func (m Mention) Inside(o Mention) bool {
	return m.Under(func(block any) bool { return block == o.Block })
}

// Under reports whether held reports true of the block of m or of a block
// it is nested in: at most as many calls as the block is deep.
func (m Mention) Under(held func(block any) bool) bool {
	for n := m.Block; n != nil; n = n.Parent() {
		if held(n) {
			return true
		}
	}
	return false
}

// Mentions returns the document's @handles in order of appearance.
func (d *Document) Mentions() []Mention {
	var out []Mention
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*Handle); ok && entering {
			out = append(out, Mention{Name: h.Name, Block: citingBlock(h), handle: h})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// citingBlock is the block a handle is cited by: the list item it is in,
// or else its block at the top of the document, of a footnote or of a
// quote, since a quote of several paragraphs cites by paragraph too.
func citingBlock(n ast.Node) ast.Node {
	var top, quoted ast.Node = n, nil
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindListItem {
			return p
		}
		if p.Kind() == ast.KindDocument || p.Kind() == east.KindFootnote {
			break // not the whole list of footnotes
		}
		if p.Kind() == ast.KindBlockquote && quoted == nil {
			quoted = top
		}
		top = p
	}
	if quoted != nil {
		return quoted
	}
	return top
}

// RenderBlock returns the HTML of one block of the document, such as a
// Mention's Block, as it is within the whole document's HTML: a list item
// is an <li> element, which whoever shows it alone wraps in a list. An item
// of a numbered list carries its number, as <li value="4">, since its list
// is not there to count it.
func (d *Document) RenderBlock(n ast.Node) []byte {
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	if list, ok := n.Parent().(*ast.List); ok && n.Kind() == ast.KindListItem && list.IsOrdered() {
		number := list.Start
		for c := list.FirstChild(); c != nil && c != n; c = c.NextSibling() {
			number++
		}
		n.SetAttributeString("value", strconv.Itoa(number))
		defer n.RemoveAttributes() // an item has none of its own; the document's HTML has no number
	}
	_ = d.md.Renderer().Render(buffer{b}, d.src, n)
	return bytes.Clone(b.Bytes())
}

// FirstParagraph returns the plain text of the first paragraph that has
// words of its own, not only images or footnote marks, or of the first
// list item when a list comes first, or "".
func (d *Document) FirstParagraph() string {
	var text string
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock) {
			if !d.hasWords(n) {
				return ast.WalkSkipChildren, nil
			}
			text = d.PlainText(n)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return text
}

// hasWords reports whether a block holds text other than the alt text of
// images and the marks of footnotes.
func (d *Document) hasWords(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Image, *east.FootnoteLink, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering && len(bytes.TrimSpace(n.Value(d.src))) > 0 {
				found = true
				return ast.WalkStop, nil
			}
		case *ast.String, *ast.CodeSpan, *ast.AutoLink, *Handle:
			if entering {
				found = true
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// PlainText returns the text of a node without markup, with runs of space
// collapsed.
func (d *Document) PlainText(n ast.Node) string {
	s, _ := plainText(n, d.src, nil)
	return s
}

// PlainTextAt is the PlainText of a mention's block, and where the mention
// is in it: at the @ of its handle.
func (d *Document) PlainTextAt(m Mention) (string, int) {
	return plainText(m.Block, d.src, m.handle)
}

// plainText returns the text of n, its spaces made one, and where the
// handle at starts in it (-1 without one).
func plainText(n ast.Node, src []byte, at *Handle) (string, int) {
	var b strings.Builder
	mark := -1
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(plain(n.Value(src), n.IsRaw()))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if n.IsCode() { // typographer output: an entity such as &ldquo;
				b.WriteString(html.UnescapeString(string(n.Value)))
			} else {
				b.Write(n.Value)
			}
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *Handle:
			if n == at {
				mark = b.Len()
			}
			b.WriteString("@" + n.Name)
		case *ast.RawHTML, *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	raw := b.String()
	s := strings.Join(strings.Fields(raw), " ")
	if mark < 0 {
		return s, -1
	}
	// The handle starts after the words before it, and the space between
	// them and it, if any.
	before := strings.Fields(raw[:mark])
	pos := len(strings.Join(before, " "))
	if r, _ := utf8.DecodeLastRuneInString(raw[:mark]); len(before) > 0 && unicode.IsSpace(r) {
		pos++
	}
	return s, pos
}

// plain is the text a reader sees of a Text node: goldmark keeps backslash
// escapes and character references in the source and resolves them only as
// it writes HTML, so write it the same way, then unescape the HTML.
func plain(v []byte, raw bool) string {
	// Without a backslash, an & or a NUL, writing and unescaping give v
	// back; most text nodes are so, and a bufio.Writer for each of them
	// cost 4 KB per node: 1.3 KB per byte of a long line of short nodes.
	if raw || bytes.IndexAny(v, "\\&\x00") < 0 {
		return string(v)
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return html.UnescapeString(b.String())
}
