package build_test

import (
	"io/fs"
	"maps"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
)

// A site's own layouts/ and static/ override the built-in theme file by
// file; the files it does not override stay built-in.
func TestThemeOverride(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["layouts/digest.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>Custom: {{.Digest.Title}}</h1>{{end}}`)}
	fsys["static/style.css"] = &fstest.MapFile{Data: []byte("body{color:red}")}
	fsys["static/extra/logo.svg"] = &fstest.MapFile{Data: []byte("<svg/>")}
	mem, _ := run(t, fsys, build.Options{})
	if d := page(t, mem, "2026/11/01/first/index.html"); !strings.Contains(d, "<h1>Custom: First digest</h1>") || !strings.Contains(d, `class="site-header"`) {
		t.Errorf("digest layout not overridden, or base.html lost:\n%s", d)
	}
	if css := page(t, mem, "style.css"); css != "body{color:red}" {
		t.Errorf("style.css = %q", css)
	}
	page(t, mem, "extra/logo.svg")
	if !strings.Contains(page(t, mem, "chroma.css"), ".chroma") {
		t.Error("built-in chroma.css lost")
	}
	if !strings.Contains(page(t, mem, "index.html"), `class="card"`) {
		t.Error("built-in list layout lost")
	}
}

// A site's own version of a partial that the built-in layouts cache is run
// for each page: a footer that shows its page's path shows each page's,
// not the first page made's on every page. Badges of its own are used.
//
// So is a partial the site adds, called through cached with its page and
// no variant: cached by its name alone, every page showed the path of the
// page made first, which changed from build to build.
func TestOwnPartialNotCached(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer>FOOT {{cached "path.html" .}}</footer>`)}
	fsys["layouts/partials/path.html"] = &fstest.MapFile{Data: []byte(`{{.Path}}`)}
	fsys["layouts/partials/badges.html"] = &fstest.MapFile{Data: []byte(`<span class="mine">{{.Stance}}</span>`)}
	mem, _ := run(t, fsys, build.Options{})
	pages := 0
	for _, name := range mem.Names() {
		got := page(t, mem, name)
		if !strings.HasSuffix(name, "index.html") || strings.Contains(got, `http-equiv="refresh"`) {
			continue // not a page, or page/1/'s redirect
		}
		pages++
		want := "<footer>FOOT /" + strings.TrimSuffix(name, "index.html") + "</footer>"
		if !strings.Contains(got, want) {
			t.Errorf("%s: no %s", name, want)
		}
	}
	if pages < 10 {
		t.Errorf("%d pages", pages)
	}
	if got := page(t, mem, "index.html"); !strings.Contains(got, `<span class="mine">`) {
		t.Errorf("own badges not used:\n%s", got)
	}
}

// The built-in header, called from a site's own base.html without the
// variant the built-in one passes (.Nav), still marks each page's own place
// in the nav: builds of one site came out different, each page marking
// the place of whichever page the build made first.
func TestBuiltinHeaderKeyedByNav(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	base, err := fs.ReadFile(os.DirFS("../.."), "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(base), `{{cached "header.html" . .Nav}}`, `{{cached "header.html" .}}`, 1)
	if own == string(base) {
		t.Fatal("base.html no longer calls the header with .Nav")
	}
	fsys["layouts/base.html"] = &fstest.MapFile{Data: []byte(own)}
	mem, _ := run(t, fsys, build.Options{})
	for name, want := range map[string]string{
		"archive/index.html": `href="/archive/archive/" aria-current="page"`, // under the base path /archive/
		"themes/index.html":  `href="/archive/themes/" aria-current="page"`,
		"index.html":         `class="site-title" href="/archive/" aria-current="page"`,
	} {
		if got := siteHeader(page(t, mem, name)); !strings.Contains(got, want) || strings.Count(got, `aria-current="page"`) != 1 {
			t.Errorf("%s: the nav does not mark the page alone (%s):\n%s", name, want, regexp.MustCompile(`<a [^>]*aria-current[^>]*>`).FindAllString(got, -1))
		}
	}
}

// url and asset as a theme author writes them: url keeps a query or a
// fragment and leaves an absolute URL alone (it escaped "#" and "?", and
// made "https://x.org/" a path of the site); asset takes a leading slash
// (it gave "//style.css", another host) and refuses a file that is not
// there (it gave a broken link without a word).
func TestTemplateURLs(t *testing.T) {
	fsys := txtarFS(t, "small.txtar") // base path /archive/
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer>` +
		`<a id="frag" href="{{url "/archive/#y2026"}}">a</a><a id="query" href="{{url "/search/?q=rates"}}">s</a>` +
		`<a id="ext" href="{{url "https://x.org/a b"}}">x</a><a id="theme" href="{{url "/themes/política/"}}">p</a>` +
		`<a id="css" href="{{asset "/style.css"}}">c</a><a id="icon" href="{{asset "favicon.png"}}">i</a>` +
		`<a id="abs" href="{{abs "/archive/#y2026"}}">a</a><a id="absext" href="{{abs "https://x.org/"}}">x</a></footer>`)}
	mem, _ := run(t, fsys, build.Options{})
	got := page(t, mem, "index.html")
	for _, want := range []string{
		`id="frag" href="/archive/archive/#y2026"`, `id="query" href="/archive/search/?q=rates"`,
		`id="ext" href="https://x.org/a%20b"`, `id="theme" href="/archive/themes/pol%C3%ADtica/"`,
		`id="css" href="/archive/style.css?v=`, `id="icon" href="/archive/favicon.png"`,
		`id="abs" href="https://example.org/archive/archive/#y2026"`, `id="absext" href="https://x.org/"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got[strings.Index(got, "<footer>"):])
		}
	}

	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("<footer>\n{{asset \"styles.css\"}}</footer>")}
	_, _, problems := tryRun(fsys, build.Options{})
	if err := problems.Err(); err == nil || !strings.Contains(err.Error(), `layouts/partials/footer.html:2:`) || !strings.Contains(err.Error(), `asset "styles.css": no such file in static/ or the theme's`) {
		t.Errorf("an asset that is not there: %v", err)
	}
}

