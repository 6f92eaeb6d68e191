package feeds

import (
	"bytes"
	"sync"
	"time"

	gfeeds "github.com/gorilla/feeds"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// Format is one of the three formats every list has a feed in.
type Format int

// The formats, in the order their files are written.
const (
	RSS Format = iota
	Atom
	JSON
)

// Formats are the three formats, in order.
var Formats = [...]Format{RSS, Atom, JSON}

// File is the name of a list's feed file in format f.
func (f Format) File() string { return [...]string{"feed.xml", "atom.xml", "feed.json"}[f] }

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
			lists = append(lists, List{Folder: t.Path(), Title: t.Title() + " · " + s.Config.Title, Digests: t.Digests})
		}
	}
	return lists
}

// Files are the names of a list's feed files, relative to the output root.
func (l List) Files() [3]string {
	f := l.Folder[1:]
	return [3]string{f + RSS.File(), f + Atom.File(), f + JSON.File()}
}

// Writer makes the feeds of one site.
type Writer struct {
	site    *site.Site
	entries *entries
	left    map[use]int // see Once; nil: keep every entry
}

// use is a digest shown in the feeds of one format.
type use struct {
	d *content.Digest
	f Format
}

// Once tells w that each of lists will be written once in each format, by
// Write or by one WriteFormat a format, as a build does: w then forgets a
// digest's entry in a format when the last feed of that format that shows
// it is written, rather than holding the entries of every digest on a feed
// (at 10,000 digests, some 75 MB) until the end. A build writes every RSS
// feed, then every Atom feed, then every JSON feed, so that it holds the
// entries of one format at a time.
func (w *Writer) Once(lists []List) {
	w.left = map[use]int{}
	for _, l := range lists {
		for _, d := range w.Shown(l) {
			for _, f := range Formats {
				w.left[use{d, f}]++
			}
		}
	}
}

// done forgets the entries in format f that no list left to write shows.
// A list written more often than Once was told costs entries encoded
// again, never a wrong one: what is forgotten is encoded anew if asked for.
func (w *Writer) done(shown []*content.Digest, f Format) {
	if w.left == nil {
		return
	}
	c := w.entries.Cache
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range shown {
		u := use{d, f}
		if w.left[u]--; w.left[u] <= 0 {
			delete(c.done, keyOf(d, f))
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
	digests := w.Shown(l)
	for _, f := range Formats {
		defer w.done(digests, f)
	}
	for _, f := range Formats {
		if err := w.write(l, f, digests, write); err != nil {
			return err
		}
	}
	return nil
}

// WriteFormat is Write for the document in format f alone.
func (w *Writer) WriteFormat(l List, f Format, write func(name string, data []byte) error) error {
	digests := w.Shown(l)
	defer w.done(digests, f)
	return w.write(l, f, digests, write)
}

func (w *Writer) write(l List, format Format, digests []*content.Digest, write func(name string, data []byte) error) error {
	cfg := w.site.Config
	f := &gfeeds.Feed{
		Title:       l.Title,
		Link:        &gfeeds.Link{Href: cfg.AbsURL(site.EscapePath(l.Folder))},
		Description: cfg.Description,
		Id:          cfg.AbsURL(site.EscapePath(l.Folder)),
	}
	f.Author = author(cfg)
	// The feed's dates come from its digests, never from the clock, so that
	// the same content gives the same bytes.
	entries := make([][]byte, 0, len(digests))
	for _, d := range digests {
		if d.Modified().After(f.Updated) {
			f.Updated = d.Modified()
		}
		if d.Date.After(f.Created) {
			f.Created = d.Date
		}
		entries = append(entries, w.entries.of(d, format))
	}
	if f.Updated.IsZero() && format == Atom {
		// A feed of no digest has no date. RSS's are optional, and left
		// out; Atom's <updated> is required, and no date but a fixed one
		// keeps the bytes the same from build to build.
		f.Updated = time.Unix(0, 0).UTC()
		f.Created = f.Updated
	}
	name := format.File()
	self := cfg.AbsURL(site.EscapePath(l.Folder) + name)
	frame, out := buffers.Get().(*bytes.Buffer), buffers.Get().(*bytes.Buffer)
	defer buffers.Put(frame)
	defer buffers.Put(out)
	frame.Reset()
	out.Reset()
	switch format {
	case RSS:
		_ = writeRSS(frame, f, cfg.Language, self)
		spliceXML(out, frame.Bytes(), "\n  </channel>", entries)
	case Atom:
		_ = writeAtom(frame, f, cfg.Language, self, cfg.Title)
		spliceXML(out, frame.Bytes(), "\n</feed>", entries)
	case JSON:
		_ = writeJSON(frame, f, cfg.Language, self)
		spliceJSON(out, frame.Bytes(), entries)
	}
	return write(name, out.Bytes())
}

// author is site.yaml's author, for feeds and their entries, or nil. Atom
// and JSON Feed give an author a name (an Atom person must have one, and a
// JSON Feed author with none is an empty object), so an author given by
// email alone is named after the site.
func author(cfg *config.Config) *gfeeds.Author {
	a := cfg.Author
	if a.Name == "" && a.Email == "" {
		return nil
	}
	if a.Name == "" {
		a.Name = cfg.Title
	}
	return &gfeeds.Author{Name: a.Name, Email: a.Email}
}

func themeNames(d *content.Digest) []string {
	names := make([]string, len(d.Themes))
	for i, t := range d.Themes {
		names[i] = t.Name
	}
	return names
}
