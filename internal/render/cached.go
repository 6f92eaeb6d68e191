package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// partials runs partial templates for the cached func and keeps what they
// return. A list page shows twenty cards and a digest shows on a dozen
// lists, so rendering each card once instead of a dozen times is most of
// the cost of list pages; the same holds for the header and footer that
// every page shares. For the built-in partials, as in Hugo's
// partialCached, the key is the partial's name and the variant arguments
// (and a digest's contents), never the rest of the context: the built-in
// layouts pass what each reads. The header, whose dot is a page, is keyed
// by the page's Nav as well, which a site's own base.html may not pass. A
// site's own partials are kept more narrowly, below.
//
// A site that replaces one of the built-in partials gets its own run on
// every call (see Theme.replaced): the built-in layouts cache a partial by
// the arguments the built-in one reads, and a footer of the site's own that
// shows its page's path would otherwise show one page's on every page.
//
// A partial of the site's own that the theme lacks is cached when its dot
// is a digest, keyed by the digest's contents, and run on every other call:
// cached by its name alone, one called with its page would show whichever
// page the build made first, and builds would differ.
type partials struct {
	set       func() *template.Template // a template set holding every partial
	cache     *Cache
	always    map[string]bool // partials run on every call, never cached
	perDigest map[string]bool // partials cached only when their dot is a digest
}

// Cache keeps the output of cached partials. serve keeps one from one
// build to the next, as long as the theme and settings stay the same: a
// partial whose dot is a digest is then keyed by the digest's contents too,
// so that an edited digest gets a new card and the others keep theirs.
//
// It holds at most maxPartials bytes: past that it forgets the outputs it
// made first. An archive of 100,000 digests has 100,000 cards; build makes
// list pages newest first, so that the cards a page shows were mostly made
// for the pages just before it, and a forgotten card is one that no page
// soon to come shows.
type Cache struct {
	mu    sync.Mutex
	done  map[string]*partial
	order []kept // what done holds, oldest first
	size  int    // bytes of HTML in done
	max   int    // bytes it may hold
}

// maxPartials bounds the bytes of a Cache: the cards of some 25,000 digests.
const maxPartials = 32 << 20

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{done: map[string]*partial{}, max: maxPartials} }

type kept struct {
	key string
	p   *partial
}

type partial struct {
	once sync.Once
	html template.HTML
	err  error
}

// made counts a partial's new output, and forgets the oldest outputs while
// there are too many bytes.
func (c *Cache) made(key string, p *partial) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done[key] != p {
		return // forgotten while it was made
	}
	c.order = append(c.order, kept{key, p})
	c.size += len(p.html)
	for c.size > c.max && len(c.order) > 1 {
		old := c.order[0]
		c.order[0] = kept{} // not kept alive by the array behind order
		c.order = c.order[1:]
		if c.done[old.key] == old.p {
			c.size -= len(old.p.html)
			delete(c.done, old.key)
		}
	}
}

// cached executes the partial name with dot once per variant and returns
// its HTML.
func (c *partials) cached(name string, dot any, variants ...any) (template.HTML, error) {
	if _, digest := dot.(*content.Digest); c.always[name] || c.perDigest[name] && !digest {
		var buf bytes.Buffer
		err := c.set().ExecuteTemplate(&buf, name, dot)
		return template.HTML(buf.String()), err
	}
	var b strings.Builder
	b.WriteString(name)
	for _, v := range variants {
		b.WriteByte(0)
		if s, ok := v.(string); ok {
			b.WriteString(s) // the usual variant: a permalink
		} else {
			fmt.Fprint(&b, v)
		}
	}
	if p, ok := dot.(*site.Page); ok && name == "header.html" {
		// The built-in header marks the page's place in the nav: keyed
		// by it, whatever a site's own layout passes (a base.html that
		// called it with no variant made builds differ).
		b.WriteByte(0)
		b.WriteString(p.Nav())
	}
	if d, ok := dot.(*content.Digest); ok {
		// A partial of the site's own may show the body too.
		b.WriteByte(0)
		b.WriteString(strconv.FormatUint(d.MetaKey(), 36))
		b.WriteByte('.')
		b.WriteString(strconv.FormatUint(d.BodyKey(), 36))
	}
	key := b.String()
	c.cache.mu.Lock()
	p := c.cache.done[key]
	if p == nil {
		p = &partial{}
		c.cache.done[key] = p
	}
	c.cache.mu.Unlock()
	p.once.Do(func() {
		var buf bytes.Buffer
		p.err = c.set().ExecuteTemplate(&buf, name, dot)
		p.html = template.HTML(buf.String())
		c.cache.made(key, p)
	})
	return p.html, p.err
}
