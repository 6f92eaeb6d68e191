package feeds_test

import (
	"flag"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signaldigest/signal/internal/sitetest"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/output"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/ from what the code does now")

// now is the moment every build of these tests runs at, unless a test is
// about the moment.
var now = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

// archiveURL is a base_url with a path: every absolute URL must keep it.
const archiveURL = "https://example.org/archive/"

// feedFile is one of the three feeds written in each feed folder.
type feedFile struct {
	name     string // file name
	mime     string // its type in <link rel="alternate">
	feedType string // gofeed's FeedType
}

var feedFiles = []feedFile{
	{"feed.xml", "application/rss+xml", "rss"},
	{"atom.xml", "application/atom+xml", "atom"},
	{"feed.json", "application/feed+json", "json"},
}

// built is the output of one build, with what build.Load read, to compute
// what the output should hold.
type built struct {
	mem       *output.Memory
	cfg       *config.Config
	base      *url.URL
	all       []*content.Digest // every digest Load read, drafts too
	published []*content.Digest // what the site shows, newest first
}

// sample is the repository's own site: site.yaml and the sample archive.
func sample() fs.FS { return os.DirFS("../..") }

// fixture reads testdata/name.txtar into a site folder.
func fixture(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	_, fsys := sitetest.Read(t, "testdata/"+name+".txtar")
	return fsys
}

// buildSite builds fsys into memory as signal build does, base replacing
// base_url when not empty.
func buildSite(t *testing.T, fsys fs.FS, base string, at time.Time) *built {
	t.Helper()
	var u *url.URL
	if base != "" {
		u = mustURL(t, base)
	}
	mem := output.NewMemory()
	_, problems := build.Run(fsys, mem, build.Options{Theme: signal.Theme, Now: at, BaseURL: u})
	if err := problems.Err(); err != nil {
		t.Fatalf("build: %v", err)
	}
	cfg, all, problems := build.Load(fsys, u)
	if err := problems.Err(); err != nil {
		t.Fatalf("load: %v", err)
	}
	b := &built{mem: mem, cfg: cfg, base: cfg.BaseURL, all: all}
	for _, d := range all {
		if !d.Draft && !d.Date.After(at) {
			b.published = append(b.published, d)
		}
	}
	return b
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// file returns an output file, failing the test when it is missing.
func (b *built) file(t *testing.T, name string) []byte {
	t.Helper()
	data, ok := b.mem.File(name)
	if !ok {
		t.Fatalf("%s was not written", name)
	}
	return data
}

// abs is the absolute URL of an output path such as "themes/política/", made
// with net/url rather than the code under test.
func (b *built) abs(outPath string) string {
	return b.base.ResolveReference(&url.URL{Path: outPath}).String()
}

// permalink is the absolute URL of a digest's page.
func (b *built) permalink(d *content.Digest) string {
	return b.abs(strings.TrimPrefix(d.Permalink, "/"))
}

// outPath maps a URL found in the output file from to the output file it
// leads to, or "" when it is not under base_url.
func (b *built) outPath(ref string, from string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	u = mustResolve(b.abs(from), u)
	if u.Scheme != b.base.Scheme || u.Host != b.base.Host || !strings.HasPrefix(u.Path, b.base.Path) {
		return ""
	}
	p := strings.TrimPrefix(u.Path, b.base.Path)
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

func mustResolve(page string, ref *url.URL) *url.URL {
	u, _ := url.Parse(page)
	return u.ResolveReference(ref)
}

// list is one list of digests that has its own feeds.
type list struct {
	folder  string // output folder: "" for the home page, "themes/compute/"
	digests []*content.Digest
}

// lists groups the published digests as the spec's URL layout does, by
// hand: the home page, then each theme, source, stance and conviction.
func (b *built) lists() []list {
	lists := []list{{folder: "", digests: b.published}}
	index := map[string]int{}
	add := func(folder string, d *content.Digest) {
		i, ok := index[folder]
		if !ok {
			i = len(lists)
			index[folder] = i
			lists = append(lists, list{folder: folder})
		}
		lists[i].digests = append(lists[i].digests, d)
	}
	for _, d := range b.published {
		for _, th := range d.Themes {
			add("themes/"+th.Slug+"/", d)
		}
		for _, s := range d.Sources {
			add("sources/"+s.Slug+"/", d)
		}
		add("consensus/"+string(d.Stance)+"/", d)
		add("conviction/"+string(d.Conviction)+"/", d)
	}
	return lists
}

// limit is how many of n digests a feed holds.
func (b *built) limit(n int) int {
	if b.cfg.FeedItems > 0 {
		return min(n, b.cfg.FeedItems)
	}
	return n
}

func themeNames(d *content.Digest) []string {
	var names []string
	for _, th := range d.Themes {
		names = append(names, th.Name)
	}
	return names
}

// parseFeed parses a feed with gofeed, checking its format.
func parseFeed(t *testing.T, name string, data []byte, feedType string) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		t.Fatalf("%s: gofeed: %v", name, err)
	}
	if f.FeedType != feedType {
		t.Fatalf("%s: gofeed reads it as %q, want %q", name, f.FeedType, feedType)
	}
	return f
}

// fragment parses a piece of HTML as the body of a page would hold it.
func fragment(t *testing.T, s string) []*html.Node {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	return nodes
}

// walk calls fn for every element of the trees, in document order.
func walk(nodes []*html.Node, fn func(*html.Node)) {
	for _, n := range nodes {
		if n.Type == html.ElementNode {
			fn(n)
		}
		walk(slices.Collect(n.ChildNodes()), fn)
	}
}

// text is the text of the trees, as a reader sees it.
func text(nodes []*html.Node) string {
	var b strings.Builder
	var rec func([]*html.Node)
	rec = func(nodes []*html.Node) {
		for _, n := range nodes {
			if n.Type == html.TextNode {
				b.WriteString(n.Data)
			}
			rec(slices.Collect(n.ChildNodes()))
		}
	}
	rec(nodes)
	return b.String()
}

// urlAttr is one href or src of an element.
type urlAttr struct{ tag, key, val string }

func urlAttrs(nodes []*html.Node) []urlAttr {
	var attrs []urlAttr
	walk(nodes, func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				attrs = append(attrs, urlAttr{n.Data, a.Key, a.Val})
			}
		}
	})
	return attrs
}
