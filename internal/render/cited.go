package render

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/htmlurl"
)

// cited shows a block of a digest's body on another page (a source's): a
// list item alone is put in a list of its own, numbered when it has its
// number (markdown's RenderBlock), and the block is relinked to the
// digest's page, page (a path as Href gives it).
func cited(b []byte, page string, own bool) template.HTML {
	if page != "" {
		b = relink(b, page, own)
	}
	if len(b) > 3 && b[0] == '<' && b[1] == 'h' && '1' <= b[2] && b[2] <= '6' {
		// A heading quoted is a paragraph: on the source page it would
		// be a heading among the digests' titles, to screen readers too.
		start, end := bytes.IndexByte(b, '>')+1, bytes.LastIndex(b, []byte("</h"))
		if start > 0 && end >= start {
			return template.HTML("<p>" + string(b[start:end]) + "</p>\n")
		}
	}
	if bytes.HasPrefix(b, []byte("<li value=")) {
		return template.HTML("<ol class=\"cited\">\n" + string(b) + "</ol>\n")
	}
	if bytes.HasPrefix(b, []byte("<li")) {
		return template.HTML("<ul class=\"cited\">\n" + string(b) + "</ul>\n")
	}
	return template.HTML(b)
}

// relink makes a block of a digest's body fit another page. Its ids belong
// to the digest's page, where its links to a part of the digest (a
// footnote) and its relative URLs lead: ids are dropped, and those URLs
// are resolved against the digest's page. Absolute URLs and paths from the
// site root stay as they are. own says the HTML is the renderer's own
// (unsafe_html off), whose attributes are all written key="value".
func relink(b []byte, page string, own bool) []byte {
	if own && !needsRelink(b) {
		return b // most cited items: text, marks and links to handles
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
				if a.Key == "id" {
					continue
				}
				a.Val = htmlurl.Rewrite(a.Key, a.Val, func(ref string) string { return resolve(base, ref) })
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

// needsRelink reports whether HTML the renderer wrote holds an id, or an
// href or src that is neither from the site's root nor absolute.
func needsRelink(b []byte) bool {
	if bytes.Contains(b, []byte(` id="`)) {
		return true
	}
	for _, key := range [][]byte{[]byte(` href="`), []byte(` src="`)} {
		for rest := b; ; {
			i := bytes.Index(rest, key)
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				return true
			}
			if v := rest[:end]; !bytes.HasPrefix(v, []byte("/")) || bytes.HasPrefix(v, []byte("//")) {
				if u, err := url.Parse(string(v)); err != nil || u.Scheme == "" {
					return true
				}
			}
		}
	}
	return false
}
