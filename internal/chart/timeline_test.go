package chart_test

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/chart"
	"github.com/signaldigest/signal/internal/content"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// pt makes a point from "2026-11-24 bearish high".
func pt(s string) chart.Point {
	f := strings.Fields(s)
	slug := f[0] + "-" + f[1]
	return chart.Point{Date: date(f[0]), Stance: content.Stance(f[1]), Conviction: content.Conviction(f[2]),
		Title: "Digest of " + f[0], Href: "/" + strings.ReplaceAll(f[0], "-", "/") + "/" + slug + "/", List: "/themes/x/"}
}

func pts(lines ...string) []chart.Point {
	var out []chart.Point
	for _, l := range lines {
		out = append(out, pt(l))
	}
	return out
}

// small is a term's digests, newest first as a term lists them.
var small = pts(
	"2026-11-24 bullish high",
	"2026-11-13 bearish medium",
	"2026-11-05 mixed low",
	"2026-10-29 neutral high",
	"2026-09-01 bearish low", // outside the last 30 days
)

// A timeline has one mark per digest, in date order, each a link to its
// digest with a title naming date, title, stance and conviction, and the
// classes of its stance and conviction.
func TestTimelineMarks(t *testing.T) {
	doc := parse(t, string(chart.Timeline("Compute", small, chart.GroupAbove)))
	marks := doc.find(classed("marks"))
	if marks == nil || marks.Attr["aria-hidden"] != "true" {
		t.Fatal("no marks, or marks not hidden from screen readers (the table holds them)")
	}
	links := marks.all(named("a"))
	if len(links) != len(small) {
		t.Fatalf("%d marks for %d digests", len(links), len(small))
	}
	defs := map[string]bool{}
	for _, p := range doc.all(named("path")) {
		defs["#"+p.Attr["id"]] = true
	}
	lastX := -1.0
	for i, a := range links {
		want := small[len(small)-1-i] // oldest first
		if a.Attr["href"] != want.Href {
			t.Errorf("mark %d links %q, want %q", i, a.Attr["href"], want.Href)
		}
		if a.Attr["tabindex"] != "-1" {
			t.Errorf("mark %d is in the tab order", i)
		}
		title := a.find(named("title")).text()
		for _, part := range []string{want.Date.Format("2 Jan 2006"), want.Title, want.Stance.Title(), string(want.Conviction) + " conviction"} {
			if !strings.Contains(title, part) {
				t.Errorf("mark %d title %q lacks %q", i, title, part)
			}
		}
		use := a.find(named("use"))
		if !hasClass(use, "st-"+string(want.Stance)) || !hasClass(use, "cv-"+string(want.Conviction)) {
			t.Errorf("mark %d has classes %q", i, use.Attr["class"])
		}
		if !defs[use.Attr["href"]] || !strings.Contains(use.Attr["href"], string(want.Stance)) {
			t.Errorf("mark %d uses shape %q", i, use.Attr["href"])
		}
		x, err := strconv.ParseFloat(strings.TrimSuffix(use.Attr["x"], "%"), 64)
		if err != nil || x < lastX || x < 0 || x > 100 {
			t.Errorf("mark %d at x=%q after %v", i, use.Attr["x"], lastX)
		}
		lastX = x
	}
	if lastX != 100 {
		t.Errorf("the newest mark is at %v%%, want the right end", lastX)
	}
	img := doc.find(func(n *node) bool { return n.Attr["role"] == "img" })
	if img == nil || !strings.Contains(img.Attr["aria-label"], "5 digests on Compute") {
		t.Errorf("no role=img with a label summing up the chart: %+v", img)
	}
	if img.find(named("a")) != nil {
		t.Error("links inside role=img, whose children are presentational")
	}
	caption := doc.find(named("figcaption")).text()
	if want := "The 30 days to 24 November 2026: 1 bullish, 1 mixed, 1 neutral, 1 bearish; mostly high conviction."; caption != want {
		t.Errorf("caption %q, want %q", caption, want)
	}
	rows := doc.find(named("tbody")).all(named("tr"))
	if len(rows) != len(small) {
		t.Errorf("the table has %d rows for %d digests", len(rows), len(small))
	}
	if doc.find(named("details")) == nil {
		t.Error("the table is not inside a <details>")
	}
}

