package importer_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/importer"
	"github.com/signaldigest/signal/internal/markdown"
)

// FuzzImport feeds arbitrary bytes to Import. It must not panic; every
// problem must name the file and a line of it; and what it returns without
// errors must load as a digest with no problem, not even a warning, whose
// body holds no markup but what the importer writes itself.
func FuzzImport(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		fx := readFixture(f, file)
		f.Add(fx.input)
		f.Add(bytes.ReplaceAll(fx.input, []byte("\n"), []byte("\r\n")))
	}
	opts := importer.Options{
		Date:   time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
		Tags:   []string{"Compute"},
		Themes: []string{"AI", "Open Models", "Política Industrial"},
	}
	const name = "digest.txt"
	site := fstest.MapFS{"site.yaml": {Data: []byte("title: Fuzz\ntimezone: Asia/Tokyo\n")}}
	cfg, problems := config.Load(site)
	if len(problems) > 0 {
		f.Fatal(problems)
	}
	md := markdown.New(markdown.WithHandleURL(func(slug string) string { return "/sources/" + slug + "/" }))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, file, problems := importer.Import(name, data, opts)
		lines := bytes.Count(data, []byte{'\n'}) + bytes.Count(data, []byte{'\r'}) + 2
		for _, p := range problems {
			if p.Path != name || p.Line < 1 || p.Line > lines || p.Msg == "" {
				t.Fatalf("problem not at a line of the file: %#v", p)
			}
		}
		if problems.Err() != nil {
			if out != nil || file != "" {
				t.Fatal("a digest along with errors")
			}
			return
		}
		if !fileName.MatchString(file) || len(file) > 120 {
			t.Fatalf("file name %q", file)
		}
		fsys := fstest.MapFS{"content/" + file: {Data: out}}
		digests, problems := content.Load(fsys, cfg, md, nil)
		if len(problems) > 0 || len(digests) != 1 {
			t.Fatalf("the digest does not pass check:\n%v\n%s", problems, out)
		}
		d := digests[0]
		if d.Date.Format(time.DateOnly) != "2026-11-24" || d.Title == "" || len(d.Themes) == 0 {
			t.Fatalf("date %v, title %q, themes %v", d.Date, d.Title, d.Themes)
		}
		if m := markup.Find(d.HTML); m != nil {
			t.Fatalf("the body holds %s, which the text did not mean:\n%s\n%s", m, out, d.HTML)
		}
		// Headings are the format's sections, and the Markdown headings
		// of a paste: a line of # and a space.
		for _, h := range heading.FindAllSubmatch(d.HTML, -1) {
			if id := strings.TrimRight(string(h[1]), "-0123456789"); !ownHeadings[id] && !hashLine.Match(data) {
				t.Fatalf("heading %s:\n%s", h[0], out)
			}
		}
	})
}

var fileName = regexp.MustCompile(`^2026-11-24-[\pL\pN\pM]+(?:-[\pL\pN\pM]+)*\.md$`)

// markup is every tag that escaped text must not become. The importer
// writes only headings, lists (numbered too), li and strong; paragraphs,
// handle links and links from bare URLs come with them.
var markup = regexp.MustCompile(`<(?:h1|hr|blockquote|pre|code|em|del|table|img|input|sup|section|script|b|br)\b`)

var heading = regexp.MustCompile(`<h[2-6] id="([^"]*)">`)

// hashLine is a line that starts with a Markdown heading's #.
// A line ends at a line feed or a carriage return, as the importer reads
// it.
var hashLine = regexp.MustCompile(`(?:^|[\r\n])[\s\p{Zs}\x{200b}\x{2060}\x{feff}\x{200c}\x{200d}]*#{1,6}[\s\p{Zs}]`)

var ownHeadings = map[string]bool{"whats-moving": true, "blind-spot": true, "one-actionable-idea": true}