// A layout that fails while a page is made names the page, the first in
// path order, and how many more failed the same way: one line, the same
// in every run, whichever page the build made first.
func TestPageErrorNamesPage(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("<footer>\n{{if eq .Kind \"term\"}}{{index .Digests 99}}{{end}}</footer>")}
	want := regexp.MustCompile(`^layouts/partials/footer.html:2:\d+: .*index out of range.* \(on the page (/\S+/), and (\d+) more\)$`)
	var first string
	for range 3 {
		_, _, problems := tryRun(fsys, build.Options{})
		errs := problems.Errors()
		if len(errs) != 1 || !want.MatchString(errs[0].Error()) {
			t.Fatalf("errors:\n%v", problems.Err())
		}
		if m := want.FindStringSubmatch(errs[0].Error()); first == "" {
			first = errs[0].Error()
			if m[1] != "/consensus/bearish/" || m[2] == "0" {
				t.Errorf("named %s and %s more", m[1], m[2])
			}
		} else if errs[0].Error() != first {
			t.Errorf("another run said %q, the first %q", errs[0].Error(), first)
		}
	}
}

// A file in the site's layouts/ that no page reads is named in a warning:
// a Hugo layout's name, a partial in a subfolder, a .htm file.
func TestUnusedLayoutsWarned(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	for _, name := range []string{"layouts/single.html", "layouts/partials/sub/x.html", "layouts/partials/x.htm", "layouts/partials/mine.html", "layouts/.hidden"} {
		fsys[name] = &fstest.MapFile{Data: []byte("<p>x</p>")}
	}
	_, _, problems := tryRun(fsys, build.Options{})
	if problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	got := problems.Error()
	for _, want := range []string{
		"layouts/single.html: warning: not used: layouts are base.html, 404.html, archive.html, digest.html, list.html, search.html, terms.html, and partials/*.html",
		"layouts/partials/sub/x.html: warning: not used",
		"layouts/partials/x.htm: warning: not used",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "mine.html") || strings.Contains(got, "hidden") || strings.Count(got, "single.html") != 1 {
		t.Errorf("warned of a used or hidden file, or twice:\n%s", got)
	}
}

