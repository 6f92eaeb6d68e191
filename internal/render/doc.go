// Package render turns the site model into files: every page through the
// html/template layouts of the theme, the static files, the sitemap and
// robots.txt, handed to a Sink as they are made.
//
// The theme is two file systems laid over each other: a site's own layouts/
// and static/ win, file by file, over the built-in theme embedded in the
// binary. Layouts are parsed once per build: base.html and partials/*.html
// with one page layout for each page kind (digest.html, list.html for the
// home and term pages, terms.html, archive.html, 404.html).
package render
