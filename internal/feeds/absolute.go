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

// hasURLAttr reports whether a raw tag has an href or src attribute,
// spelled as raw HTML (allowed by unsafe_html) may spell it: in any case,
// with spaces around "=", right after a quoted value (<a title="x"href=y>,
// which the tokenizer and browsers read as two attributes). It looks for
// the name after a space, "/" or a quote, and before "="; it may say yes
// for a tag that has none (a value that reads " src="), and absolute then
// parses the tag and finds nothing to change.
func hasURLAttr(raw []byte) bool {
	for i := 1; i < len(raw); i++ {
		if c := raw[i-1]; !isSpace(c) && c != '/' && c != '"' && c != '\'' {
			continue
		}
		rest := raw[i:]
		switch {
		case len(rest) >= 4 && lower(rest[0]) == 'h' && lower(rest[1]) == 'r' && lower(rest[2]) == 'e' && lower(rest[3]) == 'f':
			rest = rest[4:]
		case len(rest) >= 3 && lower(rest[0]) == 's' && lower(rest[1]) == 'r' && lower(rest[2]) == 'c':
			rest = rest[3:]
		default:
			continue
		}
		for len(rest) > 0 && isSpace(rest[0]) {
			rest = rest[1:]
		}
		if len(rest) > 0 && rest[0] == '=' {
			return true
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func lower(c byte) byte { return c | 0x20 }
