package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/importer"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/output"
)

type importFlags struct {
	source, output, date string
	tags                 tagList
}

// tagList is a flag that may be given many times.
type tagList []string

func (l *tagList) String() string { return strings.Join(*l, ", ") }
func (l *tagList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

func importCommand() *command {
	var f importFlags
	return &command{
		name:    "import",
		args:    "[-s DIR] [-o DIR] [--date YYYY-MM-DD] [--tag THEME]... FILE...",
		summary: "turn plain-text digests into Markdown digests, never overwriting a file",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &f.source)
			textFlag(fs, &f.output, "output", "", "write digests to `folder` (default content/ of the site)")
			textFlag(fs, &f.output, "o", "", "")
			textFlag(fs, &f.date, "date", "", "the `date` of the digests (default a date in the file name, else the file's modification day; today for - , the standard input)")
			fs.Var(&f.tags, "tag", "give every digest the `theme`; may be repeated")
		},
		run: func(e *env, args []string) int { return runImport(e, &f, args) },
	}
}

// planned is one digest to write.
type planned struct {
	path  string // on disk
	shown string // as printed: relative to the site folder, or under -o
	data  []byte
}

// runImport checks every FILE first and writes only when none has a
// problem, so that a failed run leaves nothing behind (writeAll).
func runImport(e *env, f *importFlags, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "signal import: missing FILE\nUsage: signal import %s\n", importCommand().args)
		return ExitUsage
	}
	if i := slices.Index(args, "-"); i >= 0 && slices.Contains(args[i+1:], "-") {
		fmt.Fprintln(e.stderr, "signal import: - (the standard input) is given twice; it can be read once")
		return ExitUsage
	}
	var day time.Time
	if f.date != "" {
		t, err := content.ParseDay(f.date, time.UTC)
		if err != nil {
			fmt.Fprintf(e.stderr, "signal import: --date %v\n", err)
			return ExitUsage
		}
		day = t
	}
	for _, t := range f.tags {
		if err := content.CheckTheme(t); err != nil {
			fmt.Fprintf(e.stderr, "signal import: --tag: %v\n", err)
			return ExitUsage
		}
	}
	if !isSite(e, "import", f.source) {
		return ExitUsage
	}
	cfg, problems := config.Load(os.DirFS(f.source))
	if report(e.stderr, problems) {
		return ExitContent
	}
	archive := loadArchive(e, "import", f.source, cfg, "its themes are not matched, nor the digests' URLs checked against it")
	opts := importer.Options{Tags: f.tags, Themes: themeNames(archive)}
	dir, shownDir := filepath.Join(f.source, content.Dir), content.Dir
	if f.output != "" {
		dir, shownDir = f.output, filepath.ToSlash(f.output)
	}
	// A digest written into content/ must not take the URL of another.
	var taken map[string]string // permalink → the file that has it
	if builds(dir, filepath.Join(f.source, content.Dir)) {
		taken = permalinks(archive)
	}
	var plan []planned
	// Each digest is checked as build reads it.
	md := markdown.New(markdown.WithUnsafeHTML(cfg.UnsafeHTML))
	from := map[string]string{} // shown path → the FILE it is imported from
	for _, file := range args {
		name := filepath.ToSlash(file)
		if file == "-" {
			name = "stdin"
		}
		data, base, more := importFile(file, day, cfg.Timezone, opts)
		problems = append(problems, more...)
		if more.Err() != nil {
			continue
		}
		p := planned{path: filepath.Join(dir, base), shown: path.Join(shownDir, base), data: data}
		// What import writes, check accepts: a digest that breaks a
		// limit of the content format (100 themes, 200 sources) is
		// refused here, before anything is written.
		if _, more := content.Parse(p.shown, data, cfg, md); more.Err() != nil {
			for _, e := range more {
				if !e.Warning {
					problems.Add(name, 0, 0, "the digest made from it would not build: %s", e.Msg)
				}
			}
			continue
		}
		if other, dup := from[p.shown]; dup {
			problems.Add(name, 0, 0, "would be written to %s, as %s is (give one of them %s)", p.shown, other, another(cfg))
			continue
		}
		from[p.shown] = name
		if _, err := os.Lstat(p.path); err == nil {
			problems.Add(p.shown, 0, 0, "%s", exists(cfg))
			continue
		}
		if taken != nil {
			date, _ := time.ParseInLocation(time.DateOnly, base[:len(time.DateOnly)], cfg.Timezone)
			link := content.NewPermalink(cfg.Permalink, date, base)
			if other, ok := taken[link]; ok {
				problems.Add(name, 0, 0, "would have the URL %s of %s (give it %s)", link, other, another(cfg))
				continue
			}
			taken[link] = p.shown
		}
		plan = append(plan, p)
	}
	if report(e.stderr, problems) {
		return ExitContent
	}
	if p, err := writeAll(plan); err != nil {
		if errors.Is(err, fs.ErrExist) {
			err = errors.New(exists(cfg))
		}
		fmt.Fprintf(e.stderr, "%s: %v\n", p.shown, diag.Pathless(err))
		return ExitContent
	}
	for _, p := range plan {
		if e.println("import", filepath.ToSlash(p.path)) != ExitOK { // as it opens from here
			return ExitContent
		}
	}
	return ExitOK
}

