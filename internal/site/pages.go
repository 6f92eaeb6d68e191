package site

import (
	"strconv"
	"time"

	"github.com/signaldigest/signal/internal/content"
)

// Kind is the kind of a page, and the name of the layout that renders it.
type Kind string

// The page kinds of the spec's URL layout (§4).
const (
	KindHome     Kind = "home"    // / and /page/N/
	KindDigest   Kind = "digest"  // a digest at its permalink
	KindArchive  Kind = "archive" // /archive/
	KindTerms    Kind = "terms"   // /themes/, /sources/, /consensus/, /conviction/
	KindTerm     Kind = "term"    // /themes/<slug>/ and the like, and their /page/N/
	KindNotFound Kind = "404"     // /404.html
	KindSearch   Kind = "search"  // /search/: its index is written by the search stage
)

// Page is one HTML page of the site, and what its layout sees as dot.
type Page struct {
	Site  *Site // the whole site, for menus and feeds
	Kind  Kind
	Path  string // the site path, unescaped: "/themes/política-industrial/page/2/"
	Title string

	Digest     *content.Digest // a digest page's digest
	Older      *content.Digest // the digest before it, or nil
	Newer      *content.Digest // the digest after it, or nil
	Taxonomy   *Taxonomy       // a terms page's taxonomy, or a term page's
	Term       *Term           // a term page's term
	Digests    []*content.Digest
	Pager      *Pager  // list pages
	Archive    []*Year // the archive page
	FeedFolder string  // the site path of the folder of this page's own feeds, or ""
}

// Pager places one page of a list among the others.
type Pager struct {
	Number, Total int
	First         string // the site path of page 1
	Prev, Next    string // site paths, or ""
}

// PageLink is a link of a pager to one of its pages, or a gap between
// two runs of them (Number 0).
type PageLink struct {
	Number  int
	Path    string
	Current bool
}

// Links are the numbered links of a pager, as Hugo's and Zola's pagers
// give them: the first and last pages, and those within two of this one,
// with a gap where pages are left out. A list of 500 pages is then a few
// clicks from any of them, not 499.
func (p *Pager) Links() []PageLink {
	var out []PageLink
	last := 0 // the number of the last page linked
	add := func(n int) {
		switch {
		case n <= last:
			return
		case n == last+2: // a gap of one page is that page
			out = append(out, p.link(last+1))
		case n > last+2 && last > 0:
			out = append(out, PageLink{})
		}
		out, last = append(out, p.link(n)), n
	}
	add(1)
	for n := max(2, p.Number-2); n <= min(p.Total-1, p.Number+2); n++ {
		add(n)
	}
	add(p.Total)
	return out
}

func (p *Pager) link(n int) PageLink {
	return PageLink{Number: n, Path: pagePath(p.First, n), Current: n == p.Number}
}

// Year groups the archive.
type Year struct {
	Year   int
	Months []*Month
}

// Month groups a year of the archive.
type Month struct {
	Month   time.Month
	Digests []*content.Digest
}

// Code reports whether the page shows highlighted code, and so needs the
// stylesheet of its colours: a digest's page when its body has code, and a
// source page when one of its digests has (a quote of it may).
func (p *Page) Code() bool {
	if p.Digest != nil {
		return p.Digest.Code
	}
	if p.Term != nil && p.Taxonomy.Name == "sources" {
		for _, d := range p.Digests {
			if d.Code {
				return true
			}
		}
	}
	return false
}

// Nav names the menu entry of the page, for aria-current: "home" on the
// first home page, "archive", the taxonomy of a terms page, "in " and the
// taxonomy on the pages of one of its terms (the entry of their section),
// or "search"; "" elsewhere.
// The header is rendered once per Nav rather than once per page.
func (p *Page) Nav() string {
	switch p.Kind {
	case KindHome:
		if p.Path == "/" {
			return "home"
		}
	case KindArchive:
		return "archive"
	case KindTerms:
		return p.Taxonomy.Name
	case KindTerm:
		return "in " + p.Taxonomy.Name // a page of the section, not its index
	case KindSearch:
		return "search" // its header has no search box: the page is one
	}
	return ""
}