// url in a layout takes a site path with or without its leading slash, or
// none for the site's root, under base_url's path.
func TestLayoutURL(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("title: T\nbase_url: https://example.com/blog/\n")}
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte(`<footer>{{url "/feed.xml"}}|{{url "feed.xml"}}|{{url ""}}|{{url "themes/é/"}}|{{abs "feed.xml"}}</footer>`)}
	mem, _ := run(t, fsys, build.Options{})
	want := "<footer>/blog/feed.xml|/blog/feed.xml|/blog/|/blog/themes/%C3%A9/|https://example.com/blog/feed.xml</footer>"
	if got := page(t, mem, "index.html"); !strings.Contains(got, want) {
		t.Errorf("want %s in:\n%s", want, got)
	}
}

// A digest's headings never take an id of the page around them: "## Main"
// is not a second id="main", which the skip link leads to.
func TestHeadingIDsOfPage(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["content/2026-11-07-ids.md"] = &fstest.MapFile{Data: []byte("---\ntitle: IDs\ndate: 2026-11-07\nconsensus: mixed\nconviction: low\n---\n## Main\n\n## Sources title\n\n## Main\n")}
	mem, _ := run(t, fsys, build.Options{})
	got := page(t, mem, "2026/11/07/ids/index.html")
	for _, want := range []string{`<h2 id="main-1">Main</h2>`, `<h2 id="sources-title-1">Sources title</h2>`, `<h2 id="main-2">Main</h2>`} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in:\n%s", want, got)
		}
	}
	if n := strings.Count(got, `id="main"`); n != 1 {
		t.Errorf(`id="main" is on the page %d times`, n)
	}
}

// A run that stops at a digest's errors reports a broken layout and a
// static file it cannot copy with them, so that one run tells every problem.
func TestEveryProblemAtOnce(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["content/2026-11-07-bad.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bad\ndate: 2026-11-07\nconsensus: sideways\nconviction: low\n---\nx\n")}
	fsys["layouts/digest.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n{{if}}{{end}}")}
	fsys["static/pipe"] = &fstest.MapFile{Mode: fs.ModeNamedPipe}
	_, _, problems := tryRun(fsys, build.Options{})
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{"content/2026-11-07-bad.md:4:", "layouts/digest.html:2:", "static/pipe: cannot copy: not a regular file"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %s in:\n%s", want, all)
		}
	}
}

