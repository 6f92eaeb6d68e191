package build_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signaldigest/signal/internal/build"
)

// Links and images of a body that lead to no file are warnings at their
// lines, each naming what it links as written (under the base path, from
// the site's root), with the address of a static file it may have meant.
func TestDeadRefsWarned(t *testing.T) {
	want := strings.Join([]string{
		"content/2026-11-20-a.md:12: warning: the image /img/missing.png leads to no file of the site",
		"content/2026-11-20-a.md:12: warning: the link /nowhere/ leads to no file of the site",
		"content/2026-11-20-a.md:14: warning: the image ../static/img/chart.png leads to no file of the site (static/img/chart.png is at /img/chart.png)",
		"content/2026-11-20-a.md:14: warning: the image img/chart.png leads to no file of the site (static/img/chart.png is at /img/chart.png)",
		"content/2026-11-20-a.md:14: warning: the link /s/themes/rates/ leads to no file of the site",
		"content/2026-11-21-b.md:8: warning: the image ../../../../../img/chart.png leads out of the site, to /img/chart.png",
		"content/2026-11-21-b.md:9: warning: the link /img/%zz.png leads to no file of the site",
	}, "\n")
	// The base path of site.yaml, and one that URLs spell escaped.
	for _, base := range []string{"", "https://example.org/se%C3%B1al/"} {
		opts := build.Options{}
		if base != "" {
			opts.BaseURL = mustURL(t, base)
		}
		_, _, problems := tryRun(txtarFS(t, "refs.txtar"), opts)
		if err := problems.Err(); err != nil {
			t.Fatal(err)
		}
		problems.Sort()
		if got := problems.Warnings().Error(); got != want {
			t.Errorf("%s: warnings:\n%s\nwant:\n%s", base, got, want)
		}
	}
}

// A digest on the path of a page of the site is told in the same run as
// the errors of other digests, and as two digests of one permalink: the
// digests that parsed are checked against the site's pages.
func TestCollisionsBesideErrors(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("permalink: /:slug/\n")}
	digest := func(date, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: t\ndate: " + date + "\nconsensus: mixed\nconviction: " + extra + "\n---\nx\n")}
	}
	fsys["content/2026-11-01-search.md"] = digest("2026-11-01", "low")
	fsys["content/2026-11-02-x.md"] = digest("2026-11-02", "low")
	fsys["content/2026-11-03-x.md"] = digest("2026-11-03", "low")
	fsys["content/2026-11-04-d.md"] = digest("2026-11-04", "bad")
	_, _, problems := tryRun(fsys, build.Options{})
	got := problems.Error()
	for _, want := range []string{
		"content/2026-11-01-search.md:1: permalink /search/ is also the path of the search page",
		"content/2026-11-03-x.md:1: permalink /x/ is also the permalink of content/2026-11-02-x.md",
		"content/2026-11-04-d.md:5:13: conviction:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the problems do not tell %q:\n%s", want, got)
		}
	}
	// With a setting broken, the paths of pages may be others once it is
	// mended: no clash is told with the defaults in its place.
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("permalink: /:slug/\npage_size: 50x\n")}
	_, _, problems = tryRun(fsys, build.Options{})
	if got := problems.Error(); strings.Contains(got, "is also the path of") || !strings.Contains(got, "site.yaml:2") {
		t.Errorf("with page_size broken:\n%s", got)
	}
}
