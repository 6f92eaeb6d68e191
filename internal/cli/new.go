package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/meta"
)

func newCommand() *command {
	var source, date string
	return &command{
		name:    "new",
		args:    "[-s DIR] [--date YYYY-MM-DD] TITLE",
		summary: "write a new digest to fill in, never overwriting a file",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &source)
			textFlag(fs, &date, "date", "", "the digest's `date` (default today, in the site's timezone)")
		},
		run: func(e *env, args []string) int {
			title := strings.Join(strings.Fields(strings.Join(args, " ")), " ")
			if !utf8.ValidString(title) {
				// strconv.Quote would write its bytes as \x escapes, which
				// YAML reads as characters: "Caf\xe9" would come back "Café".
				fmt.Fprintf(e.stderr, "signal new: the title %q is not UTF-8 text\n", title)
				return ExitUsage
			}
			if title == "" {
				fmt.Fprintln(e.stderr, "signal new: missing TITLE\nUsage: signal new [-s DIR] [--date YYYY-MM-DD] TITLE")
				return ExitUsage
			}
			if i := strings.IndexFunc(title, func(r rune) bool { return !meta.IsText(r) }); i >= 0 {
				r, _ := utf8.DecodeRuneInString(title[i:])
				fmt.Fprintf(e.stderr, "signal new: the title holds the control character %U, which a page cannot show\n", r)
				return ExitUsage
			}
			if !isSite(e, "new", source) {
				return ExitUsage
			}
			cfg, problems := config.Load(os.DirFS(source))
			if report(e.stderr, problems) {
				return ExitContent
			}
			day := time.Now().In(cfg.Timezone)
			if date != "" {
				t, err := content.ParseDay(date, cfg.Timezone)
				if err != nil {
					fmt.Fprintf(e.stderr, "signal new: --date %v\n", err)
					return ExitUsage
				}
				day = t
			}
			slug := content.FileSlug(title)
			base := day.Format(time.DateOnly) + "-" + slug + ".md"
			rel := filepath.Join(content.Dir, base)
			// A digest of that name in a folder of content/ has the same
			// date and slug, so the same URL: writing it would break the build.
			if other := findNamed(filepath.Join(source, content.Dir), base); other != "" && other != rel {
				fmt.Fprintf(e.stderr, "%s: %s has the same date and slug, so the same URL; give the new one %s\n", filepath.ToSlash(rel), filepath.ToSlash(other), another(cfg))
				return ExitContent
			}
			// Nor may one of another name that has the URL (by its slug:).
			link := content.NewPermalink(cfg.Permalink, day, base)
			if other, ok := permalinks(loadArchive(e, "new", source, cfg, "the new digest's URL is not checked against it"))[link]; ok && other != filepath.ToSlash(rel) {
				fmt.Fprintf(e.stderr, "%s: %s has its URL, %s; give the new one %s\n", filepath.ToSlash(rel), other, link, another(cfg))
				return ExitContent
			}
			if err := writeNew(filepath.Join(source, rel), content.Skeleton(title, day)); err != nil {
				if errors.Is(err, fs.ErrExist) {
					err = errors.New("already exists; signal new never overwrites a file (give " + another(cfg) + ")")
				}
				fmt.Fprintf(e.stderr, "%s: %v\n", filepath.ToSlash(rel), err)
				return ExitContent
			}
			// The path as the user can open it, from where signal runs.
			return e.println("new", filepath.ToSlash(filepath.Join(source, rel)))
		},
	}
}

// findNamed returns the path under dir's parent of a file named base in
// dir or a folder below it that the build reads (not one whose name starts
// with _ or .), or "" when there is none. dir may be a link, as content/
// may.
func findNamed(dir, base string) string {
	root := dir
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		root = real
	}
	found := ""
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if path != root && content.Skipped(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && d.Name() == base {
			rel, _ := filepath.Rel(root, path)
			found = filepath.Join(filepath.Base(dir), rel)
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// writeNew creates path with data, failing with an fs.ErrExist error if it
// exists.
func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		// Not an fs.ErrExist error: the file is not there, something else
		// is in the way of its folder, such as a link that leads nowhere.
		dir := filepath.Dir(path)
		if target, lerr := os.Readlink(dir); lerr == nil {
			if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
				return fmt.Errorf("cannot make its folder, a link to %s, which does not exist", target)
			}
			return fmt.Errorf("cannot make its folder, a link to %s, which is not a folder", target)
		}
		return fmt.Errorf("cannot make its folder: %v", diag.Pathless(err))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// another says what gives a new digest a URL of its own: another --date
// only when the permalink pattern holds one.
func another(cfg *config.Config) string {
	if dated(cfg) {
		return "another --date or title"
	}
	return "another title: the permalink has no date"
}

// dated reports whether the permalink pattern holds a digest's date, so
// that another date gives another URL.
func dated(cfg *config.Config) bool {
	for _, token := range []string{":year", ":month", ":day"} {
		if strings.Contains(cfg.Permalink, token) {
			return true
		}
	}
	return false
}
