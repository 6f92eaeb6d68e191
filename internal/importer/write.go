package importer

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"
)

// frontMatter writes the front matter of a digest, between --- fences but
// for the closing one. go.yaml.in/yaml/v3 quotes the values, so that any
// text (a title with ": ", "#" or quotes) reads back as written.
func frontMatter(d *digest, title, day string, tags []string) []byte {
	m := &yaml.Node{Kind: yaml.MappingNode}
	field := func(key string, v *yaml.Node) { m.Content = append(m.Content, plain(key), v) }
	field("title", quoted(title))
	field("date", plain(day))
	field("consensus", quoted(d.consensus))
	field("conviction", plain(d.conviction))
	if len(tags) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, t := range tags {
			list.Content = append(list.Content, quoted(t))
		}
		field("tags", list)
	}
	if len(d.sources) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode}
		for _, s := range d.sources {
			if s.note == "" {
				list.Content = append(list.Content, quoted("@"+s.handle))
				continue
			}
			list.Content = append(list.Content, &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				plain("handle"), quoted("@" + s.handle),
				plain("note"), quoted(s.note),
			}})
		}
		field("sources", list)
	}
	field("summary", quoted(d.summary))
	var b bytes.Buffer
	b.WriteString("---\n")
	e := yaml.NewEncoder(&b)
	e.SetIndent(2)
	if err := e.Encode(m); err != nil {
		panic("importer: front matter: " + err.Error()) // a tree of strings always encodes
	}
	return b.Bytes()
}

// plain is a scalar written as it is: a key, a date, a conviction.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// quoted is text, always in double quotes.
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
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
			b.WriteString("## " + bl.text + "\n")
		case item:
			b.WriteString("- " + itemText(bl) + "\n")
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
