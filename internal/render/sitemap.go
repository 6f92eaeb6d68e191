package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/signaldigest/signal/internal/site"
)

// maxSitemapURLs is the limit of one sitemap file (sitemaps.org); past it,
// sitemap.xml is an index of numbered sitemaps.
var maxSitemapURLs = 50_000

// Sitemap writes sitemap.xml (and sitemap-N.xml past the limit) and
// robots.txt naming it.
func (r *Renderer) Sitemap(sink Sink) error {
	cfg := r.site.Config
	type entry struct{ loc, lastmod string }
	var entries []entry
	for _, p := range r.site.Pages {
		if p.Kind == site.KindNotFound {
			continue
		}
		e := entry{loc: cfg.AbsURL(site.EscapePath(p.Path))}
		if p.Digest != nil {
			e.lastmod = p.Digest.Modified().Format(time.RFC3339)
		}
		entries = append(entries, e)
	}
	write := func(name string, es []entry) error {
		var b bytes.Buffer
		b.WriteString(xml.Header)
		b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, e := range es {
			b.WriteString("<url><loc>")
			xml.EscapeText(&b, []byte(e.loc))
			b.WriteString("</loc>")
			if e.lastmod != "" {
				b.WriteString("<lastmod>" + e.lastmod + "</lastmod>")
			}
			b.WriteString("</url>\n")
		}
		b.WriteString("</urlset>\n")
		return sink.WriteFile(name, b.Bytes())
	}
	if len(entries) <= maxSitemapURLs {
		if err := write("sitemap.xml", entries); err != nil {
			return err
		}
	} else {
		var index bytes.Buffer
		index.WriteString(xml.Header)
		index.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for i := 0; i*maxSitemapURLs < len(entries); i++ {
			name := fmt.Sprintf("sitemap-%d.xml", i+1)
			if err := write(name, entries[i*maxSitemapURLs:min((i+1)*maxSitemapURLs, len(entries))]); err != nil {
				return err
			}
			index.WriteString("<sitemap><loc>")
			xml.EscapeText(&index, []byte(cfg.AbsURL(name)))
			index.WriteString("</loc></sitemap>\n")
		}
		index.WriteString("</sitemapindex>\n")
		if err := sink.WriteFile("sitemap.xml", index.Bytes()); err != nil {
			return err
		}
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + cfg.AbsURL("sitemap.xml") + "\n"
	return sink.WriteFile("robots.txt", []byte(robots))
}
