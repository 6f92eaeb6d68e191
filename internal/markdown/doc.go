// Package markdown turns a digest's Markdown body into a parsed Document and
// then into HTML, through one goldmark setup: CommonMark with GitHub tables,
// strikethrough, autolinks and task lists, footnotes, typographic
// punctuation, heading IDs (made, or written: "## Rates {#rates}"), and
// fenced code highlighted by chroma with CSS classes.
//
// Its own extension, in handle.go, finds @handles. The same AST that renders
// each handle as a link is the one Document.Mentions walks to tell the
// content stage which handles a digest cites, so the two cannot disagree.
// links.go unlinks javascript:, vbscript: and data: URLs.
package markdown
