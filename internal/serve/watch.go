package serve

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// debounce is how long the watcher waits after the last event of a burst
// before rebuilding: editors save with several writes and renames.
const debounce = 10 * time.Millisecond

// watched are the parts of a site folder whose changes need a rebuild.
var watched = []string{"content", "layouts", "static"}

// watcher watches a site folder for changes that need a rebuild.
type watcher struct {
	root    string
	fs      *fsnotify.Watcher
	folders map[string]string          // a symlinked root folder's target → its path in the site
	files   map[string]map[string]bool // a linked file's target → the links to it
}

func newWatcher(root string) (*watcher, error) {
	// Absolute, as are the paths of its events and links.
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fs: fw, folders: map[string]string{}, files: map[string]map[string]bool{}}
	// The root itself, for site.yaml and for content/, layouts/ or static/
	// made after the server started.
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, dir := range watched {
		w.addTree(filepath.Join(root, dir), dir == "static")
	}
	return w, nil
}

func (w *watcher) Close() error { return w.fs.Close() }

// addTree watches a folder and every folder below it but those whose names
// start with a dot, which the build skips, unless dots is set: static/
// copies them (.well-known). A folder that is a symbolic link is watched
// where it leads, as the build reads it there.
func (w *watcher) addTree(dir string, dots bool) {
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		if abs, err := filepath.Abs(dir); err == nil {
			if realAbs, err := filepath.Abs(real); err == nil && realAbs != abs {
				w.folders[realAbs] = dir
			}
		}
		dir = real
	}
	_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if e.Type()&fs.ModeSymlink != 0 {
			w.addLink(p)
			return nil
		}
		if e.IsDir() {
			if p != dir && !dots && strings.HasPrefix(e.Name(), ".") {
				return filepath.SkipDir
			}
			_ = w.fs.Add(p)
		}
		return nil
	})
}

// addLink watches where a symbolic link to a file leads, as the build
// reads a digest there: an edit of "_drafts/x.md" is one of the
// "content/x.md" that links to it. The folder of the target is watched;
// its other files are not the site's (relevant drops them). A link to a
// folder is not followed, as the build does not follow it.
func (w *watcher) addLink(link string) {
	real, err := filepath.EvalSymlinks(link)
	if err != nil {
		return
	}
	if st, err := os.Stat(real); err != nil || !st.Mode().IsRegular() {
		return
	}
	realAbs, err1 := filepath.Abs(real)
	linkAbs, err2 := filepath.Abs(link)
	root, err3 := filepath.EvalSymlinks(w.root)
	if err1 != nil || err2 != nil || err3 != nil || realAbs == linkAbs {
		return
	}
	if rel, err := filepath.Rel(root, realAbs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return // out of the site: the build refuses it, and its folder is not watched
	}
	if w.files[realAbs] == nil {
		w.files[realAbs] = map[string]bool{}
	}
	w.files[realAbs][w.sitePath(linkAbs)] = true
	_ = w.fs.Add(filepath.Dir(realAbs))
}

// unlink forgets a link to a file that is gone or moved.
func (w *watcher) unlink(name string) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return
	}
	site := w.sitePath(abs) // as addLink keeps it
	for target, links := range w.files {
		delete(links, site)
		if len(links) == 0 {
			delete(w.files, target)
		}
	}
}

// sitePath is an absolute path inside a watched folder as the site names
// it: through the link when the folder is a link's target.
func (w *watcher) sitePath(abs string) string {
	for target, link := range w.folders {
		if abs == target || strings.HasPrefix(abs, target+string(filepath.Separator)) {
			return link + strings.TrimPrefix(abs, target)
		}
	}
	return abs
}

// run calls rebuild with the site paths that changed, once per burst of
// events, until ctx is done or the watcher is closed. A change of a file's
// mode alone (chmod, touch) is one only when the file cannot be read now,
// or when failed reports that the newest build failed on it: so a file
// made unreadable fails the build, as it fails signal build, and one made
// readable again is read again.
//
// Folders made, or moved in, are watched when the burst ends, before the
// rebuild, and not as their event comes: a folder renamed inside the site
// keeps its inotify watch, which fsnotify removes when it reads the
// folder's own move event, after the event of its new name. Watching the
// new name before that would lose it with the old.
func (w *watcher) run(ctx context.Context, rebuild func(changed []string), failed func(path string) bool) {
	var timer <-chan time.Time
	changed := map[string]bool{}
	var made []string // folders to watch
	moved := false    // a watched folder was renamed or removed
	waited := false   // the burst was given more time for an emptied file
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			rels := w.changes(ev)
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				w.unlink(ev.Name) // once its own change is counted
			}
			if len(rels) == 0 || ev.Op == fsnotify.Chmod && readable(ev.Name) && !slices.ContainsFunc(rels, failed) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// The build follows a symlinked content/, layouts/ or
				// static/, but no symlinked folder inside them (which could
				// loop), so neither does the watcher.
				stat := os.Lstat
				if rel, _ := w.relevant(ev.Name); !strings.Contains(rel, "/") {
					stat = os.Stat
				}
				if st, err := stat(ev.Name); err == nil && st.IsDir() {
					made = append(made, ev.Name)
				} else if err == nil && st.Mode()&fs.ModeSymlink != 0 {
					w.addLink(ev.Name)
				}
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				moved = moved || w.watching(ev.Name) || w.isLink(ev.Name)
			}
			for _, rel := range rels {
				changed[rel] = true
			}
			timer = time.After(debounce)
			waited = false
		case _, ok := <-w.fs.Errors:
			if !ok {
				return
			}
		case <-timer:
			// An editor that saves by emptying the file and then writing
			// it may take longer than debounce between the two: a digest
			// left empty is given more time before it is built as one.
			if !waited && w.emptied(changed) {
				timer, waited = time.After(emptyWait), true
				continue
			}
			timer = nil
			if moved || len(made) > 0 {
				w.rewatch(made)
				made, moved = made[:0], false
			}
			names := make([]string, 0, len(changed))
			for n := range changed {
				names = append(names, n)
			}
			slices.Sort(names)
			clear(changed)
			rebuild(names)
		}
	}
}

