package render

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// cited shows a block of a digest's body on another page (a source's): a
// list item alone is put in a list of its own, and the block is relinked
// to the digest's page, page (a path as Href gives it).
func cited(b []byte, page string) template.HTML {
	b = relink(b, page)
	if bytes.HasPrefix(b, []byte("<li")) {
		return template.HTML("<ul class=\"cited\">\n" + string(b) + "</ul>\n")
	}
	return template.HTML(b)
}

// relink makes a block of a digest's body fit another page. Its ids belong
// to the digest's page, where its links to a part of the digest (a
// footnote) and its relative URLs lead: ids are dropped, and those URLs
// are resolved against the digest's page. Absolute URLs and paths from the
// site root stay as they are.
func relink(b []byte, page string) []byte {
	if !bytes.Contains(b, []byte(` id="`)) && !bytes.Contains(b, []byte(` href="`)) && !bytes.Contains(b, []byte(` src="`)) {
		return b // most cited items: text and marks alone
	}
	base, err := url.Parse(page)
	if err != nil {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b) + 64)
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken, html.SelfClosingTagToken:
			t := z.Token()
			attrs := t.Attr[:0]
			for _, a := range t.Attr {
				switch a.Key {
				case "id":
					continue
				case "href", "src":
					a.Val = resolve(base, a.Val)
				}
				attrs = append(attrs, a)
			}
			t.Attr = attrs
			out.WriteString(t.String())
		default:
			out.Write(z.Raw())
		}
	}
}

// resolve resolves a relative URL, or a fragment alone, against base.
func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "/") {
		return ref
	}
	return base.ResolveReference(u).String()
}
