package content

import (
	"bytes"
	"hash/maphash"
	htmlpkg "html"
	"strings"

	"github.com/clipperhouse/uax29/v2/graphemes"

	"github.com/signaldigest/signal/internal/markdown"
)

// body parses the Markdown body once: it finds the handles it cites, renders
// the HTML of the body and of each citing block, and derives the summary.
func (p *parser) body(d *Digest, body []byte, bodyLine int) {
	if line, depth := markdown.DeepLine(body); line > 0 {
		p.problems.Add(p.path, bodyLine+line-1, 0, "lists and quotes nested %d deep on one line; at most %d", depth, markdown.MaxNesting)
		return
	}
	if line := markdown.SlowLinkLine(body); line > 0 {
		p.problems.Add(p.path, bodyLine+line-1, 0, "links that never end: from this line on, so many \"](\" open a link with no space or ) after them that reading them would take minutes; end them, or write \\( for a ( that opens none")
		return
	}
	doc := p.md.Parse(body)
	bySlug := map[string]*Source{}
	for _, s := range d.Sources {
		bySlug[s.Slug] = s
	}
	rendered := map[any][]byte{}
	cites := map[*Source][]markdown.Mention{} // the mentions of each source whose blocks it cites
	cited := map[*Source]map[any]bool{}       // and those blocks
	for _, m := range doc.Mentions() {
		slug := markdown.HandleSlug(m.Name)
		s := bySlug[slug]
		if s == nil {
			if len(d.Sources) >= MaxSources {
				p.problems.Add(p.path, bodyLine, 0, "the body cites more than %d sources; a digest may cite at most %d (each source's page and feeds show the digest)", MaxSources, MaxSources)
				return
			}
			s = &Source{Handle: p.names.of(m.Name), Slug: p.names.of(slug)}
			bySlug[slug] = s
			d.Sources = append(d.Sources, s)
		}
		// A block is cited once for a source: an item is not cited again
		// when an item it is nested in is cited already, and items cited
		// first make way for the item they are nested in. Mentions come
		// in the order of the text, so those are the last ones cited.
		if cited[s] == nil {
			cited[s] = map[any]bool{}
		}
		if m.Under(func(b any) bool { return cited[s][b] }) {
			continue
		}
		for n := len(cites[s]); n > 0 && cites[s][n-1].Inside(m); n-- {
			delete(cited[s], cites[s][n-1].Block)
			cites[s], s.Cited = cites[s][:n-1], s.Cited[:n-1]
		}
		html, done := rendered[m.Block]
		if !done {
			html = doc.RenderBlock(m.Block)
			rendered[m.Block] = html
		}
		if len(html) > maxCited {
			// Every source it cites shows the block: past this size, an
			// excerpt around the mention keeps their pages in proportion
			// to the digest.
			html = []byte("<p>" + htmlpkg.EscapeString(around(doc.PlainTextAt(m))) + "</p>\n")
		}
		// Two blocks alike are two citations: one is not the other.
		s.Cited = append(s.Cited, html)
		cites[s] = append(cites[s], m)
		cited[s][m.Block] = true
	}
	d.HTML = doc.HTML()
	// A cited block is a part of the body: keep it as a slice of the body's
	// HTML, not a copy, since an archive holds every digest in memory and
	// most of a body is cited.
	// A source's blocks are in the order of the text: each is looked for
	// after the one before, so that a body of many is read once per
	// source, not once per block.
	for _, s := range d.Sources {
		from := 0
		for i, c := range s.Cited {
			at := bytes.Index(d.HTML[from:], c)
			if at >= 0 {
				at += from
			} else if at = bytes.Index(d.HTML, c); at < 0 {
				continue
			}
			s.Cited[i] = d.HTML[at : at+len(c) : at+len(c)]
			from = at + len(c)
		}
	}
	d.Refs = doc.Refs()
	for i := range d.Refs {
		d.Refs[i].Line += bodyLine - 1
	}
	d.bodyKey = maphash.Bytes(seed, d.HTML)
	d.Code = markdown.Highlighted(d.HTML)
	if d.Summary == "" {
		d.Summary = cut(doc.FirstParagraph(), 300)
	}
}

// around cuts from s about 600 characters that hold the mention at at,
// from a word 200 before it: all of an item whose handle comes last in it
// would not fit.
func around(s string, at int) string {
	const n = 600
	before := 0 // characters before the mention
	for g := graphemes.FromString(s[:max(at, 0)]); g.Next(); {
		before++
	}
	if before <= n/3 {
		return cut(s, n)
	}
	from := 0
	for g, skip := graphemes.FromString(s), before-n/3; skip > 0 && g.Next(); skip-- {
		from = g.End()
	}
	if i := strings.IndexByte(s[from:at], ' '); i >= 0 {
		from += i + 1
	}
	return "…" + cut(s[from:], n)
}

// cut shortens s to about n characters, on a word boundary, adding an
// ellipsis. A character is what a reader sees as one (a grapheme cluster,
// UAX #29): a flag, an emoji joined with U+200D or a letter with its
// combining accents is never cut in two where a script has no spaces.
func cut(s string, n int) string {
	end, chars := -1, 0 // end: where the character after the first n starts
	for g := graphemes.FromString(s); g.Next(); chars++ {
		if chars == n {
			end = g.Start()
			break
		}
	}
	if end < 0 {
		return s // n characters or fewer
	}
	i := strings.LastIndexByte(s[:end], ' ')
	if i < end/2 {
		i = end // a script without spaces, or one long word
	}
	return strings.TrimRight(s[:i], " ,;:—-") + "…"
}
