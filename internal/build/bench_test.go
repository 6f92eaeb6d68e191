package build_test

import (
	"fmt"
	"sync"
	"testing"
	"testing/fstest"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/corpus"
)

// discard is a sink that keeps nothing, so that a benchmark measures the
// build rather than the file system. scripts/bench.sh times the command,
// writing to disk, against Hugo.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }

var corpora sync.Map // number of digests → fstest.MapFS

// corpusFS returns the synthetic archive of n digests, made once per run.
func corpusFS(n int) fstest.MapFS {
	if fsys, ok := corpora.Load(n); ok {
		return fsys.(fstest.MapFS)
	}
	fsys, _ := corpora.LoadOrStore(n, corpus.MapFS(corpus.Generate(corpus.Options{N: n, Seed: 1})))
	return fsys.(fstest.MapFS)
}

// BenchmarkBuild builds synthetic archives of 1,000 and 10,000 digests in
// full: every page and feed of SPEC §4.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			fsys := corpusFS(n)
			b.ReportAllocs()
			for b.Loop() {
				stats, problems := build.Run(fsys, discard{}, build.Options{Theme: signal.Theme, Now: now})
				if err := problems.Err(); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(stats.Files), "files")
			}
		})
	}
}
