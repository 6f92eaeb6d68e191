package site

import "testing"

func TestEscapePath(t *testing.T) {
	for in, want := range map[string]string{
		"/themes/compute/":             "/themes/compute/",
		"/2026/11/24/a_b-c.d~e/":       "/2026/11/24/a_b-c.d~e/",
		"/themes/política-industrial/": "/themes/pol%C3%ADtica-industrial/",
		"/themes/a b/":                 "/themes/a%20b/",
		"/x/#?%/":                      "/x/%23%3F%25/",
	} {
		if got := EscapePath(in); got != want {
			t.Errorf("EscapePath(%q) = %q, want %q", in, got, want)
		}
	}
}
