package chart

import (
	"fmt"
	"html/template"
	"time"

	"github.com/signaldigest/signal/internal/content"
)

// GroupAbove is the number of digests past which a timeline groups its
// marks into a stacked bar per week or month, unless told another: more
// marks than this overlap on a phone's width, and weigh on the page.
const GroupAbove = 200

// Lanes: each stance has a row, from bullish at the top to bearish at the
// bottom, so that position carries the stance as well as shape and colour.
const (
	laneTop = 14 // the centre of the first lane
	laneGap = 22
)

// size is the half-width of a mark: conviction by size.
var size = map[content.Conviction]float64{"low": 4, "medium": 5.5, "high": 7.5}

// Timeline draws the stances of a term's digests (name is the term's, as
// shown) as a <figure>: the SVG, a caption that sums up the last Window
// days, a legend, and the data as a table; past groupAbove digests, as
// bars rather than marks. It is empty without points. Its SVG element ids
// start with "tl-": a page holds one timeline.
func Timeline(name string, points []Point, groupAbove int) template.HTML {
	if len(points) == 0 {
		return ""
	}
	pts := chronological(points)
	first, last := pts[0].Date, pts[len(pts)-1].Date
	all := count(pts)
	span := longDate(first) + " to " + longDate(last)
	if first.Equal(last) {
		span = "on " + longDate(last) // one day, not "from it to it"
	}
	label := fmt.Sprintf("Timeline of %s on %s, %s: %s.",
		plural(all.n, "digest"), name, span, all.summary())
	if len(recent(pts, last)) < len(pts) {
		label += " " + Caption(pts) + "."
	}

	var g grouping
	var w writer
	if len(pts) > groupAbove {
		g = group(pts)
		w.Grow(4096 + 400*len(g.periods))
	} else {
		w.Grow(2048 + 450*len(pts))
	}
	// The caption comes first: a figure's caption is its first or last
	// child, and the legend and the table come after the drawing.
	w.w(`<figure class="chart timeline"><figcaption>`)
	w.esc(Caption(pts))
	w.w(`.</figcaption>`)
	w.w(`<svg class="chart-svg" width="100%" height="`, itoa(height), `" xmlns="http://www.w3.org/2000/svg">`)
	if g.periods != nil {
		w.bars(g, label)
	} else {
		w.marks(pts, label)
	}
	w.w(`</svg>`)
	if g.periods != nil {
		w.barLegend(g)
		w.barTable(name, g)
	} else {
		w.markLegend()
		w.markTable(name, pts)
	}
	w.w(`</figure>`)
	return template.HTML(w.String())
}

// marks draws one mark per digest, in date order.
func (w *writer) marks(pts []Point, label string) {
	sc := scale{pts[0].Date, pts[len(pts)-1].Date}
	if !sc.t1.After(sc.t0) {
		sc = scale{sc.t0.Add(-12 * time.Hour), sc.t1.Add(12 * time.Hour)}
	}
	w.w(markDefs)
	w.w(`<g role="img" aria-label="`, esc(label), `">`)
	for i := range stanceOrder {
		y := itoa(laneTop + i*laneGap)
		w.w(`<line class="lane" x1="0" x2="100%" y1="`, y, `" y2="`, y, `"/>`)
	}
	w.axis(sc, shortDate(pts[0].Date), shortDate(pts[len(pts)-1].Date))
	w.w(`</g><g class="marks" aria-hidden="true">`)
	for _, p := range pts {
		w.w(`<a href="`)
		w.esc(p.Href)
		w.w(`" tabindex="-1"><title>`)
		w.markTitle(p)
		st, cv := string(p.Stance), string(p.Conviction)
		w.w(`</title><use href="#tl-`, st, "-", cv, `" class="mark st-`, st, ` cv-`, cv, `" x="`)
		w.pct(sc.x(p.Date))
		w.w(`" y="`)
		w.int(laneTop + lane(p.Stance)*laneGap)
		w.w(`"/></a>`)
	}
	w.w(`</g>`)
}

