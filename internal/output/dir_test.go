package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/sitetest"
)

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		if rel == Marker {
			return err // TestReplaceable looks at it
		}
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, dest string, files map[string]string, commit bool) {
	t.Helper()
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := d.WriteFile(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if commit {
		err = d.Commit()
	} else {
		err = d.Abort()
	}
	if err != nil {
		t.Fatal(err)
	}
}

// A committed build replaces the destination whole; an aborted one leaves
// it as it was; neither leaves anything beside it.
func TestDirSwap(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, dest, map[string]string{"index.html": "one", "old/page.html": "stale"}, true)
	write(t, dest, map[string]string{"index.html": "two", "new/page.html": "fresh"}, true)
	if got := tree(t, dest); len(got) != 2 || got["index.html"] != "two" || got["new/page.html"] != "fresh" {
		t.Errorf("after the second build: %v", got)
	}
	write(t, dest, map[string]string{"index.html": "three"}, false)
	if got := tree(t, dest); got["index.html"] != "two" || len(got) != 2 {
		t.Errorf("an aborted build changed the destination: %v", got)
	}
	if names := sitetest.Names(t, root); !slices.Equal(names, []string{"public"}) {
		t.Errorf("left beside the destination: %v", names)
	}
}

// Every build marks its output. A folder is Replaceable when it is missing,
// empty, or so marked; one of the user's files is not, and the error names
// what it holds.
func TestReplaceable(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "out")
	if err := Replaceable(dest); err != nil {
		t.Errorf("a missing folder: %v", err)
	}
	if err := os.Mkdir(dest, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Replaceable(dest); err != nil {
		t.Errorf("an empty folder: %v", err)
	}
	write(t, dest, map[string]string{"index.html": "one"}, true)
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		t.Fatalf("no marker in a build's output: %v", err)
	}
	if err := Replaceable(dest); err != nil {
		t.Errorf("a build's output: %v", err)
	}

	mine := filepath.Join(root, "mine")
	for _, name := range []string{"thesis.docx", "a", "b", "c", "sub/x"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(mine, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mine, name), []byte("precious"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	litter := filepath.Join(root, "litter")
	os.MkdirAll(litter, 0o755)
	os.WriteFile(filepath.Join(litter, ".DS_Store"), nil, 0o644)
	if err := Replaceable(litter); err != nil {
		t.Errorf("a folder holding only what Finder leaves: %v", err)
	}
	err := Replaceable(mine)
	var foreign *ForeignError
	if !errors.As(err, &foreign) {
		t.Fatalf("a folder of the user's files: %v", err)
	}
	if want := "(a, b, c and 2 more)"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name what it holds, %s", err, want)
	}
	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := d.WriteFile(Marker, []byte("x")); err == nil {
		t.Error("a page may overwrite the marker")
	}
}

