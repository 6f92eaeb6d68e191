package feeds

import (
	"bytes"
	"runtime"
	"sync"
	"time"

	gfeeds "github.com/gorilla/feeds"
	"golang.org/x/sync/errgroup"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/site"
)

// Sink receives the feed files; see render.Sink.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// The feed files written in each feed folder.
const (
	RSSFile  = "feed.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"
)

// List is one list of digests that has feeds: the home page, or a term.
type List struct {
	Folder  string // site path of the folder: "/" or "/themes/compute/"
	Title   string
	Digests []*content.Digest // newest first, all of them
}

// Lists returns every list of the site that has feeds, home first.
func Lists(s *site.Site) []List {
	lists := []List{{Folder: "/", Title: s.Config.Title, Digests: s.Digests}}
	for _, tax := range s.Taxonomies() {
		for _, t := range tax.Terms {
			lists = append(lists, List{Folder: t.Path(), Title: t.Name + " · " + s.Config.Title, Digests: t.Digests})
		}
	}
	return lists
}

// Files are the names of a list's feed files, relative to the output root.
func (l List) Files() [3]string {
	f := l.Folder[1:]
	return [3]string{f + RSSFile, f + AtomFile, f + JSONFile}
}

// Write writes the three feeds of every list into sink and returns how many
// files it wrote.
func Write(s *site.Site, sink Sink) (int, diag.List) {
	lists := Lists(s)
	w := New(s, nil)
	w.Once(lists)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var problems diag.List
	for _, l := range lists {
		g.Go(func() error {
			return w.Write(l, func(name string, data []byte) error {
				if err := sink.WriteFile(l.Folder[1:]+name, data); err != nil {
					mu.Lock()
					problems.Add(l.Folder[1:]+name, 0, 0, "cannot write: %v", err)
					mu.Unlock()
					return err
				}
				return nil
			})
		})
	}
	_ = g.Wait()
	return 3 * len(lists), problems
}

// Writer makes the feeds of one site.
type Writer struct {
	site    *site.Site
	entries *entries
	left    map[*content.Digest]int // see Once; nil: keep every entry
}

// Once tells w that each of lists will be written once, as a build does:
// w then forgets a digest's entries when the last feed that shows it is
// written, rather than holding the entries of every digest on a feed (at
// 10,000 digests, some 75 MB) until the end.
func (w *Writer) Once(lists []List) {
	w.left = map[*content.Digest]int{}
	for _, l := range lists {
		for _, d := range w.Shown(l) {
			w.left[d]++
		}
	}
}

// done forgets the entries that no list left to write shows.
func (w *Writer) done(shown []*content.Digest) {
	if w.left == nil {
		return
	}
	c := w.entries.Cache
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range shown {
		if w.left[d]--; w.left[d] == 0 {
			delete(c.done, keyOf(d))
		}
	}
}

// New returns a Writer for s; cache, when not nil, keeps encoded entries
// from one build to the next.
func New(s *site.Site, cache *Cache) *Writer {
	if cache == nil {
		cache = NewCache()
	}
	return &Writer{site: s, entries: &entries{site: s, Cache: cache}}
}

// Shown is what a list's feeds show: its newest feed_items digests.
func (w *Writer) Shown(l List) []*content.Digest {
	if n := w.site.Config.FeedItems; n > 0 && len(l.Digests) > n {
		return l.Digests[:n]
	}
	return l.Digests
}

// Feeds returns the three documents of one list, by file name.
func (w *Writer) Feeds(l List) map[string][]byte {
	out := map[string][]byte{}
	_ = w.Write(l, func(name string, data []byte) error {
		out[name] = bytes.Clone(data)
		return nil
	})
	return out
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Write makes the three documents of one list and hands each to write,
// with its file name; write must not keep the bytes.
func (w *Writer) Write(l List, write func(name string, data []byte) error) error {
	cfg := w.site.Config
	digests := w.Shown(l)
	defer w.done(digests)
	f := &gfeeds.Feed{
		Title:       l.Title,
		Link:        &gfeeds.Link{Href: cfg.AbsURL(site.EscapePath(l.Folder))},
		Description: cfg.Description,
		Id:          cfg.AbsURL(site.EscapePath(l.Folder)),
	}
	if cfg.Author.Name != "" || cfg.Author.Email != "" {
		f.Author = &gfeeds.Author{Name: cfg.Author.Name, Email: cfg.Author.Email}
	}
	// The feed's dates come from its digests, never from the clock, so that
	// the same content gives the same bytes.
	var rss, atom, jsonf [][]byte
	for _, d := range digests {
		if d.Modified().After(f.Updated) {
			f.Updated = d.Modified()
		}
		if d.Date.After(f.Created) {
			f.Created = d.Date
		}
		e := w.entries.of(d)
		rss, atom, jsonf = append(rss, e.rss), append(atom, e.atom), append(jsonf, e.jsonf)
	}
	if f.Updated.IsZero() {
		f.Updated = time.Unix(0, 0).UTC()
		f.Created = f.Updated
	}
	self := func(name string) string { return cfg.AbsURL(site.EscapePath(l.Folder) + name) }
	frame, out := buffers.Get().(*bytes.Buffer), buffers.Get().(*bytes.Buffer)
	defer buffers.Put(frame)
	defer buffers.Put(out)
	for _, name := range [...]string{RSSFile, AtomFile, JSONFile} {
		frame.Reset()
		out.Reset()
		switch name {
		case RSSFile:
			_ = writeRSS(frame, f, cfg.Language, self(RSSFile))
			spliceXML(out, frame.Bytes(), "\n  </channel>", rss)
		case AtomFile:
			_ = writeAtom(frame, f, cfg.Language, self(AtomFile))
			spliceXML(out, frame.Bytes(), "\n</feed>", atom)
		case JSONFile:
			_ = writeJSON(frame, f, cfg.Language, self(JSONFile))
			spliceJSON(out, frame.Bytes(), jsonf)
		}
		if err := write(name, out.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func themeNames(d *content.Digest) []string {
	names := make([]string, len(d.Themes))
	for i, t := range d.Themes {
		names[i] = t.Name
	}
	return names
}
