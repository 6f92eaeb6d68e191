package htmlurl_test

import (
	"testing"

	"github.com/signaldigest/signal/internal/htmlurl"
)

func TestRewrite(t *testing.T) {
	up := func(s string) string { return "https://x.org/d/" + s }
	for _, c := range []struct{ key, val, want string }{
		{"href", "a.html", "https://x.org/d/a.html"},
		{"poster", "p.jpg", "https://x.org/d/p.jpg"},
		{"cite", "q.html", "https://x.org/d/q.html"},
		{"data", "doc.pdf", "https://x.org/d/doc.pdf"},
		{"action", "post/", "https://x.org/d/post/"},
		{"formaction", "post/", "https://x.org/d/post/"},
		{"xlink:href", "i.png", "https://x.org/d/i.png"},
		{"background", "bg.png", "https://x.org/d/bg.png"},
		{"longdesc", "l.html", "https://x.org/d/l.html"},
		{"data-x", "a.html", "a.html"},
		{"title", "a.html", "a.html"},
		{"srcset", "a.png", "https://x.org/d/a.png"},
		{"srcset", "a.png 1x, b.png 2x", "https://x.org/d/a.png 1x, https://x.org/d/b.png 2x"},
		{"srcset", " a.png 480w,b.png   800w ,", "https://x.org/d/a.png 480w, https://x.org/d/b.png 800w"},
		{"srcset", "w_100,h_80/a.png 1x,w_200,h_160/a.png 2x", "https://x.org/d/w_100,h_80/a.png 1x, https://x.org/d/w_200,h_160/a.png 2x"},
		// HTML reads a comma inside a run of non-spaces as part of the URL.
		{"srcset", "a.png,b.png 2x", "https://x.org/d/a.png,b.png 2x"},
		{"srcset", "", ""},
	} {
		if got := htmlurl.Rewrite(c.key, c.val, up); got != c.want {
			t.Errorf("Rewrite(%q, %q) = %q, want %q", c.key, c.val, got, c.want)
		}
	}
}
