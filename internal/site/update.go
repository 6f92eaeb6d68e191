package site

import (
	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
)

// Update makes the model of the site with the digests all, reusing s when
// they differ from s's only in their bodies: the same published digests in
// the same order, each with the MetaKey it had. Then every list, term and
// page stays where it was and only what points at a changed digest is
// copied, so that a save of one digest's text in serve costs a copy of the
// model rather than grouping the archive again. It returns nil when the
// change is more than that; then New makes the model.
func (s *Site) Update(cfg *config.Config, all []*content.Digest, opts Options) *Site {
	published, drafts, future := publish(all, opts)
	if len(published) != len(s.Digests) {
		return nil
	}
	var swaps swaps
	for i, d := range published {
		old := s.Digests[i]
		if d == old {
			continue
		}
		if d.Path != old.Path || d.MetaKey() != old.MetaKey() {
			return nil
		}
		swaps = append(swaps, [2]*content.Digest{old, d})
	}

	n := &Site{Config: cfg, Digests: published, Drafts: drafts, Future: future}
	terms := map[*Term]*Term{}
	taxes := map[*Taxonomy]*Taxonomy{}
	for _, tax := range s.Taxonomies() {
		nt := &Taxonomy{Name: tax.Name, Title: tax.Title, Terms: make([]*Term, len(tax.Terms)), index: make(map[string]*Term, len(tax.Terms))}
		for i, t := range tax.Terms {
			c := &Term{Taxonomy: nt, Slug: t.Slug, Name: t.Name, Digests: swaps.in(t.Digests)}
			nt.Terms[i], nt.index[t.Slug] = c, c
			terms[t] = c
		}
		taxes[tax] = nt
	}
	n.Themes, n.Sources, n.Stances, n.Levels = taxes[s.Themes], taxes[s.Sources], taxes[s.Stances], taxes[s.Levels]

	pages := make([]Page, len(s.Pages)) // one allocation for every page
	n.Pages = make([]*Page, len(s.Pages))
	for i, p := range s.Pages {
		c := &pages[i]
		*c = *p
		c.Site = n
		c.Digest, c.Older, c.Newer = swaps.of(p.Digest), swaps.of(p.Older), swaps.of(p.Newer)
		c.Digests = swaps.in(p.Digests)
		if p.Taxonomy != nil {
			c.Taxonomy = taxes[p.Taxonomy]
		}
		if p.Term != nil {
			c.Term = terms[p.Term]
			c.Term.Pages = append(c.Term.Pages, c)
		}
		if p.Archive != nil {
			c.Archive = swaps.archive(p.Archive)
		}
		n.Pages[i] = c
	}
	return n
}

// swaps pairs old digests with the ones that replace them: few, since a
// save changes a file or two.
type swaps [][2]*content.Digest

func (sw swaps) of(d *content.Digest) *content.Digest {
	for _, p := range sw {
		if p[0] == d {
			return p[1]
		}
	}
	return d
}

// in returns digests with the swaps made: digests itself when none is
// among them, else a copy.
func (sw swaps) in(digests []*content.Digest) []*content.Digest {
	if len(sw) == 0 {
		return digests
	}
	var out []*content.Digest
	for i, d := range digests {
		if r := sw.of(d); r != d {
			if out == nil {
				out = append([]*content.Digest(nil), digests...)
			}
			out[i] = r
		}
	}
	if out == nil {
		return digests
	}
	return out
}

func (sw swaps) archive(years []*Year) []*Year {
	if len(sw) == 0 {
		return years
	}
	out := make([]*Year, len(years))
	for i, y := range years {
		ny := &Year{Year: y.Year, Months: make([]*Month, len(y.Months))}
		for j, m := range y.Months {
			ny.Months[j] = &Month{Month: m.Month, Digests: sw.in(m.Digests)}
		}
		out[i] = ny
	}
	return out
}
