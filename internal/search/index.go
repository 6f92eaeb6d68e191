package search

import (
	"bytes"
	"html"
	"runtime"
	"slices"
	"strings"
	"unsafe"

	"golang.org/x/sync/errgroup"

	"github.com/signaldigest/signal/internal/content"
)

// field is a part of a digest that is searched, weighed on its own.
type field int

const (
	fieldTitle field = iota
	fieldThemes
	fieldHandles
	fieldSummary
	fieldBody
	numFields
)

// A term's frequency in each field of one digest is packed in a uint32:
// these are the bit widths, and the counts saturate at their top. Body
// text gets the widest: it is the only field that runs long.
var (
	tfBits  = [numFields]uint{6, 6, 6, 6, 8}
	tfShift = [numFields]uint{0, 6, 12, 18, 24}
)

func tfOf(packed uint32, f field) uint32 {
	return packed >> tfShift[f] & (1<<tfBits[f] - 1)
}

func tfInc(packed uint32, f field) uint32 {
	if tfOf(packed, f) == 1<<tfBits[f]-1 {
		return packed
	}
	return packed + 1<<tfShift[f]
}

// part indexes a range of the digests: one goroutine's share.
type part struct {
	first, end int              // the digests' ids
	terms      map[string]int32 // term → index in posts
	posts      []*postings
	lens       [][numFields]uint16 // token counts of each digest, by id - first
	scratch    []uint32            // frequencies in the current digest, by term index
	touched    []int32             // the terms of the current digest
	text       []byte              // the current digest's body text
	buf        []byte              // for tokens
}

// postings lists the digests that hold one term, by increasing id, with
// the term's frequency in each field (packed, see tfBits).
type postings struct {
	term string
	ids  []int32
	tfs  []uint32
}

// index is the inverted index of the whole archive, before scoring.
type index struct {
	n     int      // digests
	parts []*part  // in id order
	terms []string // every term, sorted
	// byTerm holds, for each term of terms, its postings in each part that
	// has it, in id order.
	byTerm [][]*postings
	lens   [][numFields]uint16 // token counts of each digest's fields, by id
	avg    [numFields]float64  // mean tokens per field
}

// build indexes the digests, in parallel: digest i gets id i, so that the
// newest (first) digest has id 0.
func build(digests []*content.Digest) *index {
	workers := runtime.GOMAXPROCS(0)
	n := len(digests)
	nparts := min(max(1, n/64), 4*workers)
	ix := &index{n: n}
	for i := range nparts {
		ix.parts = append(ix.parts, &part{first: i * n / nparts, end: (i + 1) * n / nparts})
	}
	var g errgroup.Group
	g.SetLimit(workers)
	for _, p := range ix.parts {
		g.Go(func() error {
			p.index(digests)
			return nil
		})
	}
	_ = g.Wait()
	ix.merge()
	return ix
}

func (p *part) index(digests []*content.Digest) {
	p.terms = map[string]int32{}
	p.lens = make([][numFields]uint16, p.end-p.first)
	var lens *[numFields]uint16 // the current digest's
	var add [numFields]func(string)
	for f := range numFields {
		add[f] = func(term string) {
			p.add(term, f)
			// A word joined by _ is found by its parts too: "wren" finds
			// @weights_wren, "tokens" finds max_tokens.
			if strings.IndexByte(term, '_') >= 0 {
				for part := range strings.SplitSeq(term, "_") {
					if part != "" {
						p.add(part, f)
					}
				}
			}
			if lens[f] < 1<<16-1 {
				lens[f]++
			}
		}
	}
	for id := p.first; id < p.end; id++ {
		d := digests[id]
		lens = &p.lens[id-p.first]
		tokens(d.Title, &p.buf, true, add[fieldTitle])
		for _, t := range d.Themes {
			tokens(t.Name, &p.buf, true, add[fieldThemes])
		}
		for _, s := range d.Sources {
			tokens(s.Handle, &p.buf, true, add[fieldHandles])
		}
		p.text = appendText(p.text[:0], d.HTML)
		// A summary taken from the body is not said twice.
		if !bytes.Contains(p.text, []byte(strings.TrimSuffix(d.Summary, "…"))) {
			tokens(d.Summary, &p.buf, true, add[fieldSummary])
		}
		// The body text lives in a buffer that the next digest reuses: no
		// term keeps a piece of it, as add copies each new term.
		tokens(unsafe.String(unsafe.SliceData(p.text), len(p.text)), &p.buf, true, add[fieldBody])
		p.endDigest(int32(id))
	}
	p.scratch, p.touched, p.text, p.buf = nil, nil, nil, nil
}

func (p *part) add(term string, f field) {
	i, ok := p.terms[term]
	if !ok {
		term = strings.Clone(term) // not a slice of the digest's text
		i = int32(len(p.posts))
		p.terms[term] = i
		p.posts = append(p.posts, &postings{term: term})
		p.scratch = append(p.scratch, 0)
	}
	if p.scratch[i] == 0 {
		p.touched = append(p.touched, i)
	}
	p.scratch[i] = tfInc(p.scratch[i], f)
}

