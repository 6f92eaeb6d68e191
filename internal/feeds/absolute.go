package feeds

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/htmlurl"
)

// absolute rewrites every URL in a fragment of HTML (href, src, and in raw
// HTML the others of htmlurl.Names) to an absolute URL, resolved against the page the fragment belongs to: a feed reader
// shows content away from the site, where /sources/x/ or #fn:1 lead nowhere.
// own says the fragment is HTML as signal's Markdown renders it without
// raw HTML (unsafe_html off), which absolute then reads faster.
func absolute(fragment []byte, page string, own bool) string {
	return absoluteAfter("", fragment, page, own)
}

// absoluteAfter is absolute with prefix, HTML left as it is, before the
// fragment: an entry's head before the body, in one copy of both.
func absoluteAfter(prefix string, fragment []byte, page string, own bool) string {
	base, err := url.Parse(page)
	if err != nil {
		return prefix + string(fragment)
	}
	if own {
		if s, ok := absoluteOwn(prefix, fragment, base); ok {
			return s
		}
	}
	var out bytes.Buffer
	out.Grow(len(prefix) + len(fragment) + len(fragment)/8)
	out.WriteString(prefix)
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
			if a.Namespace == "" {
				tok.Attr[i].Val = htmlurl.Rewrite(a.Key, a.Val, func(ref string) string { return resolve(base, ref) })
			}
		}
		out.WriteString(tok.String())
	}
}

func resolve(base *url.URL, ref string) string {
	if u, err := base.Parse(strings.TrimSpace(ref)); err == nil {
		return u.String()
	}
	return ref
}

// absoluteOwn is absolute for HTML that signal's Markdown renderer wrote
// without raw HTML. Its text and attribute values have "<", ">" and the
// quote escaped, so each "<" opens a tag that the next ">" closes, and its
// attributes are key="value": the tags are found by bytes instead of by
// tokenizing all the text between them. The tags it rewrites come out as
// the tokenizer writes them, and the rest as they were: the same bytes as
// absolute's. A tag of another form makes it give up (false).
func absoluteOwn(prefix string, fragment []byte, base *url.URL) (string, bool) {
	var out strings.Builder
	out.Grow(len(prefix) + len(fragment) + len(fragment)/8)
	out.WriteString(prefix)
	for rest := fragment; ; {
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			out.Write(rest)
			return out.String(), true
		}
		j := bytes.IndexByte(rest[i:], '>')
		if j < 0 {
			return "", false
		}
		out.Write(rest[:i])
		tag := rest[i : i+j+1]
		rest = rest[i+j+1:]
		if rawText(tag) {
			return "", false // the tokenizer reads what follows as text
		}
		if !hasURLAttr(tag) {
			out.Write(tag)
		} else if !rewriteTag(&out, tag, base) {
			return "", false
		}
	}
}

// rewriteTag writes a start tag of the form <name key="value" ...> or
// <name ... />, its href and src made absolute, as html.Token.String
// writes it. It writes nothing and reports false for a tag of other form.
func rewriteTag(out *strings.Builder, tag []byte, base *url.URL) bool {
	selfClosing := bytes.HasSuffix(tag, []byte("/>"))
	body := tag[1 : len(tag)-1]
	if selfClosing {
		body = tag[1 : len(tag)-2]
	}
	n := 0
	for n < len(body) && isNameByte(body[n]) {
		n++
	}
	if n == 0 || body[0] < 'a' || body[0] > 'z' {
		return false // not a tag to the tokenizer
	}
	type attr struct{ key, val string }
	var attrs [8]attr
	list := attrs[:0]
	rest := body[n:]
	for {
		k := 0
		for k < len(rest) && rest[k] == ' ' {
			k++
		}
		rest = rest[k:]
		if len(rest) == 0 {
			break
		}
		if k == 0 {
			return false // attributes are apart
		}
		k = 0
		for k < len(rest) && isNameByte(rest[k]) {
			k++
		}
		if k == 0 || len(rest) < k+2 || rest[k] != '=' || rest[k+1] != '"' {
			return false
		}
		key := rest[:k]
		rest = rest[k+2:]
		end := bytes.IndexByte(rest, '"')
		if end < 0 || !plainEscapes(rest[:end]) {
			return false
		}
		for _, a := range list {
			if a.key == string(key) {
				return false // the tokenizer keeps the first only
			}
		}
		list = append(list, attr{string(key), html.UnescapeString(string(rest[:end]))})
		rest = rest[end+1:]
	}
	out.WriteByte('<')
	out.Write(body[:n])
	for _, a := range list {
		if a.key == "href" || a.key == "src" {
			a.val = resolve(base, a.val)
		}
		out.WriteByte(' ')
		out.WriteString(a.key)
		out.WriteString(`="`)
		out.WriteString(html.EscapeString(a.val))
		out.WriteByte('"')
	}
	if selfClosing {
		out.WriteString("/>")
	} else {
		out.WriteByte('>')
	}
	return true
}

// rawText reports whether a tag opens an element whose content the
// tokenizer reads as text, where a tag is not a tag. The renderer writes
// none of them; a fragment that has one is left to the tokenizer.
func rawText(tag []byte) bool {
	for _, name := range [...]string{"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"} {
		if len(tag) > len(name)+1 && bytes.EqualFold(tag[1:len(name)+1], []byte(name)) {
			if c := tag[len(name)+1]; c == '>' || c == '/' || isSpace(c) {
				return true
			}
		}
	}
	return false
}

// isNameByte is a byte of a tag or attribute name as the renderer writes
// them: lower case, so that the tokenizer, which lowers case, reads the
// same name.
func isNameByte(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' }

// plainEscapes reports whether an attribute value reads the same to the
// tokenizer as to html.UnescapeString: it has no carriage return or NUL,
// which the tokenizer converts, and each "&" begins one of the references
// that escapers write, which read the same in any context.
func plainEscapes(v []byte) bool {
	if bytes.ContainsAny(v, "\r\x00") {
		return false
	}
	for i := bytes.IndexByte(v, '&'); i >= 0; i = bytes.IndexByte(v, '&') {
		v = v[i:]
		ok := false
		for _, ref := range [...]string{"&amp;", "&lt;", "&gt;", "&quot;", "&#34;", "&#39;"} {
			if bytes.HasPrefix(v, []byte(ref)) {
				ok = true
				v = v[len(ref):]
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// hasURLAttr reports whether a raw tag has an attribute of htmlurl.Names,
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
		for _, name := range htmlurl.Names {
			rest := raw[i:]
			if len(rest) < len(name) || !bytes.EqualFold(rest[:len(name)], []byte(name)) {
				continue
			}
			rest = bytes.TrimLeft(rest[len(name):], " \t\n\f\r")
			if len(rest) > 0 && rest[0] == '=' {
				return true
			}
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }
