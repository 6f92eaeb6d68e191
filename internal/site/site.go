package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
)

// Options choose which digests are published.
type Options struct {
	Drafts bool      // include drafts
	Future bool      // include digests dated after Now
	Now    time.Time // the moment that decides what is in the future
}

// Shows reports whether the site publishes d: a draft only with Drafts,
// and a digest dated after Now only with Future.
func (o Options) Shows(d *content.Digest) bool {
	return (!d.Draft || o.Drafts) && (!d.Date.After(o.Now) || o.Future)
}

// Site is the model of the whole site.
type Site struct {
	Config  *config.Config
	Digests []*content.Digest // published, newest first
	// Drafts and Future count the digests left out: the drafts, and the
	// others dated after Options.Now.
	Drafts, Future int
	Themes         *Taxonomy
	Sources        *Taxonomy
	Stances        *Taxonomy // the "consensus" pages
	Levels         *Taxonomy // the "conviction" pages
	Pages          []*Page   // every HTML page, in a stable order
	keys           keys
}

// Taxonomy is one way of grouping digests: themes, sources, stances or
// convictions.
type Taxonomy struct {
	Name  string // "themes", "sources", "consensus", "conviction": its URL segment
	Title string // "Themes"
	Terms []*Term
	index map[string]*Term
	keys  keys
}

// Term is one group: a theme, a handle, a stance or a conviction.
type Term struct {
	Taxonomy *Taxonomy
	Slug     string
	Name     string
	Digests  []*content.Digest // newest first
	Pages    []*Page           // its list pages, first one first
	keys     keys
}

// Path is the site path of the term's first page.
func (t *Term) Path() string { return "/" + t.Taxonomy.Name + "/" + t.Slug + "/" }

// Title names the term alone, as a page or feed title: its name, but
// "High conviction" rather than "High".
func (t *Term) Title() string {
	if t.Taxonomy.Name == "conviction" {
		return t.Name + " conviction"
	}
	return t.Name
}

// Count is the number of digests in the term.
func (t *Term) Count() int { return len(t.Digests) }

// New makes the site model. Its problems are digests whose permalink is the
// path of another page.
func New(cfg *config.Config, all []*content.Digest, opts Options) (*Site, diag.List) {
	s := &Site{Config: cfg}
	s.Digests, s.Drafts, s.Future = publish(all, opts)
	s.taxonomies()
	s.pages()
	return s, s.collisions()
}

// publish picks the digests the site shows, in their order, and counts
// those it leaves out.
func publish(all []*content.Digest, opts Options) (shown []*content.Digest, drafts, future int) {
	for _, d := range all {
		switch {
		case opts.Shows(d):
			shown = append(shown, d)
		case d.Draft && !opts.Drafts:
			drafts++
		default:
			future++
		}
	}
	return shown, drafts, future
}

// collisions finds pages that would be written to one file: a digest whose
// permalink pattern puts it at /archive/ or /themes/, say, or at the
// page/1/ that leads to the first page of a list.
func (s *Site) collisions() diag.List {
	var problems diag.List
	byFile := map[string]*Page{}
	for _, p := range s.Pages {
		other := byFile[p.File()]
		if other == nil {
			byFile[p.File()] = p
			continue
		}
		d, o := p, other
		if d.Digest == nil {
			d, o = o, d
		}
		// Two digests are told of by content, which checks permalinks
		// before the site is made: this is a digest on a page of the site.
		if d.Digest != nil && o.Digest == nil {
			problems.Add(d.Digest.Path, d.Digest.PermalinkLine, 0, "permalink %s is also the path of %s", d.Path, o.describe())
		}
	}
	for _, list := range s.Pages {
		if d := byFile[list.AliasFile()]; d != nil && d.Digest != nil {
			problems.Add(d.Digest.Path, d.Digest.PermalinkLine, 0, "permalink %s is also the path of the redirect to %s", d.Path, list.describe())
		}
	}
	return problems
}

// describe names a page in a message: "the themes page".
func (p *Page) describe() string {
	switch p.Kind {
	case KindTerms:
		return "the " + p.Taxonomy.Name + " page"
	case KindTerm:
		return fmt.Sprintf("the page of %s in %s", p.Term.Name, p.Taxonomy.Name)
	}
	return "the " + string(p.Kind) + " page"
}

// taxonomies groups the digests in one pass.
func (s *Site) taxonomies() {
	s.Themes = &Taxonomy{Name: "themes", Title: "Themes"}
	s.Sources = &Taxonomy{Name: "sources", Title: "Sources"}
	s.Stances = &Taxonomy{Name: "consensus", Title: "Consensus"}
	s.Levels = &Taxonomy{Name: "conviction", Title: "Conviction"}
	for _, d := range s.Digests { // newest first, so each term's list is too
		for _, th := range d.Themes {
			s.Themes.add(th.Slug, th.Name, d)
		}
		for _, src := range d.Sources {
			s.Sources.add(src.Slug, "@"+src.Handle, d)
		}
		s.Stances.add(string(d.Stance), d.Stance.Title(), d)
		s.Levels.add(string(d.Conviction), d.Conviction.Title(), d)
	}
	// Themes and handles in the order of the site's language, by their
	// slugs: the words of the name, without the emoji or punctuation that
	// would send a name to the end of the list.
	coll := collate.New(language.Make(s.Config.Language), collate.IgnoreCase)
	byName := func(a, b *Term) int {
		return cmp.Or(coll.CompareString(a.Slug, b.Slug), cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Slug, b.Slug))
	}
	slices.SortFunc(s.Themes.Terms, byName)
	slices.SortFunc(s.Sources.Terms, byName)
	// Stances and convictions keep the order of the spec, not of names.
	order := func(slugs []string) func(a, b *Term) int {
		return func(a, b *Term) int { return cmp.Compare(slices.Index(slugs, a.Slug), slices.Index(slugs, b.Slug)) }
	}
	var stances, levels []string
	for _, st := range content.Stances {
		stances = append(stances, string(st))
	}
	for _, c := range content.Convictions {
		levels = append(levels, string(c))
	}
	slices.SortFunc(s.Stances.Terms, order(stances))
	slices.SortFunc(s.Levels.Terms, order(levels))
}

func (tax *Taxonomy) add(slug, name string, d *content.Digest) {
	t := tax.index[slug]
	if t == nil {
		if tax.index == nil {
			tax.index = map[string]*Term{}
		}
		t = &Term{Taxonomy: tax, Slug: slug, Name: name}
		tax.index[slug] = t
		tax.Terms = append(tax.Terms, t)
	}
	t.Digests = append(t.Digests, d)
}

// Term returns the term with a slug, or nil.
func (tax *Taxonomy) Term(slug string) *Term { return tax.index[slug] }
