// Package search takes the site model and returns the static files of its
// full-text index: sharded, so that a query fetches only the shards of its
// words and the few records it shows. static/search.js, in the theme,
// reads them in the reader's browser.
package search
