package feeds

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/markdown"
)

// urlAttr is what hasURLAttr looks for, as a pattern: it once was one,
// without the quotes, until matching it took a quarter of absolute's time.
// On text that is not ASCII the two differ only where Go's (?i) matches
// "ſ" (U+017F) for "s", and no tokenizer reads "ſrc" as src.
var urlAttr = regexp.MustCompile(`(?i)[\s/"'](?:href|src|srcset|poster|cite|data|action|formaction|xlink:href|background|longdesc)\s*=`)

func TestHasURLAttr(t *testing.T) {
	for _, raw := range []string{
		`<a href="/x/">`, `<A HREF = "/x/">`, `<img src=/a.png>`, `<img/src=/a.png>`,
		"<a\nhref\t=x>", `<a title="href">`, `<a xhref=x>`, `<a href>`, `<a srcset=x>`, `<a srcse=x>`,
		`<video POSTER = p.jpg>`, `<q cite=a>`, `<q cited=a>`,
		`<a data-src="x">`, `<a title=" src=">`, `<p>`, `<a`, ``,
		`<a title="x"href="/y">`, `<img alt=''src=/a.png>`,
		`<object data=d.pdf>`, `<form action=p/>`, `<button formaction=p/>`, `<image xlink:href=i.png>`, `<image xlink:hrefs=i>`,
		`<table background=b.png>`, `<img longdesc=l.html>`, `<a data-x=y>`, `<a metadata=y>`,
	} {
		if got, want := hasURLAttr([]byte(raw)), urlAttr.MatchString(raw); got != want {
			t.Errorf("hasURLAttr(%q) = %v, the pattern says %v", raw, got, want)
		}
	}
	// Random tags made of the bytes that matter.
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "<>/= \t\n\f\rhrefsrcHREFSRCxa\"'setpoiSETPOIdatDAT:lkn"
	for range 200000 {
		b := make([]byte, r.IntN(16))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := hasURLAttr(b), urlAttr.Match(b); got != want {
			t.Fatalf("hasURLAttr(%q) = %v, the pattern says %v", b, got, want)
		}
	}
}

// Raw HTML may hold URLs in srcset, poster, cite, an object's data, a
// form's action, SVG's xlink:href and more: a feed reader resolves them
// against the feed, so they are made absolute.
func TestAbsoluteRawURLs(t *testing.T) {
	in := `<picture><source srcset="a.webp 1x, /b.webp 2x"><img src="a.png" srcset="a2.png 2x" alt=""></picture>` +
		`<video poster="p.jpg" src="v.mp4"></video><blockquote cite="q.html">Q</blockquote>` +
		`<object data="doc.pdf"></object><svg><image xlink:href="i.png"/></svg><form action="post/"><button formaction="b/">B</button></form>` +
		`<table background="bg.png"><tr><td>t</td></tr></table><img longdesc="l.html" data-x="keep.png">`
	want := `<picture><source srcset="https://example.org/d/a.webp 1x, https://example.org/b.webp 2x">` +
		`<img src="https://example.org/d/a.png" srcset="https://example.org/d/a2.png 2x" alt=""></picture>` +
		`<video poster="https://example.org/d/p.jpg" src="https://example.org/d/v.mp4"></video>` +
		`<blockquote cite="https://example.org/d/q.html">Q</blockquote>` +
		`<object data="https://example.org/d/doc.pdf"></object><svg><image xlink:href="https://example.org/d/i.png"/></svg>` +
		`<form action="https://example.org/d/post/"><button formaction="https://example.org/d/b/">B</button></form>` +
		`<table background="https://example.org/d/bg.png"><tr><td>t</td></tr></table><img longdesc="https://example.org/d/l.html" data-x="keep.png">`
	if got := absolute([]byte(in), "https://example.org/d/", false); got != want {
		t.Errorf("absolute:\n got %s\nwant %s", got, want)
	}
}

// A URL attribute right after a quoted value is an attribute too, for the
// tokenizer as for browsers: it is made absolute like any other.
func TestAbsoluteAfterQuote(t *testing.T) {
	for in, want := range map[string]string{
		`<a title="x"href="/y">y</a>`: `<a title="x" href="https://example.org/y">y</a>`,
		`<img alt=''src=a.png>`:       `<img alt="" src="https://example.org/d/a.png">`,
	} {
		if got := absolute([]byte(in), "https://example.org/d/", false); got != want {
			t.Errorf("absolute(%q) = %q, want %q", in, got, want)
		}
	}
}

