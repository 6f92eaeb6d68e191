package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/signaldigest/signal/internal/diag"
)

// tempMark is in the name of every folder a build leaves beside its
// destination while it runs: ".public.signal-build-1234" for public/. A
// build killed with SIGKILL leaves it there; the next build removes it.
const tempMark = ".signal-build-"

// asideMark ends the name of the old site while the two-step swap of
// systems without an atomic exchange moves it aside (swap.go).
const asideMark = "-old"

// Marker is the file every build puts at the root of its output: it tells a
// folder that a build wrote, which the next build may replace whole, from a
// folder of the user's that -d names by mistake. Sphinx's .buildinfo does
// the same.
const Marker = ".signal-output"

const markerText = "signal build wrote this folder and replaces it whole on the next build.\n"

// ForeignError is Replaceable's error when the destination holds files that no
// build wrote: replacing it would delete them.
type ForeignError struct {
	Dest  string
	Names []string // a few of the entries it holds
	More  int      // how many more
}

func (e *ForeignError) Error() string {
	names := strings.Join(e.Names, ", ")
	if e.More > 0 {
		names += fmt.Sprintf(" and %d more", e.More)
	}
	return fmt.Sprintf("%s holds files (%s) but no %s, the file that marks a build's output; a build replaces its "+
		"output folder whole, so it writes only into a new or empty folder or one a build wrote: choose another folder, "+
		"or empty this one (an older signal did not mark its output)", e.Dest, names, Marker)
}

// Dir writes a site into a new folder beside its destination; Commit swaps
// it into place, Abort throws it away.
type Dir struct {
	dest string // the destination, cleaned
	tmp  string // the folder being written
	mu   sync.Mutex
	dirs map[string]bool // folders already made under tmp
	lock io.Closer       // held on tmp while the build runs
}

// NewDir prepares to write a site to dest. It removes what earlier builds
// that were killed left behind, then makes the new folder.
func NewDir(dest string) (*Dir, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if st, err := os.Lstat(dest); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		// A link to a folder is built through, as Hugo writes through
		// one: the folder it names is replaced whole, and the link stays.
		// A link to nothing names where the folder goes, as a build
		// killed between two renames may leave it, its old site beside.
		real, err := filepath.EvalSymlinks(dest)
		if err != nil {
			target, rerr := os.Readlink(dest)
			if rerr != nil {
				return nil, rerr
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(dest), target)
			}
			real = filepath.Clean(target)
		}
		dest = real
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := recoverAside(dest); err != nil {
		return nil, err
	}
	if err := removeLeftovers(dest); err != nil {
		return nil, err
	}
	if st, err := os.Lstat(dest); err == nil && !st.IsDir() {
		return nil, notFolder(dest)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+tempMark)
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		// The build is made in a folder beside dest: the folder that
		// cannot be written in is dest's, whatever the new one's name.
		return nil, fmt.Errorf("cannot write in %s, where %s is built before it takes its place: %v", parent, filepath.Base(dest), diag.Pathless(err))
	}
	if err != nil {
		return nil, fmt.Errorf("cannot make the folder beside %s that it is built in: %v", dest, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	l, err := lock(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{dest: dest, tmp: tmp, dirs: map[string]bool{".": true}, lock: l}, nil
}

// Replaceable reports a ForeignError when dest is a folder that holds
// files but not the Marker of an earlier build, and an error when dest, or
// a folder on the way to it, is a file. A missing dest is replaceable; one
// that cannot be read is not.
func Replaceable(dest string) error {
	st, err := os.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && !st.IsDir() {
		return notFolder(dest)
	}
	if err != nil { // a file on the way gives "not a directory"
		for dir := filepath.Dir(dest); dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
			if st, err := os.Stat(dir); err == nil && !st.IsDir() {
				return fmt.Errorf("%s is a file, not a folder: %s cannot be made in it", dir, dest)
			}
		}
	}
	if _, err := os.Lstat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	e := &ForeignError{Dest: dest}
	for _, entry := range entries {
		switch name := entry.Name(); {
		case name == ".DS_Store" || name == "Thumbs.db" || name == "desktop.ini":
			// what a file browser leaves in a folder it shows
		case len(e.Names) == 3:
			e.More++
		case entry.IsDir():
			e.Names = append(e.Names, name+"/")
		default:
			e.Names = append(e.Names, name)
		}
	}
	if len(e.Names) == 0 {
		return nil
	}
	return e
}

// Mounted reports an error when dest is a folder where a file system is
// mounted (on Linux; elsewhere the build fails at its end, with the same
// message).
func Mounted(dest string) error {
	abs, err := filepath.Abs(dest) // as the mount table names it
	if err != nil {
		return err
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() && mountPoint(abs) {
		return mountError(dest)
	}
	return nil
}

// mountError is the error of a destination where a file system is
// mounted, as a container's volume is: a build puts its new folder in the
// old one's place by a rename, which a mount point refuses (EBUSY).
func mountError(dest string) error {
	return fmt.Errorf("destination %s is a mount point: a build puts its output in place by renaming a new folder over the old one, and a mount point cannot be renamed; build into a folder inside it (-d %s)", dest, filepath.Join(dest, "site"))
}

// notFolder is the error of a destination that is a file.
func notFolder(dest string) error { return fmt.Errorf("%s exists and is not a folder", dest) }

// leftovers lists the folders that builds of dest made beside it.
func leftovers(dest string) ([]string, error) {
	prefix := "." + filepath.Base(dest) + tempMark
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), prefix) {
			out = append(out, filepath.Join(filepath.Dir(dest), e.Name()))
		}
	}
	return out, nil
}

