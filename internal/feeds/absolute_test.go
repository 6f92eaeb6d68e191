package feeds

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// urlAttr is the pattern hasURLAttr once matched, kept here as its
// reference: matching it took a quarter of absolute's time.
var urlAttr = regexp.MustCompile(`(?i)[\s/](?:href|src)\s*=`)

func TestHasURLAttr(t *testing.T) {
	for _, raw := range []string{
		`<a href="/x/">`, `<A HREF = "/x/">`, `<img src=/a.png>`, `<img/src=/a.png>`,
		"<a\nhref\t=x>", `<a title="href">`, `<a xhref=x>`, `<a href>`, `<a srcset=x>`,
		`<a data-src="x">`, `<a title=" src=">`, `<p>`, `<a`, ``,
	} {
		if got, want := hasURLAttr([]byte(raw)), urlAttr.MatchString(raw); got != want {
			t.Errorf("hasURLAttr(%q) = %v, the pattern says %v", raw, got, want)
		}
	}
	// Random tags made of the bytes that matter.
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "<>/= \t\n\f\rhrefsrcHREFSRCxa\"'"
	for range 200000 {
		b := make([]byte, r.IntN(16))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if got, want := hasURLAttr(b), urlAttr.Match(b); got != want {
			t.Fatalf("hasURLAttr(%q) = %v, the pattern says %v", b, got, want)
		}
	}
}
