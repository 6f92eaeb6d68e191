package search

import "math"

// Ranking is BM25F (Robertson and Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond", 2009): a term's frequencies in the fields of
// a digest are weighed, each normalised by the field's length, summed, and
// saturated once. The build computes each digest's score for each term and
// stores it in one byte; a query sums the scores of its words, so the
// client does no more than add.
const k1 = 1.2

// weights makes a match in a title, a theme or a handle count more than
// one in the body.
var weights = [numFields]float64{
	fieldTitle:   4,
	fieldThemes:  3,
	fieldHandles: 3,
	fieldSummary: 1.5,
	fieldBody:    1,
}

// bs is how much each field's length normalises its frequencies. Titles,
// themes and handles are short: a long title is not a diluted one.
var bs = [numFields]float64{
	fieldTitle:   0.3,
	fieldThemes:  0.2,
	fieldHandles: 0.2,
	fieldSummary: 0.75,
	fieldBody:    0.75,
}

// idf is BM25's inverse document frequency, which stays positive.
func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// score is the BM25F score of a term with document frequency df in one
// digest, from the term's packed frequencies and the digest's lengths.
func (ix *index) score(termIDF float64, tf uint32, id int32) float64 {
	lens := &ix.lens[id]
	var t float64
	for f := range numFields {
		if c := tfOf(tf, f); c > 0 {
			norm := 1 - bs[f] + bs[f]*float64(lens[f])/ix.avg[f]
			t += weights[f] * float64(c) / norm
		}
	}
	return termIDF * t * (k1 + 1) / (t + k1)
}

// maxScore bounds every score of an archive of n digests: a term found in
// one digest only, with a frequency so high that it saturates.
func maxScore(n int) float64 { return idf(n, 1) * (k1 + 1) }

// quantize maps a score to a byte, 1 to 255, on a square-root scale: the
// many small scores of common words keep more levels than a linear scale
// would give them. search.js reads a byte q back as (q/255)².
func quantize(s, top float64) byte {
	q := math.Round(255 * math.Sqrt(s/top))
	return byte(min(max(q, 1), 255))
}
