// Package feeds writes the site model's feeds: RSS 2.0 (feed.xml), Atom 1.0
// (atom.xml) and JSON Feed 1.1 (feed.json) beside the home page and every
// theme, source, stance and conviction page, each with the newest
// feed_items digests. An entry's content is a line of the digest's
// consensus, conviction and themes (item.go), then the full HTML of its body.
//
// gorilla/feeds builds the documents. Where it falls short of what feed
// readers need, this package adds what is missing and says so where it
// does: rss.go, atom.go and json.go.
package feeds
