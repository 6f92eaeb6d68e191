package importer_test

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/importer"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/sitetest"
)

// importInto imports a fixture's input into a copy of the test site, with
// the site's themes, as signal import does, and returns the site and the
// path of the new digest. The site must then pass check with no warning.
func importInto(t *testing.T, fixture string) (fstest.MapFS, string) {
	t.Helper()
	_, site := sitetest.Read(t, "testdata/build/site.txtar")
	cfg, md := settings(t, site)
	digests, problems := content.Load(site, cfg, md, nil)
	if len(problems) > 0 {
		t.Fatalf("the test site:\n%v", problems)
	}
	f := readFixture(t, fixture)
	for _, d := range digests {
		for _, th := range d.Themes {
			f.opts.Themes = append(f.opts.Themes, th.Name)
		}
	}
	out, name, problems := importer.Import(f.name, f.input, f.opts)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	p := path.Join(content.Dir, name)
	site[p] = &fstest.MapFile{Data: out}
	if _, problems := content.Load(site, cfg, md, nil); len(problems) > 0 {
		t.Fatalf("the imported digest does not pass check:\n%v\n%s", problems, out)
	}
	return site, p
}

func settings(t *testing.T, site fstest.MapFS) (*config.Config, *markdown.Markdown) {
	t.Helper()
	cfg, problems := config.Load(site)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	base := cfg.BasePath()
	return cfg, markdown.New(markdown.WithHandleURL(func(slug string) string { return base + "sources/" + slug + "/" }))
}

// An imported digest builds, and its page shows every item, the blind spot
// and the idea, with every handle of the text linked to its source page
// and every handle of the Sources line listed with its note.
func TestImportedDigestBuilds(t *testing.T) {
	site, file := importInto(t, "testdata/full.txtar")
	mem := output.NewMemory()
	_, problems := build.Run(site, mem, build.Options{Theme: signal.Theme, Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	slug := strings.TrimSuffix(path.Base(file), ".md")[len("2026-11-24-"):]
	name := "2026/11/24/" + slug + "/index.html"
	data, ok := mem.File(name)
	if !ok {
		t.Fatalf("no page %s", name)
	}
	page := string(data)
	for _, want := range []string{
		"<h1>Grid operators quietly ration new data-center hookups</h1>",
		`<h2 id="whats-moving">What&rsquo;s Moving</h2>`,
		"<li><strong>Interconnect queues lengthen</strong> — Three utilities paused new large-load studies this week.",
		"<li><strong>Lead times fall back</strong> — Accelerator delivery windows dropped to eight weeks from twenty.",
		"<li><strong>Open models close the gap</strong> — A mid-size open model matched last year&rsquo;s frontier on coding evals.",
		`<h2 id="blind-spot">Blind Spot</h2>`,
		"<p>Everyone models compute scarcity; nobody models substation scarcity.",
		`<h2 id="one-actionable-idea">One Actionable Idea</h2>`,
		"<p>Favour landlords with signed interconnects over those with land banks; watch the next queue report.</p>",
		`href="/archive/themes/rates/"`, `href="/archive/themes/compute/"`, `href="/archive/themes/open-models/"`,
		`<a href="/archive/sources/gridwatcher/"><bdi>@gridwatcher</bdi></a> — utility filings, transformer backlog (18&#43; months)</li>`,
		`<a href="/archive/sources/quiet_lurker/"><bdi>@quiet_lurker</bdi></a></li>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
	// Every handle written in the text is a link to a built source page.
	f := readFixture(t, "testdata/full.txtar")
	body := string(f.input[:strings.LastIndex(string(f.input), "Sources:")])
	for _, m := range regexp.MustCompile(`(?:^|[\s(,])@(\w+)`).FindAllStringSubmatch(body, -1) {
		link := `<a class="handle" href="/archive/sources/` + strings.ToLower(m[1]) + `/">@` + m[1] + `</a>`
		if !strings.Contains(page, link) {
			t.Errorf("%s lacks %s", name, link)
		}
		if _, ok := mem.File("sources/" + strings.ToLower(m[1]) + "/index.html"); !ok {
			t.Errorf("no source page for @%s", m[1])
		}
	}
}

// Text that Markdown would read as markup shows on the page as written:
// each line of the escape fixture is the text of one paragraph or item. The
// typographer still turns -- into an en dash, as it does in every digest.
func TestEscapedTextShowsAsWritten(t *testing.T) {
	site, file := importInto(t, "testdata/escape.txtar")
	cfg, md := settings(t, site)
	digests, _ := content.Load(site, cfg, md, nil)
	i := slices.IndexFunc(digests, func(d *content.Digest) bool { return d.Path == file })
	got := blockTexts(t, string(digests[i].HTML))
	for i := range got {
		got[i] = strings.ReplaceAll(got[i], "–", "--")
	}
	var want []string
	f := readFixture(t, "testdata/escape.txtar")
	for _, l := range strings.Split(strings.TrimSpace(string(f.input)), "\n")[2:] {
		for _, label := range []string{"What's Moving", "- ", "Blind Spot — ", "One Actionable Idea — "} {
			l = strings.TrimPrefix(l, label)
		}
		if l != "" {
			want = append(want, l)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the page shows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// blockTexts returns the text of each paragraph and list item of a body.
func blockTexts(t *testing.T, body string) []string {
	nodes, err := html.ParseFragment(strings.NewReader(body), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "p" || n.Data == "li") {
			out = append(out, text(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return out
}

// TestBareURLs: a URL written bare in a digest links to itself whole after
// import, as when typed in a digest: no \ the importer adds may cut it, and
// the text around it stays escaped.
func TestBareURLs(t *testing.T) {
	urls := []string{
		"https://en.wikipedia.org/wiki/Moore%27s_law_(computing)",
		"https://example.org/a_b_c/[x]/`y`?q=1&r=~2",
		"http://www.example.org/snake_case_",
		"www.example.org/under_score",
	}
	input := "The Signal — Links\nConsensus: Neutral | Conviction: low\nWhat's Moving\n"
	for _, u := range urls {
		input += "- See " + u + " and (" + u + ") then *not emphasis* and a_b_c.\n"
	}
	out, _, problems := importer.Import("links.txt", []byte(input), importer.Options{Date: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	_, site := sitetest.Read(t, "testdata/build/site.txtar")
	site["content/2026-11-24-links.md"] = &fstest.MapFile{Data: out}
	cfg, md := settings(t, site)
	digests, problems := content.Load(site, cfg, md, nil)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	i := slices.IndexFunc(digests, func(d *content.Digest) bool { return d.Path == "content/2026-11-24-links.md" })
	body := string(digests[i].HTML)
	for _, u := range urls {
		text := strings.TrimSuffix(u, "_") // linkify leaves a trailing _ out, as when typed
		if !strings.Contains(body, ">"+html.EscapeString(text)+"</a>") {
			t.Errorf("%s is not linked whole:\n%s", u, body)
		}
	}
	if strings.Count(body, "<em>") != 0 {
		t.Errorf("emphasis in the page:\n%s", body)
	}
	got := blockTexts(t, body)
	for k, u := range urls {
		if want := "See " + u + " and (" + u + ") then *not emphasis* and a_b_c."; got[k] != want {
			t.Errorf("shows %q, want %q", got[k], want)
		}
	}
}
