package render

import (
	"html/template"
	"sync"

	"github.com/signaldigest/signal/internal/chart"
	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// charts gives layouts the charts of package chart as template funcs:
// {{timeline .Term}} for theme and source pages, {{board .Site}} for the
// home page and {{shares .Term .Site}} for stance and conviction pages.
// Layouts call them on a list's first page only, so each chart is drawn
// once. The funcs take the site from their arguments, never from the
// build that parsed the layouts: serve renders later builds with them.
type charts struct {
	cfg        *config.Config // the settings, which the layouts are parsed again for when they change
	groupAbove int            // digests past which a timeline groups its marks

	mu   sync.Mutex
	site *site.Site    // the site whose digests all holds
	all  []chart.Point // every digest of it, converted once for the shares
}

func newCharts(cfg *config.Config, groupAbove int) *charts {
	return &charts{cfg: cfg, groupAbove: groupAbove}
}

func (c *charts) funcs() template.FuncMap {
	return template.FuncMap{
		"timeline": func(t *site.Term) template.HTML {
			return chart.Timeline(t.Name, c.points(t.Digests, t, true), c.groupAbove)
		},
		"board":  c.board,
		"shares": c.shares,
	}
}

// points converts digests for a chart. With links, each point has its
// title and link, for a timeline's marks; with a term too, the list page
// of the term that shows it. The board and the shares only count points,
// and at 100,000 digests the links they did not show were a million
// strings.
func (c *charts) points(digests []*content.Digest, t *site.Term, links bool) []chart.Point {
	out := make([]chart.Point, len(digests))
	var list string
	for i, d := range digests {
		out[i] = chart.Point{Date: d.Date, Stance: d.Stance, Conviction: d.Conviction}
		if !links {
			continue
		}
		out[i].Title, out[i].Href = d.Title, Href(c.cfg, d.Permalink)
		if t != nil && len(t.Pages) > 0 {
			if i%c.cfg.PageSize == 0 || list == "" {
				list = Href(c.cfg, t.Pages[min(i/c.cfg.PageSize, len(t.Pages)-1)].Path)
			}
			out[i].List = list
		}
	}
	return out
}

// board is the consensus board of the site's themes, up to its newest
// digest.
func (c *charts) board(s *site.Site) template.HTML {
	if len(s.Digests) == 0 {
		return ""
	}
	var themes []chart.Series
	for _, t := range s.Themes.Terms {
		themes = append(themes, chart.Series{Name: t.Name, Href: Href(c.cfg, t.Path()), Points: c.points(t.Digests, nil, false)})
	}
	return chart.Board(themes, s.Digests[0].Date)
}

// shares is a stance's or a conviction's share of each month of the site.
func (c *charts) shares(t *site.Term, s *site.Site) template.HTML {
	name, class := t.Name, "st-"+t.Slug
	if t.Taxonomy.Name == "conviction" {
		name, class = t.Name+" conviction", "cv-"+t.Slug
	}
	c.mu.Lock()
	if c.site != s {
		c.site, c.all = s, c.points(s.Digests, nil, false)
	}
	all := c.all
	c.mu.Unlock()
	return chart.Shares(name, class, c.points(t.Digests, nil, false), all)
}
