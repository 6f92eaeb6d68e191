package markdown_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/markdown"
)

func TestParseHandle(t *testing.T) {
	for _, c := range []struct {
		in, name string
		ok       bool
	}{
		{"@allIn", "allIn", true},
		{"allIn", "allIn", true},
		{"@a", "a", true},
		{"@_", "_", true},
		{"@2026", "2026", true},
		{"@abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz0123", true},
		{"@abcdefghijklmnopqrstuvwxyz01234", "", false},
		{"@", "", false},
		{"", "", false},
		{"@@a", "", false},
		{"@a b", "", false},
		{"@a-b", "", false},
		{"@a.", "", false},
		{"@é", "", false},
		{" @a", "", false},
		{"ops@example.com", "", false},
	} {
		name, ok := markdown.ParseHandle(c.in)
		if name != c.name || ok != c.ok {
			t.Errorf("ParseHandle(%q) = %q, %v; want %q, %v", c.in, name, ok, c.name, c.ok)
		}
	}
	if got := markdown.HandleSlug("AllIn_X"); got != "allin_x" {
		t.Errorf("HandleSlug = %q", got)
	}
}

func TestIsUnsafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"javascript:alert(1)":        true,
		"JavaScript:alert(1)":        true,
		" javascript:x":              true,
		"java\tscript:x":             true,
		"java\nscript:x":             true,
		"\x01javascript:x":           true,
		"vbscript:msgbox":            true,
		"VBSCRIPT:x":                 true,
		"data:text/html;base64,PHA+": true,
		"DaTa:image/png,x":           true,
		"https://example.org/":       false,
		"http://example.org/data:x":  false,
		"/javascript:x":              false,
		"mailto:desk@example.com":    false,
		"javascript":                 false,
		"":                           false,
		"javascriptjavascript:x":     false,
		"#data:x":                    false,
	} {
		if got := markdown.IsUnsafeURL(u); got != want {
			t.Errorf("IsUnsafeURL(%q) = %v, want %v", u, got, want)
		}
	}
}

