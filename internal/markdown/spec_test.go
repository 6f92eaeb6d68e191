package markdown_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite the expected HTML and mentions of testdata/handles.txt from what the code does now")

// The markers of testdata/handles.txt, as in goldmark's _test/*.txt: each
// case is a title line, the Markdown, the HTML, and the names of the
// handles that Mentions finds, one a line; its cases end with caseEnd.
const (
	partSep = "//- - - - - - - - -//\n"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//\n"
)

type specCase struct {
	title    string // "#3 handle after punctuation [unsafe]"
	markdown string
	html     string
	mentions string
}

// options reads the options in brackets at the end of a title: unsafe
// (WithUnsafeHTML) and nourl (no WithHandleURL).
func (c specCase) new() *markdown.Markdown {
	var opts []markdown.Option
	if strings.Contains(c.title, "[unsafe]") {
		opts = append(opts, markdown.WithUnsafeHTML(true))
	}
	if !strings.Contains(c.title, "[nourl]") {
		opts = append(opts, markdown.WithHandleURL(sourceURL))
	}
	return markdown.New(opts...)
}

func sourceURL(slug string) string { return "/sources/" + slug + "/" }

func readSpec(t *testing.T, file string) []specCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []specCase
	for _, block := range strings.SplitAfter(string(data), caseEnd) {
		if strings.TrimSpace(block) == "" {
			continue
		}
		parts := strings.Split(strings.TrimSuffix(block, caseEnd), partSep)
		if len(parts) != 4 || !strings.HasSuffix(block, caseEnd) {
			t.Fatalf("%s: a case needs a title, Markdown, HTML and mentions:\n%s", file, block)
		}
		cases = append(cases, specCase{strings.TrimSpace(parts[0]), parts[1], parts[2], parts[3]})
	}
	return cases
}

func writeSpec(t *testing.T, file string, cases []specCase) {
	var b strings.Builder
	for _, c := range cases {
		b.WriteString(c.title + "\n" + partSep + c.markdown + partSep + c.html + partSep + c.mentions + caseEnd)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSpec runs the cases of testdata/handles.txt: Markdown in, HTML and
// the handles it cites out.
func TestSpec(t *testing.T) {
	const file = "testdata/handles.txt"
	cases := readSpec(t, file)
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	for i, c := range cases {
		doc := c.new().Parse([]byte(c.markdown))
		html := string(doc.HTML())
		var mentions strings.Builder
		for _, m := range doc.Mentions() {
			fmt.Fprintln(&mentions, m.Name)
		}
		if *update {
			cases[i].html, cases[i].mentions = html, mentions.String()
			continue
		}
		if html != c.html {
			t.Errorf("%s\nMarkdown:\n%sgot HTML:\n%swant:\n%s", c.title, c.markdown, html, c.html)
		}
		if mentions.String() != c.mentions {
			t.Errorf("%s\nMarkdown:\n%sgot mentions:\n%swant:\n%s", c.title, c.markdown, mentions.String(), c.mentions)
		}
	}
	if *update {
		writeSpec(t, file, cases)
	}
}
