package chart

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/signaldigest/signal/internal/content"
)

// grouping is a timeline past GroupAbove digests: its digests counted per
// period.
type grouping struct {
	unit    string // "week", "month" or "year"
	periods []period
	max     int // the most digests in one period
}

type period struct {
	start, end time.Time
	n          int
	stances    [4]int // by lane
	list       string // the list page that shows its newest digest
}

// group counts chronological points per week when they span up to a year
// and a half, per month up to twenty years, and per year past that. Periods
// without digests are left out: they are gaps between bars.
func group(pts []Point) grouping {
	span := pts[len(pts)-1].Date.Sub(pts[0].Date)
	g := grouping{unit: "year"}
	switch {
	case span <= 548*24*time.Hour:
		g.unit = "week"
	case span <= 20*366*24*time.Hour:
		g.unit = "month"
	}
	for _, p := range pts {
		start := g.start(p.Date)
		if len(g.periods) == 0 || !g.periods[len(g.periods)-1].start.Equal(start) {
			g.periods = append(g.periods, period{start: start, end: g.next(start)})
		}
		pe := &g.periods[len(g.periods)-1]
		pe.n++
		pe.stances[lane(p.Stance)]++
		pe.list = p.List
		g.max = max(g.max, pe.n)
	}
	return g
}

// start is the first moment of the period holding t, in t's location:
// weeks start on Monday.
func (g grouping) start(t time.Time) time.Time {
	y, m, d := t.Date()
	switch g.unit {
	case "week":
		return time.Date(y, m, d-(int(t.Weekday())+6)%7, 0, 0, 0, 0, t.Location())
	case "month":
		return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	}
	return time.Date(y, time.January, 1, 0, 0, 0, 0, t.Location())
}

func (g grouping) next(start time.Time) time.Time {
	switch g.unit {
	case "week":
		return start.AddDate(0, 0, 7)
	case "month":
		return start.AddDate(0, 1, 0)
	}
	return start.AddDate(1, 0, 0)
}

// short is a period as the axis labels it.
func (g grouping) short(p period) string {
	switch g.unit {
	case "week":
		return shortDate(p.start)
	case "month":
		return p.start.Format("Jan 2006")
	}
	return p.start.Format("2006")
}

// stackOrder is the order of a bar's segments, bottom up: bearish at the
// bottom, as in the lanes of the marks.
var stackOrder = func() []content.Stance {
	s := slices.Clone(stanceOrder)
	slices.Reverse(s)
	return s
}()

// bars draws a stacked bar per period. Bearish and mixed segments are
// hatched, in opposite directions, so that no stance is told from another by
// colour alone; the stack order is fixed as well.
func (w *writer) bars(g grouping, label string) {
	first, last := g.periods[0], g.periods[len(g.periods)-1]
	sc := scale{first.start, last.end}
	w.w(`<defs>`)
	for _, h := range []struct{ stance, angle string }{{"bearish", "45"}, {"mixed", "-45"}} {
		w.w(`<pattern id="tl-hatch-`, h.stance, `" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(`, h.angle, `)">`,
			`<rect class="hatch-bg st-`, h.stance, `" width="4" height="4"/><rect class="hatch st-`, h.stance, `" width="2" height="4"/></pattern>`)
	}
	w.w(`</defs>`)
	w.w(`<g role="img" aria-label="`, esc(label), `">`)
	w.axis(sc, g.short(first), g.short(last))
	w.w(`</g><g class="marks" aria-hidden="true">`)
	unit := float64(axisY-plotTop) / float64(g.max)
	for _, p := range g.periods {
		x0, x1 := sc.x(p.start), sc.x(p.end)
		gap := (x1 - x0) * .15
		w.w(`<a href="`)
		w.esc(p.list)
		w.w(`" tabindex="-1"><title>`)
		w.periodName(g, p)
		w.w(": ")
		w.w(plural(p.n, "digest"), ": ")
		w.stanceWords(p.stances)
		w.w(`</title>`)
		y := float64(axisY)
		for _, s := range stackOrder {
			n := p.stances[lane(s)]
			if n == 0 {
				continue
			}
			h := float64(n) * unit
			y -= h
			w.w(`<rect class="bar st-`, string(s), `" x="`)
			w.pct(x0 + gap)
			w.w(`" width="`)
			w.pct(x1 - x0 - 2*gap)
			w.w(`" y="`)
			w.num(y)
			w.w(`" height="`)
			w.num(h)
			w.w(`"/>`)
		}
		w.w(`</a>`)
	}
	w.w(`</g>`)
}

// periodName writes a period as name gives it.
func (w *writer) periodName(g grouping, p period) {
	switch g.unit {
	case "week":
		w.w("Week of ")
		w.date(p.start, "2 January 2006")
	case "month":
		w.date(p.start, "January 2006")
	default:
		w.date(p.start, "2006")
	}
}

// stanceWords writes counts by stance as tally.stanceWords does.
func (w *writer) stanceWords(stances [4]int) {
	order := [4]int{0, 1, 2, 3}
	slices.SortStableFunc(order[:], func(a, b int) int { return cmp.Compare(stances[b], stances[a]) })
	first := true
	for _, i := range order {
		if n := stances[i]; n > 0 {
			if !first {
				w.w(", ")
			}
			first = false
			w.int(n)
			w.w(" ", string(stanceOrder[i]))
		}
	}
}

// barLegend names the stances by their swatches, in stack order from the
// top, and says what a bar's height is.
func (w *writer) barLegend(g grouping) {
	w.w(`<ul class="chart-legend">`)
	for _, s := range stanceOrder {
		w.w(`<li><span class="swatch st-`, string(s), `" aria-hidden="true"></span> `, s.Title(), `</li>`)
	}
	w.w(`<li>Height: digests a `, g.unit, fmt.Sprintf(" (at most %d)", g.max), `</li></ul>`)
}

// barTable is the grouped timeline's data: one row per period.
func (w *writer) barTable(name string, g grouping) {
	w.w(`<details class="chart-data"><summary>The timeline as a table</summary><table><caption>Digests on `,
		esc(name), ` per `, g.unit, `, oldest first</caption><thead><tr><th scope="col">`, strings.ToUpper(g.unit[:1])+g.unit[1:], `</th>`)
	for _, s := range stanceOrder {
		w.w(`<th scope="col">`, stanceCell(s), `</th>`)
	}
	w.w(`<th scope="col">All</th></tr></thead><tbody>`)
	for _, p := range g.periods {
		w.w(`<tr><th scope="row"><a href="`)
		w.esc(p.list)
		w.w(`">`)
		w.periodName(g, p)
		w.w(`</a></th>`)
		for _, n := range p.stances {
			w.w(`<td>`)
			w.int(n)
			w.w(`</td>`)
		}
		w.w(`<td>`)
		w.int(p.n)
		w.w(`</td></tr>`)
	}
	w.w(`</tbody></table></details>`)
}