// writeAll writes the planned digests. When one cannot be written (a full
// disk), those written before it are removed, so that the same command
// can run again, and it returns the one that failed.
func writeAll(plan []planned) (planned, error) {
	for i, p := range plan {
		if err := writeNew(p.path, p.data); err != nil {
			for _, w := range plan[:i] {
				os.Remove(w.path)
			}
			return p, err
		}
	}
	return planned{}, nil
}

// maxPaste is the most import reads of a FILE: a digest may be at most
// content.MaxFile, and a paste is about the size of the digest it makes.
const maxPaste = 4 * content.MaxFile

// readPaste reads r, up to maxPaste: /dev/zero or a log given by mistake
// is refused rather than read until memory runs out.
func readPaste(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPaste+1))
	if err == nil && len(data) > maxPaste {
		err = fmt.Errorf("more than %d MB, and a digest may be at most %d MB", maxPaste>>20, content.MaxFile>>20)
	}
	return data, err
}

// importFile reads and imports one FILE, returning the digest and the base
// name to write it to.
// FILE - is the standard input, as pasted: named "stdin" in messages, and
// dated --date or else today.
func importFile(file string, day time.Time, loc *time.Location, opts importer.Options) ([]byte, string, diag.List) {
	name := filepath.ToSlash(file)
	var problems diag.List
	var data []byte
	var err error
	if file == "-" {
		name = "stdin"
		data, err = readPaste(os.Stdin)
		if day.IsZero() {
			day = time.Now().In(loc)
		}
	} else if f, oerr := os.Open(file); oerr != nil {
		err = oerr
	} else {
		data, err = readPaste(f)
		f.Close()
	}
	if err != nil {
		problems.Add(name, 0, 0, "cannot read: %v", diag.Pathless(err))
		return nil, "", problems
	}
	opts.Date, err = digestDate(file, day, loc)
	if err != nil {
		problems.Add(name, 0, 0, "%v", err)
		return nil, "", problems
	}
	out, base, more := importer.Import(name, data, opts)
	if file != "-" && day.IsZero() && more.Err() == nil {
		if _, found, _ := importer.NameDate(filepath.Base(file), loc); !found {
			// Dated by the file's modification time: the author chose no
			// date, and should hear which one the digest got.
			more.Warn(name, 0, 0, "dated %s, the day the file was last changed: give --date YYYY-MM-DD, or a date in the file's name, for another", opts.Date.Format(time.DateOnly))
		}
	}
	return out, base, append(problems, more...)
}

// digestDate is the --date, else a date in the file's name, else the day
// the file was last modified, in the site's timezone.
func digestDate(file string, day time.Time, loc *time.Location) (time.Time, error) {
	if !day.IsZero() {
		return day, nil
	}
	if d, found, err := importer.NameDate(filepath.Base(file), loc); found {
		return d, err
	}
	info, err := os.Stat(file)
	if err != nil {
		return time.Time{}, fmt.Errorf("cannot read: %v", diag.Pathless(err))
	}
	return info.ModTime().In(loc), nil
}

// loadArchive reads the front matter of the site's digests, for the URLs a
// new one must not take and the themes to match in imported text. A site
// without content/ has none; one whose content does not load gets a
// warning that says what is not done (lost), and none.
func loadArchive(e *env, command, source string, cfg *config.Config, lost string) []*content.Digest {
	if _, err := os.Stat(filepath.Join(source, content.Dir)); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	digests, problems := content.Load(os.DirFS(source), cfg, nil, nil)
	if problems.Err() != nil {
		fmt.Fprintf(e.stderr, "signal %s: warning: content/ has errors (see signal check); %s\n", command, lost)
		return nil
	}
	return digests
}

// builds reports whether the build reads digests written to dir: dir is
// the content folder or a folder in it, none of whose names starts with _
// or . (those the build skips, such as content/_drafts).
func builds(dir, contentDir string) bool {
	d, err1 := filepath.Abs(dir)
	c, err2 := filepath.Abs(contentDir)
	if err1 != nil || err2 != nil {
		return false
	}
	d, c = output.Resolved(d), output.Resolved(c)
	if !output.Within(d, c) {
		return false
	}
	rel, _ := filepath.Rel(c, d)
	for _, seg := range strings.Split(rel, string(filepath.Separator)) {
		if seg != "." && content.Skipped(seg) {
			return false
		}
	}
	return true
}

// themeNames names the themes of digests, sorted.
func themeNames(digests []*content.Digest) []string {
	var names []string
	for _, d := range digests {
		for _, t := range d.Themes {
			if !slices.Contains(names, t.Name) {
				names = append(names, t.Name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// permalinks maps the permalinks of digests to their files.
func permalinks(digests []*content.Digest) map[string]string {
	m := make(map[string]string, len(digests))
	for _, d := range digests {
		m[d.Permalink] = d.Path
	}
	return m
}

// exists is the message for a file that import would write and that is
// there already.
func exists(cfg *config.Config) string {
	if dated(cfg) {
		return "already exists; signal import never overwrites a file (remove it, or import with another --date, or into another folder with -o)"
	}
	return "already exists; signal import never overwrites a file (remove it, or import into another folder with -o)"
}
