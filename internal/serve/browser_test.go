package serve_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/browsertest"
)

// The browser test drives a real Chromium against `signal serve` and checks
// what SPEC §5 promises a page that is open in it: an edit reloads the page
// by itself, a broken build shows its errors in an overlay pushed to the open
// page, fixing the file clears the overlay, and a stylesheet change swaps
// the stylesheet without a reload.

// browserWait bounds every wait for the page; the whole test takes a few
// seconds, and a hang ends at browserDeadline at the latest.
const (
	browserWait     = 10 * time.Second
	browserDeadline = 60 * time.Second
)

const browserSiteYAML = `title: "Browser Test"
base_url: "https://example.org/archive/"
`

// browserDigest is a digest whose consensus sits on line 4.
func browserDigest(title, consensus, body string) string {
	return "---\n" +
		"title: \"" + title + "\"\n" +
		"date: 2025-01-06\n" +
		"consensus: \"" + consensus + "\"\n" +
		"conviction: high\n" +
		"tags: [Compute, Rates]\n" +
		"---\n\n" +
		"## What's Moving\n\n" + body + "\n"
}

const browserSecondDigest = `---
title: "Beta rates reprice"
date: 2025-01-07
consensus: "Bearish (for long duration)"
conviction: Medium
tags: [Rates]
---

## What's Moving

- **Term premium returns** — the curve steepens.
`

