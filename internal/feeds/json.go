package feeds

import (
	"encoding/json"
	"io"

	gfeeds "github.com/gorilla/feeds"

	"github.com/signaldigest/signal/internal/content"
)

// What JSON Feed 1.1 needs beyond gorilla/feeds' JSONFeed: feed_url (the
// feed's own address) and language, which it leaves empty, and per item
// date_published, date_modified and tags, which it never fills from an
// Item. It also writes the 1.0 "author" beside 1.1's "authors"; we keep
// both, as older readers know only the first.
func writeJSON(w io.Writer, f *gfeeds.Feed, digests []*content.Digest, lang, self string) error {
	feed := (&gfeeds.JSON{Feed: f}).JSONFeed()
	feed.FeedUrl = self
	feed.Language = lang
	for i, item := range feed.Items {
		d := digests[i]
		published, modified := d.Date, d.Modified()
		item.PublishedDate = &published
		item.ModifiedDate = &modified
		item.Tags = themeNames(d)
	}
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(feed)
}
