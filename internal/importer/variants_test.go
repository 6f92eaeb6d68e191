package importer_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/importer"
)

// The same digest, as other tools and platforms write it, imports to the
// same bytes: a byte order mark, CRLF or CR line ends, extra blank lines,
// spaces around lines, other separators.
func TestVariants(t *testing.T) {
	f := readFixture(t, "testdata/full.txtar")
	want, wantName, problems := importer.Import(f.name, f.input, f.opts)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name   string
		change func(string) string
	}{
		{"BOM", func(s string) string { return "\ufeff" + s }},
		{"CRLF", func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }},
		{"BOM and CRLF", func(s string) string { return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n") }},
		{"CR", func(s string) string { return strings.ReplaceAll(s, "\n", "\r") }},
		{"no final line end", func(s string) string { return strings.TrimSuffix(s, "\n") }},
		{"blank lines", func(s string) string { return "\n\n" + strings.ReplaceAll(s, "\n", "\n\n\n") }},
		{"blank lines of spaces", func(s string) string { return strings.ReplaceAll(s, "\n", "\n \t \n") }},
		{"trailing spaces", func(s string) string { return strings.ReplaceAll(s, "\n", " \t\n") }},
		{"en dashes", func(s string) string { return strings.ReplaceAll(s, " — ", " – ") }},
		{"hyphens", func(s string) string { return strings.ReplaceAll(s, " — ", " - ") }},
		{"double hyphens", func(s string) string { return strings.ReplaceAll(s, " — ", " -- ") }},
		{"unspaced dashes after labels", func(s string) string {
			return strings.NewReplacer("Signal — ", "Signal—", "Spot — ", "Spot—", "Idea — ", "Idea–").Replace(s)
		}},
		{"colons after labels", func(s string) string {
			return strings.NewReplacer("Signal — ", "Signal: ", "Spot — ", "Spot: ", "Idea — ", "Idea: ", "Moving\n", "Moving:\n").Replace(s)
		}},
		{"other bullets", func(s string) string { return strings.ReplaceAll(s, "\n- ", "\n• ") }},
		{"sources wrapped and indented", func(s string) string {
			return strings.NewReplacer("@kwh_kate (load", "@kwh_kate\n  (load", "(coding evals), ", "(coding evals),\n    ").Replace(s)
		}},
		{"sources wrapped after commas", func(s string) string {
			return strings.NewReplacer("backlog (18+ months)), ", "backlog (18+ months)),\n", "(coding evals), ", "(coding evals),\n").Replace(s)
		}},
		{"no What's Moving line", func(s string) string { return strings.Replace(s, "What's Moving\n", "", 1) }},
		{"conviction on the next line", func(s string) string { return strings.Replace(s, " | Conviction:", "\nConviction:", 1) }},
		// Plain-text e-mail is hard-wrapped: a line cut where the next word
		// would not fit goes on with the line after it.
		{"hard-wrapped at 72 columns", func(s string) string { return wrap(s, 72, false) }},
		{"hard-wrapped at 78 columns", func(s string) string { return wrap(s, 78, false) }},
		{"hard-wrapped at 50 columns", func(s string) string { return wrap(s, 50, false) }},
		{"hard-wrapped at hyphens too", func(s string) string { return wrap(s, 60, true) }},
		{"a note wrapped in its parentheses", func(s string) string {
			return strings.Replace(s, "(utility filings, transformer backlog", "(utility filings, transformer\nbacklog", 1)
		}},
		{"(via @a) on a line of its own", func(s string) string { return strings.ReplaceAll(s, " (via ", "\n(via ") }},
		{"bold headlines", func(s string) string {
			return regexp.MustCompile(`(?m)^- ([^—\n]+) — `).ReplaceAllString(s, "- **$1** — ")
		}},
		{"bold stance and level", func(s string) string {
			return strings.NewReplacer("Consensus: Bearish", "Consensus: **Bearish**", "Conviction: Medium", "Conviction: **Medium**").Replace(s)
		}},
		{"a dash before Conviction", func(s string) string { return strings.Replace(s, " | Conviction:", " — Conviction:", 1) }},
		{"upper case labels", func(s string) string {
			return strings.NewReplacer("Consensus:", "CONSENSUS:", "Conviction:", "CONVICTION:", "What's Moving", "WHAT’S MOVING", "Sources:", "SOURCES:").Replace(s)
		}},
	} {
		t.Run(v.name, func(t *testing.T) {
			in := v.change(string(f.input))
			if in == string(f.input) {
				t.Fatal("the variant changes nothing")
			}
			got, name, problems := importer.Import(f.name, []byte(in), f.opts)
			if err := problems.Err(); err != nil {
				t.Fatal(err)
			}
			if name != wantName || !bytes.Equal(got, want) {
				t.Errorf("%s:\n%s\nwant %s:\n%s", name, got, wantName, want)
			}
		})
	}
}

