package markdown_test

import (
	"os"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/markdown"
)

// FuzzHandles parses arbitrary Markdown and checks that the handles the
// content stage indexes and the links the reader sees agree: every mention
// is a valid handle, rendered once as a link to its own source page, inside
// the HTML of the block that cites it. With raw HTML dropped, no other
// text can look like a handle link, since everything else is escaped.
func FuzzHandles(f *testing.F) {
	for _, seed := range []string{
		"Hi @allIn.",
		"- **Capacity** — announced is not built (via @allIn, @sama)\n- Second @AllIn\n\n## Blind Spot\n\n@ratesdesk says so.",
		"ops@example.com a_@b x.@y `@code` [@link](https://x.org/) ![@alt](a.png) <https://x.com/@sama>",
		"```\n@fenced\n```\n\n    @indented\n\n> @quote\n\n| @cell |\n|---|\n| @x |",
		"Text.[^1]\n\n[^1]: Per @sama.",
		"[by @sama](javascript:x) [a](&#x6A;avascript:alert(1)) <javascript:x>",
		"<b>@raw</b> <a class=\"handle\" href=\"/sources/x/\">@x</a>",
		"@abcdefghijklmnopqrstuvwxyz0123 @abcdefghijklmnopqrstuvwxyz01234",
		"**bold**@sama __@x__ *@y* é@w 🤖@z",
		"1. a\n   - b @nested\n     > c @deep",
	} {
		f.Add(seed)
	}
	if data, err := os.ReadFile("testdata/handles.txt"); err == nil {
		for _, block := range strings.Split(string(data), partSep) {
			f.Add(block)
		}
	}
	md := markdown.New(markdown.WithHandleURL(func(slug string) string { return "/sources/" + slug + "/" }))
	f.Fuzz(func(t *testing.T, src string) {
		doc := md.Parse([]byte(src))
		html := string(doc.HTML())
		mentions := doc.Mentions()
		if n := strings.Count(html, `<a class="handle" href="`); n != len(mentions) {
			t.Fatalf("%d handle links, %d mentions\nHTML:\n%s", n, len(mentions), html)
		}
		for _, m := range mentions {
			name, ok := markdown.ParseHandle(m.Name)
			if !ok || name != m.Name {
				t.Fatalf("mention %q is not a handle", m.Name)
			}
			link := `<a class="handle" href="/sources/` + markdown.HandleSlug(m.Name) + `/">@` + m.Name + `</a>`
			if !strings.Contains(html, link) {
				t.Fatalf("no link %s in\n%s", link, html)
			}
			if block := string(doc.RenderBlock(m.Block)); !strings.Contains(block, link) {
				t.Fatalf("the citing block has no link %s:\n%s", link, block)
			}
		}
		_ = doc.FirstParagraph()
		if strings.Contains(strings.ToLower(html), `href="javascript:`) || strings.Contains(strings.ToLower(html), `src="javascript:`) {
			t.Fatalf("javascript: URL rendered:\n%s", html)
		}
	})
}
