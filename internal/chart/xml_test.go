package chart_test

import (
	"encoding/xml"
	"strings"
	"testing"
)

// node is an element of a chart, parsed with encoding/xml: the charts are
// written as well-formed XML, so that a reader of the SVG and this test
// see the same tree.
type node struct {
	Name     string
	Attr     map[string]string
	Children []*node
	Text     string // the text directly inside
}

func parse(t testing.TB, html string) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(html))
	root := &node{Name: "#root"}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("the chart is not well-formed: %v\n%s", err, html)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name.Local, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			top.Children = append(top.Children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.Text += string(tok)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("unclosed elements in\n%s", html)
	}
	return root
}

// all lists the elements below n (n included) that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	if match(n) {
		out = append(out, n)
	}
	for _, c := range n.Children {
		out = append(out, c.all(match)...)
	}
	return out
}

func (n *node) find(match func(*node) bool) *node {
	if l := n.all(match); len(l) > 0 {
		return l[0]
	}
	return nil
}

func named(name string) func(*node) bool { return func(n *node) bool { return n.Name == name } }

func classed(class string) func(*node) bool {
	return func(n *node) bool { return hasClass(n, class) }
}

func hasClass(n *node, class string) bool {
	return strings.Contains(" "+n.Attr["class"]+" ", " "+class+" ")
}

// text is all the text below n.
func (n *node) text() string {
	var b strings.Builder
	b.WriteString(n.Text)
	for _, c := range n.Children {
		b.WriteString(c.text())
	}
	return b.String()
}
