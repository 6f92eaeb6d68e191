package site

import (
	"encoding/binary"
	"hash/maphash"
	"strconv"
	"sync"

	"github.com/signaldigest/signal/internal/content"
)

// Key sums up what the page shows, so that serve can tell whether a page
// changed from one build to the next without rendering it: its place (kind,
// path, title, pager, term), the digests it lists by their MetaKey, the
// body of its digest, or of the digests a source page quotes, and its
// neighbours. A term page's key covers every digest of the term, and the
// first home page every digest of the site, as charts of a whole term or a
// board of recent themes may show on them. The theme and site.yaml are not
// in it: a change to those changes every page.
func (p *Page) Key() uint64 {
	var h maphash.Hash
	h.SetSeed(keySeed)
	str := func(s string) { h.WriteString(s); h.WriteByte(0) }
	num := func(n uint64) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], n)
		h.Write(b[:])
	}
	str(string(p.Kind))
	str(p.Path)
	str(p.Title)
	str(p.FeedFolder)
	if p.Pager != nil {
		str(strconv.Itoa(p.Pager.Number) + "/" + strconv.Itoa(p.Pager.Total) + p.Pager.First + "\x00" + p.Pager.Prev + "\x00" + p.Pager.Next)
	}
	if p.Taxonomy != nil {
		str(p.Taxonomy.Name)
	}
	for _, d := range []*content.Digest{p.Digest, p.Older, p.Newer} {
		if d != nil {
			num(d.MetaKey())
		}
	}
	if p.Digest != nil {
		num(p.Digest.BodyKey())
	}
	switch p.Kind {
	case KindTerm:
		num(p.Term.key())
		// A stance or conviction page opens with its share of each month's
		// digests: every digest of the site counts.
		if p.Pager.Number == 1 && (p.Taxonomy.Name == "consensus" || p.Taxonomy.Name == "conviction") {
			num(p.Site.key())
		}
	case KindTerms:
		num(p.Taxonomy.key())
	case KindArchive:
		num(p.Site.key())
	case KindSearch: // counts the digests, lists the stances, convictions and themes
		num(p.Site.key())
		for _, tax := range []*Taxonomy{p.Site.Stances, p.Site.Levels, p.Site.Themes} {
			num(tax.key())
		}
	case KindHome:
		if p.Pager.Number == 1 {
			num(p.Site.key())
		}
		for _, d := range p.Digests {
			num(d.MetaKey())
		}
	}
	return h.Sum64()
}

var keySeed = maphash.MakeSeed()

// keys memoizes the keys of a site's lists: each is asked for by every
// page of its list.
type keys struct {
	once sync.Once
	sum  uint64
}

func (k *keys) get(f func(h *maphash.Hash)) uint64 {
	k.once.Do(func() {
		var h maphash.Hash
		h.SetSeed(keySeed)
		f(&h)
		k.sum = h.Sum64()
	})
	return k.sum
}

func writeDigests(h *maphash.Hash, digests []*content.Digest, bodies bool) {
	var b [8]byte
	for _, d := range digests {
		binary.LittleEndian.PutUint64(b[:], d.MetaKey())
		h.Write(b[:])
		if bodies {
			binary.LittleEndian.PutUint64(b[:], d.BodyKey())
			h.Write(b[:])
		}
	}
}

// key covers the term's name and every digest in it, with bodies for a
// source, whose pages quote them.
func (t *Term) key() uint64 {
	return t.keys.get(func(h *maphash.Hash) {
		h.WriteString(t.Taxonomy.Name + "\x00" + t.Slug + "\x00" + t.Name + "\x00")
		writeDigests(h, t.Digests, t.Taxonomy.Name == "sources")
	})
}

// key covers every term of the taxonomy, with its count.
func (t *Taxonomy) key() uint64 {
	return t.keys.get(func(h *maphash.Hash) {
		for _, term := range t.Terms {
			h.WriteString(term.Slug + "\x00" + term.Name + "\x00" + strconv.Itoa(len(term.Digests)) + "\x00")
		}
	})
}

// key covers every digest of the site.
func (s *Site) key() uint64 {
	return s.keys.get(func(h *maphash.Hash) { writeDigests(h, s.Digests, false) })
}
