package chart_test

import (
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/chart"
)

// The caption sums up the 30 days up to the newest digest in words.
func TestCaption(t *testing.T) {
	for _, tc := range []struct {
		points []chart.Point
		want   string
	}{
		{pts("2026-11-24 bearish high"), "The 30 days to 24 November 2026: 1 bearish; high conviction"},
		{pts("2026-11-24 bearish high", "2026-11-20 bearish high"), "The 30 days to 24 November 2026: 2 bearish; all high conviction"},
		{pts("2026-11-24 bearish high", "2026-11-20 mixed low", "2026-11-19 bearish high", "2026-11-02 bullish medium"),
			"The 30 days to 24 November 2026: 2 bearish, 1 bullish, 1 mixed; mostly high conviction"},
		{pts("2026-11-24 neutral low", "2026-11-20 mixed high"), "The 30 days to 24 November 2026: 1 mixed, 1 neutral; as much high as low conviction"},
		{pts("2026-11-24 neutral low", "2026-11-20 mixed high", "2026-11-19 bullish medium"), "The 30 days to 24 November 2026: 1 bullish, 1 mixed, 1 neutral; conviction evenly spread"},
		// The window is the newest digest's day and the 29 before it.
		{pts("2026-11-30 bullish low", "2026-11-01 bearish high", "2026-10-31 bearish high"), "The 30 days to 30 November 2026: 1 bullish, 1 bearish; as much high as low conviction"},
	} {
		if got := chart.Caption(tc.points); got != tc.want {
			t.Errorf("Caption = %q, want %q", got, tc.want)
		}
	}
}

func series(name string, lines ...string) chart.Series {
	return chart.Series{Name: name, Href: "/themes/" + strings.ToLower(name) + "/", Points: pts(lines...)}
}

// The board shows the themes most cited in the 30 days up to the newest
// digest, most cited first, with the latest stance, its move since the
// previous digest, and a sparkline of recent stances.
func TestBoard(t *testing.T) {
	themes := []chart.Series{
		series("Rates", "2026-11-24 bullish high", "2026-11-20 bearish low", "2026-11-10 bearish low"),
		series("Compute", "2026-11-23 bearish medium", "2026-11-22 bearish high"),
		series("Memory", "2026-11-22 mixed low", "2025-01-01 neutral low"),
		series("Old", "2026-09-01 bullish high", "2026-08-01 bullish high", "2026-07-01 bullish high", "2026-06-01 bullish high"),
		series("Robots", "2026-11-21 bullish low"),
	}
	doc := parse(t, string(chart.Board(themes, date("2026-11-24"))))
	items := doc.all(classed("board-item"))
	var names []string
	for _, it := range items {
		names = append(names, it.find(named("h3")).text())
	}
	// Rates has 3 in the window; Compute 2; Memory, Robots 1 each, Memory's
	// newer; Old none.
	if got := strings.Join(names, ", "); got != "Rates, Compute, Memory, Robots" {
		t.Fatalf("board themes %s", got)
	}
	moves := []string{"Up from bearish (20 Nov) · 3 digests", "Unchanged since 22 Nov · 2 digests", "Was neutral (1 Jan 2025)", "First digest on the theme"}
	for i, it := range items {
		if mv := it.find(classed("board-move")).text(); !strings.Contains(mv, moves[i]) {
			t.Errorf("%s: move %q, want %q", names[i], mv, moves[i])
		}
		spark := it.find(named("svg"))
		if spark.Attr["role"] != "img" || spark.Attr["aria-label"] == "" {
			t.Errorf("%s: sparkline without role=img and a label", names[i])
		}
		if n := len(spark.all(classed("mark"))); n != len(themes[i].Points) && names[i] != "Robots" {
			t.Errorf("%s: %d marks in the sparkline", names[i], n)
		}
	}
	if lbl := items[0].find(named("svg")).Attr["aria-label"]; lbl != "Last 3 stances, oldest first: bearish, bearish, bullish" {
		t.Errorf("sparkline label %q", lbl)
	}
	if latest := items[1].find(classed("board-latest")).text(); !strings.Contains(latest, "Bearish") || !strings.Contains(latest, "Medium conviction") {
		t.Errorf("latest of Compute: %q", latest)
	}
	if rows := doc.find(named("tbody")).all(named("tr")); len(rows) != 4 {
		t.Errorf("the board's table has %d rows", len(rows))
	}
	// The window follows the newest digest, not the clock.
	if chart.Board(themes, date("2027-06-01")) != "" {
		t.Error("a board without digests in its window")
	}
}

// A stance's share of each month: a bar per month of the site, the term's
// share filled from the bottom.
func TestShares(t *testing.T) {
	all := pts("2026-11-24 bullish high", "2026-11-20 bearish low", "2026-11-10 bullish low", "2026-11-01 mixed low",
		"2026-09-10 bearish high", "2026-09-09 bearish high")
	var bullish []chart.Point
	for _, p := range all {
		if p.Stance == "bullish" {
			bullish = append(bullish, p)
		}
	}
	doc := parse(t, string(chart.Shares("Bullish", "st-bullish", bullish, all)))
	svg := doc.find(named("svg"))
	tracks, shares := svg.all(classed("track")), svg.all(classed("share"))
	if len(tracks) != 2 || len(shares) != 1 {
		t.Fatalf("%d tracks and %d shares for two months with digests (of three)", len(tracks), len(shares))
	}
	if h := shares[0].Attr["height"]; h != "43" { // 2 of 4 of the 86 px
		t.Errorf("November's share is %s px high", h)
	}
	caption := doc.find(named("figcaption")).text()
	if want := "Bullish in November 2026: 2 of 4 digests (50%); in the 3 months shown: 2 of 6 digests (33%)."; caption != want {
		t.Errorf("caption %q, want %q", caption, want)
	}
	// With one month, the month is the whole: it is said once.
	november := all[:4]
	one := parse(t, string(chart.Shares("Bullish", "st-bullish", bullish, november))).find(named("figcaption")).text()
	if want := "Bullish in November 2026: 2 of 4 digests (50%)."; one != want {
		t.Errorf("caption %q, want %q", one, want)
	}
	var labels []string
	for _, l := range svg.all(classed("label")) {
		labels = append(labels, l.text())
	}
	if got := strings.Join(labels, ", "); got != "Sep 2026, Oct 2026, Nov 2026" {
		t.Errorf("the months are labelled %s", got)
	}
	if rows := doc.find(named("tbody")).all(named("tr")); len(rows) != 3 {
		t.Errorf("%d rows, want September to November", len(rows))
	}
}
