package search

import "math"

// Ranking is BM25 (Robertson and Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond", 2009) over each field, the fields' scores
// weighed and added. BM25F would add the weighed frequencies and saturate
// once; saturating each field on its own keeps a promise that BM25F does
// not: a word in the title (or a theme, or a handle) ranks a digest above
// any number of mentions in the body alone. The build computes each
// digest's score for each term and stores it in one byte; a query adds the
// scores of its words, so the client does no more than add.
const k1 = 1.2

// weights makes a match in a title, a theme or a handle count more than
// one in the body, whose score saturates at k1+1 = 2.2.
var weights = [numFields]float64{
	fieldTitle:   3,
	fieldThemes:  2.5,
	fieldHandles: 2.5,
	fieldSummary: 1.2,
	fieldBody:    1,
}

// bs is how much each field's length normalises its frequencies. Titles,
// themes and handles have none: a long title is not a diluted one, and
// with none, one match scores its field's weight, which is above the
// body's 2.2, however long the title or the list of themes.
var bs = [numFields]float64{
	fieldTitle:   0,
	fieldThemes:  0,
	fieldHandles: 0,
	fieldSummary: 0.75,
	fieldBody:    0.75,
}

// idf is BM25's inverse document frequency, which stays positive.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// score is the score of a term of inverse document frequency termIDF in
// one digest, from the term's packed frequencies and the digest's lengths.
func (ix *index) score(termIDF float64, tf uint32, id int32) float64 {
	lens := &ix.lens[id]
	var s float64
	for f := range numFields {
		if c := float64(tfOf(tf, f)); c > 0 {
			norm := 1 - bs[f] + bs[f]*float64(lens[f])/ix.avg[f]
			s += weights[f] * c * (k1 + 1) / (c + k1*norm)
		}
	}
	return termIDF * s
}

// maxScore bounds every score of an archive of n digests: a term found in
// one digest only, so often in every field that each saturates.
func maxScore(n int) float64 {
	var w float64
	for _, x := range weights {
		w += x
	}
	return idf(n, 1) * (k1 + 1) * w
}

// quantize maps a score to a byte, 1 to 255, on a square-root scale: the
// many small scores of common words keep more levels than a linear scale
// would give them. search.js reads a byte q back as (q/255)².
func quantize(s, top float64) byte {
	q := math.Round(255 * math.Sqrt(s/top))
	return byte(min(max(q, 1), 255))
}
