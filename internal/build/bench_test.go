package build_test

import (
	"fmt"
	"maps"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

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
// full: every page and feed of SPEC §4. It reports the most memory the Go
// runtime held at once (peak-MiB, sampled every millisecond): `signal
// build` sets GOGC to 50, so GOGC=50 gives the figure of the command, less
// the binary's own pages.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			fsys := corpusFS(n)
			b.ReportAllocs()
			peak := samplePeak()
			defer func() { b.ReportMetric(float64(peak())/(1<<20), "peak-MiB") }()
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

// samplePeak samples the memory the Go runtime holds (all it has mapped,
// less what it gave back) until the func it returns is called, which
// returns the most it saw.
func samplePeak() func() uint64 {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	var peak uint64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			peak = max(peak, samples[0].Value.Uint64()-samples[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-stopped
		return peak
	}
}

// BenchmarkRebuild is serve's work after a save in a 10,000-digest archive:
// parse the saved file again, rebuild the model, and make the saved
// digest's page and its home feed, as a browser reloading it asks for. A
// body edit touches only the digest; a theme edit moves it between lists.
func BenchmarkRebuild(b *testing.B) {
	base := corpusFS(10000)
	edits := []struct {
		name string
		edit func(old string, n int) string
	}{
		{"body", func(old string, n int) string {
			return strings.Replace(old, "## Blind Spot\n\n", fmt.Sprintf("## Blind Spot\n\nEdit number %d. ", n), 1)
		}},
		{"themes", func(old string, n int) string {
			return strings.Replace(old, "tags: [", fmt.Sprintf("tags: [Edited Theme %d, ", n%2), 1)
		}},
	}
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			fsys := maps.Clone(base)
			cache := build.NewCache()
			opts := build.Options{Theme: signal.Theme, Now: now, Cache: cache}
			if _, problems := build.Prepare(fsys, opts); problems.Err() != nil {
				b.Fatal(problems.Err())
			}
			var name string
			for n := range fsys {
				if strings.HasPrefix(n, "content/2026/11/") && (name == "" || n > name) {
					name = n // the newest digest: on the first page of every list
				}
			}
			original := string(fsys[name].Data)
			n := 0
			for b.Loop() {
				n++
				fsys[name] = &fstest.MapFile{Data: []byte(e.edit(original, n))}
				cache.Changed(name)
				out, problems := build.Prepare(fsys, opts)
				if problems.Err() != nil {
					b.Fatal(problems.Err())
				}
				if problems := out.Refresh(); problems.Err() != nil {
					b.Fatal(problems.Err())
				}
				page := out.Site().Digests[0].Permalink[1:] + "index.html"
				if _, ok, _ := out.File(page); !ok {
					b.Fatal("no page for the edited digest")
				}
			}
		})
	}
}

// Timings give each stage the CPU time spent in it, even when no garbage
// collection ends in the stage: the runtime's own CPU figures change only
// at one.
func TestTimingsCPU(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	stats, problems := build.Run(corpusFS(200), discard{}, build.Options{Theme: signal.Theme, Now: now, Timings: true})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	if len(stats.Stages) != 5 {
		t.Fatalf("stages: %v", stats.Stages)
	}
	for _, s := range stats.Stages {
		if s.Name != "site" && s.CPU <= 0 {
			t.Errorf("%s: %v of CPU in %v", s.Name, s.CPU, s.Took)
		}
		if s.GC < 0 || s.GC > s.CPU+time.Millisecond {
			t.Errorf("%s: %v of GC in %v of CPU", s.Name, s.GC, s.CPU)
		}
	}
}
