package chart

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/signaldigest/signal/internal/content"
)

// Series is a theme and its digests, for the board.
type Series struct {
	Name   string
	Href   string // the link to the theme's page
	Points []Point
}

// BoardSize is the number of themes on the board, and Spark the number of
// stances each sparkline shows.
var (
	BoardSize = 6
	Spark     = 10
)

// entry is one theme on the board.
type entry struct {
	Series
	n        int     // digests in the window
	recent   []Point // the last Spark digests, oldest first
	latest   Point
	previous *Point
}

// Board draws the consensus board: the BoardSize themes most cited in the
// Window days up to end (the date of the site's newest digest), most cited
// first, each with its latest stance and conviction, how the stance moved
// since the theme's previous digest, and a sparkline of its recent stances.
// It is empty when no theme was cited in the window.
func Board(themes []Series, end time.Time) template.HTML {
	entries := pick(themes, end)
	if len(entries) == 0 {
		return ""
	}
	var w writer
	w.w(`<section class="board" aria-labelledby="board-title"><h2 id="board-title">Consensus board</h2>`)
	w.w(`<p class="board-lede">The most cited themes of the `, itoa(Window), ` days to `, esc(longDate(end)), `.</p><ol class="board-list">`)
	for _, e := range entries {
		w.w(`<li class="board-item"><h3><a href="`, esc(e.Href), `">`, esc(e.Name), `</a></h3>`)
		w.sparkline(e.recent)
		w.w(`<p class="board-latest">`, badge(e.latest), `</p>`)
		w.w(`<p class="board-move">`, move(e.latest, e.previous), ` · `, plural(e.n, "digest"), `</p>`)
		w.w(`</li>`)
	}
	w.w(`</ol>`)
	w.boardTable(entries)
	w.w(`</section>`)
	return template.HTML(w.String())
}

// pick chooses the board's themes: most digests in the window first, then
// the most recently cited, then by name.
func pick(themes []Series, end time.Time) []entry {
	var out []entry
	for _, s := range themes {
		n := len(recent(s.Points, end))
		if n == 0 {
			continue
		}
		pts := chronological(s.Points)
		e := entry{Series: s, n: n, latest: pts[len(pts)-1], recent: pts[max(0, len(pts)-Spark):]}
		if len(pts) > 1 {
			e.previous = &pts[len(pts)-2]
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b entry) int {
		return cmp.Or(cmp.Compare(b.n, a.n), b.latest.Date.Compare(a.latest.Date), strings.Compare(a.Name, b.Name))
	})
	return out[:min(len(out), BoardSize)]
}

// badge is a stance and conviction as the theme's badges show them.
func badge(p Point) string {
	return `<span class="badge stance stance-` + string(p.Stance) + `"><span class="icon" aria-hidden="true">` + glyph(p.Stance) + `</span> ` +
		p.Stance.Title() + `</span> <span class="badge conviction"><span class="meter" aria-hidden="true">` + meter(p.Conviction) + `</span> ` +
		p.Conviction.Title() + ` conviction</span>`
}

// score places a stance on one scale, to tell a move up from a move down.
func score(s content.Stance) int {
	switch s {
	case "bullish":
		return 1
	case "bearish":
		return -1
	}
	return 0
}

// move says how the stance moved since the previous digest, with an arrow
// for the eye and words for everyone.
func move(latest Point, previous *Point) string {
	arrow := func(a string) string { return `<span class="arrow" aria-hidden="true">` + a + `</span> ` }
	if previous == nil {
		return arrow("✦") + "First digest on the theme"
	}
	when := esc(dayOf(previous.Date, latest.Date))
	from := string(previous.Stance)
	switch d := score(latest.Stance) - score(previous.Stance); {
	case latest.Stance == previous.Stance:
		return arrow("→") + "Unchanged since " + when
	case d > 0:
		return arrow("↗") + "Up from " + from + " (" + when + ")"
	case d < 0:
		return arrow("↘") + "Down from " + from + " (" + when + ")"
	}
	return arrow("↔") + "Was " + from + " (" + when + ")"
}

// dayOf is a short date, with its year when it is not ref's.
func dayOf(t, ref time.Time) string {
	if t.Year() != ref.Year() {
		return shortDate(t)
	}
	return t.Format("2 Jan")
}

// sparkline draws recent stances, oldest first: a line through lanes (up
// for bullish, down for bearish) and each stance's shape.
func (w *writer) sparkline(pts []Point) {
	const step, pad = 14, 8
	ys := map[content.Stance]float64{"bullish": 7, "mixed": 16, "neutral": 16, "bearish": 25}
	width := pad*2 + step*(len(pts)-1)
	var names []string
	for _, p := range pts {
		names = append(names, string(p.Stance))
	}
	label := fmt.Sprintf("Last %s, oldest first: %s", plural(len(pts), "stance"), strings.Join(names, ", "))
	if len(pts) == 1 {
		label = "Last stance: " + names[0]
	}
	w.w(`<svg class="spark" width="`, itoa(width), `" height="32" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="`, esc(label), `">`)
	if len(pts) > 1 {
		w.w(`<polyline class="spark-line" points="`)
		for i, p := range pts {
			if i > 0 {
				w.w(" ")
			}
			w.w(itoa(pad+step*i), ",", num(ys[p.Stance]))
		}
		w.w(`"/>`)
	}
	for i, p := range pts {
		r := size[p.Conviction] * .85
		w.w(`<path class="mark st-`, string(p.Stance), ` cv-`, string(p.Conviction), `" transform="translate(`, itoa(pad+step*i), " ", num(ys[p.Stance]), `)" d="`, shape(p.Stance, r), `"/>`)
	}
	w.w(`</svg>`)
}

// boardTable is the data of the board's sparklines as a table: the cards
// say the rest in words already.
func (w *writer) boardTable(entries []entry) {
	w.w(`<details class="chart-data"><summary>The sparklines as a table</summary><table><caption>Recent stances of the most cited themes of the last `, itoa(Window), ` days</caption>`,
		`<thead><tr><th scope="col">Theme</th><th scope="col">Digests in `, itoa(Window), ` days</th><th scope="col">Last stances, oldest first</th></tr></thead><tbody>`)
	for _, e := range entries {
		w.w(`<tr><th scope="row"><a href="`, esc(e.Href), `">`, esc(e.Name), `</a></th><td>`, itoa(e.n), `</td><td>`)
		for i, p := range e.recent {
			if i > 0 {
				w.w(", ")
			}
			w.w(string(p.Stance))
		}
		w.w(`</td></tr>`)
	}
	w.w(`</tbody></table></details>`)
}
