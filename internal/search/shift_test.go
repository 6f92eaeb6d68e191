package search_test

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/signaldigest/signal/internal/output"
)

// TestBrowserSearchShift opens searches given in the URL over a slow
// network, on a phone's screen and a laptop's, and checks that the results,
// when they come, move nothing the reader already sees: no layout shift,
// as Chromium's Layout Instability API counts it (the footer was pushed
// down in view, 0.13 at 375 px).
func TestBrowserSearchShift(t *testing.T) {
	mem := buildSites(t, os.DirFS("../.."))[0]
	site := memoryHandler(func() (*output.Memory, time.Time) { return mem, time.Time{} })
	root := serveHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, file, ok := strings.Cut(r.URL.Path, "/search/"); ok && file != "" {
			time.Sleep(150 * time.Millisecond) // the index files and search.js come late
		}
		site.ServeHTTP(w, r)
	}))
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.shifts = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) {
				if (!e.hadRecentInput) window.shifts.push(e.value.toFixed(3) + " of " + e.sources.map((s) => s.node?.nodeName).join(", "));
			}
		}).observe({ type: "layout-shift", buffered: true });`}); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int64{{375, 700}, {1280, 800}} {
		if _, err := chromedp.Call(tb.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: size[0], Height: size[1], DeviceScaleFactor: 1}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"%40hbm_hawk", "margins", "zzzz"} {
			tb.run("opening a search of "+q, chromedp.Navigate(root+"search/?q="+q))
			tb.waitFor("its results", `document.getElementById("search-status").textContent !== ""`)
			// Shifts are reported after the frame that made them.
			eval[bool](tb, `new Promise((done) => requestAnimationFrame(() => setTimeout(() => done(true), 100)))`)
			if shifts := eval[[]string](tb, `window.shifts`); len(shifts) > 0 {
				t.Errorf("%d px wide, ?q=%s: the page shifted as its results came: %q", size[0], q, shifts)
			}
		}
	}
}
