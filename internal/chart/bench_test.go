package chart_test

import (
	"testing"

	"github.com/signaldigest/signal/internal/chart"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/corpus"
)

// terms groups a synthetic archive of n digests by theme and by handle, as
// the site model does: each term's points newest first.
func terms(n int) (map[string][]chart.Point, []chart.Point) {
	byTerm := map[string][]chart.Point{}
	var all []chart.Point
	for _, d := range corpus.Generate(corpus.Options{N: n, Seed: 1}) {
		p := chart.Point{Date: d.Date, Stance: content.Stance(d.Stance), Conviction: content.Conviction(d.Conviction),
			Title: d.Title, Href: "/" + d.Slug + "/", List: "/themes/x/"}
		all = append(all, p)
		for _, th := range d.Themes {
			byTerm["t/"+th] = append(byTerm["t/"+th], p)
		}
		for _, h := range d.Handles {
			byTerm["s/"+h] = append(byTerm["s/"+h], p)
		}
	}
	return byTerm, all
}

// BenchmarkTimeline draws the timeline of every theme and source of an
// archive of 10,000 digests: what one build draws.
func BenchmarkTimeline(b *testing.B) {
	byTerm, _ := terms(10_000)
	b.ReportAllocs()
	var bytes int
	for b.Loop() {
		bytes = 0
		for name, points := range byTerm {
			bytes += len(chart.Timeline(name, points, chart.GroupAbove))
		}
	}
	b.ReportMetric(float64(len(byTerm)), "charts")
	b.ReportMetric(float64(bytes)/float64(len(byTerm)), "bytes/chart")
}

// BenchmarkBoard draws the board and the shares of the seven stance and
// conviction pages of the same archive.
func BenchmarkBoard(b *testing.B) {
	byTerm, all := terms(10_000)
	var themes []chart.Series
	for name, points := range byTerm {
		if name[0] == 't' {
			themes = append(themes, chart.Series{Name: name, Href: "/x/", Points: points})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		chart.Board(themes, all[0].Date)
		for range 7 {
			chart.Shares("Bullish", "st-bullish", all[:len(all)/4], all)
		}
	}
}