// A broken layout is reported at its file and line, and nothing is built.
func TestLayoutErrors(t *testing.T) {
	for _, tc := range []struct{ file, src, want string }{
		{"layouts/digest.html", "{{define \"main\"}}\n<p>{{.Nope}}</p>{{end}}", "layouts/digest.html:2:"},
		{"layouts/list.html", "{{define \"main\"}}\n\n{{if}}{{end}}", "layouts/list.html:3:"},
		{"layouts/partials/card.html", "{{.Title", "layouts/partials/card.html:1:"},
		// Errors found as a cached partial runs are the partial's, not
		// those of base.html that calls it.
		{"layouts/partials/footer.html", "<footer>\n<a href=\"{{if .Title}}x{{else}}\"{{end}}>\n</footer>", "layouts/partials/footer.html:2:"},
		{"layouts/partials/footer.html", "<footer>\n{{template \"missing.html\" .}}</footer>", "layouts/partials/footer.html:2:"},
		{"layouts/partials/footer.html", "<footer>\n<script>var a = '</script>\n</footer>", "layouts/partials/footer.html:"},
		// An attribute left open: said in words, not in html/template's
		// internal state.
		{"layouts/partials/footer.html", "<footer>\n<a href=\"{{.Title}}\n", "layouts/partials/footer.html: ends inside a tag or attribute left open"},
		{"layouts/partials/footer.html", "<footer>\n<script>var x = 1;\n", "layouts/partials/footer.html: ends inside a <script> left open"},
		{"layouts/partials/footer.html", "<footer>\n<!-- note\n", "layouts/partials/footer.html: ends inside an HTML comment left open"},
		// A partial named like a layout would take its place.
		{"layouts/partials/base.html", "<p>mine</p>", "layouts/partials/base.html: a partial may not be named like the layout base.html"},
		{"layouts/partials/list.html", "<p>mine</p>", "layouts/partials/list.html: a partial may not be named like the layout list.html"},
		// Text outside {{define}} in a layout that fills no "main" is
		// never shown: written so, a layout would empty every page of
		// its kind.
		{"layouts/list.html", "{{ .Nope }}", "layouts/list.html:1: this text is outside {{define}}"},
		{"layouts/digest.html", "{{/* mine */}}\n\n  <article>{{define \"title\"}}x{{end}}", "layouts/digest.html:3: this text is outside {{define}}"},
	} {
		fsys := txtarFS(t, "small.txtar")
		fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.src)}
		_, _, problems := tryRun(fsys, build.Options{})
		err := problems.Err()
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "{state") {
			t.Errorf("%s: got %v, want an error starting %q", tc.file, err, tc.want)
		}
	}
}

// A permalink pattern that puts a digest on another page's path is an
// error naming the digest, not a page silently overwritten.
func TestPermalinkCollision(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["site.yaml"] = &fstest.MapFile{Data: []byte("permalink: /:slug/\n")}
	fsys["content/2026-11-07-archive.md"] = &fstest.MapFile{Data: []byte("---\ntitle: t\ndate: 2026-11-07\nconsensus: mixed\nconviction: low\n---\nx\n")}
	_, _, problems := tryRun(fsys, build.Options{})
	want := "content/2026-11-07-archive.md:1: permalink /archive/ is also the path of the archive page"
	if err := problems.Err(); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	// The page of every theme is named by what a reader calls it, not by
	// its layout's kind ("terms").
	fsys["content/2026-11-07-archive.md"] = &fstest.MapFile{Data: []byte("---\ntitle: t\ndate: 2026-11-07\nconsensus: mixed\nconviction: low\nslug: themes\n---\nx\n")}
	_, _, problems = tryRun(fsys, build.Options{})
	want = "content/2026-11-07-archive.md:6: permalink /themes/ is also the path of the themes page"
	if err := problems.Err(); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	// The page/1/ of a list is the redirect to its first page: a digest
	// there would be overwritten by it, and a link to the digest would lead
	// to the list.
	for pattern, want := range map[string]string{
		"/page/:slug/":                   "content/2026-11-07-archive.md:6: permalink /page/1/ is also the path of the redirect to the home page",
		"/consensus/mixed/page/:slug/":   "content/2026-11-07-archive.md:6: permalink /consensus/mixed/page/1/ is also the path of the redirect to the page of Mixed in consensus",
		"/themes/:slug/page/:year/:day/": "",
	} {
		fsys["site.yaml"] = &fstest.MapFile{Data: []byte("permalink: " + pattern + "\n")}
		fsys["content/2026-11-07-archive.md"] = &fstest.MapFile{Data: []byte("---\ntitle: t\ndate: 2026-11-07\nconsensus: mixed\nconviction: low\nslug: \"1\"\n---\nx\n")}
		_, _, problems = tryRun(fsys, build.Options{})
		if err := problems.Err(); (err == nil) != (want == "") || err != nil && err.Error() != want {
			t.Errorf("%s: got %v, want %q", pattern, err, want)
		}
	}
}