// wrap cuts each line of s at its last space within width characters, as
// a mail tool wraps plain text, or after a hyphen in a word too when
// hyphens is set, as Python's textwrap does.
func wrap(s string, width int, hyphens bool) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for utf8.RuneCountInString(line) > width {
			cut, skip := -1, 0
			for i, r := range line {
				if utf8.RuneCountInString(line[:i]) > width {
					break
				}
				if r == ' ' {
					cut, skip = i, 1
				} else if hyphens && r == '-' && i > 0 && i+1 < len(line) && line[i-1] != ' ' && line[i+1] != ' ' && utf8.RuneCountInString(line[:i+1]) <= width {
					cut, skip = i+1, 0
				}
			}
			if cut <= 0 {
				break
			}
			out = append(out, line[:cut])
			line = line[cut+skip:]
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// Bytes that are not plain text are an error at their line, never a panic
// or a digest.
func TestNotText(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"The Signal — ok\n\xff\xfe\x00junk", "junk.txt:2: not UTF-8 text (want a plain-text digest)"},
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "junk.txt:1: not UTF-8 text (want a plain-text digest)"},
		{"The Signal — ok\nConsensus: Bearish | Conviction: High\nA\x00B", "junk.txt:3: control character U+0000 (want a plain-text digest)"},
		{"\ufeff\ufeffThe Signal — ok\x1b[0m", "junk.txt:1: control character U+001B (want a plain-text digest)"},
		{"The Signal — ok\u0085", "junk.txt:1: control character U+0085 (want a plain-text digest)"},
		{"The Signal — ok\nConsensus: Bearish | Conviction: High\n- Copper\ufffe", "junk.txt:3: noncharacter U+FFFE (want a plain-text digest)"},
	} {
		out, name, problems := importer.Import("junk.txt", []byte(c.in), importer.Options{Date: day(t, "2026-11-24")})
		if got := printed(problems); got != c.want+"\n" || out != nil || name != "" {
			t.Errorf("%q: %q, %q, problems:\n%s\nwant:\n%s", c.in, out, name, got, c.want)
		}
	}
}

// A date in a file name is found wherever it stands, and one that is not a
// real day is an error rather than ignored.
func TestNameDate(t *testing.T) {
	for _, c := range []struct {
		base, want string
		found      bool
		err        string
	}{
		{"2026-11-24.txt", "2026-11-24", true, ""},
		{"signal-2026-11-24-compute.txt", "2026-11-24", true, ""},
		{"digest_2026-01-05", "2026-01-05", true, ""},
		{"digest.txt", "", false, ""},
		{"20261124.txt", "", false, ""},
		{"12026-11-24.txt", "", false, ""},
		{"2026-02-30.txt", "", true, `file name holds "2026-02-30", which is not a date (give --date YYYY-MM-DD)`},
	} {
		d, found, err := importer.NameDate(c.base, time.UTC)
		got := ""
		if !d.IsZero() {
			got = d.Format(time.DateOnly)
		}
		errText := ""
		if err != nil {
			errText = err.Error()
		}
		if got != c.want || found != c.found || errText != c.err {
			t.Errorf("NameDate(%q) = %q, %v, %q; want %q, %v, %q", c.base, got, found, errText, c.want, c.found, c.err)
		}
	}
}

// A Sources line that ends with a comma takes in the next line, unless it
// starts a part of its own (review).
func TestSourcesCommaBeforeSection(t *testing.T) {
	in := "The Signal — ok\nConsensus: Bearish | Conviction: High\nSources: @abc (filings), @def,\nBlind Spot — Nobody watches @ghi smelters.\n"
	out, _, problems := importer.Import("d.txt", []byte(in), importer.Options{Date: day(t, "2026-11-24")})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(out, []byte("## Blind Spot")) || !bytes.Contains(out, []byte("@def")) {
		t.Errorf("got:\n%s", out)
	}
}

