package build

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/feeds"
	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/render"
	"github.com/signaldigest/signal/internal/search"
	"github.com/signaldigest/signal/internal/site"
)

// Output is one build of a site before it is written: the site model and
// the renderers, from which any output file is made when asked for. build
// writes every file into a folder; serve makes each when a browser asks
// for it, so that it holds the model of a large archive rather than every
// page of it.
type Output struct {
	site   *site.Site
	render *render.Renderer
	feeds  *feeds.Writer
	cache  *Cache
	theme  uint64 // the key of the theme and settings
	fresh  bool   // the theme or settings are new to the cache
	// release lets Write let go of each digest's body once written: only
	// when no cache shares the digests, and the built-in layouts, which
	// show a body only on pages that list its digest, make the pages.
	release bool
	pages   map[string]*site.Page // by path: see page
	lists   map[string]feeds.List // by the name of each of its three files

	once     sync.Once // makes the rest: static files, sitemap, robots.txt
	rest     *output.Memory
	problems diag.List // of making the rest

	searchOnce sync.Once // makes the search index, for File
	index      *output.Memory

	bodiesOnce sync.Once
	bodies     uint64 // sums up every digest's body: see page
}

// Cache keeps what one build made for the next: parsed digests, cached
// partials, feed entries and the files last asked for, each with the key of
// what it was made from. serve keeps one and tells it which files changed;
// then a rebuild parses only those files and makes again only the pages and
// feeds whose key changed. That key is the dependency map: a page's key
// sums up the digests it shows, so an edit reaches exactly its page, its
// neighbours and the lists and feeds it appears on.
//
// One build at a time may use a Cache, as serve's rebuilds come one after
// another: Prepare changes its fields without a lock. The Output of a build
// may be read from many goroutines (serve's handlers), which the files
// map's lock is for.
type Cache struct {
	*content.Cache
	theme    uint64 // the settings and theme the caches below were made with
	dirty    bool   // the settings or theme may have changed since
	renderer *render.Renderer
	site     *site.Site // the model of the last build without errors
	partials *render.Cache
	entries  *feeds.Cache

	mu    sync.Mutex
	files map[string]cachedFile
	size  int // bytes held in files
}

type cachedFile struct {
	key  uint64
	data []byte
}

// maxCached bounds the bytes of files a Cache keeps; past it, it forgets
// files at random, which serve will make again if asked.
const maxCached = 64 << 20

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{Cache: content.NewCache(), dirty: true, partials: render.NewCache(), entries: feeds.NewCache(), files: map[string]cachedFile{}}
}

// Changed tells the cache which files changed (paths relative to the site
// folder). A change outside content/ may change the theme or settings,
// which the next build then reads again.
func (c *Cache) Changed(paths ...string) {
	for _, p := range paths {
		if p != content.Dir && !strings.HasPrefix(p, content.Dir+"/") {
			c.dirty = true
		}
	}
	c.Cache.Changed(paths...)
}

// useTheme empties the caches of made output when the theme or settings
// changed, since every page depends on them.
func (c *Cache) useTheme(key uint64) {
	if c.theme == key {
		return
	}
	c.theme, c.partials, c.entries = key, render.NewCache(), feeds.NewCache()
	c.mu.Lock()
	c.files, c.size = map[string]cachedFile{}, 0
	c.mu.Unlock()
}

func (c *Cache) get(name string, key uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.files[name]
	return f.data, ok && f.key == key
}

func (c *Cache) put(name string, key uint64, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.files[name]; ok {
		c.size -= len(old.data)
	}
	for n, f := range c.files {
		if c.size+len(data) <= maxCached {
			break
		}
		delete(c.files, n)
		c.size -= len(f.data)
	}
	c.files[name] = cachedFile{key, data}
	c.size += len(data)
}

// newOutput indexes the files of a prepared build.
func newOutput(s *site.Site, r *render.Renderer, cache *Cache, theme uint64, fresh bool) *Output {
	o := &Output{site: s, render: r, cache: cache, theme: theme, fresh: fresh, pages: make(map[string]*site.Page, len(s.Pages))}
	var fc *feeds.Cache
	if cache != nil {
		fc = cache.entries
	}
	o.feeds = feeds.New(s, fc)
	for _, p := range s.Pages {
		o.pages[p.Path] = p
	}
	lists := feeds.Lists(s)
	o.lists = make(map[string]feeds.List, 3*len(lists))
	for _, l := range lists {
		for _, name := range l.Files() {
			o.lists[name] = l
		}
	}
	return o
}

