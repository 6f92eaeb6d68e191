package site

import (
	"net/url"
	"strings"
)

// The URL layout, as site paths: they start and end with "/" and are
// relative to base_url's path.

// SearchPath is the search page; its index is in the folder below it.
const SearchPath = "/search/"

// SourcePath is the page of a handle, by slug.
func SourcePath(slug string) string { return "/sources/" + slug + "/" }

// EscapePath percent-encodes each segment of a site path, for use in a URL:
// /themes/política-industrial/ → /themes/pol%C3%ADtica-industrial/.
func EscapePath(p string) string {
	if plain(p) {
		return p // the usual case, and called for every link of every page
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// plain reports whether p needs no escaping: ASCII letters, digits, "/"
// and "-._~" only.
func plain(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}
