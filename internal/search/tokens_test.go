package search_test

import (
	"slices"
	"testing"

	"github.com/signaldigest/signal/internal/search"
)

// tokenCases are texts and the terms they give. The browser test runs
// search.js's tokenizer on them too: a query must give the terms that the
// index holds.
var tokenCases = []struct {
	name, text string
	want       []string
}{
	{"words and punctuation", "Hello, World! Rates: 3.5% (again).", []string{"hello", "world", "rates", "3.5", "again"}},
	{"handles lose their @", "via @allIn and @Fab_Notes.", []string{"via", "allin", "and", "fab_notes"}},
	{"a handle alone", "allin", []string{"allin"}},
	{"dots split words", "ops@example.com a:b", []string{"ops", "example", "com", "a", "b"}},
	{"apostrophes and possessives", "don't Nvidia's don’t TSMC’s", []string{"dont", "nvidia", "dont", "tsmc"}},
	{"accents", "Política Industrial café CAFÉ naïve Ærø", []string{"politica", "industrial", "cafe", "cafe", "naive", "æro"}},
	{"full case folding", "Straße STRASSE ΟΔΟΣ", []string{"strasse", "strasse", "οδοσ"}},
	{"letters with a stroke", "Łódź Ørsted Đorđe Ħamrun", []string{"lodz", "orsted", "dorde", "hamrun"}},
	{"compatibility forms", "ﬁnance ＡＢＣ ①", []string{"finance", "abc", "1"}},
	{"numbers", "1,000 2026-11-24 v2.5", []string{"1,000", "2026", "11", "24", "v2.5"}},
	{"hyphens split", "build-out data-center", []string{"build", "out", "data", "center"}},
	{"abbreviations", "U.S. e.g.", []string{"u", "s", "e", "g"}},
	{"dots in other scripts", "café.com 3.5€", []string{"cafe", "com", "3.5"}},
	{"dots and colons beside letters of other scripts", "“example.com” münchen.de “U.S.A.” Köln:Bonn ü:x 3.5ü", []string{"example", "com", "munchen", "de", "u", "s", "a", "koln", "bonn", "u", "x", "3.5u"}},
	{"cyrillic and greek", "Привет, мир! Ελλάδα", []string{"привет", "мир", "ελλαδα"}},
	{"hangul keeps its syllables", "한국어 텍스트", []string{"한국어", "텍스트"}},
	{"devanagari keeps its marks", "हिंदी बाज़ार", []string{"हिंदी", "बाज\u093cार"}},
	{"arabic loses its vowel marks", "سُوق", []string{"سوق"}},
	{"japanese pairs", "半導体の需要", []string{"半導", "導体", "体の", "の需", "需要"}},
	{"one ideograph", "株", []string{"株"}},
	{"katakana and kanji together", "東京タワー", []string{"東京", "京タ", "タワ", "ワー"}},
	{"mixed scripts", "AI半導体 chips", []string{"ai", "半導", "導体", "chips"}},
	{"voiced kana stay voiced", "がぎ", []string{"がぎ"}},
	{"chinese", "人工智能芯片", []string{"人工", "工智", "智能", "能芯", "芯片"}},
	{"thai", "ตลาดหุ้น", []string{"ตล", "ลา", "าด", "ดห", "หุ", "ุ้", "้น"}},
	{"apostrophes, joiners and separators in ASCII", "NVIDIA'S 'quoted' rock'n'roll 1.2.3 a_b __ x'y' 3,5; 7;8 'tis", []string{"nvidia", "quoted", "rocknroll", "1.2.3", "a_b", "xy", "3,5", "7;8", "tis"}},
	{"ASCII words beside other characters", "Chips — the rally’s end: labs’ margins", []string{"chips", "the", "rally", "end", "labs", "margins"}},
	{"emoji and symbols are not words", "🚀 → ★ — …", nil},
}

func TestTokens(t *testing.T) {
	for _, c := range tokenCases {
		var got []string
		search.Tokens(c.text, func(s string) { got = append(got, s) })
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: Tokens(%q) = %q, want %q", c.name, c.text, got, c.want)
		}
	}
}

// TestText: the text of a body reads as the page does: inline elements
// break no word, blocks and footnote marks do.
func TestText(t *testing.T) {
	for in, want := range map[string]string{
		`<li><strong>Prices slide</strong> — Cheaper (via <a class="handle" href="/sources/x/">@x</a>).</li>`: ` Prices slide — Cheaper (via @x). `,
		`<p>snake<em>_case</em> and <code>go&amp;run</code></p><p>next</p>`:                                   ` snake_case and go&run  next `,
		`<p>Costs fell.<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>`:                                     ` Costs fell. 1  `,
		// Scripts and styles (raw HTML with unsafe_html) and a footnote's
		// way back are not text.
		`<p>a</p><script>alert("xss")</script><STYLE type="text/css">p{}</STYLE><p>b</p>`:                                           ` a      b `,
		"<p>a</p><script\n type=\"module\">init()</script><style\tmedia=x>p{}</style><scripts>b</scripts><p>c</p>":                  " a      b  c ",
		`<li id="fn:1"><p>Note.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li>`: "  Note.\u00a0  ",
		// A heading runs on into what it heads, for a snippet of its words.
		"<p>a</p>\n<h2 id=\"x\">Blind Spot</h2>\n<p>The debate.</p>\n<H3>End</H3>\n": " a \n Blind Spot —  The debate. \n End ",
	} {
		if got := search.Text([]byte(in)); got != want {
			t.Errorf("Text(%s) = %q, want %q", in, got, want)
		}
	}
}
