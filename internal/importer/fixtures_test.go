package importer_test

import (
	"bufio"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/importer"
)

var update = flag.Bool("update", false, "rewrite the want/ sections of testdata/*.txtar from what the code does now")

// The sections of a fixture that hold what Import should return.
const (
	wantName     = "want/name"      // the file name, on one line
	wantDigest   = "want/digest.md" // the Markdown digest
	wantProblems = "want/problems"  // every problem, sorted, as signal prints them
)

// fixture is one testdata/*.txtar: a plain-text digest (its one file not
// under want/) and the options of the import, from lines of the comment:
//
//	date: 2026-11-24     the date (default 2026-11-24)
//	tag: Compute         a --tag, one per line
//	theme: Rates         a theme of the archive, one per line
type fixture struct {
	archive *txtar.Archive
	name    string
	input   []byte
	opts    importer.Options
}

func readFixture(t testing.TB, file string) *fixture {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{archive: a, opts: importer.Options{Date: day(t, "2026-11-24")}}
	for _, af := range a.Files {
		if !strings.HasPrefix(af.Name, "want/") {
			if f.name != "" {
				t.Fatalf("%s: two inputs, %s and %s", file, f.name, af.Name)
			}
			f.name, f.input = af.Name, af.Data
		}
	}
	if f.name == "" {
		t.Fatalf("%s: no input file", file)
	}
	sc := bufio.NewScanner(strings.NewReader(string(a.Comment)))
	for sc.Scan() {
		key, value, _ := strings.Cut(sc.Text(), ": ")
		switch key {
		case "date":
			f.opts.Date = day(t, value)
		case "tag":
			f.opts.Tags = append(f.opts.Tags, value)
		case "theme":
			f.opts.Themes = append(f.opts.Themes, value)
		}
	}
	return f
}

func day(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// section returns the data of a named file of the archive.
func section(a *txtar.Archive, name string) (string, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// setSection replaces a section, or drops it when data is empty.
func setSection(a *txtar.Archive, name, data string) {
	files := a.Files[:0]
	for _, f := range a.Files {
		if f.Name != name {
			files = append(files, f)
		}
	}
	a.Files = files
	if data != "" {
		a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
	}
}

// printed is the problems as signal prints them, sorted, one per line.
func printed(l diag.List) string {
	l = append(diag.List(nil), l...)
	l.Sort()
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// TestFixtures imports the input of each testdata/*.txtar and compares the
// file name, the digest and the problems with the fixture's want/ sections.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			f := readFixture(t, file)
			out, name, problems := importer.Import(f.name, f.input, f.opts)
			if problems.Err() != nil && (out != nil || name != "") {
				t.Errorf("Import returned a digest along with errors")
			}
			if name != "" {
				name += "\n"
			}
			got := map[string]string{wantName: name, wantDigest: string(out), wantProblems: printed(problems)}
			if *update {
				for _, s := range []string{wantName, wantDigest, wantProblems} {
					setSection(f.archive, s, got[s])
				}
				if err := os.WriteFile(file, txtar.Format(f.archive), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, s := range []string{wantName, wantDigest, wantProblems} {
				want, _ := section(f.archive, s)
				if got[s] != want {
					t.Errorf("%s:\n%s\nwant:\n%s", s, got[s], want)
				}
			}
		})
	}
}
