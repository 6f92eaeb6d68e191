package build_test

import (
	"io/fs"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signaldigest/signal/internal/sitetest"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/output"
)

// now is the moment tests build at: after every sample digest.
var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// txtarFS reads a site from a txtar file under testdata.
func txtarFS(t testing.TB, name string) fstest.MapFS {
	t.Helper()
	_, fsys := sitetest.Read(t, "testdata/"+name)
	return fsys
}

// sample is the repository's own site: the sample archive and the theme.
func sample() fs.FS { return os.DirFS("../..") }

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// run builds fsys into memory and fails the test on any error.
func run(t testing.TB, fsys fs.FS, opts build.Options) (*output.Memory, build.Stats) {
	t.Helper()
	mem, stats, problems := tryRun(fsys, opts)
	if err := problems.Err(); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return mem, stats
}

func tryRun(fsys fs.FS, opts build.Options) (*output.Memory, build.Stats, diag.List) {
	if opts.Theme == nil {
		opts.Theme = signal.Theme
	}
	if opts.Now.IsZero() {
		opts.Now = now
	}
	mem := output.NewMemory()
	stats, problems := build.Run(fsys, mem, opts)
	return mem, stats, problems
}

// siteHeader is the site's header of a built page, whose nav marks where
// the page is: a pager marks its page too.
func siteHeader(page string) string {
	start := strings.Index(page, `<header class="site-header"`)
	end := strings.Index(page[max(start, 0):], "</header>")
	if start < 0 || end < 0 {
		return ""
	}
	return page[start : start+end]
}

// page returns a built file as a string, failing when it is missing.
func page(t testing.TB, mem *output.Memory, name string) string {
	t.Helper()
	b, ok := mem.File(name)
	if !ok {
		t.Fatalf("no file %s; have:\n%s", name, strings.Join(mem.Names(), "\n"))
	}
	return string(b)
}

// htmlFiles lists the built HTML files.
// htmlFiles lists the pages of an output: its HTML files but the page/1/
// of each list, which only leads to the list's first page.
func htmlFiles(mem *output.Memory) []string {
	var out []string
	for _, n := range mem.Names() {
		if strings.HasSuffix(n, ".html") && n != "page/1/index.html" && !strings.HasSuffix(n, "/page/1/index.html") {
			out = append(out, n)
		}
	}
	return out
}

// resolve turns a link found in a built page into the output file it names,
// or "" for a link that leaves the site. base is base_url's path.
func resolve(t testing.TB, from, href, base string) string {
	u, err := url.Parse(href)
	if err != nil {
		t.Errorf("%s: bad URL %q: %v", from, href, err)
		return ""
	}
	if u.Scheme != "" || u.Host != "" {
		return ""
	}
	p := u.Path
	if p == "" {
		return "" // a fragment on the same page
	}
	if !strings.HasPrefix(p, "/") {
		p = path.Join("/"+path.Dir(from), p)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
	} else {
		if !strings.HasPrefix(p, base) {
			t.Errorf("%s: link %q is outside base path %s", from, href, base)
			return ""
		}
		p = "/" + strings.TrimPrefix(p, base)
	}
	if strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return strings.TrimPrefix(p, "/")
}
