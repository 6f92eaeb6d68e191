// Package corpus takes a size and a seed and returns a synthetic archive of
// digests, as a signal site and as the same site for Hugo, for benchmarks
// that compare the two side by side.
//
// The archive follows the shape of a real one: bodies of about 2.5 KB with
// four to six items, three to six of 200 themes and four to six of 500
// handles per digest, both drawn from Zipf distributions (a few themes and
// handles are everywhere, most are rare), and one digest in ten with a code
// block. Digests fall on consecutive days, several per day once the archive
// would otherwise span more than ten years. The same options always give the
// same bytes.
package corpus
