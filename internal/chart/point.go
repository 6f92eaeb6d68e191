package chart

import (
	"fmt"
	"slices"
	"time"

	"github.com/signaldigest/signal/internal/content"
)

// Point is one digest as a chart sees it.
type Point struct {
	Date       time.Time // in the site's timezone
	Stance     content.Stance
	Conviction content.Conviction
	Title      string
	Href       string // the link to the digest's page
	List       string // the link to the list page that shows it, for grouped bars
}

// Window is the number of days that "recent" spans: the newest digest's
// day and the days before it.
const Window = 30

// chronological returns the points oldest first. Points of the same moment
// keep the reverse of their given order, so that a newest-first list (a
// term's digests) comes out in the same order as its own reverse.
func chronological(points []Point) []Point {
	out := slices.Clone(points)
	slices.Reverse(out)
	slices.SortStableFunc(out, func(a, b Point) int { return a.Date.Compare(b.Date) })
	return out
}

// newest is the latest date among the points.
func newest(points []Point) time.Time {
	var t time.Time
	for _, p := range points {
		if p.Date.After(t) {
			t = p.Date
		}
	}
	return t
}

// recent keeps the points of the Window days up to and including end's day,
// in end's location.
func recent(points []Point, end time.Time) []Point {
	y, m, d := end.Date()
	from := time.Date(y, m, d-Window+1, 0, 0, 0, 0, end.Location())
	to := time.Date(y, m, d+1, 0, 0, 0, 0, end.Location())
	var out []Point
	for _, p := range points {
		if !p.Date.Before(from) && p.Date.Before(to) {
			out = append(out, p)
		}
	}
	return out
}

// stanceOrder is the order of stances in lanes (top to bottom), in stacks
// (top to bottom) and in tables: from bullish to bearish.
var stanceOrder = []content.Stance{"bullish", "mixed", "neutral", "bearish"}

// stanceTitles are the names of the stances by lane, made once: a build
// writes them hundreds of thousands of times.
var stanceTitles = [4]string{"Bullish", "Mixed", "Neutral", "Bearish"}

// glyph is the shape of a stance as text, as the badges show it.
func glyph(s content.Stance) string {
	switch s {
	case "bullish":
		return "▲"
	case "bearish":
		return "▼"
	case "mixed":
		return "◆"
	}
	return "●"
}

// meter is a conviction as the badges show it.
func meter(c content.Conviction) string {
	switch c {
	case "low":
		return "●○○"
	case "medium":
		return "●●○"
	}
	return "●●●"
}

// tally counts the points by stance (in stanceOrder) and by conviction
// (low, medium, high).
type tally struct {
	n           int
	stances     [4]int
	convictions [3]int
}

func count(points []Point) tally {
	t := tally{n: len(points)}
	for _, p := range points {
		t.stances[lane(p.Stance)]++
		t.convictions[level(p.Conviction)]++
	}
	return t
}

// level is the index of a conviction, from low to high.
func level(c content.Conviction) int {
	switch c {
	case "low":
		return 0
	case "medium":
		return 1
	}
	return 2
}

// stanceWords is "9 bearish, 3 mixed, 1 bullish": most frequent first,
// ties in stanceOrder.
func (t tally) stanceWords() string {
	var w writer
	w.stanceWords(t.stances)
	return w.String()
}

// convictionWords is "mostly high conviction", "all high conviction", or
// how a tie splits.
func (t tally) convictionWords() string {
	best, ties := 0, []string(nil)
	for i := 2; i >= 0; i-- {
		switch n := t.convictions[i]; {
		case n > best:
			best, ties = n, []string{string(content.Convictions[i])}
		case n == best && n > 0:
			ties = append(ties, string(content.Convictions[i]))
		}
	}
	switch {
	case best == 0:
		return ""
	case best == t.n && t.n == 1:
		return ties[0] + " conviction"
	case best == t.n:
		return "all " + ties[0] + " conviction"
	case len(ties) == 1:
		return "mostly " + ties[0] + " conviction"
	case len(ties) == 2:
		return "as much " + ties[0] + " as " + ties[1] + " conviction"
	}
	return "conviction evenly spread"
}

// summary is "9 bearish, 3 mixed, 1 bullish; mostly high conviction".
func (t tally) summary() string {
	if t.n == 0 {
		return "no digests"
	}
	return t.stanceWords() + "; " + t.convictionWords()
}

// Caption sums up the Window days up to the newest point in words: "The 30
// days to 24 November 2026: 9 bearish, 3 mixed, 1 bullish; mostly high
// conviction". It names their end: a theme's newest digest may be a year
// older than the archive's, and "the last 30 days" would read as recent.
func Caption(points []Point) string {
	end := newest(points)
	return fmt.Sprintf("The %d days to %s: %s", Window, longDate(end), count(recent(points, end)).summary())
}

func longDate(t time.Time) string  { return t.Format("2 January 2006") }
func shortDate(t time.Time) string { return t.Format("2 Jan 2006") }
