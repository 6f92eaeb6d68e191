package feeds

import (
	"html"
	"strings"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// head is what an entry's content shows before the digest's body: a line of
// what the top of its page shows. A feed reader shows the content alone, and
// a digest is its stance as much as its body: so the line gives the stance,
// with its scope, and the conviction, each linking (absolutely) the page
// that lists its digests, then the themes' names, which the entry's
// categories carry too. It is one short paragraph: each digest is in some
// twelve feeds of three formats, and every byte of it is written thirty-six
// times or so.
func (c *entries) head(d *content.Digest) string {
	s := c.site
	var b strings.Builder
	b.Grow(256)
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
	for i, t := range d.Themes {
		if i == 0 {
			b.WriteString(" · <strong>Themes:</strong> ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(html.EscapeString(t.Name))
	}
	b.WriteString("</p>\n")
	return b.String()
}
