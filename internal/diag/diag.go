package diag

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// FileError is one problem in one file. Line and Col are 1-based; zero means
// unknown, and the part is left out when printed.
type FileError struct {
	Path    string // slash-separated, relative to the site folder
	Line    int
	Col     int
	Msg     string
	Warning bool // reported, but does not fail the run
	// Page is the site path of the page being made when a layout failed,
	// and More how many other pages failed the same way (see Unique).
	Page string
	More int
	// Err is the error the problem comes of, when a caller needs to tell
	// it apart (errors.Is) rather than read its message.
	Err error
}

// Unwrap returns Err.
func (e FileError) Unwrap() error { return e.Err }

func (e FileError) Error() string {
	s := e.plain()
	switch {
	case e.Page != "" && e.More > 0:
		s += fmt.Sprintf(" (on the page %s, and %d more)", e.Page, e.More)
	case e.Page != "":
		s += " (on the page " + e.Page + ")"
	}
	return s
}

// plain is the error without the pages it was made on.
func (e FileError) plain() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// List collects the problems of a run. Its zero value is ready to use.
type List []FileError

// Add appends a problem at path:line:col.
func (l *List) Add(path string, line, col int, format string, args ...any) {
	*l = append(*l, FileError{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// AddErr is Add of a problem that comes of err, kept as its Err: the
// message says it in words, "%v" of err among its args or not.
func (l *List) AddErr(err error, path string, line, col int, format string, args ...any) {
	*l = append(*l, FileError{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Err: err})
}

// Warn appends a warning, which is printed but does not fail the run.
func (l *List) Warn(path string, line, col int, format string, args ...any) {
	*l = append(*l, FileError{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// Sort orders the problems by path, line, column and message.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b FileError) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// Unique drops repeats, keeping the first of each: a broken layout breaks
// every page that uses it the same way. Repeats on other pages are
// counted in More, and the one kept names the first page in path order,
// whichever page was made first.
func (l List) Unique() List {
	index := map[string]int{}
	var out List
	for _, e := range l {
		i, seen := index[e.plain()]
		if !seen {
			index[e.plain()] = len(out)
			out = append(out, e)
			continue
		}
		if e.Page != "" && e.Page != out[i].Page {
			out[i].More += 1 + e.More
			out[i].Page = min(out[i].Page, e.Page)
		}
	}
	return out
}

// Errors returns the problems that are not warnings.
func (l List) Errors() List {
	var out List
	for _, e := range l {
		if !e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns the problems that are only warnings.
func (l List) Warnings() List {
	var out List
	for _, e := range l {
		if e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Err returns the list's errors (not its warnings) sorted, as an error, or
// nil when there are none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return errs
}

// Error prints one problem per line, in order.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Pathless is err without the path and operation of an *fs.PathError: a
// problem names its file already, and the path of a PathError may be one
// the user never wrote (the output's temporary folder, a file system's
// root).
func Pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Nearest returns the word of known nearest to name, when name misspells
// it by its case alone or by a letter or two (one left out, added or
// changed, or two side by side swapped; a word of four letters or fewer
// by one), for a message's "did you mean"; or "" when none is that near.
// Words of one or two letters are too short to be guessed at.
func Nearest(name string, known ...string) string {
	best, least := "", 3
	for _, k := range known {
		d := distance(strings.ToLower(name), strings.ToLower(k))
		if name == k || len(k) <= 2 || min(len(name), len(k)) <= 4 && d > 1 || d >= least {
			continue
		}
		best, least = k, d
	}
	return best
}

// distance is the optimal string alignment distance of a and b: the edits
// of one letter, and swaps of two side by side, that turn a into b.
func distance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