func TestBrowserLiveReload(t *testing.T) {
	chrome := browsertest.Path(t)
	began := time.Now()

	// The site: two digests and a stylesheet of its own, which overrides the
	// built-in theme's. static/ exists from the start, so that changing the
	// stylesheet later is a change to static/style.css and nothing else.
	dir := t.TempDir()
	theme, err := fs.ReadFile(signal.Theme, "static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	alpha := filepath.Join(dir, "content", "2025-01-06-alpha.md")
	style := filepath.Join(dir, "static", "style.css")
	browserWrite(t, filepath.Join(dir, "site.yaml"), browserSiteYAML)
	browserWrite(t, alpha, browserDigest("Alpha compute call", "Bullish", "- **Chips** — the first version of the body."))
	browserWrite(t, filepath.Join(dir, "content", "2025-01-07-beta.md"), browserSecondDigest)
	browserWrite(t, style, string(theme))

	// The server, on a port of our own.
	var log syncBuffer
	root, _ := serveDir(t, dir, &log) // stopped in a cleanup, after the browser

	// The browser, with a profile of its own. Its life is bound to
	// browserDeadline, so that nothing below can hang the test run.
	bctx, bcancel := context.WithTimeout(context.Background(), browserDeadline)
	defer bcancel()
	allocCtx, allocCancel := browsertest.Allocator(bctx, t, chrome)
	defer allocCancel() // kills chromium and waits for it, before its profile is removed
	p := &browserPage{t: t, log: &log}
	tab, tabCancel := chromedp.NewContext(allocCtx, chromedp.WithListener(p.listen))
	defer tabCancel()
	step := p.stepper(began)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	p.ctx = tab
	step("chromium started")

	// 1. Open a digest page.
	page := root + "/2025/01/06/alpha/"
	nctx, ncancel := context.WithTimeout(tab, browserWait)
	err = chromedp.Do(nctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("h1")))
	ncancel()
	if err != nil {
		t.Fatalf("opening %s: %v\n%s", page, err, p.diagnostics())
	}
	if h1 := p.str(`document.querySelector("h1").textContent`); h1 != "Alpha compute call" {
		t.Fatalf("h1 = %q, want %q\n%s", h1, "Alpha compute call", p.diagnostics())
	}
	if p.str(`String(!!document.getElementById("signal-overlay"))`) != "false" {
		t.Fatalf("a good build shows the error overlay\n%s", p.diagnostics())
	}
	p.waitHello(0) // the page listens: the next change reaches it as an event
	step("page open, event stream connected")

	// 2. An edit reloads the open page by itself: the test does not navigate.
	p.eval(`window.__marker = 1`)
	hellos := p.count("hello")
	browserWrite(t, alpha, browserDigest("Alpha revised", "Bullish", "- **Chips** — freshly edited body text."))
	p.waitUntil("the page shows the edited digest", `document.querySelector("h1")?.textContent === "Alpha revised" && document.body.innerText.includes("freshly edited body text")`)
	if m := p.str(`typeof window.__marker`); m != "undefined" {
		t.Errorf("window.__marker is still set (%s) after the edit: the page changed without a reload", m)
	}
	if loc := p.str(`location.href`); loc != page {
		t.Errorf("the page is at %s after the reload, want %s", loc, page)
	}
	if p.count("reload") == 0 {
		t.Errorf("the page reloaded, but no reload event reached it\n%s", p.diagnostics())
	}
	p.waitHello(hellos)
	step("edit: page reloaded by itself")

	// 3. A broken build pushes its errors to the open page, which keeps the
	// last good build: no reload, the overlay is added in place.
	p.eval(`window.__marker = 3`)
	browserWrite(t, alpha, browserDigest("Alpha broken", "Bulish", "- **Chips** — this build fails."))
	p.waitUntil("the error overlay appears", `!!document.getElementById("signal-overlay")`)
	overlay := p.str(`document.getElementById("signal-overlay").innerText`)
	wantErr := regexp.MustCompile(`content/2025-01-06-alpha\.md:4:(\d+:)? consensus: unknown stance "[Bb]ulish"`)
	if !strings.Contains(overlay, "content/2025-01-06-alpha.md:") || !strings.Contains(overlay, "unknown stance") || !wantErr.MatchString(overlay) {
		t.Errorf("overlay text = %q, want the file, its line and \"unknown stance\" (%s)", overlay, wantErr)
	}
	if m := p.str(`String(window.__marker)`); m != "3" {
		t.Errorf("window.__marker = %s after the broken build, want 3: the overlay should be pushed to the open page, not come with a reload", m)
	}
	if h1 := p.str(`document.querySelector("h1").textContent`); h1 != "Alpha revised" {
		t.Errorf("h1 = %q while the build is broken, want the last good build's %q", h1, "Alpha revised")
	}
	step("broken build: overlay pushed")

	// 3b. A page opened while the build is broken shows the overlay too, as
	// part of its HTML: it shows with JavaScript off.
	fresh, freshCancel := chromedp.NewContext(tab) // a second tab
	fctx, fcancel := context.WithTimeout(fresh, browserWait)
	err = chromedp.Do(fctx)
	if err == nil {
		_, err = chromedp.Call(fctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	}
	if err == nil {
		err = chromedp.Do(fctx, chromedp.Navigate(root+"/2025/01/07/beta/"), chromedp.WaitVisible(chromedp.ID("signal-overlay")))
	}
	var freshOverlay string
	if err == nil {
		freshOverlay, err = chromedp.Run(fctx, chromedp.Text(chromedp.ID("signal-overlay")))
	}
	fcancel()
	freshCancel()
	if err != nil {
		t.Errorf("a page opened (JavaScript off) while the build is broken: no overlay: %v", err)
	} else if !wantErr.MatchString(freshOverlay) {
		t.Errorf("fresh page's overlay = %q, want %s", freshOverlay, wantErr)
	}
	step("broken build: fresh page (no JS) has the overlay")

	// 4. Fixing the file clears the overlay by itself.
	hellos = p.count("hello")
	browserWrite(t, alpha, browserDigest("Alpha fixed", "Bullish", "- **Chips** — the fixed body."))
	p.waitUntil("the overlay clears and the fixed digest shows", `!document.getElementById("signal-overlay") && document.querySelector("h1")?.textContent === "Alpha fixed"`)
	p.waitHello(hellos)
	step("fix: overlay gone, page reloaded")

	// 5. A stylesheet change swaps the stylesheet in place: no reload.
	p.eval(`window.__marker = 2`)
	browserWrite(t, style, string(theme)+"\nbody{outline:7px solid rgb(1, 2, 3)}\n")
	p.waitUntil("the new stylesheet applies", `getComputedStyle(document.body).outlineWidth === "7px"`)
	if m := p.str(`String(window.__marker)`); m != "2" {
		t.Errorf("window.__marker = %s after a stylesheet change, want 2: the stylesheet should be swapped without a reload", m)
	}
	if c := p.str(`getComputedStyle(document.body).outlineColor`); c != "rgb(1, 2, 3)" {
		t.Errorf("outline colour = %q, want rgb(1, 2, 3)", c)
	}
	if p.count("css") == 0 {
		t.Errorf("the stylesheet changed, but no css event reached the page\n%s", p.diagnostics())
	}
	step("css: stylesheet swapped without a reload")

	if ex := p.exceptions(); len(ex) > 0 {
		t.Errorf("uncaught JavaScript exceptions in the page:\n%s", strings.Join(ex, "\n"))
	}
	if t.Failed() {
		t.Log(p.diagnostics())
	}
}

func browserWrite(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// browserPage is the open tab, with what it has seen: the Server-Sent
// Events its reload script received, and uncaught exceptions.
type browserPage struct {
	t   *testing.T
	ctx context.Context
	log *syncBuffer

	mu     sync.Mutex
	events []string // "name data", in order of arrival
	thrown []string
}

// listen runs in the tab's event loop: it must return at once.
func (p *browserPage) listen(ev any) {
	switch ev := ev.(type) {
	case *network.EventEventSourceMessageReceived:
		data := ev.Data
		if len(data) > 60 {
			data = data[:60] + "…"
		}
		p.mu.Lock()
		p.events = append(p.events, ev.EventName+" "+data)
		p.mu.Unlock()
	case *runtime.EventExceptionThrown:
		text := ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			text += " " + ev.ExceptionDetails.Exception.Description
		}
		p.mu.Lock()
		p.thrown = append(p.thrown, text)
		p.mu.Unlock()
	}
}

// count is how many events of that name the tab has received.
func (p *browserPage) count(name string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, e := range p.events {
		if e == name || strings.HasPrefix(e, name+" ") {
			n++
		}
	}
	return n
}

func (p *browserPage) exceptions() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.thrown...)
}

