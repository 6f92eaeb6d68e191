package render

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/signaldigest/signal/internal/sitefs"
)

// overlay is a file system whose upper layer hides the lower one, file by
// file: a site's layouts/ over the built-in ones.
type overlay struct{ upper, lower fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if o.upper != nil {
		f, err := o.upper.Open(name)
		if err == nil {
			st, serr := f.Stat()
			if serr == nil && !st.IsDir() {
				return f, nil
			}
			f.Close()
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.lower.Open(name)
}

// builtin reports whether the file name is the lower layer's: the upper
// one has none, or a copy of it byte for byte.
func (o overlay) builtin(name string) bool {
	if o.upper == nil || o.lower == nil {
		return o.upper == nil
	}
	up, err := fs.ReadFile(o.upper, name)
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	low, lerr := fs.ReadFile(o.lower, name)
	return err == nil && lerr == nil && bytes.Equal(up, low)
}

// ReadDir merges both layers' entries, the upper one's first.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	seen := map[string]bool{}
	found := false
	for _, layer := range []fs.FS{o.upper, o.lower} {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return out, nil
}

// Theme is a theme's two folders, each an fs.FS whose root holds the files:
// the site's own (which may be missing) over the built-in ones.
type Theme struct {
	Layouts fs.FS
	Static  fs.FS
}

// NewTheme lays a site's layouts/ and static/ over the built-in theme's.
// builtin and site are file systems whose roots hold layouts/ and static/.
func NewTheme(builtin, site fs.FS) Theme {
	sub := func(fsys fs.FS, dir string) fs.FS {
		if fsys == nil {
			return nil
		}
		s, err := fs.Sub(fsys, dir)
		if err != nil {
			return nil
		}
		return s
	}
	return Theme{
		Layouts: overlay{upper: sub(site, "layouts"), lower: sub(builtin, "layouts")},
		Static:  overlay{upper: sub(site, "static"), lower: sub(builtin, "static")},
	}
}

// own lists the files of the site's layouts/ that are not the built-in
// theme's byte for byte: its own files, and its versions of built-in ones.
// A copy of the whole theme, made to change one file, holds one. ok is
// false when the layouts are not a site's over the built-in ones.
func (t Theme) own() (names []string, ok bool) {
	o, ok := t.Layouts.(overlay)
	if !ok || o.upper == nil {
		return nil, ok
	}
	_ = fs.WalkDir(o.upper, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		mine, err1 := sitefs.ReadFile(o.upper, name) // not a named pipe, which would block
		builtin, err2 := sitefs.ReadFile(o.lower, name)
		if err1 != nil || err2 != nil || !bytes.Equal(mine, builtin) {
			names = append(names, name)
		}
		return nil
	})
	return names, true
}

// added lists, by name, the partials of the site's own that the built-in
// theme does not have (see own).
func (t Theme) added(names []string) map[string]bool {
	out := map[string]bool{}
	for _, name := range names {
		if path.Dir(name) != "partials" {
			continue
		}
		if _, err := fs.Stat(t.Layouts.(overlay).lower, name); err != nil {
			out[path.Base(name)] = true
		}
	}
	return out
}

// replaced lists, by name, the built-in partials among the site's own
// layouts (see own). The built-in layouts call their partials through
// cached, which keys an output by what the built-in partial reads; a site's
// own partial may read anything of its page, so it is run on every call.
func (t Theme) replaced(names []string) map[string]bool {
	out := map[string]bool{}
	for _, name := range names {
		if path.Dir(name) != "partials" {
			continue
		}
		if _, err := fs.Stat(t.Layouts.(overlay).lower, name); err == nil {
			out[path.Base(name)] = true
		}
	}
	return out
}
