package search_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestCompareWithPagefind measures what a reader's browser fetches (bytes
// of response bodies as sent, and requests, counted by the server) and how
// long it waits for the first ten results of a query (until they are in
// the document, and until the frame that shows them is made), with signal's
// search and with Pagefind's, on one built site: through its JS API in a
// bare page, its lightest use; through its JS API in signal's own search
// page, which pays the same page and layout as signal; and through its
// default UI, its usual one. And, as the floor of all,
// how long a page waits to run its first script. It runs only
// when scripts/search-bench.sh sets SEARCH_BENCH_SITE to a site built by
// signal and indexed by Pagefind, and SEARCH_BENCH_QUERIES to
// "name=query;name=query"; SEARCH_BENCH_RUNS sets how many loads each
// median is of (5).
func TestCompareWithPagefind(t *testing.T) {
	public := os.Getenv("SEARCH_BENCH_SITE")
	if public == "" {
		t.Skip("SEARCH_BENCH_SITE is not set: run scripts/search-bench.sh")
	}
	ours, err := os.ReadFile(filepath.Join(public, "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{"pagefind-test.html": pagefindPage, "pagefind-ui-test.html": pagefindUIPage, "floor-test.html": floorPage,
		"pagefind-site-test.html": pagefindInPage(t, string(ours))}
	for name, page := range pages {
		if err := os.WriteFile(filepath.Join(public, name), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	browserDeadline = 20 * time.Minute
	runs := 5
	if n, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_RUNS")); err == nil && n > 0 {
		runs = n
	}
	fmt.Printf("%-6s %-13s %-28s %8s %5s %8s %8s %8s\n", "server", "tool", "query", "KB", "reqs", "ms", "painted", "results")
	for _, gz := range []bool{false, true} {
		srv := httptest.NewServer(counter.wrap(staticHandler(public, gz)))
		for q := range strings.SplitSeq(os.Getenv("SEARCH_BENCH_QUERIES"), ";") {
			name, words, _ := strings.Cut(q, "=")
			// Each query is measured in a browser of its own, which no
			// earlier query has slowed; the tools take turns, so that a
			// machine slower for a while slows each of them alike rather
			// than the one it fell on.
			tb := newTab(t)
			tools := []string{"signal", "pagefind", "pagefind-site", "pagefind-ui", "floor"}
			ms := make([][]float64, len(tools))
			painted := make([][]float64, len(tools))
			last := make([]measure, len(tools))
			for range runs {
				for i, tool := range tools {
					u := srv.URL + "/search/?q=" + url.QueryEscape(words)
					if tool != "signal" {
						u = srv.URL + "/" + tool + "-test.html?q=" + url.QueryEscape(words)
					}
					counter.reset()
					m := measureLoad(t, tb, u)
					m.bytes, m.requests = counter.get()
					ms[i] = append(ms[i], m.ms)
					painted[i] = append(painted[i], m.painted)
					last[i] = m
				}
			}
			enc := "plain"
			if gz {
				enc = "gzip"
			}
			for i, tool := range tools {
				sort.Float64s(ms[i])
				sort.Float64s(painted[i])
				m := last[i]
				fmt.Printf("%-6s %-13s %-28s %8.1f %5d %8.0f %8.0f %8d\n", enc, tool, name+" ("+words+")", m.bytes/1024, m.requests, ms[i][len(ms[i])/2], painted[i][len(painted[i])/2], m.results)
			}
			tb.close()
		}
		srv.Close()
	}
}

// pagefindScript shows Pagefind's first ten results through its JS API in
// the list of the id given, and marks the moment they are shown.
func pagefindScript(list string) string {
	return `<script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
const ol = document.getElementById("` + list + `");
for (const d of data) {
  const li = document.createElement("li");
  li.innerHTML = "<h2><a href=\"" + d.url + "\">" + d.meta.title + "</a></h2><p>" + d.excerpt + "</p>";
  ol.append(li);
}
performance.mark("signal:results");
</script>`
}

// pagefindPage is the lightest way to use Pagefind: its JS API in a bare
// page.
var pagefindPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body><ol id="results"></ol>
` + pagefindScript("results") + `</body></html>
`

// pagefindInPage is signal's own search page with Pagefind's JS API in
// place of signal's scripts: the page, its stylesheet and its layout are
// the same, and the first ten results are drawn into its list, as a site
// that used Pagefind's API with this theme would draw them.
func pagefindInPage(t *testing.T, ours string) string {
	t.Helper()
	page := regexp.MustCompile(`(?s)<script>.*?</script>|<script type="module"[^>]*></script>`).ReplaceAllString(ours, "")
	if strings.Contains(page, "<script") || !strings.Contains(page, `id="search-results"`) {
		t.Fatalf("the search page has scripts this benchmark does not know, or no results list:\n%s", page)
	}
	return strings.Replace(page, "</body>", pagefindScript("search-results")+"\n</body>", 1)
}

// pagefindUIPage shows them through Pagefind's default UI, as most sites
// that use Pagefind do (ten to a page rather than its five), and marks the
// moment the first ten results, or all when fewer, show their titles.
const pagefindUIPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind UI</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
</head>
<body><div id="search"></div>
<script>
addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", showSubResults: false, showImages: false, pageSize: 10 });
  ui.triggerSearch(new URLSearchParams(location.search).get("q"));
  new MutationObserver((_, observer) => {
    const message = document.querySelector(".pagefind-ui__message")?.textContent.replace(/,/g, "") || "";
    const m = /^([0-9]+) result/.exec(message) || /^No results/.test(message) && [message, "0"];
    const titled = Array.from(document.querySelectorAll(".pagefind-ui__result-title"), (t) => t.textContent.trim()).filter(Boolean);
    if (m && titled.length >= Math.min(10, +m[1])) {
      performance.mark("signal:results");
      observer.disconnect();
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
});
</script></body></html>
`

// floorPage marks the moment its first script runs: no search can show
// results sooner in a fresh browser context on this machine, and every
// tool pays it.
const floorPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Floor</title>
<script>performance.mark("signal:results")</script></head>
<body></body></html>
`

// counter counts the requests a server answers and the bytes of their
// bodies, as sent (compressed or not). Counting at the server sees the
// requests of Pagefind's web worker, which the page's target does not.
var counter = &traffic{}

type traffic struct {
	mu       sync.Mutex
	bytes    float64
	requests int
}

func (c *traffic) reset() {
	c.mu.Lock()
	c.bytes, c.requests = 0, 0
	c.mu.Unlock()
}

func (c *traffic) get() (float64, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes, c.requests
}

func (c *traffic) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.requests++
		c.mu.Unlock()
		h.ServeHTTP(countingWriter{w, c}, r)
	})
}

type countingWriter struct {
	http.ResponseWriter
	c *traffic
}

func (w countingWriter) Write(b []byte) (int, error) {
	w.c.mu.Lock()
	w.c.bytes += float64(len(b))
	w.c.mu.Unlock()
	return w.ResponseWriter.Write(b)
}

type measure struct {
	bytes    float64
	requests int
	ms       float64 // to the results in the document
	painted  float64 // to the first frame that shows them
	results  int
}

// measureLoad opens u in a fresh browser context (an empty cache) and
// waits for the "signal:results" mark.
func measureLoad(t *testing.T, tb *tab, u string) measure {
	t.Helper()
	var m measure
	ctx, cancel := chromedp.NewContext(tb.ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
	defer wcancel()
	if err := chromedp.Do(wctx); err != nil {
		t.Fatal(err)
	}
	quiet(t, wctx)
	target := chromedp.FromContext(wctx).Target
	if _, err := cdp.Call(wctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: markPainted}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(wctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	for {
		v, err := chromedp.Run(wctx, chromedp.Evaluate[[]float64](`(() => {
			const e = performance.getEntriesByName("signal:results");
			const p = performance.getEntriesByName("signal:painted");
			return e.length && p.length ? [e[0].startTime, p[0].startTime, document.querySelectorAll("#search-results > li, #results > li, .pagefind-ui__result").length] : [];
		})()`))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if len(v) == 3 {
			m.ms, m.painted, m.results = v[0], v[1], int(v[2])
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // requests still on their way count too
	return m
}

// markPainted runs in every page before its own scripts. When the page
// marks "signal:results", the moment its results are in the document, it
// marks "signal:painted" once the next frame, the first to show them, has
// been made: a task queued from that frame's animation callback runs after
// its style, layout and paint. The first mark leaves out that frame, whose
// cost differs from page to page and from load to load: results that come
// before a page's first frame are laid out with the whole page, after the
// mark, while results that come after it pay only their own layout.
const markPainted = `{
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    if (name === "signal:results") requestAnimationFrame(() => setTimeout(() => mark("signal:painted")));
    return mark(name, ...rest);
  };
}`

// quiet turns off the DevTools domains that chromedp enables on a tab and
// that a reader's browser does not run: Network, CSS, DOM, Log and
// Inspector. Network reports every request of the page to the test, at a
// cost in the browser for each, but not those of Pagefind's web worker,
// which has no session: the harness slowed signal's many small requests
// alone. On alternating loads of two words, 25 each, turning them off took
// 18 ms off signal's median (131 → 113) and 6 ms off Pagefind UI's.
// Page and Runtime stay on: Navigate and Evaluate need them.
func quiet(t *testing.T, ctx context.Context) {
	t.Helper()
	target := chromedp.FromContext(ctx).Target
	for _, c := range []cdp.Command[cdp.Empty, cdp.Empty]{network.Disable, css.Disable, dom.Disable, log.Disable, inspector.Disable} {
		if _, err := cdp.Call(ctx, target, c, cdp.Empty{}); err != nil {
			t.Fatalf("%s: %v", c.Method, err)
		}
	}
}

// staticHandler serves a folder as a static host does, compressing text
// types with gzip when gz is set, as most hosts do.
func staticHandler(dir string, gz bool) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		ct := mime.TypeByExtension(filepath.Ext(name))
		text := strings.HasPrefix(ct, "text/") || strings.Contains(ct, "javascript") || strings.Contains(ct, "json")
		if !gz || !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzipWriters.Get().(*gzip.Writer)
		zw.Reset(w)
		defer func() {
			zw.Close()
			gzipWriters.Put(zw)
		}()
		files.ServeHTTP(gzipWriter{w, zw}, r)
	})
}

// gzipWriters keeps compressors for reuse, as a host's server does: each
// holds about a megabyte, and making one per response would spend the
// CPU that the browser measured shares.
var gzipWriters = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.zw.Write(b) }

func (g gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
