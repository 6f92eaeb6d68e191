package search_test

import (
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/search"
	"github.com/signaldigest/signal/internal/site"
)

// counting is a sink that keeps only the count and size of what it gets.
type counting struct{ files, bytes atomic.Int64 }

func (c *counting) WriteFile(name string, data []byte) error {
	c.files.Add(1)
	c.bytes.Add(int64(len(data)))
	return nil
}

// corpusSite builds the site model of a synthetic archive of n digests.
func corpusSite(tb testing.TB, n int) *site.Site {
	tb.Helper()
	fsys := corpus.MapFS(corpus.Generate(corpus.Options{N: n, Seed: 1}))
	cfg, digests, problems := build.Load(fsys, nil)
	if err := problems.Err(); err != nil {
		tb.Fatal(err)
	}
	s, problems := site.New(cfg, digests, site.Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err := problems.Err(); err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkIndex indexes the synthetic archive of 10,000 digests that the
// build benchmarks use (SEARCH_BENCH_N digests when set), and reports what
// it wrote and the most heap it used above the site model's.
func BenchmarkIndex(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("SEARCH_BENCH_N")); err == nil {
		n = v
	}
	s := corpusSite(b, n)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // samples the heap: a peak between two samples is missed
		defer close(done)
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	b.ResetTimer()
	var sink *counting
	for b.Loop() {
		sink = &counting{}
		if _, problems := search.Write(s, sink); problems.Err() != nil {
			b.Fatal(problems.Err())
		}
	}
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(sink.files.Load()), "files")
	b.ReportMetric(float64(sink.bytes.Load())/1e6, "MB-written")
	b.ReportMetric(float64(peak.Load()-min(peak.Load(), before.HeapAlloc))/1e6, "MB-peak-heap")
}