// removeLeftovers deletes the folders of earlier builds of dest that were
// killed, or that were killed while removing the site they replaced. A
// folder still locked belongs to a build running now, beside this one, and
// is left alone: removing it under that build could delete files from the
// destination once that build swaps it into place.
func removeLeftovers(dest string) error {
	dirs, err := leftovers(dest)
	if err != nil {
		return err
	}
	for _, dir := range dirs {
		if locked(dir) {
			continue
		}
		// One that cannot be removed (a folder in it is not the user's to
		// delete) is left: it is not in the way, as every build names its
		// own, and the build that failed to remove it said so.
		_ = removeAll(dir)
	}
	return nil
}

// removeAll is os.RemoveAll; tests make it fail.
var removeAll = os.RemoveAll

// LeftoverError is Commit's error when the new site is in place but the old
// one, moved beside it, could not be removed: the build succeeded, and the
// user has a folder to remove.
type LeftoverError struct {
	Path string // the old site's folder
	Err  error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("the site is built, but the old one could not be removed: %v; remove %s", e.Err, e.Path)
}

func (e *LeftoverError) Unwrap() error { return e.Err }

// recoverAside puts the old site back in place when a build was killed
// between the two steps of swapTwoSteps, which leaves the destination
// missing and the old site beside it. Linux and macOS never get here: they
// swap in one step.
func recoverAside(dest string) error {
	if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	dirs, err := leftovers(dest)
	if err != nil {
		return err
	}
	for _, dir := range dirs {
		if strings.HasSuffix(dir, asideMark) && !locked(dir) {
			return os.Rename(dir, dest)
		}
	}
	return nil
}

// WriteFile writes data to name, a slash-separated path under the site
// root. It is safe for concurrent use.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !validName(name) {
		return fmt.Errorf("refusing to write %q outside the site", name)
	}
	if name == Marker {
		return fmt.Errorf("%s is the name of the file that marks a build's output", name)
	}
	if err := d.mkdirs(filepath.Dir(filepath.FromSlash(name))); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(d.tmp, filepath.FromSlash(name)), data, 0o644)
}

func validName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

func (d *Dir) mkdirs(dir string) error {
	d.mu.Lock()
	done := d.dirs[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(d.tmp, dir), 0o755); err != nil {
		return err
	}
	d.mu.Lock()
	for ; dir != "." && dir != "/" && !d.dirs[dir]; dir = filepath.Dir(dir) {
		d.dirs[dir] = true
	}
	d.mu.Unlock()
	return nil
}

// Commit puts the new site in place of the old one in a single step where
// the system allows it, then removes the old site.
func (d *Dir) Commit() error {
	defer d.lock.Close()
	old, err := swap(d.tmp, d.dest)
	if errors.Is(err, syscall.EBUSY) {
		return mountError(d.dest)
	}
	if err != nil {
		return err
	}
	if old != "" {
		// A kill during this leaves a partial old site under a leftover's
		// name, never in the destination.
		if err := removeAll(old); err != nil {
			return &LeftoverError{Path: old, Err: err}
		}
	}
	return nil
}

// Abort removes the new folder, leaving the destination as it was.
func (d *Dir) Abort() error {
	defer d.lock.Close()
	return removeAll(d.tmp)
}
