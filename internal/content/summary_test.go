package content_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The default summary is the first paragraph with words of its own, cut at
// about 300 characters (not bytes) on a word where the script has spaces.
func TestDefaultSummary(t *testing.T) {
	greek := strings.Repeat("Η κεντρική τράπεζα κρατά τα επιτόκια σταθερά. ", 12)
	japanese := strings.Repeat("日銀は金利を据え置いた。", 40)
	for _, c := range []struct{ name, body, want string }{
		{"image first", "![](/img/chart.png)\n\nReal first paragraph.\n", "Real first paragraph."},
		{"image with alt first", "![a chart](/img/chart.png)\n\nReal first paragraph.\n", "Real first paragraph."},
		{"footnote mark first", "[^1]\n\nReal first paragraph.\n\n[^1]: A note.\n", "Real first paragraph."},
		{"image inside words", "See ![the chart](/x.png) below.\n", "See the chart below."},
		{"code span alone", "`SOFR`\n\nNext.\n", "SOFR"},
		{"nothing but an image", "![](/x.png)\n", ""},
		{"an autolink alone", "<https://x.org>\n\nNext.\n", "https://x.org"},
		{"a handle alone", "@desk\n\nNext.\n", "@desk"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := summaryOf(t, c.body); got != c.want {
				t.Errorf("summary %q, want %q", got, c.want)
			}
		})
	}
	for _, c := range []struct{ name, body string }{{"greek", greek}, {"japanese", japanese}} {
		t.Run(c.name, func(t *testing.T) {
			got := summaryOf(t, c.body)
			n := utf8.RuneCountInString(got)
			if n < 250 || n > 301 || !strings.HasSuffix(got, "…") {
				t.Errorf("summary of %d characters, want about 300 ending in …: %q", n, got)
			}
		})
	}
}

// A summary cut where the script has no spaces keeps every character a
// reader sees whole: a family emoji (four emoji joined by U+200D), a flag
// (two regional indicators: half of one would pair with the next), a
// letter with a combining accent. About 300 of them, as for any script.
func TestDefaultSummaryKeepsCharactersWhole(t *testing.T) {
	for _, c := range []struct{ name, char string }{
		{"family", "👩\u200d👩\u200d👧\u200d👦"},
		{"flag", "🇯🇵"},
		{"combining accent", "e\u0301"},
		{"hangul jamo", "\u1112\u1161\u11ab"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := summaryOf(t, strings.Repeat(c.char, 400)+"\n")
			kept, cut := strings.CutSuffix(got, "…")
			n := strings.Count(kept, c.char)
			if !cut || strings.ReplaceAll(kept, c.char, "") != "" || n < 250 || n > 300 {
				t.Errorf("summary %+q: want about 300 whole %+q and …", got, c.char)
			}
		})
	}
}

func summaryOf(t *testing.T, body string) string {
	t.Helper()
	src := "---\ntitle: S\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\n\n" + body
	digests, problems := load(fstest.MapFS{"content/a.md": {Data: []byte(src)}})
	if problems.Err() != nil {
		t.Fatal(problems)
	}
	return digests[0].Summary
}
