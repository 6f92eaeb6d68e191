package audit_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestRightToLeftCharts builds the sample as a site written from the right
// (language: ar) and reads it on a phone: a timeline's date labels stay
// inside its chart (they inherited the page's direction, which flips
// where SVG anchors text, and hung out of the chart, cut off), and a
// handle reads "@fab_notes" (the @ took the page's direction: "fab_notes@").
func TestRightToLeftCharts(t *testing.T) {
	t.Parallel()
	chrome, _ := browserTools(t)
	site := fstest.MapFS{"site.yaml": {Data: []byte("title: Signal Archive\nlanguage: ar\n")}}
	err := fs.WalkDir(os.DirFS("../.."), "content", func(name string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			data, rerr := fs.ReadFile(os.DirFS("../.."), name)
			site[name] = &fstest.MapFile{Data: data}
			return rerr
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := serveSite(site)
	if err != nil {
		t.Fatal(err)
	}
	tab := browser(t, chrome, 2*time.Minute)
	if err := emulate(tab, 375, "light"); err != nil {
		t.Fatal(err)
	}
	open := func(path string) {
		t.Helper()
		if err := chromedp.Do(tab, chromedp.Navigate(s.server.URL+path)); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(expr string) []string {
		t.Helper()
		got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](expr))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	open("/themes/semiconductors/")
	if dir := eval(`[document.documentElement.dir]`); dir[0] != "rtl" {
		t.Fatalf("the page's dir is %q", dir[0])
	}
	out := eval(`(() => {
		const out = [];
		for (const svg of document.querySelectorAll(".chart svg")) {
			const box = svg.getBoundingClientRect();
			for (const label of svg.querySelectorAll("text")) {
				const r = label.getBoundingClientRect();
				if (r.width === 0) continue; // hidden on a phone
				if (r.left < box.left - 1 || r.right > box.right + 1) out.push(label.textContent + " at " + Math.round(r.left) + "–" + Math.round(r.right) + " of " + Math.round(box.left) + "–" + Math.round(box.right));
			}
		}
		return out;
	})()`)
	if len(out) > 0 {
		t.Errorf("labels outside their chart: %q", out)
	}

	// "@" is left of the name, where a reader of the handle looks for it.
	at := `((el) => {
		const text = el.firstChild.nodeType === 3 ? el.firstChild : el.firstChild.firstChild;
		const x = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
		return [text.data, String(x(0) < x(1))];
	})`
	for path, sel := range map[string]string{
		"/sources/fab_notes/":                                   "h1",
		"/2026/11/05/foundry-pricing-power-in-one-table/":       ".sources li a",
		"/2026/11/02/humanoid-pilots-meet-the-safety-rulebook/": "a.handle",
		"/sources/": "main li a",
	} {
		open(path)
		if got := eval(at + `(document.querySelector(` + "`" + sel + "`" + `))`); !strings.HasPrefix(got[0], "@") || got[1] != "true" {
			t.Errorf("%s %s: %q reads from the right", path, sel, got[0])
		}
	}
}

// TestForcedColors reads a stance's page in a high-contrast mode, which
// replaces the colours of HTML but not of the charts' SVG: the legend's
// keys keep the colours of the bars they name, told apart, as they were
// two blank boxes.
func TestForcedColors(t *testing.T) {
	t.Parallel()
	chrome, _ := browserTools(t)
	s := serve(t)
	tab := browser(t, chrome, 2*time.Minute)
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(s.server.URL+"/consensus/bearish/")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`(() => {
		const bg = (sel) => getComputedStyle(document.querySelector(sel)).backgroundColor;
		const fill = (sel) => getComputedStyle(document.querySelector(sel)).fill;
		return [matchMedia("(forced-colors: active)").matches ? "forced" : "not forced", bg(".swatch.share"), fill("svg .share"), bg(".swatch.track")];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "forced" || got[1] != got[2] || got[1] == got[3] {
		t.Errorf("forced colours: %s; the legend's key %s, the bars %s, the track's key %s", got[0], got[1], got[2], got[3])
	}
}
