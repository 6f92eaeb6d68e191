package feeds

import (
	"bytes"
	"html"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// itemHTML is the content of a digest's entry: what its page shows, in the
// page's order, without the page's layout. A feed reader shows the content
// alone, and a digest is its stance as much as its body: so the stance,
// with its scope, and the conviction come first, then the themes, the
// body, and the sources with their notes. Every link goes to the page that
// lists the term, as on the digest's page.
func (c *entries) itemHTML(d *content.Digest) []byte {
	s := c.site
	var b bytes.Buffer
	b.Grow(len(d.HTML) + 512)
	link := func(t *site.Term, text string) {
		if t == nil { // not in the site: never so, but no reason to fail
			b.WriteString(html.EscapeString(text))
			return
		}
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(s.Config.AbsURL(site.EscapePath(t.Path()))))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(text))
		b.WriteString(`</a>`)
	}
	b.WriteString("<p><strong>Consensus:</strong> ")
	link(s.Stances.Term(string(d.Stance)), d.Stance.Title())
	if d.Scope != "" {
		b.WriteString(" (" + html.EscapeString(d.Scope) + ")")
	}
	b.WriteString(" · <strong>Conviction:</strong> ")
	link(s.Levels.Term(string(d.Conviction)), d.Conviction.Title())
	b.WriteString("</p>\n")
	if len(d.Themes) > 0 {
		b.WriteString("<p><strong>Themes:</strong> ")
		for i, t := range d.Themes {
			if i > 0 {
				b.WriteString(", ")
			}
			link(s.Themes.Term(t.Slug), t.Name)
		}
		b.WriteString("</p>\n")
	}
	b.Write(d.HTML)
	if len(d.Sources) > 0 {
		b.WriteString("<h2>Sources</h2>\n<ul>\n")
		for _, src := range d.Sources {
			b.WriteString("<li>")
			link(s.Sources.Term(src.Slug), "@"+src.Handle)
			if src.Note != "" {
				b.WriteString(" — " + html.EscapeString(src.Note))
			}
			b.WriteString("</li>\n")
		}
		b.WriteString("</ul>\n")
	}
	return b.Bytes()
}