// Site is the model the output is made from.
func (o *Output) Site() *site.Site { return o.site }

// Names lists every file of the output, sorted.
func (o *Output) Names() []string {
	o.makeRest()
	names := make([]string, 0, len(o.pages)+len(o.lists))
	for _, p := range o.pages {
		names = append(names, p.File())
	}
	for n := range o.lists {
		names = append(names, n)
	}
	names = append(names, o.rest.Names()...)
	o.makeIndex()
	names = append(names, o.index.Names()...)
	sort.Strings(names)
	return names
}

// countPages counts the files of the output but those of the search index:
// pages, feeds, static files and the sitemap.
func (o *Output) countPages() int {
	o.makeRest()
	return len(o.pages) + len(o.lists) + len(o.rest.Names())
}

// File makes the file name, or reports that the output has none.
func (o *Output) File(name string) ([]byte, bool, diag.List) {
	if p, ok := o.pageOf(name); ok {
		data, err := o.page(p)
		return data, err == nil, err
	}
	if l, ok := o.lists[name]; ok {
		return o.feed(l, name), true, nil
	}
	o.makeRest()
	if data, ok := o.rest.File(name); ok {
		return data, true, nil
	}
	if strings.HasPrefix(name, search.Dir) {
		o.makeIndex()
		if data, ok := o.index.File(name); ok {
			return data, true, nil
		}
	}
	return nil, false, nil
}

// pageOf returns the page written to the file name. Pages are kept by
// path rather than file name, which would be one more string per page.
func (o *Output) pageOf(name string) (*site.Page, bool) {
	path := "/" + name // 404.html
	if rest, ok := strings.CutSuffix(name, "index.html"); ok {
		path = "/" + rest
	}
	p, ok := o.pages[path]
	if !ok || p.File() != name {
		return nil, false
	}
	return p, true
}

// makeIndex makes the search index, once, when a file of it is asked for.
func (o *Output) makeIndex() {
	o.searchOnce.Do(func() {
		o.index = output.NewMemory()
		_, _ = search.Write(o.site, o.index) // into memory: no write fails
	})
}

// makeRest makes the files that are not pages or feeds, once: the sitemap
// and robots.txt, the page/1/ of each list, then the static files, so that
// a site's own robots.txt replaces the one made.
func (o *Output) makeRest() {
	o.once.Do(func() {
		o.rest = output.NewMemory()
		if err := o.render.Sitemap(o.rest); err != nil {
			o.problems.Add("sitemap.xml", 0, 0, "cannot make: %v", err)
		}
		if err := o.render.Aliases(o.rest); err != nil {
			o.problems.Add("page/1/index.html", 0, 0, "cannot make: %v", err)
		}
		o.problems = append(o.problems, o.render.Static(o.rest)...)
	})
}

