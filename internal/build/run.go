package build

import (
	"io/fs"
	"net/url"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/feeds"
	"github.com/signaldigest/signal/internal/render"
	"github.com/signaldigest/signal/internal/site"
)

// Options are the choices of one build.
type Options struct {
	Theme   fs.FS    // the built-in theme: a root holding layouts/ and static/
	BaseURL *url.URL // replaces base_url when set
	Drafts  bool
	Future  bool
	Now     time.Time // decides which digests are in the future
	Timings bool      // measure each stage (reading memory statistics costs a little)
}

// Stats counts what a build made, and what each stage cost.
type Stats struct {
	Digests, Pages, Feeds, Files int
	Stages                       []Stage
}

// Stage is the cost of one stage of the pipeline.
type Stage struct {
	Name  string
	Took  time.Duration
	Alloc uint64 // bytes allocated during the stage
	Heap  uint64 // bytes of live heap after it
}

// timer records the stages of a run.
type timer struct {
	stages []Stage
	start  time.Time
	alloc  uint64
}

func (t *timer) begin() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.start, t.alloc = time.Now(), m.TotalAlloc
}

func (t *timer) end(name string) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.stages = append(t.stages, Stage{Name: name, Took: time.Since(t.start), Alloc: m.TotalAlloc - t.alloc, Heap: m.HeapAlloc})
	t.start, t.alloc = time.Now(), m.TotalAlloc
}

// counter is a Sink that counts the files passing through it.
type counter struct {
	render.Sink
	files atomic.Int64
}

func (c *counter) WriteFile(name string, data []byte) error {
	c.files.Add(1)
	return c.Sink.WriteFile(name, data)
}

// Run builds the site in fsys into sink: the whole pipeline, stage by
// stage. On errors it stops at the first stage that has any and returns
// them all; what the sink holds then must be thrown away.
func Run(fsys fs.FS, sink render.Sink, opts Options) (Stats, diag.List) {
	t := &timer{}
	stage := func(name string) {
		if opts.Timings {
			t.end(name)
		}
	}
	if opts.Timings {
		t.begin()
	}
	cfg, digests, problems := Load(fsys, opts.BaseURL)
	if problems.Err() != nil {
		return Stats{}, problems
	}
	stage("content")
	s, more := site.New(cfg, digests, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now})
	problems = append(problems, more...)
	if problems.Err() != nil {
		return Stats{}, problems
	}
	stage("site")
	r, more := render.New(s, render.NewTheme(opts.Theme, fsys))
	problems = append(problems, more...)
	if problems.Err() != nil {
		return Stats{}, problems
	}
	c := &counter{Sink: sink}
	problems = append(problems, r.Pages(c)...)
	problems = append(problems, r.Static(c)...)
	if err := r.Sitemap(c); err != nil {
		problems.Add("sitemap.xml", 0, 0, "cannot write: %v", err)
	}
	stage("pages")
	nfeeds, more := feeds.Write(s, c)
	problems = append(problems, more...)
	stage("feeds")
	return Stats{Digests: len(s.Digests), Pages: len(s.Pages), Feeds: nfeeds, Files: int(c.files.Load()), Stages: t.stages}, problems
}
