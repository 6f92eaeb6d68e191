package meta

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/signaldigest/signal/internal/diag"
)

// Kind is what a Node holds.
type Kind int

const (
	Null Kind = iota
	Scalar
	List
	Map
)

// Node is one YAML value with its position in the file.
type Node struct {
	Kind   Kind
	Tag    string   // for scalars: !!str, !!int, !!bool, !!float, !!timestamp, !!null
	Value  string   // for scalars: the text as written, unquoted
	Items  []*Node  // for lists
	Fields []*Field // for maps, in file order
	Line   int
	Col    int
}

// Field is one key of a map.
type Field struct {
	Key   string
	Line  int
	Col   int
	Value *Node
}

// Describe names the kind of value for error messages: "a string", "a list".
func (n *Node) Describe() string {
	switch n.Kind {
	case Null:
		return "nothing"
	case List:
		return "a list"
	case Map:
		return "a mapping"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!timestamp":
		return "a date"
	}
	return "a string"
}

// Field returns the value of key in a map, or nil.
func (n *Node) Field(key string) *Node {
	for _, f := range n.Fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// maxDepth bounds nesting so that hostile input cannot exhaust the stack,
// and maxNodes bounds the tree that aliases can expand to ("billion laughs").
const (
	maxDepth = 100
	maxNodes = 1_000_000
)

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yaml.v3 prints the line of a parser error counted from 0, and leaves the
// line out of any syntax error on the first line (see decode.go, parser.fail).
// Its reader and decoder errors carry no line at all: unplacedRE knows them.
var (
	parserProblemRE = regexp.MustCompile(`^(did not find expected (<stream-start>|<document start>|node content|key|'-' indicator|',' or '\]'|',' or '\}')|found (duplicate %YAML directive|incompatible YAML document|undefined tag handle|duplicate %TAG directive))$`)
	unplacedRE      = regexp.MustCompile(`^(unknown anchor|anchor .* contains itself|document contains excessive aliasing|control characters|invalid |incomplete |expected low|unexpected low|input error|attempted|cannot )`)
)

// Parse reads one YAML document from data, which starts at line lineOffset+1
// of the file at path. An empty document gives a Null node. Every problem is
// returned as a positioned error. The node is nil when the YAML cannot be
// read whole; with other errors (a duplicate key, a value that is not text)
// it is the document without them, so that a caller can go on to report
// the problems of its values too.
func Parse(path string, data []byte, lineOffset int) (n *Node, errs diag.List) {
	var doc yaml.Node
	if err := unmarshal(data, &doc); err != nil {
		msg := err.Error()
		line := 0
		if m := lineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
			if parserProblemRE.MatchString(msg) {
				line++
			}
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
			if !unplacedRE.MatchString(msg) {
				line = 1
			}
		}
		line = place(msg, data, line)
		quote, flows := unclosed(data)
		open := innermost(flows, msg)
		switch {
		case msg == "found unexpected end of stream" && quote > 0:
			// yaml.v3 places it at the end: the quote that never closes
			// is where the author has to look.
			line, msg = quote, "a value's opening quote is never closed (found unexpected end of stream)"
		case open.line > 0:
			// So is the [ or { of a list or mapping that never closes,
			// rather than the line after it where yaml.v3 gave up.
			closer := map[byte]byte{'[': ']', '{': '}'}[open.c]
			line, msg = open.line, fmt.Sprintf("the %c opened on this line is never closed with %c (%s)", open.c, closer, msg)
		}
		col := 0
		if msg == "found character that cannot start any token" || strings.Contains(msg, "tab character") {
			// Most often a tab that indents: say so, and where.
			if at := indentTab(data, line); at > 0 {
				col, msg = at, "a tab indents this line, and YAML indents with spaces only"
			}
		}
		if msg == "mapping values are not allowed in this context" {
			// Most often a title with a colon in it, unquoted.
			if at, key, value := valueColon(data, line); at > 0 {
				col, msg = at, fmt.Sprintf("a colon and a space in a value start another key; put the value in quotes: %s: %q", key, value)
			}
		}
		errs.Add(path, line+lineOffset, col, "invalid YAML: %s", msg)
		return nil, errs
	}
	if doc.Kind == 0 {
		return &Node{Kind: Null, Line: lineOffset + 1}, nil
	}
	c := converter{path: path, offset: lineOffset}
	n = c.convert(&doc, 0)
	if c.nodes > maxNodes {
		return nil, c.errs // a tree cut short
	}
	return n, c.errs
}

var anchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// place finds the line of problems that yaml.v3 places elsewhere or not at
// all: a tab in an indentation (it names the line of the key or block
// before), an unknown anchor and a control character (no line). line is
// where yaml.v3 placed it, or 0.
func place(msg string, data []byte, line int) int {
	lines := strings.Split(string(data), "\n")
	find := func(from int, ok func(string) bool) int {
		for i := max(from, 1) - 1; i < len(lines); i++ {
			if ok(lines[i]) {
				return i + 1
			}
		}
		return line
	}
	switch {
	case strings.Contains(msg, "tab character"):
		return find(line, func(l string) bool {
			return strings.Contains(l[:len(l)-len(strings.TrimLeft(l, " \t"))], "\t")
		})
	case anchorRE.MatchString(msg):
		alias := "*" + anchorRE.FindStringSubmatch(msg)[1]
		return find(1, func(l string) bool { return strings.Contains(l, alias) })
	case strings.HasPrefix(msg, "control characters"):
		return find(1, func(l string) bool { return strings.IndexFunc(l, func(r rune) bool { return !IsText(r) }) >= 0 })
	}
	return line
}

