package feeds

import (
	"bytes"
	"net/url"
	"regexp"
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

// urlAttr finds an href or src in a raw tag, spelled as raw HTML (allowed
// by unsafe_html) may spell it: in any case, with spaces around "=".
var urlAttr = regexp.MustCompile(`(?i)[\s/](?:href|src)\s*=`)

func hasURLAttr(raw []byte) bool { return urlAttr.Match(raw) }
