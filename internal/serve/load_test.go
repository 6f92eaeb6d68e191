package serve_test

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/corpus"
)

// TestServeUnderLoad has 16 clients fetch pages for 30 seconds while a
// digest is rewritten 100 times and a layout 10 times. No request may
// fail, every HTML page must be whole, and every page must come from one
// build: the build named in its reload script shows one version of the
// digest and one of the layout, whichever page says so.
func TestServeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("30 seconds of load; run without -short")
	}
	dir := t.TempDir()
	digests := corpus.Generate(corpus.Options{N: 300, Seed: 3})
	if err := corpus.Write(dir, corpus.Files(digests)); err != nil {
		t.Fatal(err)
	}
	d := digests[0]
	file := filepath.Join(dir, filepath.FromSlash(d.Path()))
	original, _ := os.ReadFile(file)
	writeVersion := func(v int) {
		data := strings.Replace(string(original), `title: "`, fmt.Sprintf(`title: "v%d `, v), 1)
		if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
			t.Error(err)
		}
	}
	writeLayout := func(l int) {
		footer := fmt.Sprintf(`<footer class="site-footer"><p>layout L%d</p></footer>`, l)
		path := filepath.Join(dir, "layouts", "partials", "footer.html")
		_ = os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(footer), 0o644); err != nil {
			t.Error(err)
		}
	}
	writeVersion(0)
	writeLayout(0)
	log := &syncBuffer{}
	base, _ := serveDir(t, dir, log)
	paths := []string{d.Permalink(), "/", "/archive/", "/themes/", "/feed.xml", "/static-missing/"}
	for _, p := range []string{d.Permalink(), "/"} {
		waitFor(t, base+p, "L0")
	}

	var (
		requests, failures atomic.Int64
		mu                 sync.Mutex
		latencies          []time.Duration
		seen               = map[string]string{} // build → what its pages show
	)
	buildRE := regexp.MustCompile(`const b="([^"]+)"`)
	versionRE := regexp.MustCompile(`<h1>v(\d+) `)
	layoutRE := regexp.MustCompile(`layout L(\d+)`)
	stop := time.Now().Add(30 * time.Second)
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second}
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			defer func() { mu.Lock(); latencies = append(latencies, mine...); mu.Unlock() }()
			for i := w; time.Now().Before(stop); i++ {
				p := paths[i%len(paths)]
				start := time.Now()
				resp, err := client.Get(base + p)
				if err != nil {
					failures.Add(1)
					t.Errorf("GET %s: %v", p, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(start))
				requests.Add(1)
				want := http.StatusOK
				if p == "/static-missing/" {
					want = http.StatusNotFound
				}
				page := string(body)
				if err != nil || resp.StatusCode != want {
					failures.Add(1)
					t.Errorf("GET %s: %d, %v", p, resp.StatusCode, err)
					continue
				}
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
					continue
				}
				if !strings.HasSuffix(strings.TrimSpace(page), "</html>") {
					failures.Add(1)
					t.Errorf("GET %s: the page is cut short", p)
					continue
				}
				b := buildRE.FindStringSubmatch(page)
				l := layoutRE.FindStringSubmatch(page)
				if b == nil || l == nil {
					failures.Add(1)
					t.Errorf("GET %s: no build name or layout mark", p)
					continue
				}
				show := "L" + l[1]
				if v := versionRE.FindStringSubmatch(page); v != nil {
					show += " v" + v[1]
				}
				mu.Lock()
				if old, ok := seen[b[1]]; ok && !compatible(old, show) {
					failures.Add(1)
					t.Errorf("build %s served %q and %q: pages of two builds", b[1], old, show)
				} else if !ok || len(show) > len(old) {
					seen[b[1]] = show
				}
				mu.Unlock()
			}
		}()
	}
	for v := 1; v <= 100; v++ {
		time.Sleep(280 * time.Millisecond)
		writeVersion(v)
		if v%10 == 0 {
			writeLayout(v / 10)
		}
	}
	wg.Wait()
	waitFor(t, base+d.Permalink(), "v100 ")
	slices.Sort(latencies)
	p99 := latencies[len(latencies)*99/100]
	t.Logf("%d requests in 30 s (%.0f/s), p50 %v, p99 %v, %d builds seen, %d failed",
		requests.Load(), float64(requests.Load())/30, latencies[len(latencies)/2], p99, len(seen), failures.Load())
	if failures.Load() > 0 {
		t.Errorf("%d requests failed", failures.Load())
	}
}

// compatible reports whether two pages can come from one build: the same
// layout, and the same version of the digest where both show it.
func compatible(a, b string) bool {
	la, va, _ := strings.Cut(a, " ")
	lb, vb, _ := strings.Cut(b, " ")
	return la == lb && (va == "" || vb == "" || va == vb)
}

func waitFor(t *testing.T, url, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), want) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q", url, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeManyReloadConnections opens 200 live-reload connections: a
// save still reaches the page quickly and reaches every connection, and
// once they close the server's goroutines and heap return to where they
// were.
func TestServeManyReloadConnections(t *testing.T) {
	h := start(t)
	baseG, baseHeap := settle()
	var conns []*http.Response
	var lines []*bufio.Reader
	for range 200 {
		resp, err := http.Get(h.base + "/__signal/events")
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, resp)
		lines = append(lines, bufio.NewReader(resp.Body))
	}
	start := time.Now()
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Under two hundred watchers"))
	h.eventually("the edit", func() bool { return strings.Contains(h.body(page), "Under two hundred watchers") })
	took := time.Since(start)
	got := make(chan bool, len(lines))
	for _, r := range lines {
		go func() {
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					got <- false
					return
				}
				if strings.HasPrefix(line, "event: reload") {
					got <- true
					return
				}
			}
		}()
	}
	for range lines {
		select {
		case ok := <-got:
			if !ok {
				t.Fatal("a connection closed before the reload event")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("not every connection heard the reload")
		}
	}
	t.Logf("with 200 connections open, a save was served after %v", took)
	if took > 3*time.Second {
		t.Errorf("a save took %v to be served with 200 connections open", took)
	}
	for _, c := range conns {
		c.Body.Close()
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		g, heap := settle()
		if g <= baseG+5 && heap <= baseHeap+8<<20 {
			t.Logf("goroutines %d → %d, heap %d → %d KiB", baseG, g, baseHeap>>10, heap>>10)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after closing 200 connections: %d goroutines (was %d), heap %d KiB (was %d)", g, baseG, heap>>10, baseHeap>>10)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// settle collects garbage and counts goroutines and live heap.
func settle() (int, uint64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return runtime.NumGoroutine(), m.HeapAlloc
}