// valueColon finds, on line n of data, a "key: value" (or "- key: value"
// in a list) whose value holds a colon followed by a space or the line's
// end: it returns the column of that colon, and the key and the value,
// without a comment after it; or 0.
func valueColon(data []byte, n int) (col int, key, value string) {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return 0, "", ""
	}
	l := strings.TrimRight(lines[n-1], " \r")
	k, v, ok := strings.Cut(l, ": ")
	if !ok || strings.ContainsAny(k, "[{#") {
		return 0, "", ""
	}
	if c := strings.Index(v, " #"); c >= 0 {
		v = v[:c] // a comment
	}
	v = strings.TrimSpace(v)
	i := strings.Index(v+" ", ": ")
	if i < 0 || strings.HasPrefix(v, "\"") || strings.HasPrefix(v, "'") {
		return 0, "", ""
	}
	at := len(k) + len(": ") + strings.Index(l[len(k)+2:], v) + i // the colon's byte in l
	key = strings.TrimPrefix(strings.TrimSpace(k), "- ")
	return utf8.RuneCountInString(l[:at]) + 1, key, v
}

// indentTab returns the column of the first tab in the indentation of line
// n of data, or 0.
func indentTab(data []byte, n int) int {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return 0
	}
	l := lines[n-1]
	return strings.IndexByte(l[:len(l)-len(strings.TrimLeft(l, " \t"))], '\t') + 1
}

// opener is a [ or { that opens a flow list or mapping, and its line.
type opener struct {
	line int
	c    byte
}

// innermost is the bracket of flows that yaml.v3's message msg is about:
// the innermost [ still open for "did not find expected ',' or ']'", the
// innermost { for '}', either for "did not find expected node content";
// none for another message.
func innermost(flows []opener, msg string) opener {
	var want byte
	switch {
	case msg == "did not find expected ',' or ']'":
		want = '['
	case msg == "did not find expected ',' or '}'":
		want = '{'
	case msg != "did not find expected node content":
		return opener{}
	}
	for i := len(flows) - 1; i >= 0; i-- {
		if want == 0 || flows[i].c == want {
			return flows[i]
		}
	}
	return opener{}
}

// unclosed returns the line of the quote that opens a quoted scalar never
// closed in data, or 0; and the [ and { that open a flow list or mapping
// never closed, outermost first. A quote or bracket opens one where a
// value starts: at the start of a line's text, or after ": ", "- ", "[",
// "{" or ",". Inside double quotes a backslash escapes the next
// character; inside single quotes a doubled quote stands for one. A #
// after a space starts a comment. The lines of a block scalar (| or >),
// those indented deeper than the line that opens it, are text.
func unclosed(data []byte) (quote int, flows []opener) {
	var open byte // the quote of the scalar being read, or 0
	at, line := 0, 1
	start := true              // a value may start here
	indent := 0                // of the line being read
	block, blockAt := false, 0 // in a block scalar, opened on a line indented blockAt
	spaceAfter := func(i int) bool {
		return i+1 == len(data) || data[i+1] == ' ' || data[i+1] == '\t' || data[i+1] == '\r' || data[i+1] == '\n'
	}
	lineEnd := func(i int) int { // the index of the end of the line i is on
		if n := bytes.IndexByte(data[i:], '\n'); n >= 0 {
			return i + n
		}
		return len(data)
	}
	for i := 0; i < len(data); i++ {
		if (i == 0 || data[i-1] == '\n') && open == 0 {
			n := 0
			for i+n < len(data) && data[i+n] == ' ' {
				n++
			}
			end := lineEnd(i)
			if block && (n > blockAt || len(bytes.TrimSpace(data[i:end])) == 0) {
				if end == len(data) {
					break
				}
				if end > i {
					i = end - 1 // the line end comes next
					continue
				}
			} else {
				block, indent = false, n
			}
		}
		c := data[i]
		switch {
		case c == '\n':
			line++
			if open == 0 {
				start = true
			}
		case open == '"':
			if c == '\\' {
				i++
				if i < len(data) && data[i] == '\n' {
					line++
				}
			} else if c == '"' {
				open = 0
			}
		case open == '\'':
			if c == '\'' && i+1 < len(data) && data[i+1] == '\'' {
				i++
			} else if c == '\'' {
				open = 0
			}
		case c == ' ' || c == '\t':
			if i+1 < len(data) && data[i+1] == '#' {
				for i+1 < len(data) && data[i+1] != '\n' {
					i++
				}
			}
		case c == '#' && start:
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case (c == '"' || c == '\'') && start:
			open, at = c, line
		case (c == '|' || c == '>') && start && len(flows) == 0:
			// A block scalar when only its indicators (|-, >2) and a
			// comment follow on the line.
			j := i + 1
			for j < len(data) && strings.IndexByte("0123456789+-", data[j]) >= 0 {
				j++
			}
			end := lineEnd(i)
			rest := bytes.TrimLeft(data[j:end], " \t\r")
			if len(rest) == 0 || rest[0] == '#' && (data[j] == ' ' || data[j] == '\t') {
				block, blockAt = true, indent
				i = end - 1 // the line end comes next
				continue
			}
			start = false
			continue
		default:
			if (c == '[' || c == '{') && start {
				flows = append(flows, opener{line, c})
			} else if n := len(flows); n > 0 && (c == ']' && flows[n-1].c == '[' || c == '}' && flows[n-1].c == '{') {
				flows = flows[:n-1]
			}
			start = c == '[' || c == '{' || c == ',' || c == '?' || (c == ':' || c == '-') && spaceAfter(i)
			continue
		}
		if c != ' ' && c != '\t' && c != '\n' {
			start = false
		}
	}
	if open != 0 {
		quote = at
	}
	return quote, flows
}

