package sitefs

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// The errors of links refused. They are plain errors rather than
// *fs.PathError, so that a message reads "static/x.png: cannot copy:
// symlink points outside the site" and not "... open x.png: ...": the
// stages add the path themselves.
var (
	ErrOutside = errors.New("symlink points outside the site")
	ErrLoop    = errors.New("symlink loop")
)

// BrokenError is a link whose target does not exist: "content/x.md:
// cannot read: broken symlink: its target ../x.md does not exist" tells
// more than "no such file" of a file that ls lists. It is an
// fs.ErrNotExist all the same.
type BrokenError struct{ Target string }

func (e *BrokenError) Error() string {
	return "broken symlink: its target " + e.Target + " does not exist"
}

func (e *BrokenError) Is(target error) bool { return target == fs.ErrNotExist }

// maxHops is how many links one name may go through, as Linux's ELOOP.
const maxHops = 40

// roots may be links to anywhere: see the package doc.
var roots = map[string]bool{"content": true, "layouts": true, "static": true}

// Confine returns fsys with its links confined to the site. A file system
// that cannot tell links (one that is not an fs.ReadLinkFS) has none to
// confine and is returned as it is.
func Confine(fsys fs.FS) fs.FS {
	links, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return fsys
	}
	return &confined{fsys: links}
}

type confined struct {
	fsys fs.ReadLinkFS
	dirs sync.Map // a folder's name → its resolved name, or an error
}

func (c *confined) Open(name string) (fs.File, error) {
	real, err := c.resolve(name, new(int))
	if err != nil {
		return nil, err
	}
	return c.fsys.Open(real)
}

// Stat describes a file without opening it, as fs.Stat would otherwise
// do: opening a named pipe waits for a writer.
func (c *confined) Stat(name string) (fs.FileInfo, error) {
	real, err := c.resolve(name, new(int))
	if err != nil {
		return nil, err
	}
	return fs.Stat(c.fsys, real)
}

// ReadDir lists a folder. A link to a file is listed as the file, so that
// fs.WalkDir visits it; a link to a folder is left out; a link that is
// refused stays listed as a link, so that opening it reports why.
func (c *confined) ReadDir(name string) ([]fs.DirEntry, error) {
	real, err := c.resolve(name, new(int))
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(c.fsys, real)
	out := entries[:0]
	for _, e := range entries {
		if e.Type()&fs.ModeSymlink == 0 {
			out = append(out, e)
			continue
		}
		target, rerr := c.resolve(path.Join(name, e.Name()), new(int))
		if rerr != nil {
			out = append(out, e)
			continue
		}
		info, serr := fs.Stat(c.fsys, target)
		if serr != nil {
			out = append(out, e) // dangling: opening it says so
			continue
		}
		if !info.IsDir() {
			out = append(out, linked{fs.FileInfoToDirEntry(renamed{info, e.Name()})})
		}
	}
	return out, err
}

// linked lists a link to a file as the file.
type linked struct{ fs.DirEntry }

// Linked tells a listing that the file is reached through a link: a change
// to it is seen under the target's name, not the link's.
func (linked) Linked() bool { return true }

// renamed is a link's target seen under the link's name.
type renamed struct {
	fs.FileInfo
	name string
}

func (r renamed) Name() string { return r.name }

// resolve follows the links in name, component by component, and returns
// the name of the file it leads to inside the site. hops counts the links
// followed so far, across the folders of every target, so that links
// through each other's folders (a → b/x, b → a/y) end as a loop too.
func (c *confined) resolve(name string, hops *int) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return name, nil
	}
	dir, base := path.Split(name)
	resolvedDir := "."
	if dir != "" {
		dir = strings.TrimSuffix(dir, "/")
		if v, ok := c.dirs.Load(dir); ok {
			if err, isErr := v.(error); isErr {
				return "", err
			}
			resolvedDir = v.(string)
		} else {
			r, err := c.resolve(dir, hops)
			if err != nil {
				c.dirs.Store(dir, err)
				return "", err
			}
			c.dirs.Store(dir, r)
			resolvedDir = r
		}
	}
	return c.follow(path.Join(resolvedDir, base), hops)
}

// follow resolves the last component of p, whose folder is resolved.
func (c *confined) follow(p string, hops *int) (string, error) {
	target := "" // of the last link followed
	for {
		if !strings.Contains(p, "/") && roots[p] {
			return p, nil // see the package doc
		}
		info, err := c.fsys.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) && target != "" {
			return "", &BrokenError{target}
		}
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return p, nil // not a link: opening it reports what is wrong
		}
		if *hops++; *hops > maxHops {
			return "", ErrLoop
		}
		target, err = c.fsys.ReadLink(p)
		if err != nil {
			return "", err
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || len(target) > 1 && target[1] == ':' { // C:\ too
			return "", ErrOutside
		}
		next := path.Join(path.Dir(p), target)
		if next == ".." || strings.HasPrefix(next, "../") {
			return "", ErrOutside
		}
		// A link inside a linked root that climbs out of that root leads,
		// on disk, out of wherever the root lives, not into the site.
		top, _, _ := strings.Cut(p, "/")
		if roots[top] && top != p && !strings.HasPrefix(next+"/", top+"/") && c.isLink(top) {
			return "", ErrOutside
		}
		// The target's folders may be links too.
		if d, base := path.Split(next); d != "" {
			rd, err := c.resolve(strings.TrimSuffix(d, "/"), hops)
			if err != nil {
				return "", err
			}
			next = path.Join(rd, base)
		}
		p = next
	}
}

func (c *confined) isLink(name string) bool {
	info, err := c.fsys.Lstat(name)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}

// Regular reports whether a listed entry may be read: a regular file, or
// a link, which reading follows or refuses. A named pipe, a device or a
// socket could block a reader for ever.
func Regular(e fs.DirEntry) bool {
	return e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0
}

// ReadFile is fs.ReadFile for a file that Regular accepts, as its folder
// lists it: opening a named pipe, even to learn what it is, would block.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	entries, err := fs.ReadDir(fsys, path.Dir(name))
	if err != nil {
		return nil, err
	}
	base := path.Base(name)
	for _, e := range entries {
		if e.Name() == base && !Regular(e) {
			return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("not a regular file")}
		}
	}
	return fs.ReadFile(fsys, name)
}
