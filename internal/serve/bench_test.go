package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/serve"
)

// BenchmarkServeEdit serves a synthetic archive of 10,000 digests and
// measures, per save, the time from writing a digest to the server
// answering its page with the change: a body edit, and a front-matter edit
// that moves the digest to another theme. It reports the process's peak
// resident memory too (the benchmark's own corpus included).
func BenchmarkServeEdit(b *testing.B) {
	dir := b.TempDir()
	digests := corpus.Generate(corpus.Options{N: 10000, Seed: 1})
	if err := corpus.Write(dir, corpus.Files(digests)); err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := serve.New(serve.Options{Source: dir, Theme: signal.Theme})
	go s.Serve(ctx, ln)
	base := "http://" + ln.Addr().String()
	get := func(path string) string {
		resp, err := http.Get(base + path)
		if err != nil {
			return ""
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return string(data)
	}
	d := digests[0]
	page := d.Permalink()
	for deadline := time.Now().Add(time.Minute); !strings.Contains(get(page), "<h1>"); {
		if time.Now().After(deadline) {
			b.Fatal("the first build did not finish")
		}
		time.Sleep(50 * time.Millisecond)
	}
	file := filepath.Join(dir, filepath.FromSlash(d.Path()))
	original, _ := os.ReadFile(file)
	body := func(n int) (string, string) {
		mark := fmt.Sprintf("Edit number %d.", n)
		return strings.Replace(string(original), "## Blind Spot\n\n", "## Blind Spot\n\n"+mark+" ", 1), mark
	}
	edits := []struct {
		name  string
		edit  func(n int) (string, string) // the new file, and what the page then shows
		pause time.Duration                // between saves, untimed
	}{
		{"body", body, 0},
		{"themes", func(n int) (string, string) {
			theme := fmt.Sprintf("Edited Theme %d", n)
			return strings.Replace(string(original), "tags: [", "tags: ["+theme+", ", 1), ">" + theme + "<"
		}, 0},
		// Saves a second apart: each comes while the check of every page
		// of the build before is under way (see Server.Rebuild).
		{"body-while-checking", body, time.Second},
	}
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				if e.pause > 0 {
					b.StopTimer()
					time.Sleep(e.pause)
					b.StartTimer()
				}
				n++
				data, want := e.edit(n)
				if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
					b.Fatal(err)
				}
				for deadline := time.Now().Add(10 * time.Second); !strings.Contains(get(page), want); {
					if time.Now().After(deadline) {
						b.Fatalf("edit %d was not served", n)
					}
					time.Sleep(time.Millisecond)
				}
			}
			b.ReportMetric(float64(peakRSS())/(1<<20), "peak-MiB")
		})
	}
}

// peakRSS reads the process's peak resident set from /proc, or 0.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
