package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/clipperhouse/uax29/v2/words"
)

// asciiWords cuts ASCII text as the UAX #29 segmenter does, with dots
// between letters splitting words: checked on random strings of the
// characters that matter to the rules.
func TestASCIIWords(t *testing.T) {
	const alphabet = "aZ09_:.',;-@#"
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 12)
	for range 50_000 {
		n := 1 + r.IntN(len(buf))
		for i := range n {
			buf[i] = alphabet[r.IntN(len(alphabet))]
		}
		text := string(buf[:n])
		var got, want []string
		var buf []byte
		asciiWords(text, &buf, false, func(w string) { got = append(got, strings.Clone(w)) })
		for it := words.FromString(text); it.Next(); {
			splitDots(it.Value(), func(w string) {
				if hasASCIIWordRune(w) {
					want = append(want, foldASCII(w))
				}
			})
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%q: asciiWords gives %q, the segmenter %q", text, got, want)
		}
	}
}