// What import writes, build reads: a date outside the years a digest may
// have, or a digest larger than one may be, is an error, not a file that
// then fails to build.
func TestImportWithinLimits(t *testing.T) {
	f := readFixture(t, "testdata/full.txtar")
	for _, date := range []time.Time{time.Date(999, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		opts := f.opts
		opts.Date = date
		out, _, problems := importer.Import(f.name, f.input, opts)
		if problems.Err() == nil || out != nil || !strings.Contains(printed(problems), "a digest's is from 1000 to 9999") {
			t.Errorf("%v: %s", date, printed(problems))
		}
	}
	huge := string(f.input) + strings.Repeat("- An item of the paste. (via @x)\n", 40000)
	out, _, problems := importer.Import(f.name, []byte(huge), f.opts)
	if problems.Err() == nil || out != nil || !strings.Contains(printed(problems), "a digest may be at most 1 MB") {
		t.Errorf("a %d-byte paste: %s", len(huge), printed(problems))
	}
}

// A paste whose lines are short by nature, one part each, is not taken for
// a hard-wrapped one: no line is joined to the one before it (review).
func TestShortLinesNotWrapped(t *testing.T) {
	in := `The Signal — Copper smelters cut runs as acid runs short in Chile.
Consensus: Bullish (for copper miners with their own acid) | Conviction: High
- Smelter cuts — Two smelters idled lines this week. (via @cu_desk)
Takeaway: the acid shortage matters more than the ore grade now.
- Treasury auction tails — The 10-year tailed by 2 bp. (via @rates)
Blind Spot — Nobody is pricing acid supply into Peru yet, not even now.
Watch the acid price before the ore price this quarter, and the freight.
Sources: @cu_desk (smelter data), @rates, @grid (PPA tracker), @acid_al
Forwarded by the desk. Reply STOP to unsubscribe at any time of the day.
`
	out, _, problems := importer.Import("d.txt", []byte(in), importer.Options{Date: day(t, "2026-11-24")})
	if err := problems.Err(); err != nil {
		t.Fatal(printed(problems))
	}
	for _, want := range []string{
		"\n- **Smelter cuts** — Two smelters idled lines this week. (via @cu_desk)\n",
		"\nTakeaway: the acid shortage matters more than the ore grade now.\n",
		"\nNobody is pricing acid supply into Peru yet, not even now.\n",
		"\nWatch the acid price before the ore price this quarter, and the freight.\n",
		"\nForwarded by the desk. Reply STOP to unsubscribe at any time of the day.\n",
		`  - "@acid_al"`,
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("want %q in:\n%s", want, out)
		}
	}
}

// A hard-wrapped paste is found wrapped with a long link on a line of its
// own, and with spaced hyphens for dashes; one in Chinese or Japanese,
// whose characters take two columns each, is joined back without spaces.
func TestWrappedOddly(t *testing.T) {
	f := readFixture(t, "testdata/full.txtar")
	want, _, _ := importer.Import(f.name, f.input, f.opts)
	summary := regexp.MustCompile(`(?m)^summary: .*$`).Find(want)
	in := wrap(string(f.input), 72, false) + "Read more: https://example.com/" + strings.Repeat("a", 100) + "\n"
	out, _, problems := importer.Import(f.name, []byte(in), f.opts)
	if err := problems.Err(); err != nil || !bytes.Contains(out, summary) {
		t.Errorf("wrapped, with a long link: %v\n%s", err, out)
	}
	hyphens := strings.ReplaceAll(string(f.input), " — ", " - ")
	wantHyphens, _, _ := importer.Import(f.name, []byte(hyphens), f.opts)
	if out, _, _ := importer.Import(f.name, []byte(wrap(hyphens, 72, false)), f.opts); !bytes.Equal(out, wantHyphens) {
		t.Errorf("wrapped, with spaced hyphens:\n%s\nwant:\n%s", out, wantHyphens)
	}

	line := strings.Repeat("半導体の供給網が再編され各国が補助金競争に入る", 3) // 69 characters, 138 columns
	cjk := "The Signal — " + line + "。\nConsensus: Neutral | Conviction: Low\n- 電力 — " + line + "。\n- 需要 — " + line + "。\n"
	var wrapped []string
	for l := range strings.Lines(cjk) {
		for r := []rune(strings.TrimSuffix(l, "\n")); ; r = r[36:] {
			if len(r) <= 36 {
				wrapped = append(wrapped, string(r))
				break
			}
			wrapped = append(wrapped, string(r[:36]))
		}
	}
	out, _, problems = importer.Import("d.txt", []byte(strings.Join(wrapped, "\n")), importer.Options{Date: day(t, "2026-11-24")})
	if err := problems.Err(); err != nil || !bytes.Contains(out, []byte("summary: \""+line+"。\"")) || !bytes.Contains(out, []byte("**電力** — "+line+"。\n")) {
		t.Errorf("wrapped at 72 columns in Japanese: %v\n%s", err, out)
	}
}
