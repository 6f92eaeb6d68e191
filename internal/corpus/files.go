package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"
)

// siteYAML is the site.yaml of every synthetic archive: SPEC §1's defaults
// (20 entries per list page and per feed), so that nothing is thinned out.
const siteYAML = `title: Synthetic Signal
base_url: https://example.org/
description: A synthetic archive of daily market-signal digests.
author:
  name: Bench Desk
  email: bench@example.org
`

// Path is where d lives in a signal site: one folder per year and month,
// as an author of a large archive would keep it.
func (d *Digest) Path() string {
	return fmt.Sprintf("content/%s/%s-%s.md", d.Date.Format("2006/01"), d.Date.Format("2006-01-02"), d.Slug)
}

// Markdown is d as a signal digest: YAML front matter, then the body.
func (d *Digest) Markdown() []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", strconv.Quote(d.Title))
	fmt.Fprintf(&b, "date: %s\n", d.Date.Format("2006-01-02"))
	fmt.Fprintf(&b, "consensus: %s\n", strconv.Quote(d.Consensus()))
	fmt.Fprintf(&b, "conviction: %s\n", d.Conviction)
	fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(d.Themes, ", "))
	b.WriteString("sources:\n")
	for i, n := range d.Notes {
		fmt.Fprintf(&b, "  - handle: \"@%s\"\n    note: %s\n", d.Handles[i], strconv.Quote(n))
	}
	fmt.Fprintf(&b, "summary: %s\n", strconv.Quote(d.Summary))
	b.WriteString("---\n\n")
	b.WriteString(d.Body)
	return []byte(b.String())
}

// Files returns the files of the signal site holding digests, by path.
func Files(digests []*Digest) map[string][]byte {
	files := map[string][]byte{"site.yaml": []byte(siteYAML)}
	for _, d := range digests {
		files[d.Path()] = d.Markdown()
	}
	return files
}

// MapFS returns the signal site holding digests, for tests and benchmarks
// that build in memory.
func MapFS(digests []*Digest) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range Files(digests) {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// Write writes files under dir, which must not hold a site already.
func Write(dir string, files map[string][]byte) error {
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Permalink is the site path of d's page, under signal's default pattern.
func (d *Digest) Permalink() string {
	return "/" + d.Date.Format("2006/01/02") + "/" + d.Slug + "/"
}
