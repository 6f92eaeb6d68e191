package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// The Hugo twin of a synthetic archive: the same digests, with the same
// four taxonomies (tags, sources, consensus, conviction), 20 entries per
// list page and full-content RSS feeds of 20 items on the home page and on
// every term, as signal writes them. The layouts are minimal, so the
// comparison measures the generator rather than a theme. Hugo writes one
// feed format where signal writes three, and its term pages list titles
// where signal's source pages quote each citing item: the comparison is
// tilted in Hugo's favour. The digest layout links terms from .Params
// rather than .GetTerms, which in Hugo 0.111 costs time in proportion to
// the number of pages and would make the whole build quadratic.

// hugoConfig is for current Hugo. Hugo before 0.128 knows pagination.pagerSize
// as "paginate = 20", which scripts/bench.sh adds for it; later versions
// refuse that key.
const hugoConfig = `baseURL = "https://example.org/"
languageCode = "en"
title = "Synthetic Signal"

[pagination]
pagerSize = 20

[taxonomies]
tag = "tags"
source = "sources"
consensus = "consensus"
conviction = "conviction"

[permalinks]
posts = "/:year/:month/:day/:slug/"

[services.rss]
limit = 20

[markup.highlight]
noClasses = false

[markup.goldmark.renderer]
unsafe = false
`

var hugoLayouts = map[string]string{
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`,
	"layouts/_default/single.html": `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ range .Params.consensus }} <a href="{{ print "consensus/" (urlize .) "/" | relURL }}">{{ . }}</a>{{ end }}
{{ range .Params.conviction }} <a href="{{ print "conviction/" (urlize .) "/" | relURL }}">{{ . }}</a>{{ end }}</p>
<ul>{{ range .Params.tags }}<li><a href="{{ print "tags/" (urlize .) "/" | relURL }}">{{ . }}</a></li>{{ end }}</ul>
<ul>{{ range .Params.sources }}<li><a href="{{ print "sources/" (urlize .) "/" | relURL }}">@{{ . }}</a></li>{{ end }}</ul>
{{ .Content }}
{{ with .Next }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .Prev }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Summary }}</p></article>{{ end }}
{{ with $pager.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
{{ end }}
`,
	"layouts/index.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ $pager := .Paginate site.RegularPages }}
{{ range $pager.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<time>{{ .Date.Format "2 January 2006" }}</time><p>{{ .Summary }}</p></article>{{ end }}
{{ with $pager.Prev }}<a href="{{ .URL }}">Newer</a>{{ end }}
{{ with $pager.Next }}<a href="{{ .URL }}">Older</a>{{ end }}
{{ end }}
`,
	"layouts/_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>
{{ end }}
`,
	"layouts/_default/rss.xml": `{{ $pages := .RegularPages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>{{ .Title }} · {{ site.Title }}</title><link>{{ .Permalink }}</link><description>{{ .Title }}</description>
<language>en</language>{{ with .OutputFormats.Get "RSS" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml"/>{{ end }}
{{ range first 20 $pages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate><guid>{{ .Permalink }}</guid>
<description>{{ .Content | html }}</description></item>
{{ end }}</channel></rss>
`,
}

// HugoFiles returns the files of the Hugo site holding digests, by path.
func HugoFiles(digests []*Digest) map[string][]byte {
	files := map[string][]byte{"hugo.toml": []byte(hugoConfig)}
	for name, text := range hugoLayouts {
		files[name] = []byte(text)
	}
	for _, d := range digests {
		files[fmt.Sprintf("content/posts/%s/%s.md", d.Date.Format("2006/01"), d.Slug)] = d.hugo()
	}
	return files
}

// hugo is d with Hugo's front matter: the handles are terms of the sources
// taxonomy, since Hugo cannot find them in the body.
func (d *Digest) hugo() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(d.Title))
	fmt.Fprintf(&b, "date: %s\n", d.Date.Format("2006-01-02"))
	fmt.Fprintf(&b, "slug: %s\n", d.Slug)
	fmt.Fprintf(&b, "summary: %s\n", strconv.Quote(d.Summary))
	fmt.Fprintf(&b, "consensus: [%s]\n", d.Stance)
	fmt.Fprintf(&b, "conviction: [%s]\n", d.Conviction)
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(d.Themes, ", "))
	fmt.Fprintf(&b, "sources: [%s]\n", strings.ToLower(strings.Join(d.Handles, ", ")))
	b.WriteString("---\n\n")
	b.WriteString(d.Body)
	return []byte(b.String())
}
