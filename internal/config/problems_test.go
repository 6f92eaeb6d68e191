package config_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signaldigest/signal/internal/config"
)

func TestUnknownKeysWarn(t *testing.T) {
	cases := []struct {
		src  string
		want []string
	}{
		{"title: A\nbaseurl: https://example.org/\n", []string{
			`site.yaml:2:1: warning: unknown key "baseurl" is ignored (did you mean base_url?)`,
		}},
		{"base-url: https://example.org/\nPageSize: 5\n", []string{
			`site.yaml:1:1: warning: unknown key "base-url" is ignored (did you mean base_url?)`,
			`site.yaml:2:1: warning: unknown key "PageSize" is ignored (did you mean page_size?)`,
		}},
		{"titel: A\npage_szie: 5\n", []string{
			`site.yaml:1:1: warning: unknown key "titel" is ignored (did you mean title?)`,
			`site.yaml:2:1: warning: unknown key "page_szie" is ignored (did you mean page_size?)`,
		}},
		{"theme: dark\n", []string{
			`site.yaml:1:1: warning: unknown key "theme" is ignored`,
		}},
		{"author:\n  name: Jane\n  url: https://jane.example/\n", []string{
			`site.yaml:3:3: warning: unknown key "author.url" is ignored (want name or email)`,
		}},
	}
	for _, c := range cases {
		cfg := check(t, c.src, c.want...)
		if cfg == nil {
			t.Fatalf("%q: a warning must not fail the run", c.src)
		}
	}
	// The known keys around an unknown one still apply.
	cfg := check(t, "title: Kept\nbaseurl: https://example.org/\npage_size: 7\n",
		`site.yaml:2:1: warning: unknown key "baseurl" is ignored (did you mean base_url?)`)
	if cfg.Title != "Kept" || cfg.PageSize != 7 || cfg.BaseURL.String() != "http://localhost:1313/" {
		t.Errorf("got title %q, page_size %d, base_url %s", cfg.Title, cfg.PageSize, cfg.BaseURL)
	}
}

// Every bad value of a file is reported in one run, sorted by line, with the
// warnings among them.
func TestAllProblemsReported(t *testing.T) {
	src := `title: Rates
permalink: /:year/
page_size: ten
baseurl: x
base_url: ftp://example.org/
author:
  email: nobody
unsafe_html: "yes"
`
	check(t, src,
		`site.yaml:2:12: permalink: must contain :slug, so that two digests of one day get different URLs`,
		`site.yaml:3:12: page_size: want a whole number in digits, such as 20, not a string`,
		`site.yaml:4:1: warning: unknown key "baseurl" is ignored (did you mean base_url?)`,
		`site.yaml:5:11: base_url: want an http or https URL, not ftp:`,
		`site.yaml:7:10: author.email: "nobody" is not an email address`,
		`site.yaml:8:14: unsafe_html: want true or false, not a string`,
	)
}

func TestStructure(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"list", "- title\n- base_url\n", []string{`site.yaml:1:1: site.yaml must be a mapping of settings, not a list`}},
		{"scalar", "just text\n", []string{`site.yaml:1:1: site.yaml must be a mapping of settings, not a string`}},
		{"duplicate", "title: A\npage_size: 3\ntitle: B\n", []string{`site.yaml:3:1: duplicate key "title" (first on line 1)`}},
		// The problems of the other settings are reported too.
		{"duplicate and more", "title: A\ntitle: B\npage_size: ten\n", []string{
			`site.yaml:2:1: duplicate key "title" (first on line 1)`,
			`site.yaml:3:12: page_size: want a whole number in digits, such as 20, not a string`,
		}},
		{"merge key", "base: &b {title: A}\n<<: *b\n", []string{
			`site.yaml:1:1: warning: unknown key "base" is ignored`,
			`site.yaml:2:1: merge keys (<<) are not supported`,
		}},
		{"unclosed list", "title: A\npage_size: [1, 2\n", []string{`site.yaml:2: invalid YAML: the [ opened on this line is never closed with ] (did not find expected ',' or ']')`}},
		{"colon in value", "title: Compute: the choke point\n", []string{`site.yaml:1:15: invalid YAML: a colon and a space in a value start another key; put the value in quotes: title: "Compute: the choke point"`}},
		{"stray item", "title: A\npage_size: 2\n- x\n", []string{`site.yaml:3: invalid YAML: did not find expected key`}},
		{"unknown anchor", "title: A\ndescription: *nope\n", []string{`site.yaml:2: invalid YAML: unknown anchor 'nope' referenced`}},
		{"tab indent", "author:\n\tname: A\n", []string{`site.yaml:2:1: invalid YAML: a tab indents this line, and YAML indents with spaces only`}},
		{"non-string key", "[a]: 1\n", []string{`site.yaml:1:1: a key must be a plain string`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.src, c.want...) })
	}
}

