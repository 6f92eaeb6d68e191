package feeds

import (
	"io"
	"time"

	gfeeds "github.com/gorilla/feeds"

	"github.com/signaldigest/signal/internal/content"
)

// What Atom needs beyond gorilla/feeds' AtomFeed:
//   - <link rel="self"> beside rel="alternate": it writes one link only.
//   - xml:lang for the site's language.
//   - <category term="..."/>: it writes the category as element text, which
//     Atom readers ignore, and only one.
//   - <published> for the digest's date, with <updated> its last change;
//     it fills only <updated>.
//   - a summary of type "text": our summaries are plain text, and it marks
//     every summary as HTML.
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

func writeAtom(w io.Writer, f *gfeeds.Feed, digests []*content.Digest, lang, self string) error {
	feed := (&gfeeds.Atom{Feed: f}).AtomFeed()
	entries := feed.Entries
	feed.Entries = nil
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
	for i, e := range entries {
		d := digests[i]
		e.Published = d.Date.Format(time.RFC3339)
		e.Updated = d.Modified().Format(time.RFC3339)
		if e.Summary != nil {
			e.Summary.Type = "text"
		}
		entry := &atomEntry{AtomEntry: e}
		for _, name := range themeNames(d) {
			entry.Categories = append(entry.Categories, atomCategory{Term: name})
		}
		doc.Entries = append(doc.Entries, entry)
	}
	return encodeXML(w, doc)
}
