package render

import (
	"html/template"
	"sync"

	"github.com/signaldigest/signal/internal/chart"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// charts gives layouts the charts of package chart as template funcs:
// {{timeline .Term}} for theme and source pages, {{board .Site}} for the
// home page and {{shares .Term}} for stance and conviction pages. Layouts
// call them on a list's first page only, so each chart is drawn once.
type charts struct {
	site *site.Site
	all  func() []chart.Point // every digest of the site, converted once
}

func newCharts(s *site.Site) *charts {
	c := &charts{site: s}
	c.all = sync.OnceValue(func() []chart.Point { return c.points(s.Digests, nil) })
	return c
}

func (c *charts) funcs() template.FuncMap {
	return template.FuncMap{
		"timeline": func(t *site.Term) template.HTML { return chart.Timeline(t.Name, c.points(t.Digests, t)) },
		"board":    c.board,
		"shares":   c.shares,
	}
}

// points converts digests for a chart. With a term, each point also links
// the list page of the term that shows it.
func (c *charts) points(digests []*content.Digest, t *site.Term) []chart.Point {
	cfg := c.site.Config
	out := make([]chart.Point, len(digests))
	for i, d := range digests {
		out[i] = chart.Point{Date: d.Date, Stance: d.Stance, Conviction: d.Conviction, Title: d.Title, Href: Href(cfg, d.Permalink)}
		if t != nil && len(t.Pages) > 0 {
			out[i].List = Href(cfg, t.Pages[min(i/cfg.PageSize, len(t.Pages)-1)].Path)
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
		themes = append(themes, chart.Series{Name: t.Name, Href: Href(s.Config, t.Path()), Points: c.points(t.Digests, nil)})
	}
	return chart.Board(themes, s.Digests[0].Date)
}

// shares is a stance's or a conviction's share of each month.
func (c *charts) shares(t *site.Term) template.HTML {
	name, class := t.Name, "st-"+t.Slug
	if t.Taxonomy.Name == "conviction" {
		name, class = t.Name+" conviction", "cv-"+t.Slug
	}
	return chart.Shares(name, class, c.points(t.Digests, nil), c.all())
}
