// Package serve is `signal serve`: it builds a site into memory, serves it
// over HTTP at the root of the served address, watches the site folder,
// rebuilds on every change, and tells open pages to reload.
//
// Pages learn of rebuilds through Server-Sent Events from a small script
// injected into served HTML only. A rebuild that fails keeps the last good
// build served, with its errors in an overlay that is part of every HTML
// page served while the build is broken, and pushed to pages already open.
package serve
