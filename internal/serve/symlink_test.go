package serve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A content/ folder that is a symbolic link is watched where it leads.
func TestServeSymlinkedContent(t *testing.T) {
	real := t.TempDir()
	os.WriteFile(filepath.Join(real, "2026-11-02-one.md"), []byte(fmt.Sprintf(digest, "Linked")), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: Linked\n"), 0o644)
	os.Mkdir(filepath.Join(dir, "static"), 0o755) // for settle
	if err := os.Symlink(real, filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	h := &harness{t: t, dir: dir, log: log}
	h.base, h.srv = serveDir(t, dir, log)
	h.eventually("the first build", func() bool { return strings.Contains(h.body(page), "<h1>Linked</h1>") })
	os.WriteFile(filepath.Join(real, "2026-11-02-one.md"), []byte(fmt.Sprintf(digest, "Linked again")), 0o644)
	h.eventually("the edit behind the link", func() bool { return strings.Contains(h.body(page), "<h1>Linked again</h1>") })

	// Pointed at another folder, as ln -sfn does it (a new link renamed
	// over the old), the link is watched where it leads now, and the
	// folder it led to is no longer the site's: its edits rebuild nothing.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "2026-11-02-one.md"), []byte(fmt.Sprintf(digest, "Elsewhere")), 0o644)
	if err := os.Symlink(other, filepath.Join(dir, "content.new")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "content.new"), filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	h.eventually("the folder the link leads to now", func() bool { return strings.Contains(h.body(page), "<h1>Elsewhere</h1>") })
	os.WriteFile(filepath.Join(other, "2026-11-02-one.md"), []byte(fmt.Sprintf(digest, "Elsewhere again")), 0o644)
	h.eventually("an edit there", func() bool { return strings.Contains(h.body(page), "<h1>Elsewhere again</h1>") })
	builds := h.rebuilds()
	os.WriteFile(filepath.Join(real, "2026-11-02-one.md"), []byte(fmt.Sprintf(digest, "Left behind")), 0o644)
	os.WriteFile(filepath.Join(real, "2026-11-03-ghost.md"), []byte("not a digest"), 0o644)
	h.settle()
	if n := h.rebuilds(); n != builds {
		t.Errorf("edits in the folder the link no longer leads to rebuilt the site; log:\n%s", log.String())
	}

	// Removed, the link leaves no folder watched behind it (a site with no
	// content/ fails, and the last good build is served).
	os.Remove(filepath.Join(dir, "content"))
	h.eventually("the build without content/", func() bool { return strings.Contains(log.String(), "no content folder") })
	builds = h.rebuilds()
	os.WriteFile(filepath.Join(other, "2026-11-02-one.md"), []byte(fmt.Sprintf(digest, "Unlinked")), 0o644)
	h.settle()
	if n := h.rebuilds(); n != builds {
		t.Errorf("edits in the folder of a removed link rebuilt the site; log:\n%s", log.String())
	}
}

// A digest that is a symbolic link to a file elsewhere in the site is
// rebuilt when that file is edited, in place or by an editor's rename, and
// when a link is made after the server started.
func TestServeSymlinkedDigest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: Linked\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "_src"), 0o755)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	src := filepath.Join(dir, "_src", "one.md")
	os.WriteFile(src, []byte(fmt.Sprintf(digest, "Behind")), 0o644)
	if err := os.Symlink("../_src/one.md", filepath.Join(dir, "content", "2026-11-02-one.md")); err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	h := &harness{t: t, dir: dir, log: log}
	h.base, h.srv = serveDir(t, dir, log)
	page := "/2026/11/02/one/"
	h.eventually("the first build", func() bool { return strings.Contains(h.body(page), "<h1>Behind</h1>") })
	os.WriteFile(src, []byte(fmt.Sprintf(digest, "Edited behind")), 0o644)
	h.eventually("the edit of the link's target", func() bool { return strings.Contains(h.body(page), "<h1>Edited behind</h1>") })
	tmp := filepath.Join(dir, "_src", "one.md.new")
	os.WriteFile(tmp, []byte(fmt.Sprintf(digest, "Saved by rename")), 0o644)
	os.Rename(tmp, src)
	h.eventually("the target saved by a rename", func() bool { return strings.Contains(h.body(page), "<h1>Saved by rename</h1>") })

	two := filepath.Join(dir, "_src", "two.md")
	os.WriteFile(two, []byte(strings.Replace(fmt.Sprintf(digest, "Second"), "2026-11-02", "2026-11-03", 1)), 0o644)
	if err := os.Symlink("../_src/two.md", filepath.Join(dir, "content", "2026-11-03-two.md")); err != nil {
		t.Fatal(err)
	}
	h.eventually("the new link", func() bool { return strings.Contains(h.body("/2026/11/03/two/"), "<h1>Second</h1>") })
	os.WriteFile(two, []byte(strings.Replace(fmt.Sprintf(digest, "Second edited"), "2026-11-02", "2026-11-03", 1)), 0o644)
	h.eventually("the edit behind the new link", func() bool { return strings.Contains(h.body("/2026/11/03/two/"), "<h1>Second edited</h1>") })
}

// A digest that another digest links to is both pages: an edit of it
// rebuilds its own page and the link's, and once the link is removed,
// its own page still follows its edits.
func TestServeLinkedToDigest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: Linked\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	real := filepath.Join(dir, "content", "2026-11-02-one.md")
	os.WriteFile(real, []byte(fmt.Sprintf(digest, "Real")), 0o644)
	alias := filepath.Join(dir, "content", "2026-11-02-alias.md")
	if err := os.Symlink("2026-11-02-one.md", alias); err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	h := &harness{t: t, dir: dir, log: log}
	h.base, h.srv = serveDir(t, dir, log)
	h.eventually("the first build", func() bool {
		return strings.Contains(h.body(page), "<h1>Real</h1>") && strings.Contains(h.body("/2026/11/02/alias/"), "<h1>Real</h1>")
	})
	os.WriteFile(real, []byte(fmt.Sprintf(digest, "Edited")), 0o644)
	h.eventually("the edit on both pages", func() bool {
		return strings.Contains(h.body(page), "<h1>Edited</h1>") && strings.Contains(h.body("/2026/11/02/alias/"), "<h1>Edited</h1>")
	})
	os.Remove(alias)
	h.eventually("the link's page gone", func() bool { return !strings.Contains(h.body("/2026/11/02/alias/"), "<h1>Edited</h1>") })
	os.WriteFile(real, []byte(fmt.Sprintf(digest, "After the link")), 0o644)
	h.eventually("the edit after the link is gone", func() bool { return strings.Contains(h.body(page), "<h1>After the link</h1>") })
}
