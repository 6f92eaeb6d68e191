package markdown

import (
	"bytes"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown converts Markdown to HTML. It is safe for concurrent use.
type Markdown struct {
	md       goldmark.Markdown
	reserved []string
}

type options struct {
	unsafeHTML bool
	handleURL  func(slug string) string
	basePath   string
	reserved   []string
}

// An Option configures a Markdown.
type Option func(*options)

// WithUnsafeHTML keeps raw HTML found in Markdown. Without it, raw HTML is
// dropped.
func WithUnsafeHTML(on bool) Option { return func(o *options) { o.unsafeHTML = on } }

// WithHandleURL sets the URL a @handle links to, given its slug (the handle
// lower-cased, without @). Without it, handles are rendered as plain text.
func WithHandleURL(f func(slug string) string) Option {
	return func(o *options) { o.handleURL = f }
}

// WithBasePath sets the path the site is served under, such as
// "/archive/": links and images that start at the site's root ("/img/a.png")
// are moved under it, even one that starts with the path itself
// ("/archive/" is the site's archive page). Without it, or with "/", they
// stay as written.
func WithBasePath(p string) Option { return func(o *options) { o.basePath = p } }

// WithReservedIDs sets ids that the page around a body gives its own
// elements, such as "main": a heading that would take one gets the next
// free id instead ("main-1"), so that no id is on the page twice.
func WithReservedIDs(ids ...string) Option { return func(o *options) { o.reserved = ids } }

// noStyle is a chroma style with no entries.
var noStyle = chroma.MustNewStyle("signal", chroma.StyleEntries{})

// New returns a Markdown with signal's extensions.
func New(opts ...Option) *Markdown {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	rendererOpts := []goldmark.Option{}
	if o.unsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	extensions := []goldmark.Extender{
		extension.GFM,
		extension.Footnote,
		extension.Typographer,
		highlighting.NewHighlighting(
			highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			// With classes the style never reaches the HTML (chroma.css
			// carries the colours), but goldmark-highlighting makes a
			// formatter per code block and each converts its style to
			// CSS first: an empty style makes that nearly free.
			highlighting.WithCustomStyle(noStyle),
		),
		&handleExtension{url: o.handleURL, unsafe: o.unsafeHTML},
		safeLinks{},
		taskLabels{},
		tableAlign{},
		headingText{},
	}
	if o.basePath != "" && o.basePath != "/" {
		extensions = append(extensions, basePath{o.basePath})
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extensions...),
		// "## Rates {#rates}" sets the heading's id (ids.go keeps no
		// other attribute but classes).
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
	)...)
	return &Markdown{md: md, reserved: o.reserved}
}

// Document is a parsed Markdown body.
type Document struct {
	src  []byte
	root ast.Node
	md   goldmark.Markdown
}

// Parse parses src. It never fails: any text is valid Markdown.
func (m *Markdown) Parse(src []byte) *Document {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs(m.reserved)))
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	return &Document{src: src, root: root, md: m.md}
}

// buffer is a bytes.Buffer as goldmark's renderer takes it for its own
// buffered writer: given another writer, it makes a 4 KB bufio.Writer per
// call, which was a seventh of what a build allocated.
type buffer struct{ *bytes.Buffer }

var _ util.BufWriter = buffer{}

func (buffer) Buffered() int { return 0 }
func (buffer) Flush() error  { return nil }

// HTML returns the whole document as HTML.
func (d *Document) HTML() []byte {
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	_ = d.md.Renderer().Render(buffer{b}, d.src, d.root)
	// A copy of the exact size: an archive keeps every body in memory, and
	// a grown buffer holds up to twice its length.
	return bytes.Clone(b.Bytes())
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Convert renders src as HTML in one step.
func (m *Markdown) Convert(src []byte) []byte { return m.Parse(src).HTML() }
