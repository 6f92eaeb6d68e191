package audit_test

import (
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestPrint prints a digest with code in a reader's dark scheme: paper
// takes the light colours, code's too, and leaves out what only a screen
// uses (the site's links, search and pagers). On a screen the same page
// stays dark.
func TestPrint(t *testing.T) {
	t.Parallel()
	chrome, _ := browserTools(t)
	s := serve(t)
	tab := browser(t, chrome, 2*time.Minute)
	look := func(media string) []string {
		t.Helper()
		if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab, chromedp.Navigate(s.server.URL+"/2026/11/12/sizing-into-a-rates-whipsaw/")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`(() => {
			const style = (sel) => getComputedStyle(document.querySelector(sel));
			return [style(".site-header nav").display, style(".site-search").display, style("body").backgroundColor, style(".chroma .p").color];
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	// The light style's punctuation, #1f2328; the dark one's is the text's.
	if got, want := look("print"), []string{"none", "none", "rgb(255, 255, 255)", "rgb(31, 35, 40)"}; !slices.Equal(got, want) {
		t.Errorf("printed in a dark scheme: nav, search, background, code's punctuation = %q, want %q", got, want)
	}
	if got := look("screen"); got[0] == "none" || got[2] == "rgb(255, 255, 255)" || got[3] == "rgb(31, 35, 40)" {
		t.Errorf("on a screen in a dark scheme: nav, search, background, code's punctuation = %q, want the nav shown and dark colours", got)
	}
}
