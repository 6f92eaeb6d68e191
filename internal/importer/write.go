package importer

import (
	"bytes"
	"strconv"
	"strings"
)

// frontMatter writes the front matter of a digest, between --- fences but
// for the closing one. Every text value is in double quotes, so that any
// text (a title with ": ", "#" or quotes) reads back as written, with Go's
// escapes, which YAML's double quotes read the same: every printable
// character stays as it is, so that an author who edits the file reads
// "🚀" where go.yaml.in/yaml/v3 wrote "\U0001F680". The text is UTF-8 (read
// refuses any other), so strconv.Quote writes no \x escape, which YAML
// would read as a character rather than a byte.
func frontMatter(d *digest, title, day string, tags []string) []byte {
	var b bytes.Buffer
	line := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	line("---")
	line("title: ", strconv.Quote(title))
	line("date: ", day)
	line("consensus: ", strconv.Quote(d.consensus))
	line("conviction: ", d.conviction)
	if len(tags) > 0 {
		quoted := make([]string, len(tags))
		for i, t := range tags {
			quoted[i] = strconv.Quote(t)
		}
		line("tags: [", strings.Join(quoted, ", "), "]")
	}
	if len(d.sources) > 0 {
		line("sources:")
		for _, s := range d.sources {
			if s.note == "" {
				line("  - ", strconv.Quote("@"+s.handle))
				continue
			}
			line("  - handle: ", strconv.Quote("@"+s.handle))
			line("    note: ", strconv.Quote(s.note))
		}
	}
	line("summary: ", strconv.Quote(d.summary))
	return b.Bytes()
}

// body writes the blocks as Markdown: headings as ## headings, a run of
// items as one list, the rest as paragraphs.
func body(blocks []*block) []byte {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 && !(bl.kind == item && blocks[i-1].kind == item) {
			b.WriteByte('\n')
		}
		switch bl.kind {
		case heading:
			b.WriteString(strings.Repeat("#", max(2, bl.level)) + " " + inline(bl.text) + "\n")
		case item:
			marker := "- "
			if bl.number != "" {
				marker = bl.number + ". "
			}
			b.WriteString(marker + itemText(bl) + "\n")
		case paragraph:
			b.WriteString(lineStart(inline(bl.text)) + "\n")
		}
	}
	return []byte(b.String())
}

// itemText is "**Headline** — text", or the text alone.
func itemText(bl *block) string {
	text := inline(bl.text)
	if bl.headline == "" {
		return lineStart(text)
	}
	if text == "" {
		return "**" + inline(bl.headline) + "**"
	}
	return "**" + inline(bl.headline) + "** — " + text
}