// A byte order mark and CRLF line ends, as some Windows editors save files,
// read the same as plain LF.
func TestBOMAndCRLF(t *testing.T) {
	lf := "title: Signals\nbase_url: https://example.org/x\npage_size: 5\nbaseurl: y\n"
	want := `site.yaml:4:1: warning: unknown key "baseurl" is ignored (did you mean base_url?)`
	base := describe(check(t, lf, want))
	for name, src := range map[string]string{
		"bom":      "\ufeff" + lf,
		"crlf":     strings.ReplaceAll(lf, "\n", "\r\n"),
		"bom+crlf": "\ufeff" + strings.ReplaceAll(lf, "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			if got := describe(check(t, src, want)); got != base {
				t.Errorf("got  %s\nwant %s", got, base)
			}
		})
	}
	// The BOM does not shift columns.
	check(t, "\ufeffpage_size: 0\n", `site.yaml:1:12: page_size: 0 is out of range (want 1 to 1000000)`)
}

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte("title: From the FS\npage_size: 0\n")}}
	cfg, problems := config.Load(fsys)
	if cfg != nil {
		t.Errorf("Load returned a config despite errors")
	}
	if got := lines(problems); len(got) != 1 || got[0] != `site.yaml:2:12: page_size: 0 is out of range (want 1 to 1000000)` {
		t.Errorf("problems: %q", got)
	}

	fsys = fstest.MapFS{"site.yaml": {Data: []byte("title: From the FS\n")}}
	cfg, problems = config.Load(fsys)
	if len(problems) != 0 || cfg == nil || cfg.Title != "From the FS" || cfg.PageSize != 20 {
		t.Errorf("got %+v, %v", cfg, problems)
	}

	// Up to a megabyte, as a digest: its title and description are on
	// every page and in every feed.
	desc := "description: " + strings.Repeat("x", config.MaxFile-len("title: T\ndescription: \n")) + "\n"
	fsys = fstest.MapFS{"site.yaml": {Data: []byte("title: T\n" + desc)}}
	if cfg, problems = config.Load(fsys); cfg == nil || len(problems) != 0 {
		t.Errorf("a site.yaml of 1 MB: %v", problems)
	}
	fsys = fstest.MapFS{"site.yaml": {Data: []byte("title: T\n" + desc + "\n")}}
	if cfg, problems = config.Load(fsys); cfg != nil || len(problems) != 1 ||
		problems[0].Error() != "site.yaml: the file is more than 1 MB; site.yaml may be at most 1 MB, as a digest may" {
		t.Errorf("a site.yaml of 1 MB and a byte: %v", problems)
	}

	// site.yaml that cannot be read is an error, not the defaults.
	fsys = fstest.MapFS{"site.yaml/x": {Data: []byte("a folder named site.yaml")}}
	cfg, problems = config.Load(fsys)
	if cfg != nil || problems.Err() == nil || !strings.HasPrefix(problems[0].Error(), "site.yaml: cannot read: ") {
		t.Errorf("got %+v, %v", cfg, problems)
	}
}

// A value may not hold a control character, written or as a YAML escape:
// pages and feeds show the title and description, and XML cannot.
func TestControlCharacters(t *testing.T) {
	check(t, "title: \"Rates\\e[1m\"\ndescription: \"Daily \\uFFFF notes\"\n",
		`site.yaml:1:8: control character U+001B: text may hold none but tab and line ends, and feeds cannot carry it; remove it`,
		`site.yaml:2:14: U+FFFF is a noncharacter, which Unicode keeps out of text and feeds cannot carry; remove it`)
}
