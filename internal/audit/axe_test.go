package audit_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/signaldigest/signal/internal/browsertest"
)

// widths are a phone's and a desktop's, in CSS pixels; schemes the two
// colour schemes the theme follows.
var (
	widths  = []int64{375, 1280}
	schemes = []string{"light", "dark"}
)

// violation is what axe-core reports for one rule.
type violation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axeRun runs axe-core on the page and returns its violations, each node
// named by its CSS selector and what failed.
const axeRun = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help,
	nodes: v.nodes.map(n => n.target.join(" ") + ": " + (n.failureSummary || "").replace(/\s+/g, " "))
})))`

// TestAxe opens every page kind in Chromium, in both colour schemes and at
// both widths, and checks it as a reader's audit tools would: axe-core
// finds no violation, nothing scrolls sideways, and every request goes to
// the site's own host.
func TestAxe(t *testing.T) {
	t.Parallel()
	chrome, axe := browserTools(t)
	s := serve(t)
	pages := s.audited(t)
	shots := os.Getenv("SIGNAL_AUDIT_SCREENSHOTS")

	var reqs requests
	tab := browser(t, chrome, 5*time.Minute, chromedp.WithListener(reqs.listen)) // 48 pages take a minute; a loaded CI machine may take more
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}

	began, runs := time.Now(), 0
	for _, width := range widths {
		for _, scheme := range schemes {
			if err := emulate(tab, width, scheme); err != nil {
				t.Fatalf("emulating %d px, %s: %v", width, scheme, err)
			}
			for _, k := range pages {
				t.Run(fmt.Sprintf("%s/%d/%s", k.name, width, scheme), func(t *testing.T) {
					runs++
					audit(t, tab, s, k, axe, &reqs)
					if shots != "" {
						screenshot(t, tab, filepath.Join(shots, fmt.Sprintf("%s-%d-%s.png", k.name, width, scheme)))
					}
				})
			}
		}
	}
	t.Logf("%d audits in %v", runs, time.Since(began).Round(time.Millisecond))
}

// browserTools finds Chromium and axe-core, which the audits in a browser need.
func browserTools(t *testing.T) (chrome string, axe []byte) {
	t.Helper()
	chrome = command(t, "apt-get install -y chromium", "chromium", "chromium-browser", "google-chrome")
	axe, err := os.ReadFile(need(t, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return chrome, axe
}

// browser starts Chromium, with scroll bars that take room as a reader's
// do, and returns a tab of it that closes when the test ends or after d.
func browser(t *testing.T, chrome string, d time.Duration, opts ...chromedp.ContextOption) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	alloc, allocCancel := browsertest.Allocator(ctx, t, chrome, chromedp.Flag("hide-scrollbars", false))
	t.Cleanup(allocCancel)
	tab, tabCancel := chromedp.NewContext(alloc, opts...)
	t.Cleanup(tabCancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	return tab
}

// emulate gives the tab a screen width wide, on a phone below 600, and a
// colour scheme.
func emulate(tab context.Context, width int64, scheme string) error {
	err := chromedp.Do(tab, chromedp.EmulateViewport(width, 900, emulateMobile(width)))
	if err == nil {
		_, err = chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
	}
	return err
}

func emulateMobile(width int64) chromedp.EmulateViewportOption {
	if width < 600 {
		return chromedp.EmulateMobile
	}
	return func(*emulation.SetDeviceMetricsOverrideParams, *emulation.SetTouchEmulationEnabledParams) {}
}

// audit opens one page and checks it.
func audit(t *testing.T, tab context.Context, s *sample, k kind, axe []byte, reqs *requests) {
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	defer cancel()
	reqs.reset()
	if err := chromedp.Do(ctx, chromedp.Navigate(s.server.URL+k.path)); err != nil {
		t.Fatalf("opening %s: %v", k.path, err)
	}
	if k.ready != "" {
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(k.ready))); err != nil {
			t.Fatalf("%s never shows %s: %v", k.path, k.ready, err)
		}
	}
	for _, u := range reqs.all() {
		if p, err := url.Parse(u); err != nil || p.Host != s.host {
			t.Errorf("a request to another host: %s", u)
		}
	}
	fits(t, ctx)
	layout, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](layoutChecks))
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range layout {
		t.Errorf("layout: %s", problem)
	}
	checkAxe(t, ctx, axe)
}

// checkAxe runs axe-core on the page open in the tab: each violation it
// finds is an error.
func checkAxe(t *testing.T, tab context.Context, axe []byte) {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	vs, err := chromedp.Run(tab, chromedp.Evaluate[[]violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	for _, v := range vs {
		t.Errorf("axe: %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}

// fits checks that the page does not scroll sideways as it opens, nor
// with every <details> open: the tables of the charts are checked too.
func fits(t *testing.T, tab context.Context) {
	t.Helper()
	for _, state := range []string{"as it opens", "with its details open"} {
		if state != "as it opens" {
			if err := chromedp.Do(tab, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("details").forEach(d => d.open = true)`)); err != nil {
				t.Fatal(err)
			}
		}
		if wide := sideways(t, tab); wide != "" {
			t.Errorf("the page %s scrolls sideways: %s", state, wide)
		}
	}
}

