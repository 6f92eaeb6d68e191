package build_test

import (
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signaldigest/signal/internal/build"
)

// The sample archive builds every page kind of SPEC §4.
func TestSamplePageKinds(t *testing.T) {
	mem, stats := run(t, sample(), build.Options{})
	for _, name := range []string{
		"index.html", "page/2/index.html", "404.html", "sitemap.xml", "robots.txt",
		"archive/index.html", "themes/index.html", "themes/compute/index.html",
		"themes/política-industrial/index.html", "themes/open-models/index.html",
		"sources/index.html", "sources/ledgerlark/index.html", "sources/quantkoi/index.html",
		"consensus/bullish/index.html", "consensus/bearish/index.html",
		"consensus/neutral/index.html", "consensus/mixed/index.html",
		"conviction/low/index.html", "conviction/medium/index.html", "conviction/high/index.html",
		"2026/11/12/sizing-into-a-rates-whipsaw/index.html",
		"2026/11/09/data-center-abs-watch/index.html",               // a slug from front matter
		"2026/10/30/memory-subsidies-meet-the-hbm-queue/index.html", // nested under content/2026/
		"style.css", "chroma.css",
	} {
		page(t, mem, name)
	}
	if _, ok := mem.File("2026/11/17/distillation-puts-a-floor-under-nothing/index.html"); ok {
		t.Error("the draft was built")
	}
	if stats.Digests != 17 {
		t.Errorf("built %d digests, want the 17 that are not drafts", stats.Digests)
	}
	// A conviction page and its feeds say what "High" is of: a browser tab
	// or a feed reader shows the title alone.
	high := page(t, mem, "conviction/high/index.html")
	for _, want := range []string{"<title>High conviction · Signal Archive</title>", "<h1>High conviction</h1>", `<meta name="description" content="High conviction in Signal Archive: `} {
		if !strings.Contains(high, want) {
			t.Errorf("conviction/high/ lacks %s", want)
		}
	}
	if feed, _ := mem.File("conviction/high/feed.xml"); !strings.Contains(string(feed), "<title>High conviction · Signal Archive</title>") {
		t.Error("conviction/high/feed.xml is not titled High conviction · Signal Archive")
	}
	// Handles written @QuantKoi and @quantkoi are one source page.
	for _, n := range mem.Names() {
		if strings.HasPrefix(n, "sources/") && strings.ToLower(n) != n {
			t.Errorf("source page with upper case: %s", n)
		}
	}
}

