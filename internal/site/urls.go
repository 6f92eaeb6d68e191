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
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
