package build

import (
	"encoding/binary"
	"hash/maphash"
	"strconv"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/feeds"
	"github.com/signaldigest/signal/internal/site"
)

// The pages and feeds that serve asks for, made again only when their key
// changed: see Cache.

func (o *Output) page(p *site.Page) ([]byte, diag.List) {
	var key uint64
	if o.cache != nil {
		key = p.Key() ^ o.theme // a page made by an earlier build with another theme is stale
		if o.render.OwnLayouts() {
			// A site's own layouts may show any digest's body on any page
			// (a card with its first paragraph, its length): a body edit
			// makes every page stale, not only its digest's.
			key ^= o.bodiesKey()
		}
		if data, ok := o.cache.get(p.File(), key); ok {
			return data, nil
		}
	}
	data, problems := o.render.Page(p)
	if problems.Err() == nil && o.cache != nil {
		o.cache.put(p.File(), key, data)
	}
	return data, problems
}

func (o *Output) feed(l feeds.List, name string) []byte {
	var key uint64
	if o.cache != nil {
		key = listKey(o.feeds.Shown(l), l) ^ o.theme
		if data, ok := o.cache.get(name, key); ok {
			return data
		}
	}
	files := o.feeds.Feeds(l)
	if o.cache != nil {
		for _, n := range l.Files() {
			o.cache.put(n, key, files[n[len(l.Folder)-1:]])
		}
	}
	return files[name[len(l.Folder)-1:]]
}

// bodiesKey sums up the bodies of every digest of the site.
func (o *Output) bodiesKey() uint64 {
	o.bodiesOnce.Do(func() {
		var h maphash.Hash
		h.SetSeed(listSeed)
		var b [8]byte
		for _, d := range o.site.Digests {
			binary.LittleEndian.PutUint64(b[:], d.BodyKey())
			h.Write(b[:])
		}
		o.bodies = h.Sum64()
	})
	return o.bodies
}

var listSeed = maphash.MakeSeed()

// listKey sums up what a list's feeds show.
func listKey(shown []*content.Digest, l feeds.List) uint64 {
	var h maphash.Hash
	h.SetSeed(listSeed)
	h.WriteString(l.Folder + "\x00" + l.Title + "\x00")
	for _, d := range shown {
		h.WriteString(strconv.FormatUint(d.MetaKey(), 36) + "." + strconv.FormatUint(d.BodyKey(), 36) + "\x00")
	}
	return h.Sum64()
}
