package serve_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// After a rebuild, serve makes every page in the background (checkPages):
// these tests break a layout on one page only, and a site from the start.

// A layout that fails on one page only: the rebuild makes the pages asked
// for, which work, and the check of every page that follows finds the
// error, as signal build would. The build before is served again, with
// the overlay, until the layout is mended.
func TestServeLayoutErrorOnOnePage(t *testing.T) {
	h := start(t)
	h.write("content/2026-11-01-boom.md", strings.Replace(fmt.Sprintf(digest, "Boom"), "2026-11-02", "2026-11-01", 1))
	h.eventually("the second digest", func() bool { code, _, _ := h.get("/2026/11/01/boom/"); return code == 200 })
	h.srv.WaitChecks() // its pages are all made: it is the last good build
	h.write("layouts/digest.html", `{{define "main"}}<h1>New: {{.Digest.Title}}</h1>{{if eq .Digest.Title "Boom"}}{{index .Digest.Themes 99}}{{end}}{{end}}`)
	h.eventually("the error found by the check", func() bool {
		return strings.Contains(h.log.String(), "checking every page found errors") && strings.Contains(h.body(page), `id="signal-overlay"`)
	})
	body := h.body(page)
	if !strings.Contains(body, "layouts/digest.html:1:") || !strings.Contains(body, "index out of range") {
		t.Errorf("the overlay lacks the layout's error:\n%s", body)
	}
	if strings.Contains(body, "<h1>New: First title</h1>") || !strings.Contains(body, "<h1>First title</h1>") || !strings.Contains(body, "this is the last good build") {
		t.Errorf("the page is not from the last good build:\n%s", body)
	}
	if b := h.body("/2026/11/01/boom/"); !strings.Contains(b, "<h1>Boom</h1>") {
		t.Errorf("the page that fails is not the last good build's:\n%s", b)
	}
	h.write("layouts/digest.html", `{{define "main"}}<h1>New: {{.Digest.Title}}</h1>{{end}}`)
	h.eventually("the mended layout", func() bool {
		b := h.body(page)
		return strings.Contains(b, "<h1>New: First title</h1>") && !strings.Contains(b, `id="signal-overlay"`)
	})
	h.srv.WaitChecks() // the check of the mended build finds nothing
	if b := h.body("/2026/11/01/boom/"); !strings.Contains(b, "<h1>New: Boom</h1>") || strings.Contains(b, `id="signal-overlay"`) {
		t.Errorf("after the fix, the page that failed is:\n%s", b)
	}
}

// checkWait is more than serve waits before it checks every page.
const checkWait = 500 * time.Millisecond

// A site broken from the start has no good build to show: serve says so,
// in its log and over the pages, rather than speak of a last good build.
func TestServeBrokenFromTheStart(t *testing.T) {
	dir := t.TempDir()
	h := &harness{t: t, dir: dir, log: &syncBuffer{}}
	h.write("content/2026-11-02-one.md", strings.Replace(fmt.Sprintf(digest, "Broken"), "Bullish", "Bulish", 1))
	h.base, h.srv = serveDir(t, dir, h.log)
	h.eventually("the failed build", func() bool { return strings.Contains(h.log.String(), "with errors") })
	if log := h.log.String(); !strings.Contains(log, "nothing to serve until it is fixed") || strings.Contains(log, "last good build") {
		t.Errorf("log:\n%s", log)
	}
	if body := h.body(page); !strings.Contains(body, "there is no good build to show yet") {
		t.Errorf("the overlay does not say there is no good build:\n%s", body)
	}
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Mended"))
	h.eventually("the mended build", func() bool { return strings.Contains(h.body(page), "<h1>Mended</h1>") })
}

// A site whose layout fails on one page from the start has no good build
// to go back to: the build is shown, with the errors, and said to be so.
func TestServeLayoutErrorFromTheStart(t *testing.T) {
	dir := t.TempDir()
	h := &harness{t: t, dir: dir, log: &syncBuffer{}}
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "First title"))
	h.write("content/2026-11-01-boom.md", strings.Replace(fmt.Sprintf(digest, "Boom"), "2026-11-02", "2026-11-01", 1))
	h.write("layouts/digest.html", `{{define "main"}}<h1>New: {{.Digest.Title}}</h1>{{if eq .Digest.Title "Boom"}}{{index .Digest.Themes 99}}{{end}}{{end}}`)
	h.base, h.srv = serveDir(t, dir, h.log)
	h.eventually("the error found by the check", func() bool { return strings.Contains(h.log.String(), "checking every page found errors") })
	if !strings.Contains(h.log.String(), "serving it, for want of a build whose every page was made") {
		t.Errorf("log:\n%s", h.log.String())
	}
	body := h.body(page)
	if !strings.Contains(body, "<h1>New: First title</h1>") || !strings.Contains(body, "Some pages failed to build") || !strings.Contains(body, "index out of range") {
		t.Errorf("the page:\n%s", body)
	}
	code, b, _ := h.get("/2026/11/01/boom/")
	if code != http.StatusInternalServerError || !strings.Contains(b, "This page failed to build.") {
		t.Errorf("the failing page: %d\n%s", code, b)
	}
}
