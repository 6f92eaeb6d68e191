// Package serve is `signal serve`: it builds a site into memory, serves it
// over HTTP at the root of the served address, watches the site folder,
// rebuilds on every change, and tells open pages to reload.
//
// Pages learn of rebuilds through Server-Sent Events from a small script
// injected into served HTML only; the tabs of a browser share one stream,
// as a browser opens only six connections to a host. A rebuild that fails keeps the last good
// build served, with its errors in an overlay that is part of every HTML
// page served while the build is broken, and pushed to pages already open.
// A rebuild makes only the pages asked for; every page is then made in the
// background, keeping none, so that an error in a layout that some pages
// only meet fails the preview as it fails a build.
package serve
