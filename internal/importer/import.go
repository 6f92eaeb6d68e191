package importer

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
)

// Options are the choices of one import.
type Options struct {
	// Date is the digest's day; only its year, month and day are used.
	Date time.Time
	// Tags are themes every digest gets, as written.
	Tags []string
	// Themes are the names of the archive's themes: each one whose name
	// appears in the text, in any case and as whole words, is added.
	Themes []string
}

// Import turns src, the plain-text digest read from the file name, into a
// Markdown digest. It returns the digest's bytes and the base name to write
// them to (YYYY-MM-DD-slug.md, the slug made from the title), or, when the
// text cannot be read as a digest, nil and every problem, at name:line.
func Import(name string, src []byte, opts Options) ([]byte, string, diag.List) {
	lines, problems := decode(name, src)
	if problems.Err() != nil {
		return nil, "", problems
	}
	if at := frontMatterAt(lines); at > 0 {
		problems.Add(name, at, 0, "front matter (---): this is a Markdown digest already, which goes in content/ as it is; import reads the plain text of the newsletter tool")
		return nil, "", problems
	}
	d, problems := parse(name, lines)
	if opts.Date.IsZero() {
		problems.Add(name, 0, 0, "no date for the digest")
	} else if y := opts.Date.Year(); y < 1000 || y > 9999 {
		problems.Add(name, 0, 0, "the date %s is in the year %d: a digest's is from 1000 to 9999", opts.Date.Format(time.DateOnly), y)
	}
	if problems.Err() != nil {
		return nil, "", problems
	}
	title := shortTitle(d.summary)
	day := opts.Date.Format(time.DateOnly)
	tags := matchThemes(opts.Tags, opts.Themes, d.text())
	out := append(frontMatter(d, title, day, tags), "---\n\n"...)
	out = append(out, body(d.blocks)...)
	if len(out) > content.MaxFile {
		problems.Add(name, 0, 0, "the digest would be %.1f MB; a digest may be at most %d MB (is this one digest?)", float64(len(out))/1e6, content.MaxFile>>20)
		return nil, "", problems
	}
	return out, day + "-" + content.FileSlug(title) + ".md", problems
}

// frontMatterAt returns the line number of the --- that opens front
// matter, when the first line with text is one, another closes it, and a
// line between them is a key of a digest's front matter (title:, date:,
// consensus: …), or 0: a plain-text digest may be framed by --- rules.
func frontMatterAt(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if strings.TrimSpace(l) != "---" {
			return 0
		}
		keys := false
		for _, m := range lines[i+1:] {
			if strings.TrimSpace(m) == "---" {
				if keys {
					return i + 1
				}
				return 0
			}
			key, _, colon := strings.Cut(m, ":")
			keys = keys || colon && content.IsField(key)
		}
		return 0
	}
	return 0
}

var nameDateRE = regexp.MustCompile(`(?:^|[^0-9])(\d{4}-\d{2}-\d{2})(?:[^0-9]|$)`)

// NameDate finds a YYYY-MM-DD date in a file's base name: found is false
// when there is none, and err says why one that looks like a date is not.
func NameDate(base string, loc *time.Location) (day time.Time, found bool, err error) {
	m := nameDateRE.FindStringSubmatch(base)
	if m == nil {
		return time.Time{}, false, nil
	}
	day, err = time.ParseInLocation(time.DateOnly, m[1], loc)
	if err != nil {
		return time.Time{}, true, fmt.Errorf("file name holds %q, which is not a date (give --date YYYY-MM-DD)", m[1])
	}
	return day, true, nil
}