// sideways returns how much wider than the screen the page is, and the
// innermost elements that stick out of it, or "" when it fits. Not
// innerWidth: on a phone, a page wider than the screen widens the layout
// viewport with it.
func sideways(t *testing.T, tab context.Context) string {
	t.Helper()
	wide, err := chromedp.Run(tab, chromedp.Evaluate[string](`(() => {
		const e = document.documentElement, w = e.clientWidth;
		if (e.scrollWidth <= w) return "";
		const out = (x) => (r => r.right > w + 0.5 || r.left < -0.5)(x.getBoundingClientRect());
		const clipped = (x) => {
			for (let p = x.parentElement; p && p !== e; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
			return false;
		};
		const culprits = Array.from(document.body.querySelectorAll("*"), (x) => x)
			.filter((x) => out(x) && !clipped(x) && !Array.from(x.children).some(out))
			.map((x) => x.tagName.toLowerCase() + (x.getAttribute("class") ? "." + x.getAttribute("class").replace(/ /g, ".") : ""));
		return e.scrollWidth + " px wide in " + w + " (" + culprits.slice(0, 4).join(", ") + ")";
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return wide
}

// layoutChecks finds what a reader would see as broken in the theme's
// layout, which axe-core does not look at:
//   - the header's search box is not on the line of the site's title (it
//     fell to a line of its own), or is squeezed or covered by a long title;
//   - a ticked task box sits lower or higher on its line than an empty one;
//   - a link's underline runs through where an underscore is, so that
//     @fab_notes reads "@fab notes";
//   - the archive's rows are ragged: titles that start at different places,
//     badges beside some titles and below others;
//   - the header's links and search box are reached by Tab in another
//     order than they are read: one on a line above the one before it;
//   - a pager's "Page N of M" is not in the middle, and so moves from page
//     to page;
//   - the header's search box is taller than the site's title, so that the
//     header of the search page, which has no box, is shorter than others.
const layoutChecks = `(() => {
	const out = [];
	let above = null;
	for (const e of document.querySelectorAll(".site-header a, .site-header input, .site-header button")) {
		const r = e.getBoundingClientRect();
		if (r.width <= 1) continue; // hidden until it has the focus
		if (above && r.bottom <= above.r.top) out.push("in the header, Tab goes from " + above.name + " down to " + (e.textContent || e.placeholder) + " and back up");
		above = { r, name: e.textContent || e.placeholder };
	}
	const box = document.querySelector(".site-search input"), siteTitle = document.querySelector(".site-title");
	if (box && siteTitle && box.getBoundingClientRect().height > siteTitle.getBoundingClientRect().height + 0.5) {
		out.push("the search box is " + box.getBoundingClientRect().height + " px tall and the site's title " + siteTitle.getBoundingClientRect().height + " px: the search page's header, without the box, is shorter");
	}
	const pager = document.querySelector(".pager");
	if (pager && pager.children.length === 3) {
		const p = pager.getBoundingClientRect(), m = pager.children[1].getBoundingClientRect();
		const off = (m.left + m.width / 2) - (p.left + p.width / 2);
		if (Math.abs(off) > 2) out.push("the pager's " + pager.children[1].textContent + " is " + Math.round(off) + " px off its middle");
	}
	const title = document.querySelector(".site-title"), search = document.querySelector(".site-search");
	if (title && search) {
		const header = (what) => {
			const a = title.getBoundingClientRect(), b = search.getBoundingClientRect(), box = search.querySelector("input").getBoundingClientRect();
			if (box.width < 100) out.push(what + ": the search box is " + box.width + " px wide");
			if (a.right > b.left && a.left < b.right && a.bottom > b.top && a.top < b.bottom) out.push(what + ": the title and the search box overlap");
			return b.top > a.bottom || b.bottom < a.top;
		};
		if (header("the header") && title.textContent.length < 20) out.push("the search box is not beside the site's title: title " + title.getBoundingClientRect().width + " px, search " + search.getBoundingClientRect().width + " px, in " + title.parentElement.clientWidth + " px");
		const name = title.textContent; // a site with a long name
		title.textContent = "Market Signal Daily: AI, Compute, Chips and Rates";
		header("with a long site title");
		title.textContent = name;
	}
	const offsets = new Set();
	for (const box of document.querySelectorAll(".body li > input[type=checkbox]")) {
		const li = box.parentElement.getBoundingClientRect(), r = box.getBoundingClientRect();
		offsets.add(Math.round(r.top - li.top));
	}
	if (offsets.size > 1) out.push("task boxes sit at different heights on their lines: " + [...offsets].join(", ") + " px");
	const lefts = new Set();
	for (const li of document.querySelectorAll(".archive-list li")) {
		const title = li.querySelector("a"), badges = li.querySelector(".badges");
		lefts.add(Math.round(title.getBoundingClientRect().left));
		if (badges && badges.getBoundingClientRect().top < title.getBoundingClientRect().bottom - 1) out.push("the badges of " + title.textContent + " are beside its title, where other rows have them below");
	}
	if (lefts.size > 1) out.push("the archive's titles start at different places: " + [...lefts].join(", ") + " px");
	for (const a of document.querySelectorAll("a")) {
		const s = getComputedStyle(a);
		if (!a.textContent.includes("_") || !s.textDecorationLine.includes("underline")) continue;
		const offset = s.textUnderlineOffset.endsWith("px") ? parseFloat(s.textUnderlineOffset) : NaN;
		if (!(offset >= 0.25 * parseFloat(s.fontSize))) out.push("an underline hides the underscore of " + a.textContent.trim() + " (offset " + s.textUnderlineOffset + ")");
	}
	return out;
})()`

// screenshot saves the whole page as a PNG, for a person to look at.
func screenshot(t *testing.T, tab context.Context, name string) {
	png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.MkdirAll(filepath.Dir(name), 0o755)
	}
	if err == nil {
		err = os.WriteFile(name, png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot: %v", err)
	}
}

// requests records the URL of every request the tab makes.
type requests struct {
	mu   sync.Mutex
	urls []string
}

// listen runs in the tab's event loop: it must return at once.
func (r *requests) listen(ev any) {
	if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
		r.mu.Lock()
		r.urls = append(r.urls, ev.Request.URL)
		r.mu.Unlock()
	}
}

func (r *requests) reset() {
	r.mu.Lock()
	r.urls = nil
	r.mu.Unlock()
}

func (r *requests) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.urls...)
}
