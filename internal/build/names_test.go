package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/sitetest"
)

// Files named with spaces, #, ?, % and other scripts build, and every link
// to them, URL-encoded in the page, leads back to the file.
func TestHostileNames(t *testing.T) {
	dates := map[string]string{"Hash": "2026-11-24", "Japanese": "2026-11-23", "Greek": "2026-11-22", "Folder": "2026-11-21"}
	d := func(title, extra, body string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: " + dates[title] + "\nconsensus: Bullish\nconviction: High\n" + extra + "---\n" + body)}
	}
	fsys := fstest.MapFS{
		"site.yaml":                                 {Data: []byte("title: Names\nbase_url: https://example.org/a b/\n")},
		"content/2026-11-24-what's #1? 100%.md":     d("Hash", "tags: [\"C# & F#\", \"100% Sure?\", \"a/b\"]\n", "See ![chart](../../../../img/my%20chart%20%231%3F.svg) and [data](<../../../../data/100%25 über.csv>) and [up](../x)."),
		"content/2026-11-23-日本語の題名.md":              d("Japanese", "tags: [市場, Política Industrial]\n", "Cites @allIn."),
		"content/2026-11-22-Ελληνικά κείμενα.md":    d("Greek", "tags: [Ελλάδα]\n", "Body."),
		"content/sub dir/2026-11-21-in a folder.md": d("Folder", "", "[hash](../../24/what-s-1-100/#top)"),
		"static/img/my chart #1?.svg":               {Data: []byte("<svg/>")},
		"static/data/100% über.csv":                 {Data: []byte("a,b")},
	}
	mem, _ := run(t, fsys, build.Options{})
	for _, want := range []string{
		"2026/11/24/what-s-1-100/index.html", "2026/11/23/日本語の題名/index.html", "2026/11/22/ελληνικά-κείμενα/index.html",
		"2026/11/21/in-a-folder/index.html", "themes/c-f/index.html", "themes/100-sure/index.html", "themes/市場/index.html",
		"themes/política-industrial/index.html", "img/my chart #1?.svg", "data/100% über.csv",
	} {
		if _, ok := mem.File(want); !ok {
			t.Errorf("no %s; have:\n%s", want, strings.Join(mem.Names(), "\n"))
		}
	}
	checked := 0
	for _, name := range htmlFiles(mem) {
		data, _ := mem.File(name)
		sitetest.Walk(sitetest.ParseHTML(t, name, data), func(n *html.Node) {
			for _, key := range []string{"href", "src"} {
				v, ok := sitetest.Attr(n, key)
				if !ok || strings.HasPrefix(v, "https://example.org/a%20b/") {
					continue
				}
				if strings.HasPrefix(v, "/a b/") { // the charts wrote such links
					t.Errorf("%s: %s=%q has a space that is not escaped", name, key, v)
				}
				target := resolve(t, name, v, "/a b/")
				if target == "" {
					continue
				}
				checked++
				if v == "../x" {
					continue // a broken link the author wrote
				}
				if _, ok := mem.File(target); !ok {
					t.Errorf("%s: %s=%q leads to missing %q", name, key, v, target)
				}
			}
		})
	}
	if checked < 100 {
		t.Errorf("checked only %d links", checked)
	}
}

// Symbolic links on disk: links that loop or lead out of the site fail the
// build with the link's path; links to folders are not followed; a link
// to a file in the site is the file.
func TestHostileSymlinks(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	write := func(name, data string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(name, target string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	write("site/site.yaml", "title: Links\n")
	write("site/content/2026-11-24-one.md", "---\ntitle: One\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\nBody.\n")
	write("secret.md", "---\ntitle: Secret\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\nsecret\n")
	write("id_rsa", "PRIVATE KEY")
	link("site/content/loop", ".")
	link("site/content/up", "..")
	link("site/content/deep/root", root)
	link("site/static/loop", "../static")
	mem, _ := run(t, os.DirFS(site), build.Options{})
	if _, ok := mem.File("2026/11/24/one/index.html"); !ok {
		t.Error("the digest beside the loops was not built")
	}

	link("site/content/2026-11-23-leak.md", "../../secret.md")
	link("site/content/2026-11-22-self.md", "2026-11-22-self.md")
	link("site/content/2026-11-21-gone.md", "drafts/gone.md")
	link("site/static/key.txt", filepath.Join(root, "id_rsa"))
	_, _, problems := tryRun(os.DirFS(site), build.Options{})
	got := problems.Errors().Error()
	for _, want := range []string{
		"content/2026-11-21-gone.md: cannot read: broken symlink: its target drafts/gone.md does not exist",
		"content/2026-11-22-self.md: cannot read: symlink loop",
		"content/2026-11-23-leak.md: cannot read: symlink points outside the site",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	os.Remove(filepath.Join(site, "content/2026-11-22-self.md"))
	os.Remove(filepath.Join(site, "content/2026-11-23-leak.md"))
	os.Remove(filepath.Join(site, "content/2026-11-21-gone.md"))
	_, _, problems = tryRun(os.DirFS(site), build.Options{})
	if got := problems.Errors().Error(); !strings.Contains(got, "static/key.txt: cannot copy: symlink points outside the site") {
		t.Errorf("errors: %s", got)
	}
}

// A base path that holds ( ) ' or [ ] is written one way in every page,
// feed and the sitemap: html/template escapes ( ) ' in a link but not in a
// meta tag, which made the canonical link and og:url two URLs, and a path
// may not hold [ ] (RFC 3986).
func TestBasePathOneSpelling(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":               {Data: []byte("title: Marks\nbase_url: \"https://example.org/a(b)/it's/[x]/\"\n")},
		"content/2026-11-24-a.md": {Data: []byte("---\ntitle: A\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\ntags: [Rates]\n---\nCites @allIn.\n")},
	}
	mem, _ := run(t, fsys, build.Options{})
	const want = "https://example.org/a%28b%29/it%27s/%5Bx%5D/"
	seen := 0
	for _, name := range mem.Names() {
		data, _ := mem.File(name)
		for rest := string(data); ; {
			i := strings.Index(rest, "https://example.org/")
			if i < 0 {
				break
			}
			seen++
			if !strings.HasPrefix(rest[i:], want) {
				t.Errorf("%s: %.60s, want it under %s", name, rest[i:], want)
			}
			rest = rest[i+1:]
		}
	}
	if seen < 50 {
		t.Errorf("only %d URLs of the site found", seen)
	}
}
