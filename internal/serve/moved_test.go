package serve_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/serve"
)

// A digest page that moves while the server runs leaves its old address
// leading to the new one: every page, when the permalink pattern changes.
// A file gone and one of another title new are no rename, and two files
// renamed at once are no guess: their old addresses are 404s.
func TestServeMovedPages(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	browserWrite(t, filepath.Join(dir, "site.yaml"), browserSiteYAML)
	browserWrite(t, filepath.Join(content, "2025-01-06-alpha.md"), browserDigest("Alpha", "Bullish", "- **Chips** — the body."))
	browserWrite(t, filepath.Join(content, "2025-01-07-beta.md"), browserSecondDigest)
	s := serve.New(serve.Options{Source: dir, Theme: signal.Theme})
	h := s.Handler(true)
	base, _ := url.Parse("http://127.0.0.1:1313/")
	rebuild := func(changed ...string) {
		t.Helper()
		if _, problems := s.Rebuild(base, changed...); problems.Err() != nil {
			t.Fatal(problems.Err())
		}
	}
	get := func(path string, status int, location string) {
		t.Helper()
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Host = "127.0.0.1:1313"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != status || w.Header().Get("Location") != location {
			t.Errorf("GET %s: %d, Location %q; want %d, %q", path, w.Code, w.Header().Get("Location"), status, location)
		}
	}
	rebuild()
	get("/2025/01/06/alpha/", http.StatusOK, "")

	browserWrite(t, filepath.Join(dir, "site.yaml"), browserSiteYAML+"permalink: \"/notes/:slug/\"\n")
	rebuild("site.yaml")
	get("/2025/01/06/alpha/", http.StatusFound, "/notes/alpha/")
	get("/2025/01/07/beta/index.html?x=1", http.StatusFound, "/notes/beta/?x=1")
	get("/notes/alpha/", http.StatusOK, "")
	get("/2025/01/06/alpha", http.StatusFound, "/notes/alpha/") // the folder without its slash
	get("/2025/01/08/alpha/", http.StatusNotFound, "")          // never an address

	// One digest gone and an unrelated one new, as a branch switch does:
	// no move.
	if err := os.Remove(filepath.Join(content, "2025-01-07-beta.md")); err != nil {
		t.Fatal(err)
	}
	browserWrite(t, filepath.Join(content, "2025-01-08-unrelated.md"), browserDigest("Unrelated", "Bearish", "- **Other** — news."))
	rebuild("content/2025-01-07-beta.md", "content/2025-01-08-unrelated.md")
	get("/notes/beta/", http.StatusNotFound, "")
	browserWrite(t, filepath.Join(content, "2025-01-07-beta.md"), browserSecondDigest)
	if err := os.Remove(filepath.Join(content, "2025-01-08-unrelated.md")); err != nil {
		t.Fatal(err)
	}
	rebuild("content/2025-01-07-beta.md", "content/2025-01-08-unrelated.md")

	for from, to := range map[string]string{"2025-01-06-alpha.md": "alpha-renamed.md", "2025-01-07-beta.md": "beta-renamed.md"} {
		if err := os.Rename(filepath.Join(content, from), filepath.Join(content, to)); err != nil {
			t.Fatal(err)
		}
	}
	rebuild("content/2025-01-06-alpha.md", "content/2025-01-07-beta.md", "content/alpha-renamed.md", "content/beta-renamed.md")
	get("/notes/alpha-renamed/", http.StatusOK, "")
	get("/notes/alpha/", http.StatusNotFound, "")
	get("/2025/01/06/alpha/", http.StatusNotFound, "") // it led to /notes/alpha/, which is gone

	// A digest moved while another file is broken moves when the build is
	// mended, though the mending rebuild is of the other file alone.
	alpha, beta := filepath.Join(content, "alpha-renamed.md"), filepath.Join(content, "beta-renamed.md")
	browserWrite(t, alpha, strings.Replace(browserDigest("Alpha", "Bullish", "- **Chips** — the body."), "---\n", "---\nslug: alpha-moved\n", 1))
	browserWrite(t, beta, "no front matter")
	if _, problems := s.Rebuild(base, "content/alpha-renamed.md", "content/beta-renamed.md"); problems.Err() == nil {
		t.Fatal("a digest without front matter built")
	}
	browserWrite(t, beta, browserSecondDigest)
	rebuild("content/beta-renamed.md")
	get("/notes/alpha-renamed/", http.StatusFound, "/notes/alpha-moved/")
}
