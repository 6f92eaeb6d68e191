package sitetest

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"
)

// ParseHTML parses a built page, failing t on what the parser rejects.
func ParseHTML(t testing.TB, name string, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// Walk calls f for every element of the tree under n, n included, in
// document order.
func Walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		Walk(c, f)
	}
}

// Attr returns the value of an element's attribute, and whether it has it.
func Attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
