package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CheckDestination refuses an output folder whose replacement would
// destroy the site itself: the site folder, a folder that holds it, an
// input of the site, another site or a repository, a mount point, or a
// folder of the user's that no build wrote (see Replaceable).
func CheckDestination(source, dest string) error {
	src, err1 := filepath.Abs(source)
	dst, err2 := filepath.Abs(dest)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	// Either may be reached through links, so their targets are compared
	// too: a destination that holds the site's folder where a link points
	// is the site's folder all the same.
	realDst := Resolved(dst)
	if Within(src, dst) || Within(Resolved(src), realDst) {
		return fmt.Errorf("destination %s holds the site folder; it would be replaced whole", dest)
	}
	// Nor may it be an input of the site, lie in one, or hold one that is
	// a link to a folder elsewhere.
	for _, in := range []string{"content", "layouts", "static", "site.yaml"} {
		dir := filepath.Join(src, in)
		real := Resolved(dir)
		if in != "site.yaml" && (Within(dst, dir) || Within(realDst, real)) {
			return fmt.Errorf("destination %s is in the site's %s/ folder; a build replaces its destination whole", dest, in)
		}
		if Within(real, realDst) {
			return fmt.Errorf("destination %s holds %s, the site's %s; it would be replaced whole", dest, real, in)
		}
	}
	for _, marker := range []string{"content", "site.yaml", ".git"} {
		if _, err := os.Lstat(filepath.Join(dst, marker)); err == nil {
			return fmt.Errorf("destination %s holds %s and looks like a site or a repository, not a build; it would be replaced whole", dest, marker)
		}
	}
	if err := Mounted(dest); err != nil {
		return err
	}
	// public/ is signal's own (SPEC §1). Any other folder is replaced only
	// when it is empty or a build wrote it: -d ~ must not delete a home.
	// It is public/ itself, not a folder a link of that name leads to:
	// the links of the path to it are followed, its own name is not.
	public := filepath.Join(Resolved(src), "public")
	if st, err := os.Lstat(public); err == nil && st.Mode()&os.ModeSymlink == 0 &&
		filepath.Join(Resolved(filepath.Dir(dst)), filepath.Base(dst)) == public {
		if !st.IsDir() {
			return fmt.Errorf("%s exists and is not a folder", dest)
		}
		return nil
	}
	return Replaceable(dest)
}

// Within reports whether path is dir or lies inside it.
func Within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Resolved is path with its symbolic links followed, as far as it exists.
func Resolved(path string) string { return resolvedIn(path, 0) }

// resolvedIn resolves path, following a link that leads to nothing to
// where it would lead (output.NewDir builds there), 40 links at most (a
// loop of links leads nowhere).
func resolvedIn(path string, depth int) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	if target, err := os.Readlink(path); err == nil && depth < 40 {
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		return resolvedIn(filepath.Clean(target), depth+1)
	}
	parent := filepath.Dir(path)
	if parent == path {
		return path
	}
	return filepath.Join(resolvedIn(parent, depth), filepath.Base(path))
}
