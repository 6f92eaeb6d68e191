package serve_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/signaldigest/signal/internal/browsertest"
)

// TestBrowserMovedDigest edits the date of the digest open in a tab, then
// renames its file: each moves its page, and the tab, reloading, follows it
// to its new address, keeping its #fragment, where it would land on a 404.
func TestBrowserMovedDigest(t *testing.T) {
	chrome := browsertest.Path(t)
	began := time.Now()
	dir, alpha, root, log := twoDigestSite(t)
	p := &browserPage{t: t, log: log}
	tab, tabCancel := chromedp.NewContext(chromium(t, chrome), chromedp.WithListener(p.listen))
	defer tabCancel()
	step := p.stepper(began)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	p.ctx = tab
	nctx, ncancel := context.WithTimeout(tab, browserWait)
	err := chromedp.Do(nctx, chromedp.Navigate(root+"/2025/01/06/alpha/#whats-moving"), chromedp.WaitVisible(chromedp.CSS("h1")))
	ncancel()
	if err != nil {
		t.Fatalf("opening the digest: %v\n%s", err, p.diagnostics())
	}
	p.waitHello(0)
	step("digest open")

	// A new date: same file, new address.
	hellos := p.count("hello")
	browserWrite(t, alpha, strings.Replace(browserDigest("Alpha compute call", "Bullish", "- **Chips** — the body."), "date: 2025-01-06", "date: 2025-01-08", 1))
	p.waitUntil("the tab at the digest's new address", `location.pathname === "/2025/01/08/alpha/" && location.hash === "#whats-moving" && document.querySelector("h1")?.textContent === "Alpha compute call"`)
	p.waitHello(hellos)
	step("date edited: the tab followed")

	// A new file name: the one file gone and the one new are the move.
	if err := os.Rename(alpha, filepath.Join(dir, "content", "2025-01-06-gamma.md")); err != nil {
		t.Fatal(err)
	}
	p.waitUntil("the tab at the renamed digest's address", `location.pathname === "/2025/01/08/gamma/" && document.querySelector("h1")?.textContent === "Alpha compute call"`)
	step("file renamed: the tab followed")
	// The first address leads to the last, and a digest now at an old
	// address is served there. ask fetches u from the tab until cond holds
	// of the address the answer came from and its h1, trying again when a
	// reload cuts the fetch.
	ask := func(u, what string, cond func(url, h1 string) bool) {
		t.Helper()
		deadline := time.Now().Add(browserWait)
		for {
			ctx, cancel := context.WithTimeout(tab, 2*time.Second)
			v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`fetch("`+u+`").then(async (r) => [r.url, (await r.text()).match(/<h1[^>]*>([^<]*)/)?.[1] ?? ""])`, chromedp.EvalAwaitPromise))
			cancel()
			if err == nil && len(v) == 2 && cond(v[0], v[1]) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: fetching %s gives %q (%v)\n%s", what, u, v, err, p.diagnostics())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	ask("/2025/01/06/alpha/?x=1", "the first address leads to the last", func(u, h1 string) bool {
		return u == root+"/2025/01/08/gamma/?x=1" && h1 == "Alpha compute call"
	})
	browserWrite(t, alpha, browserDigest("Alpha again", "Bullish", "- **Chips** — a new digest at the first file."))
	ask("/2025/01/06/alpha/", "a new digest at the first address is served there", func(u, h1 string) bool {
		return u == root+"/2025/01/06/alpha/" && h1 == "Alpha again"
	})
	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("uncaught JavaScript exceptions in the page:\n%s", strings.Join(ex, "\n"))
	}
}
