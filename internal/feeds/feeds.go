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

// list is one list of digests that has feeds.
type list struct {
	folder  string // site path of the folder: "/" or "/themes/compute/"
	title   string
	digests []*content.Digest
}

// Write writes the three feeds of every list into sink and returns how many
// files it wrote.
func Write(s *site.Site, sink Sink) (int, diag.List) {
	lists := []list{{folder: "/", title: s.Config.Title, digests: s.Digests}}
	for _, tax := range s.Taxonomies() {
		for _, t := range tax.Terms {
			lists = append(lists, list{folder: t.Path(), title: t.Name + " · " + s.Config.Title, digests: t.Digests})
		}
	}
	w := &writer{site: s, entries: newEntries(s)}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var problems diag.List
	for _, l := range lists {
		g.Go(func() error {
			for name, data := range w.feeds(l) {
				if err := sink.WriteFile(l.folder[1:]+name, data); err != nil {
					mu.Lock()
					problems.Add(l.folder[1:]+name, 0, 0, "cannot write: %v", err)
					mu.Unlock()
					return err
				}
			}
			return nil
		})
	}
	_ = g.Wait()
	return 3 * len(lists), problems
}

type writer struct {
	site    *site.Site
	entries *entries
}

// feeds returns the three documents of one list, by file name.
func (w *writer) feeds(l list) map[string][]byte {
	cfg := w.site.Config
	digests := l.digests
	if cfg.FeedItems > 0 && len(digests) > cfg.FeedItems {
		digests = digests[:cfg.FeedItems]
	}
	f := &gfeeds.Feed{
		Title:       l.title,
		Link:        &gfeeds.Link{Href: cfg.AbsURL(site.EscapePath(l.folder))},
		Description: cfg.Description,
		Id:          cfg.AbsURL(site.EscapePath(l.folder)),
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
	self := func(name string) string { return cfg.AbsURL(site.EscapePath(l.folder) + name) }
	out := map[string][]byte{}
	var b bytes.Buffer
	_ = writeRSS(&b, f, cfg.Language, self(RSSFile))
	out[RSSFile] = spliceXML(b.Bytes(), "\n  </channel>", rss)
	b = bytes.Buffer{}
	_ = writeAtom(&b, f, cfg.Language, self(AtomFile))
	out[AtomFile] = spliceXML(b.Bytes(), "\n</feed>", atom)
	b = bytes.Buffer{}
	_ = writeJSON(&b, f, cfg.Language, self(JSONFile))
	out[JSONFile] = spliceJSON(b.Bytes(), jsonf)
	return out
}

func themeNames(d *content.Digest) []string {
	names := make([]string, len(d.Themes))
	for i, t := range d.Themes {
		names[i] = t.Name
	}
	return names
}
