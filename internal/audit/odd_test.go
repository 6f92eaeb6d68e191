package audit_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/signaldigest/signal/internal/sitetest"
)

// TestOddContent opens the pages of testdata/odd.txtar, whose words, URLs,
// theme names, scopes and quoted table are too long for a phone's line, at
// a phone's widths: the theme wraps them, or scrolls them in a box of
// their own, and no page scrolls sideways.
func TestOddContent(t *testing.T) {
	t.Parallel()
	chrome, axe := browserTools(t)
	s := serveTxtar(t, "testdata/odd.txtar")
	pages := []string{"/", "/2026/11/20/long-scope/", "/archive/", "/themes/", "/themes/supercalifragilisticexpialidociousnessxyzabc/",
		"/sources/", "/sources/wide_table/", "/sources/abcdefghijklmnopqrstuvwxyz1234/", "/consensus/bullish/",
		"/consensus/bearish/", "/conviction/high/", "/search/", "/search/?q=supercal"}
	tab := browser(t, chrome, 3*time.Minute)
	for _, width := range []int64{320, 375} {
		if err := emulate(tab, width, "light"); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s/%d", strings.Trim(p, "/"), width), func(t *testing.T) {
				if err := chromedp.Do(tab, chromedp.Navigate(s.server.URL+p)); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(p, "?q=") {
					if err := chromedp.Do(tab, chromedp.WaitVisible(chromedp.CSS("#search-results li"))); err != nil {
						t.Fatal(err)
					}
				}
				fits(t, tab)
				broken, err := chromedp.Run(tab, chromedp.Evaluate[[]string](brokenBadgeWords))
				if err != nil {
					t.Fatal(err)
				}
				if len(broken) > 0 {
					t.Errorf("words of badges broken over two lines: %q", broken)
				}
				checkAxe(t, tab, axe)
			})
		}
	}
}

// brokenBadgeWords lists the words of badges (a stance, a level) that
// break over two lines: a long scope beside one wraps, but not into it.
const brokenBadgeWords = `(() => {
	const broken = [];
	for (const badge of document.querySelectorAll(".badge")) {
		const walk = document.createTreeWalker(badge, NodeFilter.SHOW_TEXT);
		for (let n; (n = walk.nextNode()); ) {
			const word = n.textContent.trim();
			if (!word || /\s/.test(word) || word.length > 20) continue;
			const r = document.createRange();
			r.selectNodeContents(n);
			if (new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top))).size > 1) broken.push(word);
		}
	}
	return broken;
})()`

// TestRightToLeft opens a page of testdata/rtl.txtar, a site in Arabic:
// it reads from the right, its lists, quotes and arrows with it, and fits
// a phone.
func TestRightToLeft(t *testing.T) {
	t.Parallel()
	chrome, axe := browserTools(t)
	s := serveTxtar(t, "testdata/rtl.txtar")
	tab := browser(t, chrome, time.Minute)
	if err := emulate(tab, 375, "light"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(s.server.URL+"/2026/11/20/arabic/")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`(() => {
		const style = (sel) => getComputedStyle(document.querySelector(sel));
		const list = style(".body ul"), quote = style(".body blockquote"), arrow = style(".prev-next .arrow");
		return [document.dir, style("main").direction, arrow.transform === "none" ? "arrow as in English" : "arrow mirrored",
			list.paddingRight !== "0px" && list.paddingLeft === "0px" ? "list from the right" : "list padded " + list.paddingLeft + " left, " + list.paddingRight + " right",
			quote.borderRightWidth === "3px" && quote.borderLeftWidth === "0px" ? "quote ruled on the right" : "quote ruled " + quote.borderLeftWidth + " left, " + quote.borderRightWidth + " right"];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"rtl", "rtl", "arrow mirrored", "list from the right", "quote ruled on the right"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("the Arabic digest page: %q, want %q", got, want)
	}
	fits(t, tab)
	checkAxe(t, tab, axe)
}

// serveTxtar builds the site of a txtar file and serves it.
func serveTxtar(t *testing.T, name string) *sample {
	t.Helper()
	_, fsys := sitetest.Read(t, name)
	s, err := serveSite(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
