package build

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"net/url"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/render"
	"github.com/signaldigest/signal/internal/search"
	"github.com/signaldigest/signal/internal/site"
	"github.com/signaldigest/signal/internal/sitefs"
)

// Options are the choices of one build.
type Options struct {
	Theme   fs.FS    // the built-in theme: a root holding layouts/ and static/
	BaseURL *url.URL // replaces base_url when set
	Drafts  bool
	Future  bool
	Now     time.Time // decides which digests are in the future
	Timings bool      // measure each stage (reading memory statistics costs a little)
	Cache   *Cache    // what an earlier build made, to reuse; nil for none
	// Progress, when set, hears where a build is: a stage's name and how
	// many of its total steps are done (total 0 when unknown). It is called
	// from several goroutines at once, and must be quick.
	Progress func(stage string, done, total int)
	// GroupAbove is the number of digests past which a timeline groups
	// its marks (0: chart.GroupAbove), for tests of small archives.
	GroupAbove int
}

// Stats counts what a build made, and what each stage cost.
type Stats struct {
	Digests, Pages, Feeds, Files int
	Drafts, Future               int // digests left out: see site.Site
	Stages                       []Stage
}

// LeftOut says what a build did not publish and the flag that would,
// after a "; ": a draft written with signal new, left unpublished, is not
// then a mystery, in build's summary or in serve's log. It is "" when the
// build published every digest.
func LeftOut(drafts, future int) string {
	var parts []string
	if drafts > 0 {
		parts = append(parts, plural(drafts, "draft")+" (--drafts)")
	}
	if future > 0 {
		parts = append(parts, plural(future, "digest")+" dated later (--future)")
	}
	if len(parts) == 0 {
		return ""
	}
	return "; left out: " + strings.Join(parts, ", ")
}

func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// Stage is the cost of one stage of the pipeline.
type Stage struct {
	Name  string
	Took  time.Duration
	CPU   time.Duration // the process's CPU time (user and system), on all cores
	GC    time.Duration // of which the garbage collector's, as the runtime estimates it
	Alloc uint64        // bytes allocated during the stage
	Heap  uint64        // bytes of live heap after it
}

// timer records the stages of a run. CPU time is the process's, from the
// system; GC time is the runtime's estimate, which it adds up at the end of
// each collection, so that a stage gets the collections that ended in it.
type timer struct {
	stages []Stage
	start  time.Time
	cpu    time.Duration
	last   [3]metrics.Sample
}