// markDefs are the shapes of the marks, by stance and conviction.
var markDefs = func() string {
	var w writer
	w.w(`<defs>`)
	for _, s := range stanceOrder {
		for _, c := range content.Convictions {
			w.w(`<path id="tl-`, string(s), "-", string(c), `" d="`, shape(s, size[c]), `"/>`)
		}
	}
	w.w(`</defs>`)
	return w.String()
}()

// markTitle writes a mark's tooltip: date, title, stance and conviction.
func (w *writer) markTitle(p Point) {
	w.date(p.Date, "2 Jan 2006")
	w.w(": ")
	w.esc(p.Title)
	w.w(" — ", stanceTitles[lane(p.Stance)], ", ", string(p.Conviction), " conviction")
}

// lane is the row of a stance.
func lane(s content.Stance) int {
	for i, st := range stanceOrder {
		if st == s {
			return i
		}
	}
	return len(stanceOrder) - 1
}

// shape is the path of a stance's mark of half-width r, centred on 0,0.
func shape(s content.Stance, r float64) string {
	n := num
	switch s {
	case "bullish":
		return "M0 " + n(-r) + "L" + n(r) + " " + n(r*.8) + "H" + n(-r) + "Z"
	case "bearish":
		return "M0 " + n(r) + "L" + n(r) + " " + n(-r*.8) + "H" + n(-r) + "Z"
	case "mixed":
		return "M0 " + n(-r) + "L" + n(r) + " 0L0 " + n(r) + "L" + n(-r) + " 0Z"
	}
	r *= .85 // a disc looks larger than a triangle of the same width
	return "M" + n(-r) + " 0A" + n(r) + " " + n(r) + " 0 1 0 " + n(r) + " 0A" + n(r) + " " + n(r) + " 0 1 0 " + n(-r) + " 0Z"
}

// markLegend names the shapes, in the order of the lanes.
func (w *writer) markLegend() {
	w.w(`<ul class="chart-legend">`)
	for _, s := range stanceOrder {
		w.w(`<li><span class="glyph st-`, string(s), `" aria-hidden="true">`, glyph(s), `</span> `, s.Title(), `</li>`)
	}
	w.w(`<li>Larger: higher conviction</li></ul>`)
}

// markTable is the timeline's data: one row per digest, oldest first, in
// three columns that fit a phone's width.
func (w *writer) markTable(name string, pts []Point) {
	w.w(`<details class="chart-data"><summary>The timeline as a table</summary><table><caption>`,
		esc(plural(len(pts), "digest")), ` on `, esc(name), `, oldest first</caption>`,
		`<thead><tr><th scope="col">Date</th><th scope="col">Digest</th><th scope="col">Stance, conviction</th></tr></thead><tbody>`)
	for _, p := range pts {
		w.w(`<tr><td class="nowrap">`)
		w.date(p.Date, time.DateOnly)
		w.w(`</td><td><a href="`)
		w.esc(p.Href)
		w.w(`">`)
		w.esc(p.Title)
		w.w(`</a></td><td>`, stanceCells[lane(p.Stance)], `, `, string(p.Conviction), `</td></tr>`)
	}
	w.w(`</tbody></table></details>`)
}

func plural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + one + "s"
}

// stanceCells are the stance cells of the lanes, made once.
var stanceCells = func() []string {
	var out []string
	for _, s := range stanceOrder {
		out = append(out, stanceCell(s))
	}
	return out
}()

// stanceCell is a stance in a table: its shape, hidden from screen readers
// that would read it as "black up-pointing triangle", and its name.
func stanceCell(s content.Stance) string {
	return `<span class="nowrap"><span class="glyph st-` + string(s) + `" aria-hidden="true">` + glyph(s) + `</span> ` + s.Title() + `</span>`
}
