package diag_test

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/signaldigest/signal/internal/diag"
)

func TestFileErrorString(t *testing.T) {
	for _, c := range []struct {
		e    diag.FileError
		want string
	}{
		{diag.FileError{Path: "content/a.md", Line: 3, Col: 12, Msg: "bad"}, "content/a.md:3:12: bad"},
		{diag.FileError{Path: "content/a.md", Line: 3, Msg: "bad"}, "content/a.md:3: bad"},
		{diag.FileError{Path: "content/a.md", Col: 4, Msg: "bad"}, "content/a.md: bad"}, // a column without a line means nothing
		{diag.FileError{Path: "site.yaml", Msg: "cannot read"}, "site.yaml: cannot read"},
		{diag.FileError{Path: "site.yaml", Line: 1, Col: 1, Msg: `unknown key "x"`, Warning: true}, `site.yaml:1:1: warning: unknown key "x"`},
	} {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestListSortedAndSplit(t *testing.T) {
	var l diag.List
	l.Add("content/b.md", 2, 1, "second file")
	l.Warn("content/a.md", 9, 1, "a warning")
	l.Add("content/a.md", 10, 3, "later line")
	l.Add("content/a.md", 2, 7, "same line, later column")
	l.Add("content/a.md", 2, 1, "same place, message %s", "b")
	l.Add("content/a.md", 2, 1, "same place, message %s", "a")
	l.Add("content/a.md", 0, 0, "no line")
	l.Add("content/2026/z.md", 1, 0, "a folder sorts by path")

	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil with errors in the list")
	}
	want := `content/2026/z.md:1: a folder sorts by path
content/a.md: no line
content/a.md:2:1: same place, message a
content/a.md:2:1: same place, message b
content/a.md:2:7: same line, later column
content/a.md:10:3: later line
content/b.md:2:1: second file`
	if got := err.Error(); got != want {
		t.Errorf("Err():\n%s\nwant:\n%s", got, want)
	}
	var list diag.List
	if !errors.As(err, &list) || len(list) != 7 {
		t.Errorf("Err() is not a diag.List of the 7 errors: %#v", err)
	}
	if w := l.Warnings(); len(w) != 1 || w[0].Error() != "content/a.md:9:1: warning: a warning" {
		t.Errorf("Warnings() = %v", w)
	}
	if n := len(l.Errors()); n != 7 {
		t.Errorf("len(Errors()) = %d, want 7", n)
	}
}

func TestOnlyWarningsIsNoError(t *testing.T) {
	var l diag.List
	if l.Err() != nil {
		t.Error("zero List has an error")
	}
	l.Warn("site.yaml", 1, 1, "unknown key")
	if l.Err() != nil {
		t.Errorf("a warning alone fails the run: %v", l.Err())
	}
}

// Pathless drops the path a PathError repeats, wrapped or not, and keeps
// any other error.
func TestPathless(t *testing.T) {
	pe := &fs.PathError{Op: "write", Path: "/tmp/.public.signal-build-1/x", Err: fs.ErrPermission}
	for _, err := range []error{pe, fmt.Errorf("copying: %w", pe)} {
		if got := diag.Pathless(err); got != fs.ErrPermission {
			t.Errorf("Pathless(%v) = %v", err, got)
		}
	}
	if other := errors.New("other"); diag.Pathless(other) != other {
		t.Error("Pathless changed an error that is no PathError")
	}
}

// Nearest guesses the word a misspelling means: one or two letters off,
// or its case, and never a word of one or two letters.
func TestNearest(t *testing.T) {
	known := []string{"title", "date", "conviction", "tags", "base_url", "s", "summary", "sources"}
	for name, want := range map[string]string{
		"titel":     "title",
		"convicton": "conviction",
		"Tags":      "tags",
		"tgas":      "tags",
		"base_ur":   "base_url",
		"sumary":    "summary",
		"sourcse":   "sources",
		"title":     "",
		"colour":    "",
		"x":         "",
		// Two letters off a word of four is another word.
		"name": "",
		"note": "",
		"time": "",
	} {
		if got := diag.Nearest(name, known...); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", name, got, want)
		}
	}
}
