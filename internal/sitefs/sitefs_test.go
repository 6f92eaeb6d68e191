package sitefs_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/signaldigest/signal/internal/sitefs"
)

func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
}

func file(data string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(data)} }

// site has every kind of link the package doc names.
var site = fstest.MapFS{
	"site.yaml":                 file("title: x"),
	"content/a.md":              file("A"),
	"content/sub/b.md":          file("B"),
	"content/alias.md":          link("a.md"),
	"content/chain.md":          link("alias.md"),
	"content/deep.md":           link("sub/../sub/b.md"),
	"content/via-dir.md":        link("dirlink/b.md"),
	"content/dirlink":           link("sub"),
	"content/static-logo.md":    link("../static/logo.md"),
	"content/up.md":             link("../../secret.md"),
	"content/abs.md":            link("/etc/passwd"),
	"content/self.md":           link("self.md"),
	"content/ping.md":           link("pong.md"),
	"content/pong.md":           link("ping.md"),
	"content/x/y.md":            link("../through/y.md"),
	"content/through":           link("x"),
	"content/loopdir":           link("."),
	"content/updir":             link(".."),
	"content/dangling.md":       link("gone.md"),
	"content/outdir":            link("../../elsewhere"),
	"content/mutual.md":         link("m1/f.md"),
	"content/m1":                link("m2/d"),
	"content/m2":                link("m1/d"),
	"static/logo.md":            file("logo"),
	"static/key":                link("../../../home/u/.ssh/id_rsa"),
	"layouts/partials/up":       link(".."),
	"layouts/partials/head.txt": link("../../content/a.md"),
}

func TestOpen(t *testing.T) {
	fsys := sitefs.Confine(site)
	reads(t, fsys, map[string]any{
		"content/a.md":              "A",
		"content/alias.md":          "A",
		"content/chain.md":          "A",
		"content/deep.md":           "B",
		"content/via-dir.md":        "B",
		"content/dirlink/b.md":      "B",
		"content/static-logo.md":    "logo",
		"layouts/partials/head.txt": "A",
		"content/up.md":             sitefs.ErrOutside,
		"content/abs.md":            sitefs.ErrOutside,
		"static/key":                sitefs.ErrOutside,
		"content/outdir/x.md":       sitefs.ErrOutside,
		"content/self.md":           sitefs.ErrLoop,
		"content/ping.md":           sitefs.ErrLoop,
		"content/x/y.md":            sitefs.ErrLoop,
		"content/mutual.md":         sitefs.ErrLoop,
		"content/dangling.md":       fs.ErrNotExist,
		"../site.yaml":              fs.ErrInvalid,
	})
}

// A walk lists linked files as files, leaves linked folders out, and
// keeps refused links (m1 and m2 loop, outdir leads out) so that reading
// them says why.
func TestWalk(t *testing.T) {
	var files []string
	err := fs.WalkDir(sitefs.Confine(site), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/a.md", "content/abs.md", "content/alias.md", "content/chain.md", "content/dangling.md",
		"content/deep.md", "content/m1", "content/m2", "content/mutual.md", "content/outdir", "content/ping.md", "content/pong.md", "content/self.md",
		"content/static-logo.md", "content/sub/b.md", "content/up.md", "content/via-dir.md", "content/x/y.md",
		"layouts/partials/head.txt", "site.yaml", "static/key", "static/logo.md",
	}
	if !slices.Equal(files, want) {
		t.Errorf("walked\n%q\nwant\n%q", files, want)
	}
}

// On disk, through os.DirFS, with content/ itself a link to a folder
// elsewhere: the root link is followed, a link inside it that climbs out
// of it is refused.
func TestDirFS(t *testing.T) {
	root := t.TempDir()
	elsewhere := filepath.Join(root, "elsewhere")
	site := filepath.Join(root, "site")
	for name, data := range map[string]string{
		"elsewhere/a.md": "A", "secret.md": "secret", "site/secret.md": "site secret", "site/static/x.css": "x",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	for name, target := range map[string]string{
		"site/content":         elsewhere,
		"elsewhere/up.md":      "../secret.md",
		"elsewhere/alias.md":   "a.md",
		"site/static/loop":     ".",
		"site/static/abs.css":  filepath.Join(root, "secret.md"),
		"site/static/self.css": "self.css",
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	fsys := sitefs.Confine(os.DirFS(site))
	reads(t, fsys, map[string]any{
		"content/a.md":     "A",
		"content/alias.md": "A",
		"content/up.md":    sitefs.ErrOutside,
		"static/abs.css":   sitefs.ErrOutside,
		"static/self.css":  sitefs.ErrLoop,
		"static/x.css":     "x",
	})
	entries, err := fs.ReadDir(fsys, "static")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"abs.css", "self.css", "x.css"}) {
		t.Errorf("static/ lists %v", names)
	}
}

// reads reads each file of want from fsys and checks its text (a string)
// or its error (an error, matched with errors.Is).
func reads(t *testing.T, fsys fs.FS, want map[string]any) {
	t.Helper()
	for name, w := range want {
		data, err := fs.ReadFile(fsys, name)
		switch w := w.(type) {
		case string:
			if err != nil || string(data) != w {
				t.Errorf("%s: %q, %v; want %q", name, data, err, w)
			}
		case error:
			if !errors.Is(err, w) {
				t.Errorf("%s: %q, %v; want %v", name, data, err, w)
			}
		}
	}
}