// The stylesheet of highlighted code is linked from the pages that show
// code: a digest with a fenced block, and the page of a source it cites;
// not from the others.
func TestChromaCSSWhereCodeIs(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["content/2026-11-07-code.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Code\ndate: 2026-11-07\nconsensus: mixed\nconviction: low\n---\n" +
		"- **Query** — the screen we ran (via @quant_desk):\n\n  ```sql\n  select 1;\n  ```\n")}
	mem, _ := run(t, fsys, build.Options{})
	const link = `chroma.css?v=` // under the base path
	for file, want := range map[string]bool{
		"2026/11/07/code/index.html":    true,
		"sources/quant_desk/index.html": true,
		"2026/11/01/first/index.html":   false,
		"index.html":                    false,
		"search/index.html":             false,
		"sources/allin/index.html":      false,
	} {
		if got := strings.Contains(page(t, mem, file), link); got != want {
			t.Errorf("%s links chroma.css: %v, want %v", file, got, want)
		}
	}
}

// A taxonomy's page says how many of what it lists, and what they are.
func TestTermsPagesCount(t *testing.T) {
	mem, _ := run(t, txtarFS(t, "small.txtar"), build.Options{})
	for file, want := range map[string]string{
		"themes/index.html":     " themes: ",
		"sources/index.html":    " sources: ",
		"consensus/index.html":  " stances: ",
		"conviction/index.html": " levels: ",
	} {
		if d := page(t, mem, file); !strings.Contains(d, want) || strings.Contains(d, "entries") {
			t.Errorf("%s does not say %q", file, want)
		}
	}
}

// The search page loads its module from its own layout, not only from the
// head: a site with a head.html of its own still has a search that runs.
func TestSearchWithOwnHead(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["layouts/partials/head.html"] = &fstest.MapFile{Data: []byte(`<meta name="description" content="{{.Site.Config.Description}}">`)}
	mem, _ := run(t, fsys, build.Options{})
	d := page(t, mem, "search/index.html")
	_, body, _ := strings.Cut(d, "<body>")
	if !regexp.MustCompile(`<script type="module" src="[^"]*/search\.js\?v=`).MatchString(body) {
		t.Errorf("the search page of a site with its own head.html loads no search.js in its body:\n%s", d)
	}
}

// A site's static file may replace robots.txt, and no file the build makes
// otherwise: one with the path of a page, a feed, the sitemap or the search
// index is an error at its path, in build as in serve (which both prepare
// the output this way).
func TestStaticClashes(t *testing.T) {
	digest := "---\ntitle: One\ndate: 2026-11-02\nconsensus: Bullish\nconviction: high\ntags: [Compute]\n---\nBody.\n"
	fsys := fstest.MapFS{
		"site.yaml":                 {Data: []byte("title: Clash\n")},
		"content/2026-11-02-one.md": {Data: []byte(digest)},
		"static/robots.txt":         {Data: []byte("User-agent: *\nDisallow: /drafts/\n")},
		"static/extra/notes.txt":    {Data: []byte("fine")},
		"static/sitemap-news.xml":   {Data: []byte("mine")},
	}
	mem, _ := run(t, fsys, build.Options{})
	if got := page(t, mem, "robots.txt"); got != "User-agent: *\nDisallow: /drafts/\n" {
		t.Errorf("robots.txt is not the site's own:\n%s", got)
	}
	for name, what := range map[string]string{
		"static/index.html":                       "has the path of a file that signal makes",
		"static/archive/index.html":               "has the path of a file that signal makes",
		"static/2026/11/02/one/index.html":        "has the path of a file that signal makes",
		"static/themes/compute/feed.json":         "has the path of a file that signal makes",
		"static/feed.xml":                         "has the path of a file that signal makes",
		"static/page/1/index.html":                "has the path of a file that signal makes",
		"static/themes/compute/page/1/index.html": "has the path of a file that signal makes",
		"static/sitemap.xml":                      "has the path of a file that signal makes",
		"static/search/meta.json":                 "lies in search/, which holds the search index",
		"static/themes":                           "has the path of a folder of pages",
		"static/2026":                             "has the path of a folder of pages",
		"static/page":                             "has the path of a folder of pages",
		"static/page/1":                           "has the path of a folder of pages",
		"static/themes/compute/page":              "has the path of a folder of pages",
		"static/feed.xml/x":                       "lies in feed.xml, a file that signal makes",
		"static/404.html/x.txt":                   "lies in 404.html, a file that signal makes",
	} {
		bad := maps.Clone(fsys)
		bad[name] = &fstest.MapFile{Data: []byte("x")}
		_, _, problems := tryRun(bad, build.Options{})
		want := name + ": " + what + "; rename or remove it"
		if got := problems.Error(); problems.Err() == nil || !strings.Contains(got, want) {
			t.Errorf("with %s: %v, want %q", name, got, want)
		}
	}
}

