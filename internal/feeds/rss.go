package feeds

import (
	"encoding/xml"
	"io"

	gfeeds "github.com/gorilla/feeds"
)

// What RSS needs beyond gorilla/feeds' RssFeed:
//   - <atom:link rel="self">, which feed validators ask for and readers use
//     to find a moved feed; gorilla/feeds writes none (gorilla/feeds#111).
//   - <language>, which it has a field for but never fills from a Feed.
//   - one <category> per theme: its RssItem holds a single category string.
//   - <author> as RSS wants it, an email address: it puts the name there.
//     We write "email (name)" when there is an email, and the name alone as
//     <dc:creator>, which readers show.
//   - the same for the channel: with no email, it writes " (name)" as
//     <managingEditor>, which is not an address.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Content string   `xml:"xmlns:content,attr"`
	Atom    string   `xml:"xmlns:atom,attr"`
	DC      string   `xml:"xmlns:dc,attr"`
	Channel *rssChannel
}

type rssChannel struct {
	*gfeeds.RssFeed
	Self    atomSelf   `xml:"atom:link"`
	Creator string     `xml:"dc:creator,omitempty"`
	Items   []*rssItem `xml:"item"`
}

type atomSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	*gfeeds.RssItem
	Categories []string `xml:"category"`
	Creator    string   `xml:"dc:creator,omitempty"`
}

// writeRSS writes the frame of an RSS feed: the channel, without items.
func writeRSS(w io.Writer, f *gfeeds.Feed, lang, self string) error {
	ch := (&gfeeds.Rss{Feed: f}).RssFeed()
	ch.Language = lang
	if ch.Description == "" {
		ch.Description = f.Title // RSS requires one: the feed's title, when site.yaml gives none
	}
	doc := &rssDoc{
		Version: "2.0",
		Content: "http://purl.org/rss/1.0/modules/content/",
		Atom:    "http://www.w3.org/2005/Atom",
		DC:      "http://purl.org/dc/elements/1.1/",
		Channel: &rssChannel{RssFeed: ch, Self: atomSelf{Href: self, Rel: "self", Type: "application/rss+xml"}},
	}
	ch.ManagingEditor = rssAuthor(f.Author)
	if f.Author != nil {
		doc.Channel.Creator = f.Author.Name
	}
	return encodeXML(w, doc)
}

// rssAuthor is an author as RSS wants one: "email (name)", or nothing
// without an email.
func rssAuthor(a *gfeeds.Author) string {
	if a == nil || a.Email == "" {
		return ""
	}
	if a.Name == "" {
		return a.Email
	}
	return a.Email + " (" + a.Name + ")"
}

func encodeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	e := xml.NewEncoder(w)
	e.Indent("", "  ")
	if err := e.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