// File is the output path of the page, relative to the output root.
func (p *Page) File() string {
	if p.Kind == KindNotFound {
		return "404.html"
	}
	return p.Path[1:] + "index.html"
}

// AliasFile is the file of the redirect to the first page of a list, its
// page/1/ (see render.Aliases), or "" for a page that is not the first of
// a list.
func (p *Page) AliasFile() string {
	if p.Pager == nil || p.Pager.Number != 1 {
		return ""
	}
	return p.Path[1:] + "page/1/index.html"
}

// pages lays out every page.
func (s *Site) pages() {
	s.paginate(&Page{Kind: KindHome, Title: s.Config.Title, FeedFolder: "/"}, "/", s.Digests)
	for i, d := range s.Digests {
		p := &Page{Kind: KindDigest, Path: d.Permalink, Title: d.Title, Digest: d}
		if i+1 < len(s.Digests) {
			p.Older = s.Digests[i+1]
		}
		if i > 0 {
			p.Newer = s.Digests[i-1]
		}
		s.Pages = append(s.Pages, p)
	}
	s.Pages = append(s.Pages, &Page{Kind: KindArchive, Path: "/archive/", Title: "Archive", Archive: archive(s.Digests)})
	for _, tax := range s.Taxonomies() {
		s.Pages = append(s.Pages, &Page{Kind: KindTerms, Path: "/" + tax.Name + "/", Title: tax.Title, Taxonomy: tax})
		for _, t := range tax.Terms {
			first := len(s.Pages)
			s.paginate(&Page{Kind: KindTerm, Title: t.Title(), Taxonomy: tax, Term: t, FeedFolder: t.Path()}, t.Path(), t.Digests)
			t.Pages = s.Pages[first:]
		}
	}
	s.Pages = append(s.Pages, &Page{Kind: KindSearch, Path: SearchPath, Title: "Search"})
	s.Pages = append(s.Pages, &Page{Kind: KindNotFound, Path: "/404.html", Title: "Page not found"})
	for _, p := range s.Pages {
		p.Site = s
	}
}

// Taxonomies lists the four taxonomies in the order of the site's menus.
func (s *Site) Taxonomies() []*Taxonomy {
	return []*Taxonomy{s.Themes, s.Sources, s.Stances, s.Levels}
}

// paginate adds the pages of a list, page_size digests each, copying proto.
// A list with no digests still gets its first page.
func (s *Site) paginate(proto *Page, first string, digests []*content.Digest) {
	size := s.Config.PageSize
	total := max(1, (len(digests)+size-1)/size)
	for n := 1; n <= total; n++ {
		p := *proto
		p.Path = pagePath(first, n)
		p.Digests = digests[(n-1)*size : min(n*size, len(digests))]
		p.Pager = &Pager{Number: n, Total: total, First: first}
		if n > 1 {
			p.Pager.Prev = pagePath(first, n-1)
		}
		if n < total {
			p.Pager.Next = pagePath(first, n+1)
		}
		s.Pages = append(s.Pages, &p)
	}
}

func pagePath(first string, n int) string {
	if n == 1 {
		return first
	}
	return first + "page/" + strconv.Itoa(n) + "/"
}

func archive(digests []*content.Digest) []*Year {
	var years []*Year
	for _, d := range digests { // newest first
		y, m := d.Date.Year(), d.Date.Month()
		if len(years) == 0 || years[len(years)-1].Year != y {
			years = append(years, &Year{Year: y})
		}
		yr := years[len(years)-1]
		if len(yr.Months) == 0 || yr.Months[len(yr.Months)-1].Month != m {
			yr.Months = append(yr.Months, &Month{Month: m})
		}
		mo := yr.Months[len(yr.Months)-1]
		mo.Digests = append(mo.Digests, d)
	}
	return years
}
