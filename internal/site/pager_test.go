package site

import (
	"fmt"
	"strings"
	"testing"
)

// A pager links the first and last pages and those within two of its own,
// with a gap (…) where pages are left out, and never a gap of one page.
func TestPagerLinks(t *testing.T) {
	for _, tc := range []struct {
		number, total int
		want          string
	}{
		{1, 1, "[1]"},
		{1, 2, "[1] 2"},
		{2, 7, "1 [2] 3 4 … 7"},
		{3, 6, "1 2 [3] 4 5 6"},
		{1, 500, "[1] 2 3 … 500"},
		{250, 500, "1 … 248 249 [250] 251 252 … 500"},
		{5, 500, "1 2 3 4 [5] 6 7 … 500"},
		{500, 500, "1 … 498 499 [500]"},
		{4, 9, "1 2 3 [4] 5 6 … 9"},
	} {
		p := &Pager{Number: tc.number, Total: tc.total, First: "/themes/x/"}
		var got []string
		for _, l := range p.Links() {
			switch {
			case l.Number == 0:
				got = append(got, "…")
			case l.Current:
				got = append(got, fmt.Sprintf("[%d]", l.Number))
			default:
				got = append(got, fmt.Sprint(l.Number))
			}
			if l.Number > 1 && l.Path != fmt.Sprintf("/themes/x/page/%d/", l.Number) || l.Number == 1 && l.Path != "/themes/x/" {
				t.Errorf("page %d links %s", l.Number, l.Path)
			}
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("page %d of %d: %s, want %s", tc.number, tc.total, s, tc.want)
		}
	}
}
