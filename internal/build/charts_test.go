package build_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/chart"
	"github.com/signaldigest/signal/internal/sitetest"
)

// charts finds the chart figures of a page, and the links of their marks.
func charts(t *testing.T, name, src string) (figures []string, marks []string) {
	t.Helper()
	sitetest.Walk(sitetest.ParseHTML(t, name, []byte(src)), func(n *html.Node) {
		class, _ := sitetest.Attr(n, "class")
		if n.Data == "figure" && strings.HasPrefix(class, "chart ") {
			figures = append(figures, class)
		}
		if n.Data == "g" && class == "marks" {
			for a := n.FirstChild; a != nil; a = a.NextSibling {
				href, _ := sitetest.Attr(a, "href")
				marks = append(marks, href)
			}
		}
	})
	return figures, marks
}

// Theme and source pages open with a timeline of their digests, the home
// page with the consensus board, stance and conviction pages with their
// share of each month; the pages after the first carry no chart.
func TestChartsOnPages(t *testing.T) {
	mem, _ := run(t, sample(), build.Options{BaseURL: mustURL(t, "https://example.org/archive/")})
	for _, tc := range []struct {
		file, figure string
		marks        int
	}{
		{"themes/compute/index.html", "chart timeline", 5},
		{"themes/política-industrial/index.html", "chart timeline", 2},
		{"sources/ledgerlark/index.html", "chart timeline", -1},
		{"consensus/bearish/index.html", "chart shares", 0},
		{"conviction/low/index.html", "chart shares", 0},
		{"page/2/index.html", "", 0},
		{"archive/index.html", "", 0},
	} {
		src := page(t, mem, tc.file)
		figures, marks := charts(t, tc.file, src)
		if tc.figure == "" {
			if len(figures) != 0 {
				t.Errorf("%s: charts %q", tc.file, figures)
			}
			continue
		}
		if len(figures) != 1 || figures[0] != tc.figure {
			t.Errorf("%s: charts %q, want one %q", tc.file, figures, tc.figure)
		}
		if tc.marks >= 0 && len(marks) != tc.marks {
			t.Errorf("%s: %d marks, want %d", tc.file, len(marks), tc.marks)
		}
		for _, m := range marks {
			if !strings.HasPrefix(m, "/archive/2026/") {
				t.Errorf("%s: mark links %s, not a digest under the base path", tc.file, m)
			}
		}
		// The chart opens the page: it comes before the first digest.
		if i, j := strings.Index(src, `<figure class="chart`), strings.Index(src, `<article class="card`); i < 0 || j >= 0 && j < i {
			t.Errorf("%s: the chart does not open the page", tc.file)
		}
	}
	home := page(t, mem, "index.html")
	if i, j := strings.Index(home, `<section class="board"`), strings.Index(home, `<article class="card"`); i < 0 || j < i {
		t.Error("the home page does not open with the consensus board")
	}
	if n := strings.Count(home, `<li class="board-item">`); n != chart.BoardSize {
		t.Errorf("%d themes on the board, want %d", n, chart.BoardSize)
	}
}

// Past the threshold a timeline's bars link the list pages that show their
// digests.
func TestChartsGrouped(t *testing.T) {
	mem, _ := run(t, txtarFS(t, "small.txtar"), build.Options{GroupAbove: 1})
	src := page(t, mem, "themes/open-models/index.html")
	_, bars := charts(t, "open-models", src)
	if len(bars) == 0 || strings.Contains(src, "<use ") {
		t.Fatalf("open-models is not grouped:\n%s", src)
	}
	for _, b := range bars {
		if !strings.HasPrefix(b, "/archive/themes/open-models/") {
			t.Errorf("a bar links %s, not a page of the theme", b)
		}
	}
}
