// Package search takes the site model and returns the static files of its
// full-text index, written under search/ beside the search page: sharded,
// so that a query fetches only the shards of its words and the few records
// it shows. static/search.js, in the theme, reads them in the browser.
//
// The index and its client are ours because no Go library writes a
// sharded static index: Bleve and its kin keep an index for a server to
// query, and Pagefind and Stork are separate tools, in Rust, run after a
// build. The parts that exist are reused: github.com/clipperhouse/uax29
// segments words (UAX #29), golang.org/x/text normalizes and folds them.
//
// # Terms
//
// Tokens cuts titles, summaries, bodies (the text of their HTML), theme
// names and handles into words with the UAX #29 segmenter, and folds each
// (Fold): NFKD, the diacritics of Latin, Greek, Cyrillic, Hebrew and
// Arabic dropped, full case folding, NFC, apostrophes dropped with an
// English possessive. "@allIn" gives "allin". Dots and colons between
// letters split words, as in ICU. Runs of scripts written without spaces
// (Han, kana, Thai, Lao, Khmer, Myanmar) give overlapping pairs of
// characters, and a run of one character gives itself; the shard of a pair
// is its first character, so that one character typed finds the pairs it
// starts. search.js cuts queries the same way with Intl.Segmenter, and the
// browser test checks both sides on one table. The index holds two kinds
// of terms more, which a query of part of a word finds: the last character
// of such a run, which no pair starts ("供給網" gives "網"), and the word
// after an elided article or preposition ("l’Union" gives "union").
//
// # Ranking
//
// Each field of a digest is scored with BM25 (k1 = 1.2, its own length
// normalisation), and the scores are weighed and added: title 3, themes
// and handles 2.5, summary 1.2, body 1. A body's score saturates at 2.2,
// so a word in a title ranks a digest above any number of mentions in the
// body alone. Each score is stored in one byte q, on a square-root scale:
// search.js reads it as (q/255)². A query adds the scores of its words,
// every one of which must match; the last is also a prefix while it is
// typed, standing for up to eight terms that it starts, the most frequent
// first, scored with the word itself as one term (with the inverse
// document frequency of all of them), a completion at 0.75 of the word: so
// a completion in a title (3 × 0.75) still outranks the word in a body
// alone (at most 2.2). Ties go to the newest digest: digests are numbered
// newest first, from 0, and the smaller id wins.
//
// # Files
//
// All numbers are unsigned LEB128 varints. A set of ids is one byte of
// form, then the count, then either (form 0) the first id and the gaps to
// each next one, or (form 1) one bit per digest of the archive, bit i%8 of
// byte i/8 for id i; whichever is smaller.
//
//	search/meta.json           {"format":4, "version", "docs", "terms", "chunk", "bodies"}: fetched
//	                           with the shards and postings of a query's words, all with
//	                           no-cache, and again beside each later query's, so that a
//	                           page left open drops the files of a replaced build; every
//	                           other file is fetched with ?v=version
//	search/t/HEX.bin           a dictionary shard: the terms whose key (their first two
//	                           characters, or one, see above) has the UTF-8 bytes HEX,
//	                           sorted; each is its length and bytes, its document
//	                           frequency, then 2×size and its postings inline, or 1
//	                           when they have a file: when they are over 192 bytes, or
//	                           the term, found in two digests or more, is in a digest's
//	                           handles or themes (the archive's own words, few, and
//	                           searched by name)
//	search/p/HEX.bin           the postings of the term HEX, fetched beside its shard for
//	                           a whole word (a 404 when they sit in it), after it for
//	                           the word being typed and its completions: a set of ids,
//	                           then one score byte for each, then its first page: a
//	                           JSON array of [id, record] for the 10 digests that a
//	                           query of the term alone shows first, so that it needs no
//	                           file of records; a prefix's first page is among those of
//	                           the terms it stands for, but for the records of terms
//	                           that sit inline
//	search/r/N.json            records of digests N×chunk to N×chunk+chunk-1, each
//	                           [path, title, date, stance, scope, conviction, theme
//	                           slugs, summary, handles cited, at, size]; the path is
//	                           escaped, relative to the site root; at and size are
//	                           where the text of the digest's body is in its file of
//	                           bodies, in bytes
//	search/b/N.txt             the texts of the bodies of digests N×bodies to
//	                           N×bodies+bodies-1, one after another. A result whose
//	                           words are found in its body alone asks for its body's
//	                           bytes with a Range request, to show them there: one
//	                           file per body was 10,000 files more on 10,000 digests,
//	                           the larger part of what the index added to a build. A
//	                           browser asks for a range without compression. A host
//	                           that ignores Range sends the whole file, for each body
//	                           asked for, of which search.js keeps the bytes it asked
//	                           for
//	search/facet/T/SLUG.bin    the set of ids of the digests of one stance (T is
//	                           consensus), conviction or theme: what filters intersect
//
// The search page's head fetches the meta.json, shards and postings of
// its URL's words before search.js arrives, when the whole query is ASCII
// letters, the letters U+00C0 to U+024F (À to ɏ, but × and ÷), digits, _,
// @ and spaces (layouts/partials/search-early.html), whose words it can
// cut and fold as search.js does; search.js takes them as it would have
// read them. Other queries, such as Vietnamese letters, ẞ, ª or a
// combining accent typed alone, are left to search.js.
//
// Every file is built from sorted data, so that the same site gives the
// same bytes whatever the number of CPUs.
package search
