package markdown

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxHandle is the longest handle name, without its @.
const MaxHandle = 30

// ScanHandle reports the length of the handle name at the start of b, which
// follows an @: 1 to MaxHandle of [A-Za-z0-9_], not followed by another of
// them, nor by a Latin, Greek or Cyrillic letter or a mark outside ASCII,
// since "@José" names no @Jos; scripts written without spaces may follow
// ("@gridwatcher的观点"). It returns 0 when b does not start a handle.
func ScanHandle(b []byte) int {
	n := 0
	for n < len(b) && isHandleByte(b[n]) {
		n++
		if n > MaxHandle {
			return 0
		}
	}
	if n < len(b) && b[n] >= utf8.RuneSelf {
		if r, _ := utf8.DecodeRune(b[n:]); unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.M) {
			return 0
		}
	}
	return n
}

// ParseHandle checks a handle written on its own, as in front matter
// ("@allIn" or "allIn"), and returns its name without @.
func ParseHandle(s string) (name string, ok bool) {
	name = strings.TrimPrefix(s, "@")
	if name == "" || ScanHandle([]byte(name)) != len(name) {
		return "", false
	}
	return name, true
}

// HandleSlug is the key a handle is known by: its name lower-cased.
func HandleSlug(name string) string { return strings.ToLower(name) }

func isHandleByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// canPrecede reports whether r may stand right before a handle's @: not a
// letter, digit, _ or ., so that ops@example.com holds no handle.
func canPrecede(r rune) bool {
	return r != '_' && r != '.' && r != '@' && !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// emphasisBefore returns the number of underscores that end src when they
// may open an emphasis, as in "_@name_": not after a letter or digit (where
// "x_@y" keeps the _ as text, and the @ as no handle), nor after . or @.
func emphasisBefore(src []byte) int {
	i := len(src)
	for i > 0 && src[i-1] == '_' {
		i--
	}
	if r, _ := utf8.DecodeLastRune(src[:i]); i > 0 && (!canPrecede(r) || r == '\\') {
		return 0 // "\\_@x": an escaped _ is text
	}
	return len(src) - i
}

// closesLater reports whether rest, the line after a handle, holds a run
// of _ that may close the emphasis the handle opens: one after a character
// that is not a space, not before a letter or digit, and not taken by an
// emphasis opened after the handle ("_@x here, _@y more_" closes @y's).
func closesLater(rest []byte) bool {
	open := 0
	for i := 0; i < len(rest); {
		if rest[i] != '_' {
			i++
			continue
		}
		j := i
		for j < len(rest) && rest[j] == '_' {
			j++
		}
		before, _ := utf8.DecodeLastRune(rest[:i])
		after, _ := utf8.DecodeRune(rest[j:])
		word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
		space := func(r rune) bool { return r == utf8.RuneError || unicode.IsSpace(r) }
		switch {
		case i > 0 && !space(before) && !word(after): // closes
			if open == 0 {
				return true
			}
			open--
		case !space(after) && !word(before): // opens
			open++
		}
		i = j
	}
	return false
}

// KindHandle is the node kind of a @handle.
var KindHandle = ast.NewNodeKind("Handle")

// Handle is a @handle in body text.
type Handle struct {
	ast.BaseInline
	Name    string       // as written, without @
	Segment text.Segment // the source of "@name"
}

// Kind implements ast.Node.
func (n *Handle) Kind() ast.NodeKind { return KindHandle }

// Dump implements ast.Node.
func (n *Handle) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

type handleParser struct{}

func (handleParser) Trigger() []byte { return []byte{'@'} }

func (handleParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	under := 0 // the underscores of an emphasis the handle opens
	if prev := block.PrecendingCharacter(); prev == '_' {
		if under = emphasisBefore(block.Source()[:seg.Start]); under == 0 {
			return nil
		}
	} else if !canPrecede(prev) {
		return nil
	}
	n := ScanHandle(line[1:])
	if n == 0 {
		return nil
	}
	if under > 0 {
		// "_@name_" is @name in emphasis: the underscores that close it
		// are not the name's. Without them, the emphasis must close later
		// on the line, or the _ is text and there is no handle.
		trim := 0
		for trim < under && trim < n-1 && line[n-trim] == '_' {
			trim++
		}
		if trim == 0 && !closesLater(line[1+n:]) {
			return nil
		}
		n -= trim
	} else if line[n] == '_' {
		// "_via @gamma_": the underscores that end the name close an
		// emphasis opened before it on the line, when nothing of a word
		// follows them. "@gamma_" alone keeps its _: a handle may end so.
		after, _ := utf8.DecodeRune(line[1+n:])
		if open := openUnderscores(pc); open > 0 && !unicode.IsLetter(after) && !unicode.IsDigit(after) {
			trim := 0
			for trim < open && trim < n-1 && line[n-trim] == '_' {
				trim++
			}
			n -= trim
		}
	}
	block.Advance(1 + n)
	return &Handle{Name: string(line[1 : 1+n]), Segment: text.NewSegment(seg.Start, seg.Start+1+n)}
}

// openUnderscores returns the length of the innermost run of _ before the
// handle that opens an emphasis no later run closes. goldmark pairs the
// runs of a paragraph only once it ends, so this pairs those so far as
// CommonMark does: each run that may close takes the nearest run of its
// character that may open (by the rule of three), and the runs between
// them, of either character, pair with nothing.
func openUnderscores(pc parser.Context) int {
	type run struct {
		c           byte
		open, close bool
		n, orig     int
	}
	var runs []run
	// The last 256 runs at most: a handle ends a paragraph of thousands
	// of them in linear time, at the cost of an emphasis opened so far
	// back, which no text does.
	for d := pc.LastDelimiter(); d != nil && len(runs) < 256; d = d.PreviousDelimiter {
		if d.Char == '_' || d.Char == '*' {
			runs = append(runs, run{d.Char, d.CanOpen, d.CanClose, d.Length, d.OriginalLength})
		}
	}
	slices.Reverse(runs)
	var stack []int // the runs that may still open, innermost last
	for i := range runs {
		r := &runs[i]
		for r.close && r.n > 0 {
			at := -1
			for k := len(stack) - 1; k >= 0; k-- {
				o := &runs[stack[k]]
				if o.c == r.c && o.n > 0 && !((o.open && o.close || r.open && r.close) && (o.orig+r.orig)%3 == 0 && (o.orig%3 != 0 || r.orig%3 != 0)) {
					at = k
					break
				}
			}
			if at < 0 {
				break
			}
			o := &runs[stack[at]]
			k := min(r.n, o.n, 2)
			o.n -= k
			r.n -= k
			stack = stack[:at+1] // the runs between pair with nothing
			if o.n == 0 {
				stack = stack[:at]
			}
		}
		if r.open && r.n > 0 {
			stack = append(stack, i)
		}
	}
	for k := len(stack) - 1; k >= 0; k-- {
		if o := runs[stack[k]]; o.c == '_' {
			return o.n
		}
	}
	return 0
}

// unlinkNested turns handles inside link text or image descriptions back
// into text: the reader sees them as part of another link.
type unlinkNested struct {
	raw bool // and those in raw HTML links and code, which is written out
}

func (u unlinkNested) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var handles []*Handle
	var raw rawTags // raw HTML tags open in the block, with unsafe_html
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Handle:
			if insideLink(n) || raw.open() {
				handles = append(handles, n)
			}
		case *ast.RawHTML:
			if u.raw { // else it is dropped, and the handle is what a reader sees
				raw.read(n.Segments, reader.Source())
			}
		default:
			if n.Type() == ast.TypeBlock {
				raw = rawTags{}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, h := range handles {
		h.Parent().ReplaceChild(h.Parent(), h, ast.NewTextSegment(h.Segment))
	}
}

// rawTags counts the raw HTML elements open in a block that hold no
// handle: a link's text, and code, as Markdown's links and code spans.
type rawTags struct{ a, code int }

func (r *rawTags) open() bool { return r.a > 0 || r.code > 0 }

var rawTagRE = regexp.MustCompile(`(?i)^<(/?)(a|code|kbd|samp)\b`)

func (r *rawTags) read(segs *text.Segments, src []byte) {
	for i := range segs.Len() {
		seg := segs.At(i)
		m := rawTagRE.FindSubmatch(seg.Value(src))
		if m == nil {
			continue
		}
		n := &r.code
		if strings.EqualFold(string(m[2]), "a") {
			n = &r.a
		}
		if len(m[1]) == 0 {
			*n++
		} else if *n > 0 {
			*n--
		}
	}
}

func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			return true
		}
	}
	return false
}

type handleRenderer struct {
	url func(slug string) string
}

func (r handleRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHandle, r.render)
}

func (r handleRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	h := node.(*Handle)
	if r.url == nil {
		_, _ = w.WriteString(`<span class="handle">@` + h.Name + `</span>`)
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a class="handle" href="`)
	_, _ = w.Write(util.EscapeHTML([]byte(r.url(HandleSlug(h.Name)))))
	_, _ = w.WriteString(`">@` + h.Name + `</a>`)
	return ast.WalkContinue, nil
}

// handleExtension is the goldmark.Extender for @handles.
type handleExtension struct {
	url    func(slug string) string
	unsafe bool // raw HTML is written out, so a raw <a> holds a handle as a Markdown link does
}

func (e *handleExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// No core inline parser is triggered by @; code spans, links and
		// autolinks claim their text before a handle is looked for in it.
		parser.WithInlineParsers(util.Prioritized(handleParser{}, 600)),
		parser.WithASTTransformers(util.Prioritized(unlinkNested{raw: e.unsafe}, 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(handleRenderer{url: e.url}, 500)))
}
