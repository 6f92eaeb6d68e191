package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/words"
)

// FuzzTokens runs the tokenizer and the HTML-to-text reader on any input.
// They must not panic; every term is non-empty, and valid UTF-8 when the
// text is (a term may hold a space: NFKD turns the spacing kana mark ゜ into
// a space and the combining mark, in Fold here as in search.js, which the
// fuzzer found: "キ゜" is one term, "キ ゚", on both sides); and the
// fast path for ASCII cuts every space-free piece of text as the UAX #29
// segmenter does (TestASCIIWords checks random strings of a few
// characters; this checks what the fuzzer finds).
func FuzzTokens(f *testing.F) {
	for _, s := range []string{
		"Nvidia's capex, don’t panic: 3.5% of U.S. GDP", "Straße ﬁnance ＡＢＣ", "日本語のテキストと한국어 텍스트",
		"ภาษาไทยไม่มีช่องว่าง", "a.b.c e.g. 1.2.3 @handle #tag x_y", "Ελληνικά Кириллица עברית عربي",
		"<p>Text &amp; <b>bold</b>&#x27;s</p>", "\xff\xfe invalid \xc0\xae", "a\u0301e\u0308",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		Tokens(text, func(term string) {
			if term == "" || utf8.ValidString(text) && !utf8.ValidString(term) {
				t.Fatalf("Tokens(%q) emits %q", text, term)
			}
		})
		_ = Text([]byte(text))
		_ = Fold(text)
		for _, piece := range strings.Fields(text) {
			if !isASCII(piece) {
				continue
			}
			var got, want []string
			var buf []byte
			asciiWords(piece, &buf, false, func(w string) { got = append(got, strings.Clone(w)) })
			for it := words.FromString(piece); it.Next(); {
				splitDots(it.Value(), func(w string) {
					if hasASCIIWordRune(w) {
						want = append(want, foldASCII(w))
					}
				})
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%q: asciiWords gives %q, the segmenter %q", piece, got, want)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