// Pagination, drafts, the future, nesting and the skipped file.
func TestSmallSite(t *testing.T) {
	mem, _ := run(t, txtarFS(t, "small.txtar"), build.Options{})
	home := page(t, mem, "index.html")
	for _, want := range []string{"Fifth digest", "Fourth digest", `href="/archive/page/2/"`, `aria-current="page"><span class="visually-hidden">Page </span>1</a>`, `href="/archive/page/3/"><span class="visually-hidden">Page </span>3</a>`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	if strings.Contains(home, "Third digest") {
		t.Error("home page 1 holds more than page_size digests")
	}
	p3 := page(t, mem, "page/3/index.html")
	if !strings.Contains(p3, "First digest") || !strings.Contains(p3, `href="/archive/page/2/"`) {
		t.Error("page 3 lacks the oldest digest or its link back")
	}
	if _, ok := mem.File("page/4/index.html"); ok {
		t.Error("a fourth page for five digests of two a page")
	}
	for _, gone := range []string{"2026/11/06/draft/index.html", "2027/01/01/future/index.html", "skipped/index.html"} {
		if _, ok := mem.File(gone); ok {
			t.Errorf("built %s", gone)
		}
	}
	page(t, mem, "2026/11/03/third/index.html") // nested two folders deep
	// --drafts and --future bring them in.
	mem, _ = run(t, txtarFS(t, "small.txtar"), build.Options{Drafts: true, Future: true})
	page(t, mem, "2026/11/06/draft/index.html")
	page(t, mem, "2027/01/01/future/index.html")
}

// A source page shows each citing digest, newest first, with the very item
// or paragraph that cites the handle and the note from front matter.
func TestSourcePage(t *testing.T) {
	mem, _ := run(t, txtarFS(t, "small.txtar"), build.Options{})
	src := page(t, mem, "sources/allin/index.html")
	list := src[strings.LastIndex(src, "</figure>")+1:] // after the timeline, which goes oldest first
	second, first := strings.Index(list, "Second digest"), strings.Index(list, "First digest")
	if second < 0 || first < 0 || second > first {
		t.Fatalf("source page does not list both digests newest first:\n%s", src)
	}
	for _, want := range []string{
		"compute scarcity thesis",      // the note
		"Announced is not built.",      // the cited item
		"A first paragraph that cites", // the cited paragraph
		// @allIn and @AllIn are one source; used once each, the first
		// spelling in byte order is shown.
		`href="https://x.com/AllIn"`,
		`<h1><bdi>@AllIn</bdi></h1>`, // @ first on a page from the right too
	} {
		if !strings.Contains(src, want) {
			t.Errorf("source page lacks %q", want)
		}
	}
	if strings.Contains(src, "Nothing cited here") || strings.Contains(src, "Nobody reads the permits") {
		t.Error("source page shows items that do not cite the handle")
	}
	// A handle that front matter lists and the text never cites says so,
	// rather than show an empty card.
	quiet := page(t, mem, "sources/quiet_desk/index.html")
	if !strings.Contains(quiet, "Fourth digest") || !strings.Contains(quiet, "Listed among the digest’s sources; its text does not cite the handle.") {
		t.Errorf("a source listed only in front matter:\n%s", quiet)
	}
	if strings.Contains(src, "Listed among") {
		t.Error("a source cited in the text is said to be only listed")
	}
	idx := page(t, mem, "sources/index.html")
	if !strings.Contains(idx, "2 digests") || !strings.Contains(idx, `href="https://x.com/sama"`) {
		t.Errorf("sources index lacks counts or profile links:\n%s", idx)
	}
}

// Theme names that slugify alike are one theme with one spelling, and a
// theme in any script gets a page whose links are percent-encoded.
func TestThemes(t *testing.T) {
	mem, _ := run(t, txtarFS(t, "small.txtar"), build.Options{})
	open := page(t, mem, "themes/open-models/index.html")
	if !strings.Contains(open, "<h1>Open Models</h1>") || !strings.Contains(open, "2 digests") {
		t.Errorf("open-models theme page:\n%s", open)
	}
	fifth := page(t, mem, "2026/11/05/fifth/index.html")
	if !strings.Contains(fifth, `href="/archive/themes/pol%C3%ADtica-industrial/"`) {
		t.Error("digest page does not link its non-ASCII theme percent-encoded")
	}
	page(t, mem, "themes/política-industrial/index.html")
}

// The same input gives the same bytes whatever the number of CPUs.
func TestDeterministic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	a, _ := run(t, sample(), build.Options{})
	runtime.GOMAXPROCS(8)
	b, _ := run(t, sample(), build.Options{Now: now.AddDate(0, 0, 3)})
	if !slices.Equal(a.Names(), b.Names()) {
		t.Fatal("the two builds wrote different files")
	}
	for _, n := range a.Names() {
		x, _ := a.File(n)
		y, _ := b.File(n)
		if string(x) != string(y) {
			t.Errorf("%s differs between builds", n)
		}
	}
}

// A theme or handle is spelled as the published digests spell it: drafts
// and digests still in the future, which readers do not see, do not choose
// the spelling, even when they outnumber the published ones. With --drafts
// and --future they count like the others.
func TestUnpublishedDoNotSpell(t *testing.T) {
	digest := func(date, tags, handle, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\ndate: " + date + "\nconsensus: bearish\nconviction: high\ntags: [" + tags + "]\n" + extra + "---\n\nCites " + handle + ".\n")}
	}
	fsys := fstest.MapFS{
		"content/2026-11-01-a.md": digest("2026-11-01", "Open Models", "@AllIn", ""),
		"content/2026-11-02-b.md": digest("2026-11-02", "OPEN models", "@allin", "draft: true\n"),
		"content/2026-11-03-c.md": digest("2026-11-03", "OPEN models", "@allin", "draft: true\n"),
		"content/2026-12-24-d.md": digest("2026-12-24", "OPEN models", "@allin", ""), // after now
		"content/2026-11-04-e.md": digest("2026-11-04", "Draft Only", "@x", "draft: true\n"),
	}
	mem, _ := run(t, fsys, build.Options{})
	for _, f := range []string{"2026/11/01/a/index.html", "themes/index.html", "themes/open-models/index.html", "sources/index.html", "sources/allin/index.html"} {
		p := page(t, mem, f)
		if strings.Contains(p, "OPEN models") || strings.Contains(p, "@allin") || !strings.Contains(p, "Open Models") && !strings.Contains(p, "@AllIn") {
			t.Errorf("%s spells the theme or handle as unpublished digests do:\n%s", f, p)
		}
	}
	mem, _ = run(t, fsys, build.Options{Drafts: true, Future: true})
	if p := page(t, mem, "themes/open-models/index.html"); !strings.Contains(p, "<h1>OPEN models</h1>") {
		t.Errorf("with drafts and future digests shown, their spelling, the most used, is not chosen:\n%s", p)
	}
	if p := page(t, mem, "themes/draft-only/index.html"); !strings.Contains(p, "<h1>Draft Only</h1>") {
		t.Errorf("a theme only a draft has:\n%s", p)
	}
}