// IsText reports whether text may hold r: control characters other than
// tab and line ends, and the noncharacters, it may not. Pages, feeds and
// the search index are HTML, XML and JSON, and XML 1.0 has no way to write
// them: one in a digest made every RSS feed that carried it unreadable.
// Parse refuses them in any value, as YAML's escapes ("\e") can write them.
func IsText(r rune) bool {
	switch {
	case r < 0x20:
		return r == '\t' || r == '\n' || r == '\r'
	case 0x7f <= r && r <= 0x9f, 0xfdd0 <= r && r <= 0xfdef, r&0xfffe == 0xfffe:
		return false
	}
	return true
}

// NotText is the message for a character that IsText refuses.
func NotText(r rune) string {
	if r < 0xa0 {
		return fmt.Sprintf("control character %U: text may hold none but tab and line ends, and feeds cannot carry it; remove it", r)
	}
	return fmt.Sprintf("%U is a noncharacter, which Unicode keeps out of text and feeds cannot carry; remove it", r)
}

// unmarshal reads the one document of data, turning a panic inside the library into an
// error: the files it reads are the user's, and nothing they hold may crash
// a build.
func unmarshal(data []byte, doc *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(doc); err != nil {
		if err == io.EOF {
			return nil // an empty document
		}
		return err
	}
	// yaml.Unmarshal would read the first document and drop the others
	// unread, errors and all.
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("yaml: line %d: a second document begins here; only one is read, so remove the --- before it", next.Line)
}

type converter struct {
	path   string
	offset int
	nodes  int
	errs   diag.List
}

func (c *converter) convert(y *yaml.Node, depth int) *Node {
	n := &Node{Line: y.Line + c.offset, Col: y.Column}
	c.nodes++
	if depth > maxDepth || c.nodes > maxNodes {
		if c.nodes <= maxNodes+1 {
			c.errs.Add(c.path, n.Line, n.Col, "YAML nested deeper than %d levels or larger than %d values", maxDepth, maxNodes)
		}
		c.nodes = maxNodes + 2
		return n
	}
	switch y.Kind {
	case yaml.DocumentNode:
		if len(y.Content) == 0 {
			return n
		}
		return c.convert(y.Content[0], depth+1)
	case yaml.AliasNode:
		if y.Alias == nil {
			return n
		}
		out := c.convert(y.Alias, depth+1)
		out.Line, out.Col = n.Line, n.Col
		return out
	case yaml.ScalarNode:
		if y.ShortTag() == "!!null" {
			return n
		}
		n.Kind, n.Tag, n.Value = Scalar, y.ShortTag(), y.Value
		if i := strings.IndexFunc(y.Value, func(r rune) bool { return !IsText(r) }); i >= 0 {
			r, _ := utf8.DecodeRuneInString(y.Value[i:])
			c.errs.Add(c.path, n.Line, n.Col, "%s", NotText(r)) // written as an escape, "\e"
		}
	case yaml.SequenceNode:
		n.Kind = List
		n.Items = make([]*Node, 0, len(y.Content))
		for _, item := range y.Content {
			n.Items = append(n.Items, c.convert(item, depth+1))
		}
	case yaml.MappingNode:
		n.Kind = Map
		c.fields(n, y, depth)
	}
	return n
}

func (c *converter) fields(n *Node, y *yaml.Node, depth int) {
	seen := map[string]int{}
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		line := k.Line + c.offset
		if k.Kind != yaml.ScalarNode {
			c.errs.Add(c.path, line, k.Column, "a key must be a plain string")
			continue
		}
		if k.Value == "<<" {
			c.errs.Add(c.path, line, k.Column, "merge keys (<<) are not supported")
			continue
		}
		if first, dup := seen[k.Value]; dup {
			c.errs.Add(c.path, line, k.Column, "duplicate key %q (first on line %d)", k.Value, first)
			continue
		}
		seen[k.Value] = line
		n.Fields = append(n.Fields, &Field{Key: k.Value, Line: line, Col: k.Column, Value: c.convert(v, depth+1)})
	}
}
