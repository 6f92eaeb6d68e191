package markdown

import (
	"bytes"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Chroma styles of the built-in theme, for light and dark colour schemes.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// ChromaCSS is the stylesheet for highlighted code: the light style, and the
// dark one inside a prefers-color-scheme: dark query. The built-in theme's
// static/chroma.css is this, kept up to date by a test.
func ChromaCSS() []byte {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var b bytes.Buffer
	b.WriteString("/* Generated from chroma styles " + LightStyle + " and " + DarkStyle + " by markdown.ChromaCSS; do not edit. */\n")
	_ = f.WriteCSS(&b, styles.Get(LightStyle))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(DarkStyle))
	b.WriteString("}\n")
	return b.Bytes()
}

// Highlighted reports whether rendered HTML holds code that chroma
// highlighted, whose classes ChromaCSS styles.
func Highlighted(html []byte) bool { return bytes.Contains(html, []byte(`class="chroma"`)) }
