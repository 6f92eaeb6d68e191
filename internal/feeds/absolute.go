package feeds

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// absolute rewrites every href and src in a fragment of HTML to an absolute
// URL, resolved against the page the fragment belongs to: a feed reader
// shows content away from the site, where /sources/x/ or #fn:1 lead nowhere.
func absolute(fragment []byte, page string) string {
	base, err := url.Parse(page)
	if err != nil {
		return string(fragment)
	}
	var out bytes.Buffer
	out.Grow(len(fragment) + len(fragment)/8)
	z := html.NewTokenizer(bytes.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out.String()
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || !hasURLAttr(raw) {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		for i, a := range tok.Attr {
			if a.Namespace == "" && (a.Key == "href" || a.Key == "src") {
				if u, err := base.Parse(strings.TrimSpace(a.Val)); err == nil {
					tok.Attr[i].Val = u.String()
				}
			}
		}
		out.WriteString(tok.String())
	}
}

func hasURLAttr(raw []byte) bool {
	return bytes.Contains(raw, []byte("href=")) || bytes.Contains(raw, []byte("src="))
}
