package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestFixtures loads each testdata/*.txtar as a site folder and compares the
// problems Load reports, and the digests it returns, with the fixture's
// want/problems and want/digests sections. One fixture is one behaviour;
// each of its files is one case, and since a run reports every problem at
// once, a fixture of bad files checks all of them together.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, fsys := site(t, file)
			digests, problems := load(fsys)
			gotProblems, gotDigests := printed(problems), ""
			if problems.Err() == nil {
				gotDigests = brief(digests)
			} else if digests != nil {
				t.Errorf("Load returned digests along with errors")
			}
			if *update {
				setSection(a, wantProblems, gotProblems, gotProblems != "")
				setSection(a, wantDigests, gotDigests, problems.Err() == nil)
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantP, _ := section(a, wantProblems)
			diff(t, "problems", gotProblems, wantP)
			wantD, ok := section(a, wantDigests)
			if problems.Err() == nil && !ok {
				t.Errorf("the site loads, but the fixture has no %s", wantDigests)
			}
			diff(t, "digests", gotDigests, wantD)
		})
	}
}

// setSection replaces a want/ section, or drops it when not keep.
func setSection(a *txtar.Archive, name, data string, keep bool) {
	files := a.Files[:0]
	for _, f := range a.Files {
		if f.Name != name {
			files = append(files, f)
		}
	}
	a.Files = files
	if keep {
		a.Files = append(a.Files, txtar.File{Name: name, Data: []byte(data)})
	}
}
