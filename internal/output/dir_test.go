package output

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
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
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
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
	if names := siblings(t, root); !slices.Equal(names, []string{"public"}) {
		t.Errorf("left beside the destination: %v", names)
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
	if names := siblings(t, root); !slices.Equal(names, []string{".other" + tempMark + "1", "public"}) {
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
