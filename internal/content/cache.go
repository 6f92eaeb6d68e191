package content

import (
	"encoding/binary"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/diag"
)

// Cache keeps what Load parsed, so that a later Load of the same site
// parses again only the files it was told have changed: serve keeps one
// between rebuilds, so that saving one digest of ten thousand costs the
// parsing of one. Load with a nil Cache parses every file.
type Cache struct {
	mu       sync.Mutex
	settings string            // the settings the entries were parsed with
	paths    []string          // the digest files; nil: list the folder again
	links    map[string]bool   // those of paths that are symbolic links
	listed   diag.List         // what listing them found
	files    map[string]parsed // by path

	// What the last load without errors returned, for the next one to
	// reuse when only bodies changed since: its digests, where each path
	// is among them, the MetaKey of each as parsed (before Load gave it
	// the archive's spellings), and the spellings chosen.
	last            []*Digest
	index           map[string]int
	parsedKeys      map[string]uint64
	themes, handles map[string]string
	shown           []bool // which of last were published when their names were chosen
}

type parsed struct {
	d        *Digest // never changed once parsed: Load hands out copies
	problems diag.List
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{files: map[string]parsed{}} }

// Changed tells the cache that files changed, were added or were removed:
// paths are slash-separated and relative to the site folder.
func (c *Cache) Changed(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		if p != Dir && !strings.HasPrefix(p, Dir+"/") {
			continue
		}
		if _, known := c.files[p]; !known {
			c.paths = nil // a new file or folder, or a removed folder
			// A folder moved in over one of the same name holds other
			// files under the same paths.
			for f := range c.files {
				if strings.HasPrefix(f, p+"/") {
					delete(c.files, f)
				}
			}
		}
		delete(c.files, p)
	}
}

// use returns the cached result for path, if any, after resetting the cache
// when the settings that parsing depends on have changed.
func (c *Cache) use(cfg *config.Config) {
	s := cfg.Timezone.String() + "\x00" + strconv.FormatBool(cfg.UnsafeHTML) + "\x00" + cfg.BasePath() + "\x00" + cfg.Permalink
	if s != c.settings {
		c.settings, c.paths, c.files = s, nil, map[string]parsed{}
		c.last, c.index, c.parsedKeys = nil, nil, nil
	}
}

// remember keeps the result of a load for the next one. The keys as parsed
// are taken from every file, not just those this load parsed: a file parsed
// by a load that failed is cached, with a key the next load must know.
func (c *Cache) remember(digests []*Digest, themes, handles map[string]string, published func(*Digest) bool) {
	c.last, c.themes, c.handles = digests, themes, handles
	c.shown = shown(digests, published)
	c.index = make(map[string]int, len(digests))
	for i, d := range digests {
		c.index[d.Path] = i
	}
	c.parsedKeys = make(map[string]uint64, len(c.files))
	for p, r := range c.files {
		if r.d != nil {
			c.parsedKeys[p] = r.d.MetaKey()
		}
	}
}

// bodiesChanged returns what the last load returned with the digests
// parsed now in place of the old ones, when those differ from them only
// in their bodies and no file was added or removed (n digests in all).
// Then the spellings chosen, the order and the permalinks stay as they
// were, and a save of one digest's text costs the parsing of one file
// rather than a pass over the archive.
//
// The spellings were chosen among the digests published then: when time
// has since published another (serve runs for days), they are chosen again.
func (c *Cache) bodiesChanged(last, fresh []*Digest, n int, published func(*Digest) bool) ([]*Digest, bool) {
	if last == nil || n != len(last) || !slices.Equal(shown(last, published), c.shown) {
		return nil, false
	}
	for _, d := range fresh {
		if _, ok := c.index[d.Path]; !ok || c.parsedKeys[d.Path] != d.MetaKey() {
			return nil, false
		}
	}
	out := slices.Clone(last)
	for _, d := range fresh {
		if needsNames(d, c.themes, c.handles) {
			d = copyOf(d)
			setNames(d, c.themes, c.handles)
			d.setMetaKey()
		}
		out[c.index[d.Path]] = d
	}
	return out, true
}

// shown reports, for each digest, whether it is published, or nil when
// every digest counts.
func shown(digests []*Digest, published func(*Digest) bool) []bool {
	if published == nil {
		return nil
	}
	out := make([]bool, len(digests))
	for i, d := range digests {
		out[i] = published(d)
	}
	return out
}

// seed makes the keys of one process comparable with each other; they are
// never written anywhere.
var seed = maphash.MakeSeed()

// MetaKey changes when anything of the digest but its body changes: what
// lists, cards and the archive show.
func (d *Digest) MetaKey() uint64 { return d.metaKey }

// BodyKey changes when the digest's rendered body changes.
func (d *Digest) BodyKey() uint64 { return d.bodyKey }

func (d *Digest) setMetaKey() {
	var h maphash.Hash
	h.SetSeed(seed)
	str := func(s string) { h.WriteString(s); h.WriteByte(0) }
	for _, s := range [...]string{d.Path, d.Title, string(d.Stance), d.Scope, string(d.Conviction), d.Summary, d.Slug, d.Permalink} {
		str(s)
	}
	var b [8]byte
	for _, t := range [...]time.Time{d.Date, d.Updated} {
		binary.LittleEndian.PutUint64(b[:], uint64(t.UnixNano()))
		h.Write(b[:])
		str(t.Location().String())
	}
	if d.Draft {
		h.WriteByte(1)
	}
	for _, t := range d.Themes {
		str(t.Slug)
		str(t.Name)
	}
	for _, s := range d.Sources {
		str(s.Slug)
		str(s.Handle)
		str(s.Note)
	}
	d.metaKey = h.Sum64()
}

// copyOf returns a copy of a parsed digest that Load may change (canonical
// names, permalink) without touching the cached one.
func copyOf(d *Digest) *Digest {
	c := *d
	c.Themes = append([]Theme(nil), d.Themes...)
	c.Sources = make([]*Source, len(d.Sources))
	for i, s := range d.Sources {
		cs := *s
		c.Sources[i] = &cs
	}
	return &c
}
