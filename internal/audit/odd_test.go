package audit_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/signaldigest/signal/internal/sitetest"
)

// TestOddContent opens the pages of testdata/odd.txtar, whose words, URLs,
// theme names, scopes and quoted table are too long for a phone's line, at
// a phone's widths: the theme wraps them, or scrolls them in a box of
// their own, and no page scrolls sideways.
func TestOddContent(t *testing.T) {
	t.Parallel()
	chrome := command(t, "apt-get install -y chromium", "chromium", "chromium-browser", "google-chrome")
	_, fsys := sitetest.Read(t, "testdata/odd.txtar")
	s, err := serveSite(fsys)
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"/", "/2026/11/20/long-scope/", "/archive/", "/themes/", "/themes/supercalifragilisticexpialidociousnessxyzabc/",
		"/sources/", "/sources/wide_table/", "/sources/abcdefghijklmnopqrstuvwxyz1234/", "/consensus/bullish/",
		"/consensus/bearish/", "/conviction/high/", "/search/", "/search/?q=supercal"}
	tab := browser(t, chrome, 3*time.Minute)
	for _, width := range []int64{320, 375} {
		if err := emulate(tab, width, "light"); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s/%d", strings.Trim(p, "/"), width), func(t *testing.T) {
				if err := chromedp.Do(tab, chromedp.Navigate(s.server.URL+p)); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(p, "?q=") {
					if err := chromedp.Do(tab, chromedp.WaitVisible(chromedp.CSS("#search-results li"))); err != nil {
						t.Fatal(err)
					}
				}
				fits(t, tab)
			})
		}
	}
}
