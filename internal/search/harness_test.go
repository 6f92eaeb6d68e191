package search_test

// The harness of the browser tests: a build of the sample archive in
// memory, served under a base path, and a tab of headless Chromium.

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/browsertest"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/output"
)

const browserWait = 10 * time.Second

// browserDeadline bounds the life of the browser.
var browserDeadline = 60 * time.Second

// basePath is where the test site lives, as under a base_url with a path.
const basePath = "/archive/"

// serveMemory serves a built site under basePath, as a static host would.
func serveMemory(t *testing.T, mem *output.Memory) string {
	t.Helper()
	return serveHandler(t, memoryHandler(func() (*output.Memory, time.Time) { return mem, time.Time{} }))
}

// serveHandler serves h until the test ends, and returns the site's URL.
func serveHandler(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + basePath
}

// memoryHandler serves the build that site gives, under basePath, with
// the time it was modified: a Last-Modified date, and 304 to a request
// made since, as a static host serves it (none for the zero time).
func memoryHandler(site func() (*output.Memory, time.Time)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutPrefix(r.URL.Path, basePath)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		mem, modified := site()
		data, found := mem.File(name)
		if !found {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, name, modified, bytes.NewReader(data))
	})
}

// tab is a Chromium tab, with the exceptions thrown in it.
type tab struct {
	t    *testing.T
	ctx  context.Context
	stop func() // ends the browser
	mu   sync.Mutex
	ex   []string
}

// close ends the tab's browser before the test does.
func (tb *tab) close() { tb.stop() }

func newTab(t *testing.T) *tab {
	t.Helper()
	chrome := browsertest.Path(t)
	ctx, cancel := context.WithTimeout(context.Background(), browserDeadline)
	t.Cleanup(cancel)
	actx, acancel := browsertest.Allocator(ctx, t, chrome)
	t.Cleanup(acancel)
	tb := &tab{t: t}
	tctx, tcancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		if ev, ok := ev.(*runtime.EventExceptionThrown); ok {
			tb.mu.Lock()
			text := ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				text += " " + ev.ExceptionDetails.Exception.Description
			}
			tb.ex = append(tb.ex, text)
			tb.mu.Unlock()
		}
	}))
	t.Cleanup(tcancel)
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	tb.ctx = tctx
	tb.stop = func() { tcancel(); acancel(); cancel() }
	return tb
}

func (tb *tab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, browserWait)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression, awaiting a promise, into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, browserWait)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// js is an action that runs a JavaScript statement.
func js(expr string) chromedp.Action[chromedp.Void] { return chromedp.Evaluate[chromedp.Void](expr) }

// press presses a key as a keyboard does: one keydown that carries the
// character, so that a page that prevents the keydown's default types
// nothing. (chromedp.KeyEvent sends the character in an event of its own,
// which types it whatever the page did with the keydown: "/" landed in
// the search box it had just focused.)
func press(r rune) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var down, char, up *input.DispatchKeyEventParams
		for _, k := range kb.Encode(r) {
			switch k.Type {
			case kb.KeyDown:
				down = k
			case kb.KeyChar:
				char = k
			case kb.KeyUp:
				up = k
			}
		}
		if char != nil {
			down.Text, down.UnmodifiedText = char.Text, char.UnmodifiedText
		}
		for _, k := range []*input.DispatchKeyEventParams{down, up} {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *k); err != nil {
				return err
			}
		}
		return nil
	})
}

// waitFor polls a JavaScript condition until it holds.
func (tb *tab) waitFor(what, cond string) {
	tb.t.Helper()
	if err := browsertest.Until(tb.ctx, browserWait, cond); err != nil {
		tb.t.Fatalf("%s: %v (%s); the page shows:\n%s", what, err, cond, tb.results())
	}
}

// results describes what the results list shows.
func (tb *tab) results() string {
	ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
	defer cancel()
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status")?.textContent + "\n" +
		Array.from(document.querySelectorAll("#search-results > li"), li => "  " + li.querySelector("h2").textContent + " | " + li.querySelector(".stance").textContent).join("\n")`))
	return s
}

// titles are the titles of the results shown, in order.
func (tb *tab) titles() []string {
	tb.t.Helper()
	return eval[[]string](tb, `Array.from(document.querySelectorAll("#search-results > li h2 a"), a => a.textContent)`)
}

// firstIs waits until the first result is the digest with that title.
func (tb *tab) firstIs(what, title string) {
	tb.t.Helper()
	tb.waitFor(what, fmt.Sprintf(`document.querySelector("#search-results > li h2 a")?.textContent === %q`, title))
}

// buildSites builds each site in memory, under basePath.
func buildSites(t *testing.T, sites ...fs.FS) []*output.Memory {
	t.Helper()
	base, _ := url.Parse("https://example.org" + basePath)
	var builds []*output.Memory
	for _, fsys := range sites {
		mem := output.NewMemory()
		_, problems := build.Run(fsys, mem, build.Options{
			Theme: signal.Theme, BaseURL: base, Now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC),
		})
		if err := problems.Err(); err != nil {
			t.Fatal(err)
		}
		builds = append(builds, mem)
	}
	return builds
}

// hostOf serves a build as a static host does, modified at the time given,
// until the test ends; the func it returns serves another in its place.
func hostOf(t *testing.T, mem *output.Memory, modified time.Time) (root string, serve func(*output.Memory, time.Time)) {
	var mu sync.Mutex
	srv := httptest.NewServer(memoryHandler(func() (*output.Memory, time.Time) {
		mu.Lock()
		defer mu.Unlock()
		return mem, modified
	}))
	t.Cleanup(srv.Close)
	return srv.URL + basePath, func(m *output.Memory, at time.Time) {
		mu.Lock()
		mem, modified = m, at
		mu.Unlock()
	}
}

// overlay is fsys with the file name holding data.
type overlay struct {
	fs.FS
	name string
	data []byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if name != o.name {
		return o.FS.Open(name)
	}
	return fstest.MapFS{name: {Data: o.data}}.Open(name)
}
