package feeds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"strings"
	"sync"
	"time"

	gfeeds "github.com/gorilla/feeds"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// A digest's entry is the same in every feed that carries it: the home
// feed, and those of its themes, sources, stance and conviction. gorilla/
// feeds encodes a whole feed at a time, so we encode each digest's three
// entries once, with the indentation they have inside a feed, and splice
// them into the frame of each feed: the bytes are those of encoding the
// whole feed, at a twelfth of the cost.
type entries struct {
	site *site.Site
	*Cache
}

// Cache keeps the encoded entries of digests between builds: serve keeps
// one, so that a rebuild encodes only the entries of digests that changed.
type Cache struct {
	mu   sync.Mutex
	done map[entryKey]*entry
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{done: map[entryKey]*entry{}} }

// entryKey names a digest as its entry in one format shows it.
type entryKey struct {
	permalink  string
	meta, body uint64
	format     Format
}

func keyOf(d *content.Digest, f Format) entryKey {
	return entryKey{d.Permalink, d.MetaKey(), d.BodyKey(), f}
}

// entry is a digest's entry in one format, encoded when first asked for.
type entry struct {
	once sync.Once
	data []byte
}

// of returns d's entry in format f, encoding it the first time.
func (c *entries) of(d *content.Digest, f Format) []byte {
	k := keyOf(d, f)
	c.mu.Lock()
	e := c.done[k]
	if e == nil {
		e = &entry{}
		c.done[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.data = c.encode(d, f) })
	return e.data
}

func (c *entries) encode(d *content.Digest, format Format) []byte {
	cfg := c.site.Config
	link := cfg.AbsURL(site.EscapePath(d.Permalink))
	f := &gfeeds.Feed{Items: []*gfeeds.Item{{
		Title:       d.Title,
		Link:        &gfeeds.Link{Href: link},
		Id:          link,
		IsPermaLink: "true",
		Description: d.Summary,
		Content:     xmlChars(absoluteAfter(c.head(d), d.HTML, link, !cfg.UnsafeHTML)),
		Created:     d.Date,
		Updated:     d.Modified(),
	}}}
	f.Items[0].Author = author(cfg)
	author := f.Items[0].Author

	switch format {
	case RSS:
		it := (&gfeeds.Rss{Feed: f}).RssFeed().Items[0]
		// An item's description is HTML to every reader; the summary is
		// text, escaped here as the pages escape it.
		it.Description = html.EscapeString(d.Summary)
		it.Author = rssAuthor(author)
		ri := &rssItem{RssItem: it, Categories: themeNames(d)}
		if author != nil {
			ri.Creator = author.Name
		}
		return encodeEntry(ri, "    ") // rss > channel > item
	case Atom:
		ae := (&gfeeds.Atom{Feed: f}).AtomFeed().Entries[0]
		ae.Published = d.Date.Format(time.RFC3339)
		ae.Updated = d.Modified().Format(time.RFC3339)
		if ae.Summary != nil {
			ae.Summary.Type = "text"
		}
		entry := &atomEntry{AtomEntry: ae}
		for _, name := range themeNames(d) {
			entry.Categories = append(entry.Categories, atomCategory{Term: name})
		}
		return encodeEntry(entry, "  ") // feed > entry
	case JSON:
		ji := (&gfeeds.JSON{Feed: f}).JSONFeed().Items[0]
		published, modified := d.Date, d.Modified()
		ji.PublishedDate = &published
		ji.ModifiedDate = &modified
		ji.Tags = themeNames(d)
		data, _ := json.MarshalIndent(ji, "    ", "  ") // {"items": [ item ]}
		return append(append(make([]byte, 0, 4+len(data)), "    "...), data...)
	}
	panic("feeds: no such format")
}

// encodeEntry encodes an element at the depth that prefix indents it to.
func encodeEntry(v any, prefix string) []byte {
	b := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(b)
	b.Reset()
	// xml.NewEncoder makes a 4 KB bufio.Writer unless it is given one.
	w := writers.Get().(*bufio.Writer)
	defer writers.Put(w)
	w.Reset(b)
	enc := xml.NewEncoder(w)
	enc.Indent(prefix, "  ")
	_ = enc.Encode(v)             // and flushes w
	return bytes.Clone(b.Bytes()) // of its size: it is kept
}

var writers = sync.Pool{New: func() any { return bufio.NewWriter(nil) }}

// spliceXML writes to out an encoded feed that has no entries, with the
// entries put before the closing tag of its root or channel.
func spliceXML(out *bytes.Buffer, frame []byte, closing string, entries [][]byte) {
	i := bytes.LastIndex(frame, []byte(closing))
	if i < 0 || len(entries) == 0 {
		out.Write(frame)
		return
	}
	out.Write(frame[:i])
	for _, e := range entries {
		out.WriteByte('\n')
		out.Write(e)
	}
	out.Write(frame[i:])
}

// spliceJSON writes to out an encoded JSON feed with the "items" array
// added (gorilla/feeds omits it when empty, and it is the last field), an
// empty one when there are none: JSON Feed 1.1 requires it.
func spliceJSON(out *bytes.Buffer, frame []byte, items [][]byte) {
	const end = "\n}\n"
	if !bytes.HasSuffix(frame, []byte(end)) {
		out.Write(frame)
		return
	}
	out.Write(frame[:len(frame)-len(end)])
	if len(items) == 0 {
		out.WriteString(",\n  \"items\": []" + end)
		return
	}
	out.WriteString(",\n  \"items\": [\n")
	for i, it := range items {
		if i > 0 {
			out.WriteString(",\n")
		}
		out.Write(it)
	}
	out.WriteString("\n  ]" + end)
}

// xmlChars replaces the characters XML 1.0 cannot carry with U+FFFD, as
// encoding/xml does in text, for the body of an RSS item, which goes in
// CDATA as it is: the build refuses them typed, but a character reference
// such as &#x1B; in Markdown gives one. All three formats carry the same.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0xd7ff || 0xe000 <= r && r <= 0xfffd || 0x10000 <= r && r <= 0x10ffff {
			return r
		}
		return '\ufffd'
	}, s)
}
