// Package sitefs takes a site folder's fs.FS and returns one that reads no
// file outside the site through a symbolic link.
//
// The rule: a symbolic link inside the site is followed when it names a
// file in the site, by a relative path. A link to a file elsewhere, by an
// absolute path or by climbing out with "..", is refused with "symlink
// points outside the site", so that a stray link in static/ never
// publishes a private file; a link that leads back to itself is refused
// with "symlink loop". Links to folders are not followed at all, which
// rules out loops through folders and walks of half the disk: their files
// are not part of the site. The site's own content/, layouts/ and static/
// may each be a link to a folder anywhere, as an author who keeps the
// content in another repository wants; it is the links inside them that
// are confined.
//
// The build reads its whole input through Confine, so `signal build`,
// `signal check` and `signal serve` follow the same rule.
package sitefs
