package markdown

import (
	"bufio"
	"bytes"
	"html"
	"testing"

	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// FuzzPlain checks plain's shortcut: for any text, it gives what writing it
// as goldmark does and unescaping the HTML gives.
func FuzzPlain(f *testing.F) {
	for _, s := range []string{"plain", `a \* b`, "&amp; &#x27; &bogus;", "<b>\"x\"</b>", "nul\x00", "\xff\xfe", "é 日本"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		gmhtml.DefaultWriter.Write(w, v)
		_ = w.Flush()
		if want, got := html.UnescapeString(b.String()), plain(v, false); got != want {
			t.Fatalf("plain(%q) = %q, want %q", v, got, want)
		}
	})
}