// Every layout of the site's own that does not parse is told in one run,
// not the first alone: partials are parsed before the layouts that use
// them, and one broken partial hid the rest.
func TestEveryLayoutError(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("<footer>\n{{if .Path}\n</footer>\n")}
	fsys["layouts/partials/card.html"] = &fstest.MapFile{Data: []byte("<article>\n{{end}\n")}
	fsys["layouts/digest.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}\n\n{{.Nope\n{{end}}\n")}
	_, _, problems := tryRun(fsys, build.Options{})
	got := problems.Error()
	for _, want := range []string{"layouts/partials/card.html:2:", "layouts/partials/footer.html:2:", "layouts/digest.html:4:"} {
		if !strings.Contains(got, want) {
			t.Errorf("the problems do not tell %s:\n%s", want, got)
		}
	}
}

// With a base.html of the site's own, whose blocks are not "main", a
// layout of text alone, that fills no block, is an error too; one that
// fills that base's blocks is not.
func TestLayoutTextWithOwnBase(t *testing.T) {
	fsys := txtarFS(t, "small.txtar")
	fsys["layouts/base.html"] = &fstest.MapFile{Data: []byte(`<!DOCTYPE html><title>x</title><main>{{block "content" .}}{{end}}</main>`)}
	fsys["layouts/digest.html"] = &fstest.MapFile{Data: []byte("<h1>only text</h1>")}
	_, _, problems := tryRun(fsys, build.Options{})
	if err := problems.Err(); err == nil || !strings.HasPrefix(err.Error(), "layouts/digest.html:1: this text is outside {{define}}") {
		t.Errorf("got %v, want the digest layout's text outside {{define}}", err)
	}
	fsys["layouts/digest.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}<h1>{{.Title}}</h1>{{end}}`)}
	if _, _, problems := tryRun(fsys, build.Options{}); problems.Err() != nil && strings.Contains(problems.Error(), "digest.html") {
		t.Errorf("a layout that fills its base's block: %v", problems.Err())
	}
}

// A layout that fills "main" may have text outside {{define}} too, which
// is harmless: a comment, a byte order mark, a variable, or main filled
// with {{block}}.
func TestLayoutTextBesideMain(t *testing.T) {
	own, err := signal.Theme.ReadFile("layouts/list.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		"<!-- my theme -->\n" + string(own),
		"\ufeff" + string(own),
		"{{ $x := 1 }}" + string(own),
		strings.Replace(string(own), `{{define "main"}}`, `{{block "main" .}}`, 1),
	} {
		fsys := txtarFS(t, "small.txtar")
		fsys["layouts/list.html"] = &fstest.MapFile{Data: []byte(src)}
		if _, _, problems := tryRun(fsys, build.Options{}); problems.Err() != nil {
			t.Errorf("%.40q: %v", src, problems.Err())
		}
	}
}