// What a killed build left behind is removed by the next one.
func TestDirRemovesLeftovers(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	left := filepath.Join(root, ".public"+tempMark+"12345")
	if err := os.MkdirAll(filepath.Join(left, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(root, ".other"+tempMark+"1") // another destination's
	if err := os.MkdirAll(other, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dest, map[string]string{"index.html": "x"}, true)
	if names := sitetest.Names(t, root); !slices.Equal(names, []string{".other" + tempMark + "1", "public"}) {
		t.Errorf("beside the destination: %v", names)
	}
}

func TestDirRefusesEscapingNames(t *testing.T) {
	d, err := NewDir(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../x", "/etc/x", "a/../../x", `a\..\x`, "", "a//b"} {
		if err := d.WriteFile(name, nil); err == nil {
			t.Errorf("wrote %q", name)
		}
	}
}

// A build killed between the two steps of the fallback swap left the
// destination missing and the old site aside: the next build puts it back
// first, so that a failed build after it leaves the old site in place.
func TestDirRecoversAside(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, dest, map[string]string{"index.html": "old"}, true)
	if err := os.Rename(dest, filepath.Join(root, ".public"+tempMark+"42"+asideMark)); err != nil {
		t.Fatal(err)
	}
	write(t, dest, map[string]string{"index.html": "failed"}, false)
	if got := tree(t, dest); len(got) != 1 || got["index.html"] != "old" {
		t.Errorf("after the recovery: %v", got)
	}
	if names := sitetest.Names(t, root); !slices.Equal(names, []string{"public"}) {
		t.Errorf("left beside the destination: %v", names)
	}
}

// The two-step swap, which Linux and macOS use only on file systems
// without an atomic exchange, replaces the destination too.
func TestSwapTwoSteps(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	for i, content := range []string{"one", "two"} {
		tmp := filepath.Join(root, fmt.Sprintf(".public%s%d", tempMark, i))
		if err := os.MkdirAll(tmp, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(tmp, "index.html"), []byte(content), 0o644)
		old, err := swapTwoSteps(tmp, dest)
		if err != nil {
			t.Fatal(err)
		}
		if old != "" {
			os.RemoveAll(old)
		}
		if got := tree(t, dest); got["index.html"] != content {
			t.Errorf("after swapping in %q: %v", content, got)
		}
	}
	if names := sitetest.Names(t, root); !slices.Equal(names, []string{"public"}) {
		t.Errorf("left beside the destination: %v", names)
	}
}

// Two builds of one destination at once: the second does not remove the
// folder of the first, which is still running, and the last to finish wins
// whole.
func TestDirConcurrentBuilds(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	first, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("index.html", []byte("first")); err != nil {
		t.Fatal(err)
	}
	second, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.WriteFile("a/page.html", []byte("first")); err != nil {
		t.Fatalf("the second build removed the first one's folder: %v", err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := second.WriteFile("index.html", []byte("second")); err != nil {
		t.Fatal(err)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); len(got) != 1 || got["index.html"] != "second" {
		t.Errorf("after both: %v", got)
	}
	if names := sitetest.Names(t, root); !slices.Equal(names, []string{"public"}) {
		t.Errorf("left beside the destination: %v", names)
	}
}

// A destination that is a link to a folder is built through: the folder
// it names is replaced, and the link stays a link to it; so with a link to
// a folder not made yet.
func TestDirThroughLink(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "real")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "public")
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	d, err := NewDir(link)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("home")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link is gone: %v, %v", st, err)
	}
	if b, err := os.ReadFile(filepath.Join(target, "index.html")); err != nil || string(b) != "home" {
		t.Errorf("the folder it names holds %q, %v", b, err)
	}

	// A link to nothing: the folder is made where it points.
	dangling := filepath.Join(root, "out")
	if err := os.Symlink("missing", dangling); err != nil {
		t.Fatal(err)
	}
	d, err = NewDir(dangling)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dangling, "index.html")); err != nil || string(b) != "new" {
		t.Errorf("through the link to nothing: %q, %v", b, err)
	}
}

// When the old site cannot be removed after the swap (a folder in it is
// not the user's to delete), the new site is in place and Commit says
// where the old one is; the builds after it are not stopped by it.
func TestDirOldSiteNotRemovable(t *testing.T) {
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	write(t, dest, map[string]string{"index.html": "one"}, true)
	removeAll = func(string) error { return fs.ErrPermission }
	defer func() { removeAll = os.RemoveAll }()

	d, err := NewDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("index.html", []byte("two")); err != nil {
		t.Fatal(err)
	}
	var left *LeftoverError
	if err := d.Commit(); !errors.As(err, &left) || !strings.HasPrefix(filepath.Base(left.Path), ".public"+tempMark) {
		t.Fatalf("Commit: %v, want a LeftoverError naming the old site", err)
	}
	if got := tree(t, dest); got["index.html"] != "two" {
		t.Errorf("after the commit: %v", got)
	}
	// The next build, which cannot remove that folder either, succeeds.
	removeAll = func(path string) error {
		if path == left.Path {
			return fs.ErrPermission
		}
		return os.RemoveAll(path)
	}
	write(t, dest, map[string]string{"index.html": "three"}, true)
	if got := tree(t, dest); got["index.html"] != "three" {
		t.Errorf("after the next build: %v", got)
	}
}
