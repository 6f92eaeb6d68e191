package markdown_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/markdown"
)

// FuzzHandle checks the handle scanner on any bytes: a handle it accepts
// is 1 to MaxHandle of [A-Za-z0-9_], and ParseHandle agrees with it.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{"allIn", "@allIn", "a_b9", "", "@", "x.y", "abcdefghijklmnopqrstuvwxyz01234", "é", "a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := markdown.ScanHandle([]byte(s))
		if n < 0 || n > markdown.MaxHandle || n > len(s) {
			t.Fatalf("ScanHandle(%q) = %d", s, n)
		}
		for i := range n {
			c := s[i]
			if !(c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				t.Fatalf("ScanHandle(%q) = %d takes %q", s, n, c)
			}
		}
		name, ok := markdown.ParseHandle(s)
		if ok != (strings.TrimPrefix(s, "@") != "" && markdown.ScanHandle([]byte(strings.TrimPrefix(s, "@"))) == len(strings.TrimPrefix(s, "@"))) {
			t.Fatalf("ParseHandle(%q) = %q, %v disagrees with ScanHandle", s, name, ok)
		}
		if ok && markdown.HandleSlug(name) != strings.ToLower(name) {
			t.Fatalf("HandleSlug(%q) = %q", name, markdown.HandleSlug(name))
		}
	})
}

// FuzzMarkdown runs the whole Markdown pipeline, our extensions included,
// on any text, both with raw HTML dropped and kept. It must not panic; with
// raw HTML dropped, the output holds no element or attribute that a page
// could run script through, and the plain-text helpers are total.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nText with @allIn and **bold**.",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1)) [y](JaVaScRiPt:x) [z](data:text/html,x) <vbscript:x>",
		"```go\nfunc main() {}\n```\n\n~~~\n@x\n~~~",
		"| a | b |\n|---|---|\n| <b>c</b> | @d |\n\n- [ ] task\n- [x] done",
		"Text[^1].\n\n[^1]: Note with @sama and <i>raw</i>.",
		"> > > deep\n> > quote @x",
		"\"quotes\" -- and --- dashes... 'single'",
		"Setext\n===\n\n<!-- comment -->\n\n<div onclick=\"x\">block</div>",
		"![img](x.png \"t\") [ref][r]\n\n[r]: https://example.org/ \"title\"",
		"## A {#x .c}\n\n## B {id=1 class=2 title=true}\n\n## C {#}\n\nSetext {#fn:1}\n---",
	} {
		f.Add(s)
	}
	safe := markdown.New(markdown.WithHandleURL(func(slug string) string { return "/sources/" + slug + "/" }))
	unsafe := markdown.New(markdown.WithUnsafeHTML(true), markdown.WithHandleURL(func(slug string) string { return "/s/" + slug + "/" }))
	f.Fuzz(func(t *testing.T, src string) {
		doc := safe.Parse([]byte(src))
		out := string(doc.HTML())
		_ = doc.FirstParagraph()
		checkNoScript(t, src, out)
		u := unsafe.Parse([]byte(src))
		_ = u.HTML()
		_ = u.FirstParagraph()
		for _, m := range u.Mentions() {
			_ = u.RenderBlock(m.Block)
		}
	})
}

// checkNoScript parses out as HTML and fails on script, style, iframe and
// the like, on event-handler attributes, and on links or sources with a
// scheme that runs code.
func checkNoScript(t *testing.T, src, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "meta", "link":
				t.Fatalf("<%s> in the output of %q:\n%s", tok.Data, src, out)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Fatalf("attribute %s in the output of %q:\n%s", a.Key, src, out)
				}
				if (a.Key == "href" || a.Key == "src") && markdown.IsUnsafeURL(a.Val) {
					t.Fatalf("%s=%q in the output of %q:\n%s", a.Key, a.Val, src, out)
				}
			}
		}
	}
}
