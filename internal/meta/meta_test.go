package meta_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/meta"
)

// dump prints a tree with each value's position, one value per line.
func dump(b *strings.Builder, n *meta.Node, indent string) {
	switch n.Kind {
	case meta.Null:
		fmt.Fprintf(b, "%d:%d null\n", n.Line, n.Col)
	case meta.Scalar:
		fmt.Fprintf(b, "%d:%d %s %q\n", n.Line, n.Col, n.Tag, n.Value)
	case meta.List:
		fmt.Fprintf(b, "%d:%d list\n", n.Line, n.Col)
		for _, it := range n.Items {
			b.WriteString(indent + "- ")
			dump(b, it, indent+"  ")
		}
	case meta.Map:
		fmt.Fprintf(b, "%d:%d map\n", n.Line, n.Col)
		for _, f := range n.Fields {
			fmt.Fprintf(b, "%s%s@%d:%d = ", indent, f.Key, f.Line, f.Col)
			dump(b, f.Value, indent+"  ")
		}
	}
}

func TestPositionsWithOffset(t *testing.T) {
	src := `title: "Compute"
date: 2026-11-24
draft: false
tags: [Compute, 3]
sources:
  - "@sama"
  - handle: "@allIn"
    note:
ref: &r x
again: *r
`
	n, errs := meta.Parse("content/a.md", []byte(src), 1)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var b strings.Builder
	dump(&b, n, "  ")
	want := `2:1 map
  title@2:1 = 2:8 !!str "Compute"
  date@3:1 = 3:7 !!timestamp "2026-11-24"
  draft@4:1 = 4:8 !!bool "false"
  tags@5:1 = 5:7 list
    - 5:8 !!str "Compute"
    - 5:17 !!int "3"
  sources@6:1 = 7:3 list
    - 7:5 !!str "@sama"
    - 8:5 map
      handle@8:5 = 8:13 !!str "@allIn"
      note@9:5 = 9:10 null
  ref@10:1 = 10:6 !!str "x"
  again@11:1 = 11:8 !!str "x"
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := n.Field("tags").Items[1].Describe(); got != "a number" {
		t.Errorf("Describe(3) = %q", got)
	}
	if n.Field("nope") != nil {
		t.Error("Field of a missing key is not nil")
	}
}

func TestDescribe(t *testing.T) {
	n, _ := meta.Parse("x", []byte("a: text\nb: 1.5\nc: true\nd: 2026-01-02\ne: [1]\nf: {x: 1}\ng:\nh: \"3\"\n"), 0)
	var got []string
	for _, f := range n.Fields {
		got = append(got, f.Key+"="+f.Value.Describe())
	}
	want := []string{"a=a string", "b=a number", "c=a boolean", "d=a date", "e=a list", "f=a mapping", "g=nothing", `h=a string`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestEmpty(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# only a comment\n"} {
		n, errs := meta.Parse("x", []byte(src), 1)
		if len(errs) != 0 || n == nil || n.Kind != meta.Null || n.Line != 2 {
			t.Errorf("%q: got %+v, %v", src, n, errs)
		}
	}
}

// Errors are reported at their line in the file that holds the YAML, which
// starts after lineOffset lines (a front matter fence).
func TestErrors(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{"title: A\ntitle: B\n", []string{`f:3:1: duplicate key "title" (first on line 2)`}},
		{"a: &x {b: 1}\n<<: *x\n", []string{`f:3:1: merge keys (<<) are not supported`}},
		{"? [a]\n: 1\n", []string{`f:2:3: a key must be a plain string`}},
		// Syntax errors, by the kind yaml.v3 reports them.
		// A title with a colon, unquoted: the colon, and the fix.
		{"title: Compute: the choke point\n", []string{`f:2:15: invalid YAML: a colon and a space in a value start another key; put the value in quotes: title: "Compute: the choke point"`}},
		{"a: 1\ntitle: Rates whipsaw: what now?\n", []string{`f:3:21: invalid YAML: a colon and a space in a value start another key; put the value in quotes: title: "Rates whipsaw: what now?"`}},
		{"a: 1\nb:\n  c: d: e\n", []string{`f:4:7: invalid YAML: a colon and a space in a value start another key; put the value in quotes: c: "d: e"`}},
		{"title: Rates: what now? # a draft title\n", []string{`f:2:13: invalid YAML: a colon and a space in a value start another key; put the value in quotes: title: "Rates: what now?"`}},
		{"sources:\n  - note: Rates: up\n", []string{`f:3:16: invalid YAML: a colon and a space in a value start another key; put the value in quotes: note: "Rates: up"`}},
		{"\"title\": Rates: what now\r\n", []string{`f:2:15: invalid YAML: a colon and a space in a value start another key; put the value in quotes: "title": "Rates: what now"`}},
		// So is a [ or { never closed, rather than where yaml.v3 gave up.
		{"a: 1\ntags: [a, b\nc: d\n", []string{`f:3: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"a: 1\ntags: {a: b\n", []string{`f:3: invalid YAML: the { opened on this line is never closed with } (did not find expected ',' or '}')`}},
		{"a: 1\nconviction: [\n", []string{`f:3: invalid YAML: the [ opened on this line is never closed with ] (did not find expected node content)`}},
		{"title: a [b] c\ntags: [x, [y], \"]\"\n  # ]\nd: e\n", []string{`f:3: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"a: 1\nb: [x]\nc: d]\n", []string{}},
		// A [ or { in a block scalar is text, and a colon opens a value
		// only before a space; the bracket named is one of the closer's kind.
		{"summary: |\n  [draft note\n\n  more\ntags: [a, b\n", []string{`f:6: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"summary: > # folded\n  {see below\ntitle: x\ntags: [a, b\n", []string{`f:5: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"title: a:[b\ntags: [x, y\n", []string{`f:3: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"a: {b: [1, 2}\n", []string{`f:2: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"a: 1\nb: 2\nc:\n  d: 1\n  e: 2\n f: 3\n", []string{`f:7: invalid YAML: did not find expected key`}},
		{"a: 1\nb: 2\n- c\n", []string{`f:4: invalid YAML: did not find expected key`}},
		// An unclosed quote is found where it opens, not at the end.
		{"a: 1\nb: \"open\n", []string{`f:3: invalid YAML: a value's opening quote is never closed (found unexpected end of stream)`}},
		{"title: \"open\ndate: 2026-11-24\nc: 'x' # it's\nd: e\n", []string{`f:2: invalid YAML: a value's opening quote is never closed (found unexpected end of stream)`}},
		{"a: 'it''s\nb: \"x\"\nc: d\n", []string{`f:2: invalid YAML: a value's opening quote is never closed (found unexpected end of stream)`}},
		{"a: [\"x\", 'y\nb: c\n", []string{`f:2: invalid YAML: a value's opening quote is never closed (found unexpected end of stream)`}},
		{"a: what's \"this\"\nb: \"esc \\\" still\nc: d\n", []string{`f:3: invalid YAML: a value's opening quote is never closed (found unexpected end of stream)`}},
		{"a: 1\nb: !x!y z\n", []string{`f:3: invalid YAML: found undefined tag handle`}},
		{"\n\na: 1\n  b: 2\n", []string{`f:5: invalid YAML: mapping values are not allowed in this context`}},
		// yaml.v3 places these on another line, or on none: place finds
		// the line of the tab, the alias and the control character.
		{"a: 1\nb: *nope\n", []string{`f:3: invalid YAML: unknown anchor 'nope' referenced`}},
		{"a: 1\nb: 2\nc: 3\n\td: low\n", []string{`f:5:1: invalid YAML: a tab indents this line, and YAML indents with spaces only`}},
		{"a: 1\nb: >\n  one\n  two\n\tthree\n", []string{`f:6:1: invalid YAML: a tab indents this line, and YAML indents with spaces only`}},
		{"a: 1\nb: \"X\x00Y\"\n", []string{`f:3: invalid YAML: control characters are not allowed`}},
		// A tab that indents a line is named as such, at its column; a
		// character that starts no token for another reason is not.
		{"a:\n\t- b\n", []string{`f:3:1: invalid YAML: a tab indents this line, and YAML indents with spaces only`}},
		{"a:\n  - b\n  \t- c\n", []string{`f:4:3: invalid YAML: a tab indents this line, and YAML indents with spaces only`}},
		{"a: 1\nb: @c\n", []string{`f:3: invalid YAML: found character that cannot start any token`}},
		// A second document is an error, not dropped unread.
		{"a: 1\n---\nb: 2\n", []string{`f:3: invalid YAML: a second document begins here; only one is read, so remove the --- before it`}},
		{"a: 1\n---\nb: [2\n", []string{`f:4: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"a: 1\n...\n", nil},
	} {
		_, errs := meta.Parse("f", []byte(c.src), 1)
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q:\ngot  %q\nwant %q", c.src, got, c.want)
		}
	}
}

// Aliases cannot expand into a tree large enough to exhaust memory, and
// nesting cannot exhaust the stack.
func TestBounds(t *testing.T) {
	laughs := `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
`
	deep := strings.Repeat("[", 500) + strings.Repeat("]", 500)
	for name, src := range map[string]string{"laughs": laughs, "deep": "a: " + deep} {
		_, errs := meta.Parse("f", []byte(src), 0)
		if !strings.Contains(errs.Error(), "YAML nested deeper than 100 levels or larger than 1000000 values") {
			t.Errorf("%s: got %v", name, errs)
		}
	}
}
