package search_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The controls around the results: a link, a query typed and a query sent
// with Enter give the same results, a space ending the last word or not;
// More results adds each result once, however fast it is clicked, and
// hands the focus to the first it adds; Shift with an arrow selects text
// in the box rather than move to the results; Back and Forward go through
// the searches sent; a query of no word says so.
func TestBrowserSearchControls(t *testing.T) {
	root := serveMemory(t, buildSites(t, os.DirFS("../.."))[0])
	tb := newTab(t)
	status := `document.getElementById("search-status").textContent`

	tb.run("opening a search whose last word ends in a space", chromedp.Navigate(root+"search/?q=whisp+"))
	tb.waitFor("the status", status+` !== ""`)
	linked := eval[string](tb, status)
	tb.run("typing it", js(`document.getElementById("search-q").value = ""`), chromedp.SendKeys(chromedp.CSS("#search-q"), "whisp "))
	tb.waitFor("the status of the query typed", fmt.Sprintf(`location.search === "?q=whisp+" && %s === %q`, status, linked))
	tb.run("sending it", chromedp.KeyEvent(kb.Enter))
	time.Sleep(300 * time.Millisecond)
	if got := eval[string](tb, status); got != linked {
		t.Errorf("whisp and a space: the link shows %q, Enter %q", linked, got)
	}

	tb.run("opening a search of many results", chromedp.Navigate(root+"search/?q=the"))
	tb.waitFor("ten results and More", `document.querySelectorAll("#search-results > li").length === 10 && !document.getElementById("search-more").hidden`)
	tb.run("clicking More twice", js(`const b = document.getElementById("search-more"); b.focus(); b.click(); b.click()`))
	tb.waitFor("more results", `document.querySelectorAll("#search-results > li").length > 10`)
	time.Sleep(500 * time.Millisecond)
	titles := tb.titles()
	if seen := map[string]bool{}; len(titles) > 0 {
		for _, title := range titles {
			if seen[title] {
				t.Errorf("More clicked twice shows %q twice among %d results", title, len(titles))
			}
			seen[title] = true
		}
	}
	if !eval[bool](tb, `document.activeElement === document.querySelectorAll("#search-results > li h2 a")[10]`) {
		t.Errorf("after More, the focus is on %s, want the eleventh result", eval[string](tb, `document.activeElement.outerHTML.slice(0, 80)`))
	}

	tb.run("pressing Shift+↓ in the box", js(`document.getElementById("search-q").focus()`),
		chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierShift)))
	time.Sleep(100 * time.Millisecond)
	if !eval[bool](tb, `document.activeElement?.id === "search-q"`) {
		t.Error("Shift+↓ in the box moved the focus to the results")
	}

	// Every card shows each word of the query, marked: a snippet of the
	// body does not take the place of a summary that showed one, and words
	// far apart in a body each get a piece of it.
	for q, words := range map[string][]string{"robot+arms": {"robot", "arm"}, "closed+benchmark": {"closed", "benchmark"}} {
		tb.run("searching "+q, chromedp.Navigate(root+"search/?q="+q))
		tb.waitFor("results", `document.querySelectorAll("#search-results > li").length >= 2`)
		for _, marks := range eval[[]string](tb, `Array.from(document.querySelectorAll("#search-results > li"), li =>
			Array.from(li.querySelectorAll("mark"), m => m.textContent.toLowerCase()).join(","))`) {
			for _, w := range words {
				if !strings.Contains(marks, w) {
					t.Errorf("%s: a card marks only %q", q, marks)
				}
			}
		}
	}
	// A word of a heading shows with what the heading heads.
	tb.run("searching actionable", chromedp.Navigate(root+"search/?q=actionable"))
	tb.waitFor("results", `document.querySelectorAll("#search-results > li").length >= 2`)
	for _, s := range eval[[]string](tb, `Array.from(document.querySelectorAll("#search-results p.snippet"), p => p.textContent)`) {
		if _, after, ok := strings.Cut(s, "Actionable Idea — "); !ok || len(after) < 20 {
			t.Errorf("actionable: the snippet %q does not go on into the heading's paragraph", s)
		}
	}

	// History: each search sent is an entry, not each letter typed; Back
	// shows the search before, its words in the box and its results.
	tb.run("opening a search to go back to", chromedp.Navigate(root+"search/?q=humanoid"))
	tb.firstIs("the results of the link", "Humanoid pilots meet the safety rulebook")
	entries := eval[int](tb, `history.length`)
	for _, q := range []string{"whisp", "chip"} {
		tb.run("typing "+q, js(`document.getElementById("search-q").value = ""`), chromedp.SendKeys(chromedp.CSS("#search-q"), q))
		tb.waitFor("the URL of "+q, fmt.Sprintf(`location.search === "?q=%s"`, q))
		tb.run("sending "+q, chromedp.KeyEvent(kb.Enter))
	}
	tb.firstIs("the results of chip", "Robots need more chips than you think")
	if n := eval[int](tb, `history.length`) - entries; n != 2 {
		t.Errorf("two searches typed and sent add %d entries to the history, want 2", n)
	}
	tb.run("going back", js(`history.back()`))
	tb.firstIs("the results of whisp again", "Whispers of a memory glut")
	if q := eval[string](tb, `document.getElementById("search-q").value`); q != "whisp" {
		t.Errorf("after Back, the box holds %q, want whisp", q)
	}
	tb.run("going back again", js(`history.back()`))
	tb.firstIs("the results of the link again", "Humanoid pilots meet the safety rulebook")
	tb.run("going forward", js(`history.forward()`))
	tb.firstIs("the results of whisp once more", "Whispers of a memory glut")
	if loc := eval[string](tb, `location.search`); loc != "?q=whisp" {
		t.Errorf("after Forward, the URL's query is %q, want ?q=whisp", loc)
	}

	// A filter chosen after typing is a search of its own: Back goes to
	// the query typed, unfiltered.
	tb.run("typing cop", js(`document.getElementById("search-q").value = ""`), chromedp.SendKeys(chromedp.CSS("#search-q"), "cop"))
	tb.waitFor("the URL of cop", `location.search === "?q=cop"`)
	tb.run("choosing bullish", js(`const s = document.getElementById("search-consensus"); s.value = "bullish"; s.dispatchEvent(new Event("change"))`))
	tb.waitFor("the URL of cop, bullish", `location.search === "?q=cop&consensus=bullish"`)
	tb.run("going back", js(`history.back()`))
	tb.waitFor("the URL of cop alone", `location.search === "?q=cop" && document.getElementById("search-consensus").value === ""`)

	tb.run("opening a search of no word", chromedp.Navigate(root+"search/?q=%40"))
	tb.waitFor("the page says there is nothing to look for", status+` === "Nothing to look for: words are letters and digits."`)
}