// Past GroupAbove digests, marks become a stacked bar per period, each
// segment classed by its stance, the bars in date order and adding up to
// every digest.
func TestTimelineGroups(t *testing.T) {
	for _, tc := range []struct {
		days, perDay int
		unit         string
		periods      int
	}{
		{days: 140, perDay: 2, unit: "week", periods: 20},  // 20 weeks: 280 digests
		{days: 730, perDay: 1, unit: "month", periods: 24}, // two years
	} {
		t.Run(tc.unit, func(t *testing.T) {
			var points []chart.Point
			end := date("2026-11-29") // a Sunday: weeks end on it
			stances := []string{"bullish", "bearish", "neutral", "mixed", "bearish"}
			for i := range tc.days * tc.perDay {
				d := end.AddDate(0, 0, -i/tc.perDay)
				points = append(points, pt(fmt.Sprintf("%s %s low", d.Format(time.DateOnly), stances[i%len(stances)])))
			}
			if len(points) <= chart.GroupAbove {
				t.Fatalf("%d points do not pass the threshold %d", len(points), chart.GroupAbove)
			}
			doc := parse(t, string(chart.Timeline("Rates", points, chart.GroupAbove)))
			if n := len(doc.all(named("use"))); n != 0 {
				t.Fatalf("%d marks past the threshold", n)
			}
			bars := doc.find(classed("marks")).all(named("a"))
			if len(bars) < tc.periods || len(bars) > tc.periods+1 {
				t.Errorf("%d bars, want %d %ss", len(bars), tc.periods, tc.unit)
			}
			total, lastX := 0, -1.0
			for _, bar := range bars {
				rects := bar.all(named("rect"))
				if len(rects) == 0 {
					t.Fatal("an empty bar")
				}
				x, _ := strconv.ParseFloat(strings.TrimSuffix(rects[0].Attr["x"], "%"), 64)
				if x <= lastX {
					t.Errorf("bar at %v after %v", x, lastX)
				}
				lastX = x
				title := bar.find(named("title")).text()
				n, _ := strconv.Atoi(title[strings.Index(title, ": ")+2 : strings.Index(title, " digest")])
				total += n
				for _, r := range rects {
					if !strings.HasPrefix(strings.Fields(r.Attr["class"])[1], "st-") {
						t.Errorf("segment classed %q", r.Attr["class"])
					}
				}
			}
			if total != len(points) {
				t.Errorf("bars hold %d digests of %d", total, len(points))
			}
			head := doc.find(named("thead")).text()
			if !strings.HasPrefix(head, strings.ToUpper(tc.unit[:1])+tc.unit[1:]) {
				t.Errorf("table head %q, want periods of a %s", head, tc.unit)
			}
		})
	}
}

// One small chart is compared byte for byte with its golden file.
func TestTimelineGolden(t *testing.T) {
	got := []byte(chart.Timeline("Política <Industrial>", small[:3], chart.GroupAbove))
	golden := "testdata/timeline.golden"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("the timeline differs from %s (go test ./internal/chart -update to accept):\n%s", golden, got)
	}
	if string(chart.Timeline("Política <Industrial>", small[:3], chart.GroupAbove)) != string(got) {
		t.Error("two runs drew different bytes")
	}
}

// A term with one digest is one mark in the middle; none is no chart.
func TestTimelineEdges(t *testing.T) {
	if chart.Timeline("x", nil, chart.GroupAbove) != "" {
		t.Error("a chart without digests")
	}
	doc := parse(t, string(chart.Timeline("x", small[:1], chart.GroupAbove)))
	if x := doc.find(named("use")).Attr["x"]; x != "50%" {
		t.Errorf("a lone mark at %s", x)
	}
}

// A month's tick near an end of the axis is labelled where the screen is
// wide enough ("minor"), not left a bare mark.
func TestTimelineTickNearEnd(t *testing.T) {
	doc := parse(t, string(chart.Timeline("Rates", pts("2026-11-24 bullish high", "2026-10-27 bearish low"), chart.GroupAbove)))
	var labels []string
	for _, l := range doc.all(classed("label")) {
		labels = append(labels, l.Attr["class"]+": "+l.text())
	}
	if got, want := strings.Join(labels, "; "), "label: 27 Oct 2026; label: 24 Nov 2026; label minor: Nov"; got != want {
		t.Errorf("labels %s, want %s", got, want)
	}
}

// A timeline of one day says so, rather than "from that day to that day".
func TestTimelineOneDay(t *testing.T) {
	got := string(chart.Timeline("Rates", pts("2026-11-24 bearish high"), chart.GroupAbove))
	if !strings.Contains(got, "Timeline of 1 digest on Rates, on 24 November 2026: ") || strings.Contains(got, "2026 to 24") {
		t.Errorf("one day's timeline:\n%s", got)
	}
}
