package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// Chroma styles of the built-in theme, for light and dark colour schemes.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// ChromaCSS is the stylesheet for highlighted code: the light style, and the
// dark one inside a prefers-color-scheme: dark query for screens (paper
// takes the light one, as the theme's pages do). The built-in theme's
// static/chroma.css is this, kept up to date by a test.
//
// chroma writes no rule, or no declaration, for what a style draws as the
// plain text, so a declaration of the light style would hold in the dark
// too (dark punctuation on a dark background): the dark block resets each
// such property to the text around it.
func ChromaCSS() []byte {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var b, light, dark bytes.Buffer
	b.WriteString("/* Generated from chroma styles " + LightStyle + " and " + DarkStyle + " by markdown.ChromaCSS; do not edit. */\n")
	_ = f.WriteCSS(&light, styles.Get(LightStyle))
	_ = f.WriteCSS(&dark, styles.Get(DarkStyle))
	b.Write(light.Bytes())
	b.WriteString("@media screen and (prefers-color-scheme: dark) {\n")
	b.Write(dark.Bytes())
	inDark := map[string]bool{} // ".p color" for each property the dark style sets
	for _, m := range cssRule.FindAllSubmatch(dark.Bytes(), -1) {
		for _, name := range properties(m[2]) {
			inDark[string(m[1])+" "+name] = true
		}
	}
	for _, m := range cssRule.FindAllSubmatch(light.Bytes(), -1) {
		var reset []string
		for _, name := range properties(m[2]) {
			if inDark[string(m[1])+" "+name] {
				continue
			}
			switch name {
			case "color", "font-weight", "font-style", "text-decoration":
				reset = append(reset, name+": inherit")
			case "background-color":
				reset = append(reset, name+": transparent")
			}
		}
		if reset != nil {
			fmt.Fprintf(&b, "/* as the text */ .chroma %s { %s }\n", m[1], strings.Join(reset, "; "))
		}
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// properties lists the names of the properties that declarations set.
func properties(decls []byte) []string {
	var names []string
	for _, decl := range strings.Split(string(decls), ";") {
		if name, _, ok := strings.Cut(decl, ":"); ok {
			names = append(names, strings.TrimSpace(name))
		}
	}
	return names
}

// cssRule is a rule of a class of chroma's stylesheet, and its
// declarations.
var cssRule = regexp.MustCompile(`\.chroma (\.[a-z0-9]+) \{([^}]*)\}`)

// Highlighted reports whether rendered HTML holds code that chroma
// highlighted, whose classes ChromaCSS styles.
func Highlighted(html []byte) bool { return bytes.Contains(html, []byte(`class="chroma"`)) }
