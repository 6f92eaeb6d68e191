package audit_test

import (
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/output"
)

// kind is a page kind of SPEC §4 and the page of the sample that shows it.
type kind struct {
	name, path string
	// ready is a CSS selector the page shows once its script has run: the
	// audit waits for it.
	ready string
}

// kinds are the pages the audits open, one per page kind of SPEC §4.
var kinds = []kind{
	{name: "home", path: "/"},
	{name: "page-2", path: "/page/2/"},
	{name: "digest", path: "/2026/11/24/month-end-checklist-credit-compute-curve/"},
	{name: "archive", path: "/archive/"},
	{name: "themes", path: "/themes/"},
	{name: "theme", path: "/themes/compute/"},        // a grouped timeline (see groupAbove)
	{name: "theme-marks", path: "/themes/robotics/"}, // a timeline of marks
	{name: "sources", path: "/sources/"},
	{name: "source", path: "/sources/ledgerlark/"},
	{name: "consensus", path: "/consensus/bearish/"},
	{name: "conviction", path: "/conviction/high/"},
	{name: "search", path: "/search/"},
	{name: "search-results", path: "/search/?q=compute", ready: "#search-results li"},
	{name: "404", path: "/no-such-page/"},
}

// groupAbove lowers the threshold of grouped timelines for the audited
// build, so that the small sample shows both forms: its themes of more than
// four digests a stacked bar per week, the others a mark per digest.
const groupAbove = 4

// now is after every digest of the sample.
var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// sample is the sample archive, built once and served over HTTP.
type sample struct {
	mem    *output.Memory
	server *httptest.Server
	host   string
}

var (
	sampleOnce sync.Once
	built      *sample
	buildErr   error
)

// serve builds the sample archive with base_url at a local test server, and
// serves it as a static host would: folders by their index.html, and
// 404.html with status 404 for anything else. The server lives as long as
// the test binary.
func serve(t testing.TB) *sample {
	t.Helper()
	sampleOnce.Do(func() {
		built, buildErr = serveSite(os.DirFS("../.."))
	})
	if buildErr != nil {
		t.Fatalf("building the sample: %v", buildErr)
	}
	return built
}

// serveSite builds a site with base_url at a new local test server, which
// serves it as serve does the sample.
func serveSite(fsys fs.FS) (*sample, error) {
	s := &sample{mem: output.NewMemory()}
	s.server = httptest.NewServer(http.HandlerFunc(s.handle))
	u, _ := url.Parse(s.server.URL + "/")
	s.host = u.Host
	_, problems := build.Run(fsys, s.mem, build.Options{Theme: signal.Theme, BaseURL: u, Now: now, GroupAbove: groupAbove})
	return s, problems.Err()
}

func (s *sample) handle(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	data, ok := s.mem.File(name)
	status := http.StatusOK
	if !ok {
		data, _ = s.mem.File("404.html")
		name, status = "404.html", http.StatusNotFound
	}
	typ := mime.TypeByExtension(path.Ext(name))
	if typ == "" {
		typ = "application/octet-stream"
	}
	w.Header().Set("Content-Type", typ)
	w.WriteHeader(status)
	w.Write(data)
}

// file is the built file of a page's path.
func file(p string) string {
	p, _, _ = strings.Cut(p, "?")
	if p == "/no-such-page/" {
		return "404.html"
	}
	return strings.TrimPrefix(p, "/") + "index.html"
}

// audited lists the page kinds to audit: every kind of SPEC §4, each of
// which the build must have made.
func (s *sample) audited(t *testing.T) []kind {
	t.Helper()
	var out []kind
	for _, k := range kinds {
		if _, ok := s.mem.File(file(k.path)); !ok {
			t.Errorf("the build made no %s page (%s)", k.name, k.path)
			continue
		}
		out = append(out, k)
	}
	return out
}

// tools is the folder where .ci/run installs the npm checkers.
func tools(t testing.TB) string {
	dir := os.Getenv("SIGNAL_AUDIT_TOOLS")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "signal-audit")
	}
	return dir
}

// need returns the path of a checker's file under the tools folder, or
// fails (under CI) or skips (elsewhere) the test when it is missing.
func need(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(tools(t), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(t, fmt.Sprintf("%s not found (npm install --prefix %q axe-core vnu-jar, or set SIGNAL_AUDIT_TOOLS)", p, tools(t)))
	}
	return p
}

// command finds a program on PATH, as need does a file.
func command(t testing.TB, install string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	missing(t, fmt.Sprintf("%s not on PATH (%s)", names[0], install))
	return ""
}

func missing(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " — CI is set, and .ci/run installs it")
	}
	loud(t, msg)
	t.SkipNow()
}

// loud says why a test is skipped where a plain `go test` shows it.
func loud(t testing.TB, msg string) {
	fmt.Fprintf(os.Stderr, "\n*** %s: SKIPPED: %s ***\n\n", t.Name(), msg)
	t.Log("*** SKIPPED: " + msg + " ***")
}