// ownHTML renders Markdown as a build does with unsafe_html off.
var ownHTML = markdown.New(markdown.WithHandleURL(func(slug string) string { return "/base/sources/" + slug + "/" })).Convert

// ownCases are Markdown whose HTML has the tags absoluteOwn reads, and
// the escapes it must carry over as the tokenizer does.
var ownCases = []string{
	"A [link](/x/ \"a \\\"title\\\" & more\") and ![an \"image\"](img/a.png 'it''s')",
	"[rel](../up/?a=1&b=2#frag) [abs](https://example.org/) [mail](mailto:a@b.c) <https://auto.link/x?y=1&z>",
	"Cites @allIn and (via @some_desk), footnote[^1].\n\n[^1]: Note with [a link](#top).",
	"<a href=\"/raw/\">raw HTML, left out</a> and <img src=x>",
	"`<a href=\"/code/\">` in code\n\n```html\n<a href=\"/block/\">x</a>\n```",
	"# Heading with [link](/h/)\n\n- [ ] task [t](t/)\n- [x] done\n\n| a | [b](/b/) |\n|---|---|\n| 1 | 2 |",
	"[spaces]( /sp/ ) [ref][r] [unicode](/ünï/cödé/)\n\n[r]: /ref/ \"Ref & co\"",
	"![](data:image/png;base64,AAAA) [js](javascript:alert(1)) [q](/?q=\"x\")",
	"[crlf](/x \"multi\r\nline\") [cr](/y 'a\rb') ![i\r\nj](/i.png) [nul\x00](/n\x00 \"t\x00\")",
}

// absoluteOwn gives what the tokenizer gives on the HTML the renderer
// writes: the Markdown of ownCases, the sample site, and a synthetic
// archive; and it is the path taken for almost all of them.
func TestAbsoluteOwn(t *testing.T) {
	var sources []string
	sources = append(sources, ownCases...)
	files, _ := filepath.Glob("../../content/*/*/*.md")
	more, _ := filepath.Glob("../../content/*.md")
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, string(data)) // front matter and all: it is Markdown too
	}
	for _, d := range corpus.Generate(corpus.Options{N: 300, Seed: 3}) {
		sources = append(sources, d.Body)
	}
	// Random links and images, their text, address and title made of the
	// bytes that escapes, entities and line ends are made of.
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"<", ">", "\"", "'", "&", "&amp;", "&#", ";", "\r", "\n", "\x00", " ", "\t",
		"/", "#", "?", "=", "a", "B", "x:", "*", "`", "\\", "&quot;", "é", "[", "]", "(", ")"}
	random := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 20000 {
		sources = append(sources, fmt.Sprintf("%s%s[%s](%s %q)%s<%s>", random(), []string{"", "!"}[r.IntN(2)], random(), random(), random(), random(), random()))
	}
	base, _ := url.Parse("https://example.org/base/2026/11/27/d/")
	fast := 0
	for _, src := range sources {
		h := ownHTML([]byte(src))
		want := absolute(h, base.String(), false)
		if got := absolute(h, base.String(), true); got != want {
			t.Errorf("HTML %q:\nread as own: %q\ntokenized:   %q", h, got, want)
		}
		if _, ok := absoluteOwn("", h, base); ok {
			fast++
		}
	}
	if fast < len(sources)*8/10 {
		t.Errorf("absoluteOwn read %d of %d fragments, want nearly all", fast, len(sources))
	}
}

func FuzzAbsoluteOwn(f *testing.F) {
	for _, c := range ownCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, src string) {
		h := ownHTML([]byte(src))
		const page = "https://example.org/base/d/"
		if got, want := absolute(h, page, true), absolute(h, page, false); got != want {
			t.Errorf("HTML %q:\nread as own: %q\ntokenized:   %q", h, got, want)
		}
	})
}

// HTML that the renderer does not write today, but might with another
// extension, is left to the tokenizer rather than read otherwise.
func TestAbsoluteOwnGivesUp(t *testing.T) {
	base, _ := url.Parse("https://example.org/d/")
	for _, h := range []string{
		`<a href="/x/" href="/y/">twice</a>`,
		`<textarea><a href="/x/">text</a></textarea>`,
		`<p>1 <1 href="/x/"> 2</p>`,
	} {
		if s, ok := absoluteOwn("", []byte(h), base); ok {
			t.Errorf("absoluteOwn(%q) = %q, want it to leave the fragment to the tokenizer", h, s)
		}
		if got, want := absolute([]byte(h), base.String(), true), absolute([]byte(h), base.String(), false); got != want {
			t.Errorf("absolute(%q) as own = %q, tokenized %q", h, got, want)
		}
	}
}
