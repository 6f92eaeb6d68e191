package feeds

import (
	"encoding/json"
	"io"

	gfeeds "github.com/gorilla/feeds"
)

// What JSON Feed 1.1 needs beyond gorilla/feeds' JSONFeed: feed_url (the
// feed's own address) and language, which it leaves empty, and per item
// date_published, date_modified and tags, which it never fills from an
// Item. It also writes the 1.0 "author" beside 1.1's "authors"; we keep
// both, as older readers know only the first.
// writeJSON writes the frame of a JSON feed, without items.
func writeJSON(w io.Writer, f *gfeeds.Feed, lang, self string) error {
	feed := (&gfeeds.JSON{Feed: f}).JSONFeed()
	feed.FeedUrl = self
	feed.Language = lang
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(feed)
}
