package site

// The URL layout, as site paths: they start and end with "/" and are
// relative to base_url's path.

// SourcePath is the page of a handle, by slug.
func SourcePath(slug string) string { return "/sources/" + slug + "/" }

// ThemePath is the page of a theme, by slug.
func ThemePath(slug string) string { return "/themes/" + slug + "/" }
