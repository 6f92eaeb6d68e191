package content_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// digest is a digest that uses most of what a body can hold, so that its
// rendering shows any difference a line end makes.
const digest = `---
title: "Line ends"
date: 2026-11-24
consensus: "Bearish (for pure-play AI labs)"
conviction: High
tags:
  - Compute
  - Open Models
sources:
  - handle: "@allIn"
    note: "compute
      scarcity thesis"
summary: >
  Folded
  summary.
---

## What's Moving

- **Announced capacity is not built capacity** — lead times stretch. (via @allIn)
- Second item, with a hard break  
  and a soft
  one.

` + "```go\nx := 1\ny := 2\n```" + `

| a | b |
|---|---|
| 1 | 2 |

> Quote by @sama.
`

// A byte order mark and CRLF line ends give the same digest as plain LF.
func TestBOMAndCRLF(t *testing.T) {
	variants := map[string]string{
		"bom":      "\ufeff" + digest,
		"crlf":     strings.ReplaceAll(digest, "\n", "\r\n"),
		"bom+crlf": "\ufeff" + strings.ReplaceAll(digest, "\n", "\r\n"),
	}
	want := loadOne(t, digest)
	if !strings.Contains(want, `<pre class="chroma">`) || !strings.Contains(want, "note=\"compute scarcity thesis\"") {
		t.Fatalf("the LF digest does not render as expected:\n%s", want)
	}
	for name, src := range variants {
		t.Run(name, func(t *testing.T) { diff(t, name, loadOne(t, src), want) })
	}
}

func loadOne(t *testing.T, src string) string {
	t.Helper()
	digests, problems := load(fstest.MapFS{"content/2026-11-24-line-ends.md": {Data: []byte(src)}})
	if len(problems) != 0 {
		t.Fatalf("problems:\n%s", printed(problems))
	}
	return full(digests)
}

// Errors in a file with a BOM and CRLF line ends are at the same line and
// column as in the same file with LF.
func TestBOMAndCRLFPositions(t *testing.T) {
	src := "---\ntitle: x\ndate: 2026-11-24\nconsensus: bulish\nconviction: High\nextra: 1\n---\n"
	want := `content/a.md:4:12: consensus: unknown stance "bulish" (want bullish, bearish, neutral or mixed)
content/a.md:6:1: warning: unknown front matter field "extra" is ignored
`
	for _, v := range []string{src, "\ufeff" + src, strings.ReplaceAll(src, "\n", "\r\n"), "\ufeff" + strings.ReplaceAll(src, "\n", "\r\n")} {
		_, problems := load(fstest.MapFS{"content/a.md": {Data: []byte(v)}})
		diff(t, "problems", printed(problems), want)
	}
}

// A file that is not UTF-8 is rejected with its name and the line of the
// first bad byte, next to the problems of other files.
func TestInvalidUTF8(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a-latin1.md": {Data: []byte("---\ntitle: Caf\xe9\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\n")},
		"content/b-body.md":   {Data: []byte("---\ntitle: ok\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\n\nfine\r\n\nbad \xc3\x28 here\n")},
		"content/c-utf16.md":  {Data: []byte("\xff\xfe-\x00-\x00-\x00\n\x00")},
		"content/d-first.md":  {Data: []byte("\x80---\n")},
		"content/e-bom.md":    {Data: []byte("\xef\xbb\xbf---\n\n\ntitle: \xed\xa0\x80\n---\n")}, // a surrogate is not UTF-8
		"content/f-good.md":   {Data: []byte("---\ntitle: ok\ndate: 2026-11-24\nconsensus: bulish\nconviction: High\n---\n")},
	}
	_, problems := load(fsys)
	want := `content/a-latin1.md:2: file is not valid UTF-8
content/b-body.md:10: file is not valid UTF-8
content/c-utf16.md:1: file is not valid UTF-8
content/d-first.md:1: file is not valid UTF-8
content/e-bom.md:4: file is not valid UTF-8
content/f-good.md:4:12: consensus: unknown stance "bulish" (want bullish, bearish, neutral or mixed)
`
	diff(t, "problems", printed(problems), want)
}

// TestSlowLinks: a body whose links never end, which goldmark would take
// minutes to read, is an error at the line they start on.
func TestSlowLinks(t *testing.T) {
	src := "---\ntitle: A\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\n\nFine [link](x).\n\n" + strings.Repeat("[a](", 50000) + "\n"
	start := time.Now()
	_, problems := load(fstest.MapFS{"content/a.md": {Data: []byte(src)}})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if len(problems) != 1 || !strings.HasPrefix(problems[0].Error(), "content/a.md:10: links that never end") {
		t.Errorf("problems: %v", problems)
	}
}

// A file whose lines end in CR alone is told as such, not as a file
// without front matter.
func TestCROnly(t *testing.T) {
	_, problems := load(fstest.MapFS{"content/a-mac.md": {Data: []byte(strings.ReplaceAll(digest, "\n", "\r"))}})
	diff(t, "problems", printed(problems), "content/a-mac.md:1: lines end in CR alone, as classic Mac OS ended them: save the file with LF or CRLF line ends\n")
}

// Characters that text may not hold are told for ten lines at most, then
// counted: a file with one on every line says so in eleven lines, not in
// one a line. ASCII saved as UTF-16 without its byte order mark is valid
// UTF-8, a NUL on every line: it is told as the encoding it is.
func TestNotTextCapped(t *testing.T) {
	front := "---\ntitle: Bells\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\n"
	utf16 := make([]byte, 0, 2*len(front))
	for _, c := range []byte(front) {
		utf16 = append(utf16, c, 0)
	}
	_, problems := load(fstest.MapFS{
		"content/a-bells.md": {Data: []byte(front + strings.Repeat("a\x07\n", 13))},
		"content/b-utf16.md": {Data: utf16},
	})
	var want strings.Builder
	for line := 7; line < 17; line++ {
		fmt.Fprintf(&want, "content/a-bells.md:%d:2: control character U+0007: text may hold none but tab and line ends, and feeds cannot carry it; remove it\n", line)
	}
	want.WriteString("content/a-bells.md:17: and 3 more lines hold characters that text may not hold\n")
	want.WriteString("content/b-utf16.md:1: file is not valid UTF-8: every other byte is 0, as in UTF-16; save it as UTF-8\n")
	diff(t, "problems", printed(problems), want.String())
}
