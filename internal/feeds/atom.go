package feeds

import (
	"io"

	gfeeds "github.com/gorilla/feeds"
)

// What Atom needs beyond gorilla/feeds' AtomFeed:
//   - <link rel="self"> beside rel="alternate": it writes one link only
//     (gorilla/feeds#111; its pull request #122 makes that one "self").
//   - xml:lang for the site's language.
//   - <category term="..."/>: it writes the category as element text, which
//     Atom readers ignore, and only one.
//   - <published> for the digest's date, with <updated> its last change;
//     it fills only <updated>.
//   - a summary of type "text": our summaries are plain text, and it marks
//     every summary as HTML.
//   - an author of the feed when site.yaml names none: Atom requires one,
//     in the feed or in every entry. It is the site.
type atomDoc struct {
	*gfeeds.AtomFeed
	Lang    string       `xml:"xml:lang,attr,omitempty"`
	Links   []atomLink   `xml:"link"`
	Entries []*atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	*gfeeds.AtomEntry
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// writeAtom writes the frame of an Atom feed, without entries.
func writeAtom(w io.Writer, f *gfeeds.Feed, lang, self, site string) error {
	feed := (&gfeeds.Atom{Feed: f}).AtomFeed()
	if feed.Author == nil {
		feed.Author = &gfeeds.AtomAuthor{AtomPerson: gfeeds.AtomPerson{Name: site}}
	}
	alternate := feed.Link.Href
	feed.Link = nil
	doc := &atomDoc{
		AtomFeed: feed,
		Lang:     lang,
		Links: []atomLink{
			{Href: alternate, Rel: "alternate", Type: "text/html"},
			{Href: self, Rel: "self", Type: "application/atom+xml"},
		},
	}
	return encodeXML(w, doc)
}
