package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGolden loads whole sites and compares everything Load returns, HTML
// included, with testdata/golden/NAME.golden: the fixture sites in
// testdata/golden/NAME.txtar, and the sample archive at the repository's
// root. After a change meant to alter the output, refresh them with
//
//	go test ./internal/content -update
//
// and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(files) < 2 {
		t.Fatalf("golden sites: %v %v", files, err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			_, fsys := site(t, file)
			golden(t, name, dumpSite(t, fsys))
		})
	}
	t.Run("sample", func(t *testing.T) {
		golden(t, "sample", dumpSite(t, os.DirFS("../..")))
	})
}

// dumpSite prints the problems of a site, then its digests.
func dumpSite(t *testing.T, fsys fs.FS) string {
	t.Helper()
	digests, problems := load(fsys)
	if problems.Err() != nil {
		t.Errorf("the site does not load:\n%s", printed(problems))
	}
	return printed(problems) + full(digests)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/content -update to write it)", err)
	}
	diff(t, file, got, string(want))
}
