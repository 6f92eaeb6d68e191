package chart

import (
	"html"
	"strconv"
	"strings"
	"time"
)

// writer builds a chart's HTML. Numbers are written with a fixed precision,
// so the same input gives the same bytes. Its methods write straight into
// the buffer: a build draws hundreds of charts of hundreds of marks.
type writer struct {
	strings.Builder
	scratch [64]byte
}

// w writes its arguments one after the other.
func (w *writer) w(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

// esc writes text escaped for an element or a quoted attribute.
func (w *writer) esc(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '&':
			rep = "&amp;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(rep)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// date writes t in a layout of package time.
func (w *writer) date(t time.Time, layout string) { w.Write(t.AppendFormat(w.scratch[:0], layout)) }

// num writes a number as num formats it.
func (w *writer) num(v float64) { w.Write(appendNum(w.scratch[:0], v)) }

// pct writes a percentage as pct formats it.
func (w *writer) pct(v float64) {
	w.num(v)
	w.WriteByte('%')
}

// int writes an integer.
func (w *writer) int(n int) { w.Write(strconv.AppendInt(w.scratch[:0], int64(n), 10)) }

// esc escapes text for an element or a quoted attribute.
func esc(s string) string { return html.EscapeString(s) }

// num formats a number with at most two decimals and no trailing zeros.
func num(v float64) string { return string(appendNum(nil, v)) }

func appendNum(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

// pct is a percentage of the chart's width: SVG places x by percentages,
// so a chart fills any width without scaling its text and marks.
func pct(v float64) string { return num(v) + "%" }

func itoa(n int) string { return strconv.Itoa(n) }

// scale maps instants between t0 and t1 to 0–100 (% of the width).
type scale struct{ t0, t1 time.Time }

func (s scale) x(t time.Time) float64 {
	span := s.t1.Sub(s.t0)
	if span <= 0 {
		return 50
	}
	return 100 * float64(t.Sub(s.t0)) / float64(span)
}

// The geometry shared by the timeline and the shares chart, in pixels.
const (
	axisY   = 94  // the baseline
	labelY  = 110 // the baseline of the axis labels
	height  = 116 // the whole chart
	plotTop = 8   // the top of the tallest bar
)

// axis draws the baseline, the ticks of months or years between t0 and t1,
// and labels: start and end at the ends, and a few ticks between them where
// they do not crowd the end labels on a narrow screen.
func (w *writer) axis(sc scale, start, end string) {
	w.w(`<line class="axis" x1="0" x2="100%" y1="`, itoa(axisY), `" y2="`, itoa(axisY), `"/>`)
	w.w(`<text class="label" x="0" y="`, itoa(labelY), `">`, esc(start), `</text>`)
	w.w(`<text class="label" x="100%" y="`, itoa(labelY), `" text-anchor="end">`, esc(end), `</text>`)
	// Labels between the ends: those clear of the end labels and of each
	// other on a phone's width are always shown, the others ("minor") only
	// on wider screens, where the stylesheet shows them.
	last, lastMajor := -100.0, -100.0
	for _, tk := range ticks(sc.t0, sc.t1) {
		x := sc.x(tk.t)
		w.w(`<line class="tick" x1="`, pct(x), `" x2="`, pct(x), `" y1="`, itoa(axisY), `" y2="`, itoa(axisY+4), `"/>`)
		if x < 15 || x > 85 || x-last < 7 {
			continue
		}
		class := "label minor" // near an end label, clear of it on wide screens only
		if x >= 30 && x <= 70 && x-lastMajor >= 14 {
			class, lastMajor = "label", x
		}
		w.w(`<text class="`, class, `" x="`, pct(x), `" y="`, itoa(labelY), `" text-anchor="middle">`, esc(tk.label), `</text>`)
		last = x
	}
}

type tick struct {
	t     time.Time
	label string
}

// ticks are the month, quarter or year starts strictly between t0 and t1,
// the finest of them that gives at most six.
func ticks(t0, t1 time.Time) []tick {
	loc := t0.Location()
	for _, step := range []int{1, 3, 12, 24, 60, 120} {
		i := (monthIndex(t0)/step + 1) * step // the first multiple of step after t0's month
		if last := monthIndex(t1); (last-i)/step+1 > 6 {
			continue
		}
		var out []tick
		for ; ; i += step {
			t := time.Date(i/12, time.Month(i%12+1), 1, 0, 0, 0, 0, loc)
			if !t.Before(t1) {
				break
			}
			label := t.Format("Jan")
			if step >= 12 || t.Month() == time.January {
				label = t.Format("2006")
			}
			out = append(out, tick{t, label})
		}
		return out
	}
	return nil
}

// monthIndex counts months from year 0, so that quarters and years fall on
// multiples.
func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