func (p *part) endDigest(id int32) {
	for _, i := range p.touched {
		ps := p.posts[i]
		ps.ids = append(ps.ids, id)
		ps.tfs = append(ps.tfs, p.scratch[i])
		p.scratch[i] = 0
	}
	p.touched = p.touched[:0]
}

// merge lists every term once, sorted, with its postings from each part,
// and averages the field lengths.
func (ix *index) merge() {
	at := map[string]int{}
	for _, p := range ix.parts {
		for _, ps := range p.posts {
			i, ok := at[ps.term]
			if !ok {
				i = len(ix.terms)
				at[ps.term] = i
				ix.terms = append(ix.terms, ps.term)
				ix.byTerm = append(ix.byTerm, nil)
			}
			ix.byTerm[i] = append(ix.byTerm[i], ps)
		}
		for _, l := range p.lens {
			for f := range numFields {
				ix.avg[f] += float64(l[f])
			}
		}
		ix.lens = append(ix.lens, p.lens...)
		p.terms, p.lens = nil, nil
	}
	order := make([]int, len(ix.terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(ix.terms[a], ix.terms[b]) })
	terms := make([]string, len(order))
	byTerm := make([][]*postings, len(order))
	for k, i := range order {
		terms[k], byTerm[k] = ix.terms[i], ix.byTerm[i]
	}
	ix.terms, ix.byTerm = terms, byTerm
	for f := range numFields {
		ix.avg[f] = max(ix.avg[f]/float64(max(ix.n, 1)), 1)
	}
}

// Text returns the text of rendered HTML, as a reader sees it: tags
// dropped, each a word break but those of inline text (<a>, <em>, <code>
// ...: "(via <a>@x</a>)" reads "(via @x)"), character references
// resolved, and a heading on one line with what follows it ("Blind Spot
// — The debate...").
// Digests keep only their HTML; reading it again is cheaper than keeping a
// second copy of every body for the one stage that needs the text.
func Text(h []byte) string { return string(appendText(nil, h)) }

func appendText(b, h []byte) []byte {
	for len(h) > 0 {
		lt := bytes.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if seg := h[:lt]; bytes.IndexByte(seg, '&') >= 0 {
			b = append(b, html.UnescapeString(string(seg))...)
		} else {
			b = append(b, seg...)
		}
		h = h[lt:]
		if len(h) == 0 {
			break
		}
		gt := bytes.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		tag := h[1:gt]
		if !inlineTag(tag) {
			b = append(b, ' ')
		}
		h = h[gt+1:]
		if headingEnd(tag) {
			// A heading runs on into what follows it, after a dash: a
			// snippet, which ends with its line, shows a heading's word
			// with the lines it heads.
			if h = bytes.TrimLeft(h, " \t\r\n"); len(h) > 0 {
				b = append(b, "— "...)
			}
		}
		// What a reader does not read as text: a script or style that
		// unsafe_html lets through, a footnote's way back (↩).
		if end := unread(tag); end != "" {
			i := indexFold(h, end)
			if i < 0 {
				break
			}
			h = h[i:]
		}
	}
	return b
}

// headingEnd reports whether tag closes a heading: "/h2".
func headingEnd(tag []byte) bool {
	return len(tag) == 3 && tag[0] == '/' && tag[1]|0x20 == 'h' && '1' <= tag[2] && tag[2] <= '6'
}

// unread returns the closing tag up to which an element that opens with
// tag holds no text a reader reads, or "".
func unread(tag []byte) string {
	switch {
	case hasPrefixFold(tag, "script"):
		return "</script"
	case hasPrefixFold(tag, "style"):
		return "</style"
	case bytes.HasPrefix(tag, []byte("a ")) && bytes.Contains(tag, []byte(`class="footnote-backref"`)):
		return "</a"
	}
	return ""
}

// hasPrefixFold reports whether a tag is of the element prefix names, in
// any case: "script", "SCRIPT type=x" or "script\n", not "scripts".
func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix)) &&
		(len(b) == len(prefix) || !isLetter(b[len(prefix)]))
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// indexFold is bytes.Index of an ASCII needle, ignoring case.
func indexFold(h []byte, needle string) int {
	for i := 0; i+len(needle) <= len(h); i++ {
		if bytes.EqualFold(h[i:i+len(needle)], []byte(needle)) {
			return i
		}
	}
	return -1
}

// inlineTag reports whether a tag, without its < and >, opens or closes an
// element of inline text, which breaks no word.
func inlineTag(tag []byte) bool {
	tag = bytes.TrimPrefix(tag, []byte("/"))
	n := 0
	for n < len(tag) && ('a' <= tag[n] && tag[n] <= 'z' || '0' <= tag[n] && tag[n] <= '9') {
		n++
	}
	switch string(tag[:n]) {
	case "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong":
		return true
	}
	return false
}
