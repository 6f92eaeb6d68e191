package feeds

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// urlAttr is what hasURLAttr looks for, as a pattern: it once was one,
// without the quotes, until matching it took a quarter of absolute's time.
// On text that is not ASCII the two differ only where Go's (?i) matches
// "ſ" (U+017F) for "s", and no tokenizer reads "ſrc" as src.
var urlAttr = regexp.MustCompile(`(?i)[\s/"'](?:href|src)\s*=`)

func TestHasURLAttr(t *testing.T) {
	for _, raw := range []string{
		`<a href="/x/">`, `<A HREF = "/x/">`, `<img src=/a.png>`, `<img/src=/a.png>`,
		"<a\nhref\t=x>", `<a title="href">`, `<a xhref=x>`, `<a href>`, `<a srcset=x>`,
		`<a data-src="x">`, `<a title=" src=">`, `<p>`, `<a`, ``,
		`<a title="x"href="/y">`, `<img alt=''src=/a.png>`,
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

// A URL attribute right after a quoted value is an attribute too, for the
// tokenizer as for browsers: it is made absolute like any other.
func TestAbsoluteAfterQuote(t *testing.T) {
	for in, want := range map[string]string{
		`<a title="x"href="/y">y</a>`: `<a title="x" href="https://example.org/y">y</a>`,
		`<img alt=''src=a.png>`:       `<img alt="" src="https://example.org/d/a.png">`,
	} {
		if got := absolute([]byte(in), "https://example.org/d/"); got != want {
			t.Errorf("absolute(%q) = %q, want %q", in, got, want)
		}
	}
}
