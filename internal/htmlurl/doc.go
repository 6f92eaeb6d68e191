// Package htmlurl knows which attributes of HTML hold URLs, and rewrites
// them: a feed makes every URL of a digest's body absolute, and a source's
// page resolves a cited block's URLs against the digest's page. Raw HTML
// (unsafe_html) may use any of them; signal's Markdown writes only href and
// src.
package htmlurl