func (t *timer) read() [3]metrics.Sample {
	s := [3]metrics.Sample{
		{Name: "/gc/heap/allocs:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
	}
	metrics.Read(s[:])
	return s
}

func (t *timer) begin() {
	t.start, t.cpu, t.last = time.Now(), processCPU(), t.read()
}

func (t *timer) end(name string) {
	if name == "" {
		t.begin()
		return
	}
	now, cpu := t.read(), processCPU()
	gc := time.Duration((now[2].Value.Float64() - t.last[2].Value.Float64()) * float64(time.Second))
	t.stages = append(t.stages, Stage{
		Name: name, Took: time.Since(t.start), CPU: cpu - t.cpu, GC: gc,
		Alloc: now[0].Value.Uint64() - t.last[0].Value.Uint64(), Heap: now[1].Value.Uint64(),
	})
	t.start, t.cpu, t.last = time.Now(), cpu, now
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
	if opts.Progress != nil {
		opts.Progress("content", 0, 0)
	}
	out, problems := prepare(fsys, opts, stage)
	if problems.Err() != nil {
		return Stats{}, problems
	}
	if cfg := out.site.Config; opts.BaseURL == nil && !cfg.BaseURLSet {
		// A site built to be published with the default base_url links
		// its feeds, sitemap and canonical URLs to the author's machine.
		problems.Warn(config.File, 0, 0, "base_url is not set, so the feeds, the sitemap and every canonical and Open Graph URL point at %s; set base_url to the address the site is published at, or pass --base-url", cfg.BaseURL)
	}
	if opts.Progress != nil {
		// The files of the search index are counted as they come: knowing
		// how many there will be means building the index.
		total := out.countPages()
		sink = &progressSink{Sink: sink, report: opts.Progress, total: total}
		opts.Progress("search", 0, 0)
	}
	stop := &stopSink{Sink: sink}
	stats, more := out.Write(stop, stage)
	stats.Stages = t.stages
	for _, p := range more {
		if !errors.Is(p, errStopped) {
			problems = append(problems, p)
		}
	}
	return stats, problems
}

// stopSink writes to its sink until a write fails, then writes nothing
// more: the build has failed, what it wrote will be thrown away, and the
// first error says why, where a full disk would fail every file after it.
type stopSink struct {
	render.Sink
	failed atomic.Bool
}

var errStopped = errors.New("not written, as an earlier file could not be")

func (s *stopSink) WriteFile(name string, data []byte) error {
	if s.failed.Load() {
		return errStopped
	}
	err := s.Sink.WriteFile(name, data)
	if err != nil {
		s.failed.Store(true)
	}
	return err
}

// progressSink counts the files written, for Options.Progress.
type progressSink struct {
	render.Sink
	report func(stage string, done, total int)
	done   atomic.Int64
	total  int
}

func (p *progressSink) WriteFile(name string, data []byte) error {
	err := p.Sink.WriteFile(name, data)
	if strings.HasPrefix(name, search.Dir) && !strings.HasSuffix(name, ".html") {
		p.report("search", 0, 0)
		return err
	}
	p.report("writing", int(p.done.Add(1)), p.total)
	return err
}

// Prepare runs the stages that read the site: content, the site model and
// the layouts. The Output it returns makes the files.
func Prepare(fsys fs.FS, opts Options) (*Output, diag.List) {
	return prepare(fsys, opts, func(string) {})
}

func prepare(fsys fs.FS, opts Options, stage func(string)) (*Output, diag.List) {
	fsys = sitefs.Confine(fsys) // no link leads out of the site
	if opts.Timings {
		stage("") // starts the clock
	}
	var cc *content.Cache
	if opts.Cache != nil {
		cc = opts.Cache.Cache
	}
	cfg, digests, parsed, problems := load(fsys, opts.BaseURL, cc, content.Published(siteOptions(opts).Shows))
	if problems.Err() != nil {
		if parsed != nil {
			// A digest that parsed may take the path of a page of the
			// site (/search/, /themes/): one run says it all.
			_, clashes := site.New(cfg, parsed, siteOptions(opts))
			problems = append(problems, clashes...)
		}
		return nil, append(problems, render.CheckTheme(render.NewTheme(opts.Theme, fsys))...)
	}
	stage("content")
	s, more := model(cfg, digests, opts)
	problems = append(problems, more...)
	if problems.Err() != nil {
		// Permalinks that clash, and errors of the layouts: one run says it all.
		return nil, append(problems, render.CheckTheme(render.NewTheme(opts.Theme, fsys))...)
	}
	if opts.Cache != nil {
		opts.Cache.site = s
	}
	stage("site")
	if c := opts.Cache; c != nil && !c.dirty && c.renderer != nil {
		// Neither the theme nor site.yaml changed: the layouts parsed for
		// the last build serve this one.
		return checked(newOutput(s, c.renderer.For(s), c, c.theme, false), problems)
	}
	theme := render.NewTheme(opts.Theme, fsys)
	var rc *render.Cache
	var tk uint64
	if opts.Cache != nil {
		tk = themeKey(cfg, theme, opts)
		opts.Cache.useTheme(tk)
		rc = opts.Cache.partials
	}
	r, more := render.New(s, theme, rc, render.WithGroupAbove(opts.GroupAbove))
	problems = append(problems, more...)
	if problems.Err() != nil {
		return nil, problems
	}
	if c := opts.Cache; c != nil {
		c.renderer, c.dirty = r, false
	}
	out := newOutput(s, r, opts.Cache, tk, true)
	out.release = opts.Cache == nil && !r.OwnLayouts()
	return checked(out, problems)
}

// checked is out unless its static files clash with the files it makes.
func checked(out *Output, problems diag.List) (*Output, diag.List) {
	problems = append(problems, out.clashes()...)
	problems = append(problems, out.deadRefs()...)
	if problems.Err() != nil {
		return nil, problems
	}
	return out, problems
}

// model makes the site model, from the last one in the cache when only
// bodies changed and site.yaml did not.
func model(cfg *config.Config, digests []*content.Digest, opts Options) (*site.Site, diag.List) {
	so := siteOptions(opts)
	if c := opts.Cache; c != nil && !c.dirty && c.site != nil {
		if s := c.site.Update(cfg, digests, so); s != nil {
			return s, nil
		}
	}
	return site.New(cfg, digests, so)
}

// siteOptions are the options that decide which digests the site shows.
func siteOptions(opts Options) site.Options {
	return site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}
}

// themeKey sums up what every page depends on: site.yaml, the options and
// every file of the theme.
func themeKey(cfg *config.Config, theme render.Theme, opts Options) uint64 {
	var h maphash.Hash
	h.SetSeed(listSeed)
	fmt.Fprintf(&h, "%q %q %q %q %q %q %q %q %d %d %v %v %v %d\x00", cfg.Title, cfg.BaseURL, cfg.Description, cfg.Language,
		cfg.Author.Name, cfg.Author.Email, cfg.Timezone, cfg.Permalink, cfg.PageSize, cfg.FeedItems, cfg.UnsafeHTML, opts.Drafts, opts.Future, opts.GroupAbove)
	for _, fsys := range []fs.FS{theme.Layouts, theme.Static} {
		_ = fs.WalkDir(fsys, ".", func(name string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() && sitefs.Regular(e) {
				data, _ := fs.ReadFile(fsys, name)
				h.WriteString(name + "\x00")
				h.Write(data)
			}
			return nil
		})
	}
	return h.Sum64()
}