func TestFirstParagraph(t *testing.T) {
	md := markdown.New()
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"# Only a heading\n", ""},
		{"```\ncode\n```\n", ""},
		{"# Heading\n\nThe paragraph.\n\nNot this one.\n", "The paragraph."},
		{"- first item\n- second item\n", "first item"},
		{"1. first\n\n2. second\n", "first"},
		{"- **Bold** — with @sama and `code`\n  over two lines\n", "Bold — with @sama and code over two lines"},
		{"| a |\n|---|\n| b |\n\nAfter the table.\n", "After the table."},
		{"Text with <b>raw</b> HTML, a [link](https://x.org/), <https://example.org/a> and a note.[^1]\n\n[^1]: Not this.\n",
			"Text with raw HTML, a link, https://example.org/a and a note."},
		{"\"Quotes\" -- and... it's\n", "“Quotes” – and… it’s"},
		{"Hard  \nbreak and soft\nbreak,   spaces.\n", "Hard break and soft break, spaces."},
		{"Escaped \\*stars\\* &amp; entities &copy;\n", "Escaped *stars* & entities ©"},
		{"Not a reference: \\&amp; &#x40;sama &notanentity;\n", "Not a reference: &amp; @sama &notanentity;"},
	} {
		if got := md.Parse([]byte(c.in)).FirstParagraph(); got != c.want {
			t.Errorf("FirstParagraph(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// RenderBlock renders the block that cites a handle: its list item, wrapped
// in a list of its own, or its top-level block.
func TestRenderBlock(t *testing.T) {
	md := markdown.New(markdown.WithHandleURL(func(slug string) string { return "/s/" + slug + "/" }))
	src := `## By @heading

- plain item
- cited by @sama
  - nested, by @nested

3. ordered, by @ordered
4. and @fourth

> A quote of two paragraphs.
>
> quoted by @quote

- an item with a quote
  > quoted in an item by @initem

| who | n |
|:----|--:|
| @cell | 2 |

Paragraph by @para, with notes[^a][^b].

[^a]: A note, unrelated.
[^b]: A note by @fn.
`
	doc := md.Parse([]byte(src))
	want := map[string]string{
		"heading": "<h2 id=\"by-heading\">By <a class=\"handle\" href=\"/s/heading/\">@heading</a></h2>\n",
		"sama": "<li>cited by <a class=\"handle\" href=\"/s/sama/\">@sama</a>\n<ul>\n" +
			"<li>nested, by <a class=\"handle\" href=\"/s/nested/\">@nested</a></li>\n</ul>\n</li>\n",
		"nested":  "<li>nested, by <a class=\"handle\" href=\"/s/nested/\">@nested</a></li>\n",
		"ordered": "<li value=\"3\">ordered, by <a class=\"handle\" href=\"/s/ordered/\">@ordered</a></li>\n",
		"fourth":  "<li value=\"4\">and <a class=\"handle\" href=\"/s/fourth/\">@fourth</a></li>\n",
		// A quote cites by paragraph, but in an item, by the item.
		"quote":  "<p>quoted by <a class=\"handle\" href=\"/s/quote/\">@quote</a></p>\n",
		"initem": "<li>an item with a quote\n<blockquote>\n<p>quoted in an item by <a class=\"handle\" href=\"/s/initem/\">@initem</a></p>\n</blockquote>\n</li>\n",
		"cell": "<table>\n<thead>\n<tr>\n<th style=\"text-align:left\">who</th>\n<th style=\"text-align:right\">n</th>\n</tr>\n</thead>\n" +
			"<tbody>\n<tr>\n<td style=\"text-align:left\"><a class=\"handle\" href=\"/s/cell/\">@cell</a></td>\n<td style=\"text-align:right\">2</td>\n</tr>\n</tbody>\n</table>\n",
		"para": "<p>Paragraph by <a class=\"handle\" href=\"/s/para/\">@para</a>, with notes<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup><sup id=\"fnref:2\"><a href=\"#fn:2\" class=\"footnote-ref\" role=\"doc-noteref\">2</a></sup>.</p>\n",
		// A footnote's own block, not every note of the digest.
		"fn": "<p>A note by <a class=\"handle\" href=\"/s/fn/\">@fn</a>.&#160;<a href=\"#fnref:2\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n",
	}
	mentions := doc.Mentions()
	if len(mentions) != len(want) {
		t.Fatalf("%d mentions, want %d", len(mentions), len(want))
	}
	for _, m := range mentions {
		if got := string(doc.RenderBlock(m.Block)); got != want[m.Name] {
			t.Errorf("@%s:\n%s\nwant:\n%s", m.Name, got, want[m.Name])
		}
	}
	// The numbers are the lone items', not the digest's, whose list counts;
	// a cell rendered twice is aligned once.
	if html := string(doc.HTML()); strings.Contains(html, "value=") || !strings.Contains(html, `<ol start="3">`) ||
		strings.Count(html, `style="text-align:`) != 4 || strings.Contains(html, ";text-align") {
		t.Errorf("the document's HTML:\n%s", html)
	}
}

// Convert is Parse then HTML, and a Markdown can be used from several
// goroutines at once.
func TestConvertConcurrent(t *testing.T) {
	md := markdown.New(markdown.WithHandleURL(func(slug string) string { return "/s/" + slug + "/" }))
	src := []byte("# T\n\n- a @sama\n- b [x](javascript:x)\n\n```go\nx := 1\n```\n")
	want := string(md.Parse(src).HTML())
	done := make(chan string)
	for range 8 {
		go func() { done <- string(md.Convert(src)) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("Convert:\n%s\nwant:\n%s", got, want)
		}
	}
	if !strings.Contains(want, `<a class="handle" href="/s/sama/">@sama</a>`) || strings.Contains(want, "javascript") {
		t.Errorf("unexpected HTML:\n%s", want)
	}
}

// Links and images from the site's root move under the path the site is
// served at; others stay as written.
func TestBasePath(t *testing.T) {
	src := "[a](/themes/compute/) ![i](/img/a%20b.png) [b](//cdn.example.org/x) [c](/archive/) [d](rel/) [e](#f) [f](https://x.org/)\n\n[g][ref]\n\n[ref]: /2026/11/02/one/\n"
	for base, want := range map[string]string{
		"/archive/": `<p><a href="/archive/themes/compute/">a</a> <img src="/archive/img/a%20b.png" alt="i"> <a href="//cdn.example.org/x">b</a> <a href="/archive/archive/">c</a> <a href="rel/">d</a> <a href="#f">e</a> <a href="https://x.org/">f</a></p>
<p><a href="/archive/2026/11/02/one/">g</a></p>
`,
		"/": `<p><a href="/themes/compute/">a</a> <img src="/img/a%20b.png" alt="i"> <a href="//cdn.example.org/x">b</a> <a href="/archive/">c</a> <a href="rel/">d</a> <a href="#f">e</a> <a href="https://x.org/">f</a></p>
<p><a href="/2026/11/02/one/">g</a></p>
`,
	} {
		got := string(markdown.New(markdown.WithBasePath(base)).Parse([]byte(src)).HTML())
		if got != want {
			t.Errorf("base %s:\n got %s\nwant %s", base, got, want)
		}
	}
}

// A heading's id is made from the text a reader sees of it, as GitHub's
// and Hugo's are: not from its source, URLs and markup included, nor from
// the last line alone of a heading underlined over two.
func TestHeadingIDs(t *testing.T) {
	for _, c := range []struct{ md, id string }{
		{"## The [Fed](https://fed.gov) pivot", "the-fed-pivot"},
		{"## The `SOFR` & [Fed](https://fed.gov) *pivot*", "the-sofr--fed-pivot"},
		{"## Rates &amp; credit", "rates--credit"},
		{"## Política Industrial", "política-industrial"},
		{"## What's Moving", "whats-moving"},
		{"## By @desk", "by-desk"},
		{"## ![logo](/l.png) Chips", "logo-chips"}, // the alt text, as a screen reader reads it
		{"Rates outlook\nfor next year\n===", "rates-outlook-for-next-year"},
		{"## main", "main-1"}, // an id of the page around the body
		{"## !!!", "heading"},
	} {
		md := markdown.New(markdown.WithReservedIDs("main"))
		html := string(md.Parse([]byte(c.md + "\n")).HTML())
		if want := `id="` + c.id + `"`; !strings.Contains(html, want) {
			t.Errorf("%q: %s, want %s", c.md, html, want)
		}
	}
	// Repeats are told apart in the order of the headings.
	html := string(markdown.New().Parse([]byte("## Rates\n\n## [Rates](/r)\n\n## Rates\n")).HTML())
	for _, want := range []string{`id="rates"`, `id="rates-1"`, `id="rates-2"`} {
		if !strings.Contains(html, want) {
			t.Errorf("repeated headings lack %s:\n%s", want, html)
		}
	}
}

// An id written in a heading, as Hugo and Zola take it, is the heading's
// id as written, unless the page or an earlier heading has it; then it
// gets the next free one, as a made id does. Written ids are given out
// before made ones, which never take theirs. Of the other attributes a
// heading may be written with, only classes are kept.
func TestHeadingIDsWritten(t *testing.T) {
	for _, c := range []struct{ md, html string }{
		{"## Rates {#rates-2027}", `<h2 id="rates-2027">Rates</h2>`},
		{"## Rates {#Rates.Q4}", `<h2 id="Rates.Q4">Rates</h2>`},
		{"Rates {#r}\n---", `<h2 id="r">Rates</h2>`},
		{"## Outlook {#main}", `<h2 id="main-1">Outlook</h2>`},
		{"## A {#x}\n\n## B {#x}", `<h2 id="x">A</h2>` + "\n" + `<h2 id="x-1">B</h2>`},
		{"## Intro\n\n## Later {#intro}", `<h2 id="intro-1">Intro</h2>` + "\n" + `<h2 id="intro">Later</h2>`},
		{`## Note {.aside style="position:fixed" tabindex=1 title=x #n}`, `<h2 id="n" class="aside">Note</h2>`},
		{"## Sets {a, b}", `<h2 id="sets-a-b">Sets {a, b}</h2>`},
		// An id written as a number or a bool is its text.
		{"## One {id=1}", `<h2 id="1">One</h2>`},
		{"## Yes {id=true}", `<h2 id="true">Yes</h2>`},
		// HTML has no empty id, and the footnotes' ids are theirs.
		{"## Blank {#}", `<h2 id="blank">Blank</h2>`},
		{"## Blank {.c #}", `<h2 class="c" id="blank">Blank</h2>`},
		{"## D {#fnref:1}\n\n## E {#fnref2:1}\n\n## F {#fn:1}\n\n## G {#fn}\n\n## H {#fnref}\n\nx[^1]\n\n[^1]: n",
			`<h2 id="fnref:1-1">D</h2>` + "\n" + `<h2 id="fnref2:1-1">E</h2>` + "\n" + `<h2 id="fn:1-1">F</h2>` + "\n" + `<h2 id="fn">G</h2>` + "\n" + `<h2 id="fnref">H</h2>` + "\n" +
				`<p>x<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>` + "\n" +
				`<div class="footnotes" role="doc-endnotes">` + "\n<hr>\n<ol>\n" + `<li id="fn:1">` + "\n" +
				`<p>n&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>` + "\n</li>\n</ol>\n</div>"},
	} {
		md := markdown.New(markdown.WithReservedIDs("main"))
		got := strings.TrimSpace(string(md.Parse([]byte(c.md + "\n")).HTML()))
		if got != c.html {
			t.Errorf("%q:\n got %s\nwant %s", c.md, got, c.html)
		}
	}
}

// Underscores that end a handle close an emphasis opened before it on the
// line, when no word follows them: "_via @gamma_" is @gamma in italics, as
// "_@gamma_" is. A handle may end in _ all the same, outside emphasis.
func TestHandleEndsEmphasis(t *testing.T) {
	for _, c := range []struct{ md, html string }{
		{"p2 _via @gamma_ end.", `<p>p2 <em>via <span class="handle">@gamma</span></em> end.</p>`},
		{"_see @eps_.", `<p><em>see <span class="handle">@eps</span></em>.</p>`},
		{"_@alpha and @beta_", `<p><em><span class="handle">@alpha</span> and <span class="handle">@beta</span></em></p>`},
		{"__bold @z__ w", `<p><strong>bold <span class="handle">@z</span></strong> w</p>`},
		{"_x @a_b_ y", `<p><em>x <span class="handle">@a_b</span></em> y</p>`},
		{"plain @gamma_ end", `<p>plain <span class="handle">@gamma_</span> end</p>`},
		{"_a @b_c d_", `<p><em>a <span class="handle">@b_c</span> d</em></p>`},
		{"*star @q_* w", `<p><em>star <span class="handle">@q_</span></em> w</p>`},
		// An _ inside a pair of * pairs with nothing once they close.
		{"*x _y* @a_ z", `<p><em>x _y</em> <span class="handle">@a_</span> z</p>`},
		{"**x _y** @a_ z", `<p><strong>x _y</strong> <span class="handle">@a_</span> z</p>`},
		{"_x *y_ @a_ z", `<p><em>x *y</em> <span class="handle">@a_</span> z</p>`},
		{"_x *y* @a_ z", `<p><em>x <em>y</em> <span class="handle">@a</span></em> z</p>`},
	} {
		if got := strings.TrimSpace(string(markdown.New().Parse([]byte(c.md)).HTML())); got != c.html {
			t.Errorf("%q:\n got %s\nwant %s", c.md, got, c.html)
		}
	}
}

// Every colour the light style gives a class is set in the dark block
// too: one that the dark style leaves to the plain text is reset there,
// not left as the light style's on a dark background.
func TestChromaCSSDark(t *testing.T) {
	css := string(markdown.ChromaCSS())
	light, dark, ok := strings.Cut(css, "@media screen and (prefers-color-scheme: dark)")
	if !ok {
		t.Fatal("ChromaCSS has no dark block")
	}
	rule := regexp.MustCompile(`\.chroma (\.[a-z0-9]+) \{([^}]*)\}`)
	set := map[string]bool{} // ".ge color": the dark block sets it
	for _, m := range rule.FindAllStringSubmatch(dark, -1) {
		for decl := range strings.SplitSeq(m[2], ";") {
			if name, _, ok := strings.Cut(decl, ":"); ok {
				set[m[1]+" "+strings.TrimSpace(name)] = true
			}
		}
	}
	for _, m := range rule.FindAllStringSubmatch(light, -1) {
		for decl := range strings.SplitSeq(m[2], ";") {
			name, _, ok := strings.Cut(decl, ":")
			if name = strings.TrimSpace(name); ok && (name == "color" || name == "background-color") && !set[m[1]+" "+name] {
				t.Errorf("%s: the light block sets its %s and the dark one does not", m[1], name)
			}
		}
	}
	if !strings.Contains(dark, ".chroma .p { color: inherit }") {
		t.Error("punctuation is not reset to the text's colour in the dark block")
	}
}