// Write writes every file of the output into sink, in parallel, and
// counts them. On errors what sink holds must be thrown away, as Run says.
//
// The search index and the feeds come first, since they read every body;
// then the pages, newest first. Without a cache nothing will read this
// build's digests again, so a digest's body is let go as soon as every
// page that may show it is written: each page is made after the pages
// whose newest digest is newer, so once the pages whose newest digest is
// from a month or later are written, no page left shows a body of it.
func (o *Output) Write(sink render.Sink, stage func(string)) (Stats, diag.List) {
	stats := Stats{Digests: len(o.site.Digests), Pages: len(o.pages), Feeds: len(o.lists), Drafts: o.site.Drafts, Future: o.site.Future}
	var mu sync.Mutex
	var problems diag.List
	fail := func(more diag.List) error {
		mu.Lock()
		problems = append(problems, more...)
		mu.Unlock()
		return more.Err()
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	write := func(name string, data []byte) error {
		if err := sink.WriteFile(name, data); err != nil {
			var more diag.List
			more.AddErr(err, name, 0, 0, "cannot write: %v", diag.Pathless(err)) // not the output's folder
			return fail(more)
		}
		return nil
	}

	nsearch, more := search.Write(o.site, sink)
	problems = append(problems, more...)
	stage("search")

	// Without a cache, nothing keeps the entries: each is forgotten after
	// the last feed of its format that shows it, and the formats are made
	// one after the other.
	lists := feeds.Lists(o.site)
	if o.cache == nil {
		o.feeds.Once(lists)
	}
	for _, f := range feeds.Formats {
		for _, l := range lists {
			g.Go(func() error {
				return o.feeds.WriteFormat(l, f, func(name string, data []byte) error { return write(l.Folder[1:]+name, data) })
			})
		}
		_ = g.Wait()
	}
	stage("feeds")

	page := func(p *site.Page) error {
		if o.cache != nil {
			data, more := o.page(p)
			if more.Err() != nil {
				return fail(more)
			}
			return write(p.File(), data)
		}
		// Nothing keeps the page: render it into a lent buffer.
		buf := render.Buffer()
		defer render.Release(buf)
		if more := o.render.PageTo(buf, p); more.Err() != nil {
			return fail(more)
		}
		return write(p.File(), buf.Bytes())
	}
	pages := newestFirst(o.site.Pages)
	if !o.release {
		each(pages, page)
		pages = nil
	}
	digests := o.site.Digests // newest first: those not let go yet
	for len(pages) > 0 {
		month, n := monthOf(pages[0]), 1
		for n < len(pages) && monthOf(pages[n]).Equal(month) {
			n++
		}
		each(pages[:n], page)
		pages = pages[n:]
		for !month.IsZero() && len(digests) > 0 && !digests[0].Date.Before(month) {
			digests[0].Release()
			digests = digests[1:]
		}
	}
	o.makeRest()
	problems = append(problems, o.problems...)
	for _, name := range o.rest.Names() {
		data, _ := o.rest.File(name)
		_ = write(name, data)
	}
	if o.cache == nil {
		o.render.Forget() // nothing will show a card again
	}
	stage("pages")
	stats.Files = len(o.pages) + len(o.lists) + len(o.rest.Names()) + nsearch
	return stats, problems.Unique()
}

// each calls fn for every page, on as many goroutines as there are cores.
// They are few and live through many pages: a goroutine per page would
// grow its stack anew through the templates' recursion, copying it.
func each(pages []*site.Page, fn func(*site.Page) error) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(pages)) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(pages)); i = next.Add(1) - 1 {
				_ = fn(pages[i])
			}
		})
	}
	wg.Wait()
}

// monthOf is the start of the month of the newest digest a page shows, in
// that digest's time zone, or the zero time for a page that shows none.
func monthOf(p *site.Page) time.Time {
	t := newest(p)
	if t.IsZero() {
		return t
	}
	y, m, _ := t.Date()
	return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
}

// newest is the date of the newest digest a page shows, or the zero time.
func newest(p *site.Page) time.Time {
	switch {
	case p.Digest != nil:
		return p.Digest.Date
	case len(p.Digests) > 0:
		return p.Digests[0].Date
	}
	return time.Time{}
}

// newestFirst orders pages by the newest digest each shows, newest first,
// after the pages that show none: list pages that show the same digests
// are then made one after the other, and the cached partials they share
// (each digest's card) are reused before the cache forgets them.
func newestFirst(pages []*site.Page) []*site.Page {
	out := slices.Clone(pages)
	slices.SortStableFunc(out, func(a, b *site.Page) int {
		ta, tb := newest(a), newest(b)
		if ta.IsZero() != tb.IsZero() {
			if ta.IsZero() {
				return -1
			}
			return 1
		}
		return tb.Compare(ta)
	})
	return out
}

// Refresh makes again, in parallel, the files of the cache that the newest
// changes touched, so that a page open in a browser is ready when it
// reloads, and one page of each kind, so that an error in a layout shows
// now rather than when a page is asked for. It returns the layouts' errors.
func (o *Output) Refresh() diag.List {
	if o.cache == nil {
		return nil
	}
	todo := map[string]bool{} // true: keep it in the cache
	seen := map[site.Kind]bool{}
	for _, p := range o.site.Pages {
		if o.fresh && !seen[p.Kind] {
			seen[p.Kind] = true
			todo[p.File()] = false
		}
	}
	o.cache.mu.Lock()
	for name := range o.cache.files {
		if _, ok := o.pageOf(name); ok {
			todo[name] = true
		} else if _, ok := o.lists[name]; ok {
			todo[name] = true
		}
	}
	o.cache.mu.Unlock()
	var mu sync.Mutex
	var problems diag.List
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for name, keep := range todo {
		g.Go(func() error {
			var more diag.List
			if keep {
				_, _, more = o.File(name)
			} else {
				p, _ := o.pageOf(name)
				_, more = o.render.Page(p) // a check: not asked for, so not kept
			}
			if more.Err() != nil {
				mu.Lock()
				problems = append(problems, more...)
				mu.Unlock()
			}
			return nil
		})
	}
	_ = g.Wait()
	return problems.Unique()
}