// waitHello waits until the page has received more than n "hello" events:
// the event stream of the page now open is connected, so that a change
// made next reaches it as an event.
func (p *browserPage) waitHello(n int) {
	p.t.Helper()
	deadline := time.Now().Add(browserWait)
	for p.count("hello") <= n {
		if time.Now().After(deadline) {
			p.t.Fatalf("the page's event stream did not connect within %v\n%s", browserWait, p.diagnostics())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitUntil polls a JavaScript condition until it holds. The page may
// reload meanwhile: an evaluation that fails then is tried again.
func (p *browserPage) waitUntil(what, cond string) {
	p.t.Helper()
	if err := browsertest.Until(p.ctx, browserWait, cond); err != nil {
		p.t.Fatalf("%s: %v\n%s", what, err, p.diagnostics())
	}
}

// str evaluates an expression that gives a string.
func (p *browserPage) str(expr string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserWait)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v\n%s", expr, err, p.diagnostics())
	}
	return s
}

func (p *browserPage) eval(expr string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, browserWait)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](expr)); err != nil {
		p.t.Fatalf("evaluating %s: %v\n%s", expr, err, p.diagnostics())
	}
}

// diagnostics describes the state of things for a failure message.
func (p *browserPage) diagnostics() string {
	var b strings.Builder
	if p.ctx != nil {
		ctx, cancel := context.WithTimeout(p.ctx, 2*time.Second)
		state, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`location.href + " | h1: " + document.querySelector("h1")?.textContent + " | overlay: " + document.getElementById("signal-overlay")?.innerText`))
		cancel()
		if err != nil {
			state = "(unreadable: " + err.Error() + ")"
		}
		fmt.Fprintf(&b, "page: %s\n", state)
	}
	p.mu.Lock()
	fmt.Fprintf(&b, "events received by the page: %q\n", p.events)
	if len(p.thrown) > 0 {
		fmt.Fprintf(&b, "exceptions: %q\n", p.thrown)
	}
	p.mu.Unlock()
	fmt.Fprintf(&b, "server log:\n%s", p.log.String())
	return b.String()
}

