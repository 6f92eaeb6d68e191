package serve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A file's mode alone changing rebuilds only what it may mend or break: a
// file the build failed on is read again, a healthy one is not rebuilt for
// a touch; and an unreadable digest fails the build until it is readable
// again.
func TestServeModeChanges(t *testing.T) {
	h := start(t)
	file := filepath.Join(h.dir, "content", "2026-11-02-one.md")

	before := h.rebuilds()
	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	h.settle()
	if n := h.rebuilds() - before; n != 0 {
		t.Errorf("a healthy digest's mode changed: %d rebuilds, want none:\n%s", n, h.log.String())
	}

	h.write("content/2026-11-02-one.md", "no front matter")
	h.eventually("the failed build", func() bool { return strings.Contains(h.log.String(), "with errors") })
	before = h.rebuilds()
	if err := os.Chmod(file, 0o644); err != nil {
		t.Fatal(err)
	}
	h.eventually("a rebuild for the broken digest's mode", func() bool { return h.rebuilds() > before })

	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Readable"))
	h.eventually("the mended build", func() bool { return strings.Contains(h.body(page), "Readable") })
	unreadable(t, file)
	h.eventually("the unreadable digest's error", func() bool {
		return strings.Contains(h.body("/"), `id="signal-overlay"`) && strings.Contains(h.log.String(), "cannot read")
	})
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Readable again"))
	h.eventually("the overlay cleared", func() bool {
		body := h.body(page)
		return !strings.Contains(body, `id="signal-overlay"`) && strings.Contains(body, "Readable again")
	})
}

// A save written in two parts, the file emptied and then written in
// pieces, reloads open pages without first showing them the errors of the
// half-written file; a save that stays broken shows them.
func TestServeSaveInParts(t *testing.T) {
	h := start(t)
	events := h.events()
	if e := <-events; e != "hello" {
		t.Fatalf("first event %q, want hello", e)
	}
	next := func() string {
		select {
		case e := <-events:
			return e
		case <-time.After(5 * time.Second):
			return "none"
		}
	}

	whole := fmt.Sprintf(digest, "Written in parts")
	f, err := os.OpenFile(filepath.Join(h.dir, "content", "2026-11-02-one.md"), os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(whole[:20]); err != nil {
		t.Fatal(err)
	}
	h.eventually("the half-written file's build", func() bool { return strings.Contains(h.log.String(), "with errors") })
	if _, err := f.WriteString(whole[20:]); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if e := next(); e != "reload" {
		t.Errorf("a save in two parts sent %q first, want reload", e)
	}

	h.write("content/2026-11-02-one.md", "no front matter")
	if e := next(); e != "errors" {
		t.Errorf("a broken save sent %q, want errors", e)
	}
}

// A save by sed -i, which writes a file without an extension beside the
// digest and renames it over it, is logged as the digest's change alone.
func TestServeSedSave(t *testing.T) {
	h := start(t)
	tmp := filepath.Join(h.dir, "content", "sedAb12Cd")
	if err := os.WriteFile(tmp, []byte(fmt.Sprintf(digest, "Saved by sed")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(h.dir, "content", "2026-11-02-one.md")); err != nil {
		t.Fatal(err)
	}
	h.eventually("the rebuild", func() bool { return strings.Contains(h.log.String(), "rebuilt (") })
	h.settle()
	if log := h.log.String(); strings.Contains(log, "sedAb12Cd") || !strings.Contains(log, "rebuilt (content/2026-11-02-one.md changed)") {
		t.Errorf("the log of a save by sed names the wrong files:\n%s", log)
	}

	// A layout too.
	h.write("layouts/partials/footer.html", "<footer>one</footer>")
	h.eventually("the new footer", func() bool { return strings.Contains(h.body(page), "<footer>one</footer>") })
	tmp = filepath.Join(h.dir, "layouts", "partials", "sedXy34Zw")
	if err := os.WriteFile(tmp, []byte("<footer>two</footer>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(h.dir, "layouts", "partials", "footer.html")); err != nil {
		t.Fatal(err)
	}
	h.eventually("the footer saved by sed", func() bool { return strings.Contains(h.body(page), "<footer>two</footer>") })
	h.settle()
	if log := h.log.String(); strings.Contains(log, "sedXy34Zw") || !strings.Contains(log, "rebuilt (layouts/partials/footer.html changed)") {
		t.Errorf("the log of a layout saved by sed names the wrong files:\n%s", log)
	}
}