// An update on the digest's own day is accepted, even as a date without a
// time on a digest dated with one, and not shown as an update; one on a
// later day is shown, and is what the feeds give as the entry's update.
func TestUpdatedSameDay(t *testing.T) {
	digest := func(date, updated string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\ndate: " + date + "\nupdated: " + updated + "\nconsensus: bearish\nconviction: high\n---\n\nBody.\n")}
	}
	fsys := fstest.MapFS{
		"content/same.md":  digest("2026-11-20T10:00:00Z", "2026-11-20"),
		"content/later.md": digest("2026-11-21", "2026-11-23"),
	}
	mem, _ := run(t, fsys, build.Options{})
	if p := page(t, mem, "2026/11/20/same/index.html"); strings.Contains(p, "updated") {
		t.Errorf("an update on the digest's own day is shown:\n%s", p)
	}
	if p := page(t, mem, "2026/11/21/later/index.html"); !strings.Contains(p, `· updated <time datetime="2026-11-23`) {
		t.Errorf("an update two days on is not shown:\n%s", p)
	}
	atom := page(t, mem, "atom.xml")
	if !strings.Contains(atom, "<updated>2026-11-20T10:00:00Z</updated>") || !strings.Contains(atom, "<updated>2026-11-23T00:00:00Z</updated>") {
		t.Errorf("feed updates:\n%s", atom)
	}
	_, _, problems := tryRun(fstest.MapFS{"content/before.md": digest("2026-11-20T10:00:00Z", "2026-11-19")}, build.Options{})
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), "content/before.md:4:") || !strings.Contains(err.Error(), "updated: 2026-11-19 is before the digest's date 2026-11-20") {
		t.Errorf("an update the day before: %v", err)
	}
}

// A permalink that clashes with a page hides no error of the layouts, and
// a stylesheet that cannot be read hides none either: one run says it all.
func TestLaterStagesReportToo(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte("permalink: /:slug/\n")},
		"content/2026-11-01-themes.md": {Data: []byte("---\ntitle: T\ndate: 2026-11-01\nconsensus: bearish\nconviction: high\n---\n\nBody.\n")},
		"layouts/base.html":            {Data: []byte("{{ .Nope\n")},
	}
	_, _, problems := tryRun(fsys, build.Options{})
	err := problems.Err()
	if err == nil || !strings.Contains(err.Error(), "content/2026-11-01-themes.md:1: permalink /themes/ is also the path of the themes page") || !strings.Contains(err.Error(), "layouts/base.html:2: unclosed action") {
		t.Errorf("want the clash and the layout's error:\n%v", err)
	}
	delete(fsys, "content/2026-11-01-themes.md")
	fsys["content/2026-11-01-fine.md"] = &fstest.MapFile{Data: []byte("---\ntitle: T\ndate: 2026-11-01\nconsensus: bearish\nconviction: high\n---\n\nBody.\n")}
	fsys["static/style.css"] = &fstest.MapFile{Mode: fs.ModeDir}
	_, _, problems = tryRun(fsys, build.Options{})
	err = problems.Err()
	if err == nil || !strings.Contains(err.Error(), "static/style.css: cannot read") || !strings.Contains(err.Error(), "layouts/base.html:2: unclosed action") {
		t.Errorf("want the stylesheet's and the layout's errors:\n%v", err)
	}
}