// stepper logs the time each step took.
func (p *browserPage) stepper(began time.Time) func(string) {
	last := began
	return func(what string) {
		p.t.Helper()
		now := time.Now()
		p.t.Logf("%-50s %6d ms (total %d ms)", what, now.Sub(last).Milliseconds(), now.Sub(began).Milliseconds())
		last = now
	}
}

// TestBrowserManyTabs opens more preview tabs than a browser opens
// connections to one host (six): every one loads, since the tabs share one
// event stream, and an edit reloads every one.
func TestBrowserManyTabs(t *testing.T) {
	chrome := browsertest.Path(t)
	_, alpha, root, _ := twoDigestSite(t)
	first, firstCancel := chromedp.NewContext(chromium(t, chrome))
	defer firstCancel()
	if err := chromedp.Do(first); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	pages := []string{"/2025/01/06/alpha/", "/", "/archive/", "/themes/", "/sources/", "/2025/01/07/beta/", "/themes/rates/", "/consensus/", "/2025/01/06/alpha/"}
	var tabs []context.Context
	for i, path := range pages {
		tab := first
		if i > 0 {
			var cancel context.CancelFunc
			tab, cancel = chromedp.NewContext(first) // a tab of the same browser
			defer cancel()
			if err := chromedp.Do(tab); err != nil { // opened here, so that it outlives the wait below
				t.Fatal(err)
			}
		}
		ctx, cancel := context.WithTimeout(tab, browserWait)
		err := chromedp.Do(ctx, chromedp.Navigate(root+path), chromedp.WaitVisible(chromedp.CSS("h1")), chromedp.Evaluate[chromedp.Void](`window.__marker = 1`))
		cancel()
		if err != nil {
			t.Fatalf("tab %d (%s) did not load: %v", i+1, path, err)
		}
		tabs = append(tabs, tab)
	}
	// Every tab listens before the edit: the one that holds the stream has
	// its hello, and the others are waiting on the channel.
	time.Sleep(300 * time.Millisecond)
	browserWrite(t, alpha, browserDigest("Alpha revised", "Bullish", "- **Chips** — the edited body."))
	for i, tab := range tabs {
		// A reload that comes while the page is asked starts the question
		// again.
		deadline := time.Now().Add(browserWait)
		for {
			ctx, cancel := context.WithTimeout(tab, time.Second)
			done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof window.__marker === "undefined" && document.readyState === "complete"`))
			cancel()
			if err == nil && done {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("tab %d (%s) did not reload after the edit: %v", i+1, pages[i], err)
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	ctx, cancel := context.WithTimeout(tabs[len(tabs)-1], browserWait)
	defer cancel()
	if h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("h1").textContent`)); err != nil || h1 != "Alpha revised" {
		t.Errorf("the last tab shows %q (%v), want the edit", h1, err)
	}
}

// twoDigestSite writes a site of two digests to a folder of its own and
// serves it until the test ends. It returns the folder, the file of the
// first digest, the served root and the server's log.
func twoDigestSite(t *testing.T) (dir, alpha, root string, log *syncBuffer) {
	t.Helper()
	dir = t.TempDir()
	alpha = filepath.Join(dir, "content", "2025-01-06-alpha.md")
	browserWrite(t, filepath.Join(dir, "site.yaml"), browserSiteYAML)
	browserWrite(t, alpha, browserDigest("Alpha compute call", "Bullish", "- **Chips** — the body."))
	browserWrite(t, filepath.Join(dir, "content", "2025-01-07-beta.md"), browserSecondDigest)
	log = &syncBuffer{}
	root, _ = serveDir(t, dir, log)
	return dir, alpha, root, log
}

// chromium starts Chromium, with a profile of its own, for the rest of the
// test and at most browserDeadline; it is killed, and waited for, before
// the server stops.
func chromium(t *testing.T, chrome string) context.Context {
	t.Helper()
	bctx, bcancel := context.WithTimeout(context.Background(), browserDeadline)
	allocCtx, allocCancel := browsertest.Allocator(bctx, t, chrome)
	t.Cleanup(func() {
		allocCancel()
		bcancel()
	})
	return allocCtx
}