// readable reports whether a file or folder can be opened. Anything else
// (a pipe, which opening would block on) counts as readable: no build
// reads it.
func readable(name string) bool {
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		return true
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// emptyWait is how long an emptied digest may wait for its next write.
var emptyWait = 150 * time.Millisecond

// emptied reports whether a digest among the changed paths is empty.
func (w *watcher) emptied(changed map[string]bool) bool {
	for rel := range changed {
		if strings.HasPrefix(rel, "content/") && strings.HasSuffix(rel, ".md") {
			if st, err := os.Stat(filepath.Join(w.root, filepath.FromSlash(rel))); err == nil && st.Size() == 0 {
				return true
			}
		}
	}
	return false
}

// isLink reports whether name is a linked content/, layouts/ or static/.
func (w *watcher) isLink(name string) bool {
	for _, link := range w.folders {
		if link == name {
			return true
		}
	}
	return false
}

// watching reports whether a folder is watched, or one below it.
func (w *watcher) watching(dir string) bool {
	for _, p := range w.fs.WatchList() {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// rewatch drops the watches of folders that are no longer where they were
// (those below a renamed folder keep their old names) and of the folder a
// linked content/, layouts/ or static/ no longer leads to, then watches
// the folders made, with what was made inside them before they were
// watched.
func (w *watcher) rewatch(made []string) {
	for target, link := range w.folders {
		if real, err := filepath.EvalSymlinks(link); err == nil {
			if abs, err := filepath.Abs(real); err == nil && abs == target {
				continue
			}
		}
		delete(w.folders, target)
		for _, p := range w.fs.WatchList() {
			if p == target || strings.HasPrefix(p, target+string(filepath.Separator)) {
				_ = w.fs.Remove(p)
			}
		}
	}
	for _, p := range w.fs.WatchList() {
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			_ = w.fs.Remove(p)
		}
	}
	for _, dir := range made {
		rel, _ := w.relevant(dir)
		top, _, _ := strings.Cut(rel, "/")
		w.addTree(dir, top == "static")
	}
}

// changes names, relative to the site folder, the paths an event changes
// that need a rebuild: its file's, and those of the links to it.
func (w *watcher) changes(ev fsnotify.Event) []string {
	var rels []string
	abs, err := filepath.Abs(ev.Name)
	if err != nil {
		return nil
	}
	if rel, ok := w.relevant(abs); ok {
		rels = append(rels, rel)
	}
	for link := range w.files[abs] {
		if rel, ok := w.relevant(link); ok && !slices.Contains(rels, rel) {
			rels = append(rels, rel)
		}
	}
	slices.Sort(rels)
	return rels
}

// relevant tells whether a change to a file needs a rebuild, and names its
// path relative to the site folder.
func (w *watcher) relevant(name string) (string, bool) {
	name = w.sitePath(name)
	rel, err := filepath.Rel(w.root, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	if ignored(filepath.Base(rel), top == "static") {
		return "", false
	}
	if rel == "site.yaml" {
		return rel, true
	}
	// A file of content/ or layouts/ without an extension, such as the
	// sedAb12Cd that sed -i writes and renames over a digest or a layout,
	// is nothing the build reads (in layouts/, it warns of one that stays,
	// at the next rebuild); a folder is.
	if (top == "content" || top == "layouts") && rel != top && path.Ext(rel) == "" && !w.folder(name) {
		return "", false
	}
	return rel, slices.Contains(watched, top)
}

// folder reports whether name is a folder, or was one that is watched.
func (w *watcher) folder(name string) bool {
	if st, err := os.Stat(name); err == nil {
		return st.IsDir()
	}
	return w.watching(name)
}

// ignored are editors' scratch files: vim's swap and backup files and its
// write test "4913", emacs' autosaves and locks, "~" backups, and the
// files macOS's Finder leaves; and but in static/, whose files are all
// copied (.well-known, .nojekyll), every name that starts with a dot, as
// the build skips them.
func ignored(name string, static bool) bool {
	switch {
	case strings.HasPrefix(name, ".") && !static,
		name == ".DS_Store", strings.HasPrefix(name, "._"), // Finder's, even in static/
		strings.HasPrefix(name, ".#"),
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		name == "4913",
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, ".tmp"):
		return true
	}
	return false
}
