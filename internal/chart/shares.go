package chart

import (
	"fmt"
	"html/template"
	"time"
)

// Shares draws the share of each month's digests that a stance or a
// conviction holds, as a stacked bar per month: the term's digests at the
// bottom, filled, and the month's other digests above them as a pale track,
// so that every bar is as tall as its month is whole. name is the term's
// ("Bullish"), class the CSS class of its colour ("st-bullish"), term its
// digests and all the site's. It is empty without digests.
func Shares(name, class string, term, all []Point) template.HTML {
	months := monthly(term, all)
	if len(months) == 0 {
		return ""
	}
	first, last := months[0], months[len(months)-1]
	var n, total int
	for _, m := range months {
		n, total = n+m.n, total+m.total
	}
	overall := fmt.Sprintf("%d of %d digests (%s)", n, total, percent(n, total))
	caption := fmt.Sprintf("%s in %s: %d of %d digests (%s)", name, last.start.Format("January 2006"),
		last.n, last.total, percent(last.n, last.total))
	if len(months) > 1 {
		caption += fmt.Sprintf("; in the %d months shown: %s", len(months), overall)
	}
	label := fmt.Sprintf("Share of digests that are %s, per month, %s to %s. %s.", lower(name),
		first.start.Format("January 2006"), last.start.Format("January 2006"), caption)

	var w writer
	w.w(`<figure class="chart shares"><figcaption>`, esc(caption), `.</figcaption>`)
	w.w(`<svg class="chart-svg" width="100%" height="`, itoa(height), `" xmlns="http://www.w3.org/2000/svg"><g role="img" aria-label="`, esc(label), `">`)
	full := float64(axisY - plotTop)
	mid := num(axisY - full/2)
	slot := 100 / float64(len(months))
	for i, m := range months {
		if m.total == 0 {
			continue
		}
		x, width := pct(float64(i)*slot+slot*.15), pct(slot*.7)
		h := full * float64(m.n) / float64(m.total)
		w.w(`<g><title>`, esc(fmt.Sprintf("%s: %d of %d digests (%s)", m.start.Format("January 2006"), m.n, m.total, percent(m.n, m.total))), `</title>`)
		w.w(`<rect class="track" x="`, x, `" width="`, width, `" y="`, itoa(plotTop), `" height="`, num(full), `"/>`)
		if m.n > 0 {
			w.w(`<rect class="share `, esc(class), `" x="`, x, `" width="`, width, `" y="`, num(axisY-h), `" height="`, num(h), `"/>`)
		}
		w.w(`</g>`)
	}
	w.w(`<line class="grid" x1="0" x2="100%" y1="`, mid, `" y2="`, mid, `"/>`)
	w.monthAxis(months)
	w.w(`</g></svg>`)
	w.w(`<ul class="chart-legend"><li><span class="swatch share `, esc(class), `" aria-hidden="true"></span> `, esc(name), ` digests</li>`,
		`<li><span class="swatch track" aria-hidden="true"></span> Other digests</li><li>Dashed line: half</li></ul>`)
	w.w(`<details class="chart-data"><summary>The shares as a table</summary><table><caption>`, esc(name), ` digests per month, oldest first</caption>`,
		`<thead><tr><th scope="col">Month</th><th scope="col">`, esc(name), `</th><th scope="col">All digests</th><th scope="col">Share</th></tr></thead><tbody>`)
	for _, m := range months {
		w.w(`<tr><th scope="row">`, m.start.Format("January 2006"), `</th><td>`, itoa(m.n), `</td><td>`, itoa(m.total), `</td><td>`, percent(m.n, m.total), `</td></tr>`)
	}
	w.w(`</tbody></table></details></figure>`)
	return template.HTML(w.String())
}

// monthAxis draws the baseline and labels the bars under their centres:
// every month when there are few, else every quarter, half year, year or
// more, as many as fit on a phone.
func (w *writer) monthAxis(months []month) {
	w.w(`<line class="axis" x1="0" x2="100%" y1="`, itoa(axisY), `" y2="`, itoa(axisY), `"/>`)
	slot := 100 / float64(len(months))
	for _, step := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		layout, most := "Jan 2006", 4
		if step >= 12 {
			layout, most = "2006", 6
		}
		var at []int
		for i, m := range months {
			if step < 12 && i%step == 0 || step >= 12 && monthIndex(m.start)%step == 0 {
				at = append(at, i)
			}
		}
		if len(at) > most {
			continue
		}
		for _, i := range at {
			x := slot * (float64(i) + .5)
			anchor := "middle"
			switch {
			case x < 8:
				anchor, x = "start", slot*float64(i)
			case x > 92:
				anchor, x = "end", slot*float64(i+1)
			}
			w.w(`<text class="label" x="`, pct(x), `" y="`, itoa(labelY), `" text-anchor="`, anchor, `">`, months[i].start.Format(layout), `</text>`)
		}
		return
	}
}

// month counts a term's digests and all digests of one month.
type month struct {
	start    time.Time
	n, total int
}

// monthly counts per month, every month from the site's first digest to
// its last, so that bars fall on a regular grid.
func monthly(term, all []Point) []month {
	if len(all) == 0 {
		return nil
	}
	var t0, t1 time.Time
	for i, p := range all {
		if i == 0 || p.Date.Before(t0) {
			t0 = p.Date
		}
		if i == 0 || p.Date.After(t1) {
			t1 = p.Date
		}
	}
	start := time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, t0.Location())
	n := monthIndex(t1) - monthIndex(t0) + 1
	months := make([]month, n)
	for i := range months {
		months[i].start = start.AddDate(0, i, 0)
	}
	for _, p := range all {
		months[monthIndex(p.Date)-monthIndex(t0)].total++
	}
	for _, p := range term {
		if i := monthIndex(p.Date) - monthIndex(t0); i >= 0 && i < n {
			months[i].n++
		}
	}
	return months
}

// percent is n of total as a whole percentage.
func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", (200*n+total)/(2*total))
}

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
