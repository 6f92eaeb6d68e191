package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// partials runs partial templates for the cached func and keeps what they
// return. A list page shows twenty cards and a digest shows on a dozen
// lists, so rendering each card once instead of a dozen times is most of
// the cost of list pages; the same holds for the header and footer that
// every page shares. Like Hugo's partialCached, the key is the partial's
// name and the variant arguments, never the context: a layout that passes
// no variant gets one output for the whole site.
type partials struct {
	set  func() *template.Template // a template set holding every partial
	mu   sync.Mutex
	done map[string]*partial
}

type partial struct {
	once sync.Once
	html template.HTML
	err  error
}

func newPartials() *partials { return &partials{done: map[string]*partial{}} }

// cached executes the partial name with dot once per variant and returns
// its HTML.
func (c *partials) cached(name string, dot any, variants ...any) (template.HTML, error) {
	key := name
	if len(variants) > 0 {
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
		key = b.String()
	}
	c.mu.Lock()
	p := c.done[key]
	if p == nil {
		p = &partial{}
		c.done[key] = p
	}
	c.mu.Unlock()
	p.once.Do(func() {
		var buf bytes.Buffer
		p.err = c.set().ExecuteTemplate(&buf, name, dot)
		p.html = template.HTML(buf.String())
	})
	return p.html, p.err
}
