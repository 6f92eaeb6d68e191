package config_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/diag"
)

// lines prints a list of problems the way signal prints them, sorted.
func lines(l diag.List) []string {
	l.Sort()
	var out []string
	for _, p := range l {
		out = append(out, p.Error())
	}
	return out
}

// check parses src and compares the problems it reports with want. It
// returns the Config, which is nil when there are errors.
func check(t *testing.T, src string, want ...string) *config.Config {
	t.Helper()
	cfg, problems := config.Parse([]byte(src))
	if got := lines(problems); !slices.Equal(got, want) {
		t.Fatalf("site.yaml:\n%s\nproblems:\n  %s\nwant:\n  %s", src, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if hasErr := problems.Err() != nil; hasErr != (cfg == nil) {
		t.Fatalf("errors %v but config nil is %v", hasErr, cfg == nil)
	}
	return cfg
}

// A case is one site.yaml. Either err is the one error it must give, or get
// must return want from the Config it gives.
type keyCase struct {
	src  string
	want string // the value read, through get
	err  string // the exact error, site.yaml:LINE:COL: message
}

func runKey(t *testing.T, get func(*config.Config) string, cases []keyCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			if c.err != "" {
				check(t, c.src, c.err)
				return
			}
			cfg := check(t, c.src)
			if got := get(cfg); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.Title }, []keyCase{
		{src: `title: "Rates & Chips"`, want: "Rates & Chips"},
		{src: `title: "  padded  "`, want: "padded"},
		{src: `title: 2026`, want: "2026"},
		{src: `title: ""`, err: `site.yaml:1:8: title: must not be empty`},
		{src: `title:`, err: `site.yaml:1:7: title: want a string, not nothing`},
		{src: `title: [a, b]`, err: `site.yaml:1:8: title: want a string, not a list`},
		{src: "title:\n  en: x", err: `site.yaml:2:3: title: want a string, not a mapping`},
	})
}

func TestBaseURL(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.BaseURL.String() + " path=" + c.BasePath() }, []keyCase{
		{src: `base_url: https://example.org/`, want: "https://example.org/ path=/"},
		{src: `base_url: https://example.org`, want: "https://example.org/ path=/"},
		{src: `base_url: "https://example.org/archive"`, want: "https://example.org/archive/ path=/archive/"},
		{src: `base_url: "https://example.org/a/b/"`, want: "https://example.org/a/b/ path=/a/b/"},
		{src: `base_url: "http://127.0.0.1:8080/x"`, want: "http://127.0.0.1:8080/x/ path=/x/"},
		{src: `base_url: /archive/`, err: `site.yaml:1:11: base_url: want an absolute URL such as https://example.org/ (got "/archive/")`},
		{src: `base_url: example.org`, err: `site.yaml:1:11: base_url: want an absolute URL such as https://example.org/ (got "example.org")`},
		{src: `base_url: "mailto:desk@example.org"`, err: `site.yaml:1:11: base_url: want an absolute URL such as https://example.org/ (got "mailto:desk@example.org")`},
		{src: `base_url: ftp://example.org/`, err: `site.yaml:1:11: base_url: want an http or https URL, not ftp:`},
		{src: `base_url: "https://example.org/?lang=en"`, err: `site.yaml:1:11: base_url: must not carry a query, fragment or user name`},
		{src: `base_url: "https://example.org/#top"`, err: `site.yaml:1:11: base_url: must not carry a query, fragment or user name`},
		{src: `base_url: "https://me@example.org/"`, err: `site.yaml:1:11: base_url: must not carry a query, fragment or user name`},
		{src: `base_url: "https://example.org/?"`, err: `site.yaml:1:11: base_url: must not carry a query, fragment or user name`},
		{src: `base_url: "https://example.org//a/"`, err: `site.yaml:1:11: base_url: its path has an empty segment (//)`},
		{src: `base_url: "https://example.org/a/../b/"`, err: `site.yaml:1:11: base_url: its path has a .. segment; write the path it stands for`},
		{src: `base_url: "https://example.org/./"`, err: `site.yaml:1:11: base_url: its path has a . segment; write the path it stands for`},
		{src: `base_url: "https://example.org:99999/"`, err: `site.yaml:1:11: base_url: its port "99999" is not one from 1 to 65535`},
		{src: `base_url: "https://example.org:0/"`, err: `site.yaml:1:11: base_url: its port "0" is not one from 1 to 65535`},
		{src: `base_url: "http://localhost:8080/a.b/..c/"`, want: "http://localhost:8080/a.b/..c/ path=/a.b/..c/"},
		{src: `base_url: "https://example.org/a%23b"`, want: "https://example.org/a%23b/ path=/a%23b/"},
		{src: `base_url: "https://example.org/a b/"`, want: "https://example.org/a%20b/ path=/a%20b/"},
		{src: `base_url: "https://example.org/a(b)/it's/[x]!*~"`, want: "https://example.org/a%28b%29/it%27s/%5Bx%5D!*~/ path=/a%28b%29/it%27s/%5Bx%5D!*~/"},
		{src: `base_url: "https://example.org/a%28b%29/"`, want: "https://example.org/a%28b%29/ path=/a%28b%29/"},
		{src: `base_url: "https://example.org/a%2Fb"`, want: "https://example.org/a%2Fb/ path=/a%2Fb/"},
		{src: `base_url: "https://example.org/a%2F/b/"`, want: "https://example.org/a%2F/b/ path=/a%2F/b/"},
		{src: `base_url: "https://bücher.example/archiv/"`, want: "https://xn--bcher-kva.example/archiv/ path=/archiv/"},
		{src: `base_url: "https://BÜCHER.example:8443"`, want: "https://xn--bcher-kva.example:8443/ path=/"},
		{src: `base_url: "https://b%C3%BCcher.example/"`, want: "https://xn--bcher-kva.example/ path=/"},
		{src: `base_url: "HTTPS://Signal.EXAMPLE/Sub/"`, want: "https://signal.example/Sub/ path=/Sub/"},
		{src: `base_url: "https://市场.中国/"`, want: "https://xn--mesr1n.xn--fiqs8s/ path=/"},
		{src: `base_url: "https://a\u200db.example/"`, err: `site.yaml:1:11: base_url: its host "a\u200db.example" is not a domain name: idna: invalid label "a\u200db"`},
		{src: `base_url: ""`, err: `site.yaml:1:11: base_url: must not be empty`},
		{src: "\n\nbase_url: [https://example.org/]", err: `site.yaml:3:11: base_url: want a string, not a list`},
	})
}

func TestAbsURL(t *testing.T) {
	cfg := check(t, `base_url: "https://example.org/archive"`)
	for path, want := range map[string]string{
		"/":            "https://example.org/archive/",
		"/themes/":     "https://example.org/archive/themes/",
		"feed.xml":     "https://example.org/archive/feed.xml",
		"/sitemap.xml": "https://example.org/archive/sitemap.xml",
	} {
		if got := cfg.AbsURL(path); got != want {
			t.Errorf("AbsURL(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestDescription(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.Description }, []keyCase{
		{src: `description: "Daily signals."`, want: "Daily signals."},
		{src: `description: ""`, want: ""},
		{src: `description:`, want: ""},
		{src: `description: [a]`, err: `site.yaml:1:14: description: want a string, not a list`},
	})
}

func TestLanguage(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.Language }, []keyCase{
		{src: `language: en`, want: "en"},
		{src: `language: pt-BR`, want: "pt-BR"},
		{src: `language: PT-br`, want: "pt-BR"},
		{src: `language: fr_CA`, want: "fr-CA"}, // x/text reads _ as -
		{src: `language: "en-"`, err: `site.yaml:1:11: language: "en-" is not a BCP 47 language tag (want e.g. en or pt-BR)`},
		{src: `language: "en glish"`, err: `site.yaml:1:11: language: "en glish" is not a BCP 47 language tag (want e.g. en or pt-BR)`},
		{src: `language: 42`, err: `site.yaml:1:11: language: "42" is not a BCP 47 language tag (want e.g. en or pt-BR)`},
		{src: `language: ""`, err: `site.yaml:1:11: language: must not be empty`},
	})
}

// A language written from the right makes a site read from the right:
// by its script, which x/text knows for a language without one named.
func TestDirection(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.Direction() }, []keyCase{
		{src: `language: en`, want: "ltr"},
		{src: `language: ar`, want: "rtl"},
		{src: `language: ar-EG`, want: "rtl"},
		{src: `language: he`, want: "rtl"},
		{src: `language: fa`, want: "rtl"},
		{src: `language: ur`, want: "rtl"},
		{src: `language: dv`, want: "rtl"},
		{src: `language: az-Arab`, want: "rtl"},
		{src: `language: az`, want: "ltr"},
		{src: `language: ja`, want: "ltr"},
		{src: `title: No language`, want: "ltr"},
	})
}

func TestAuthor(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.Author.Name + " <" + c.Author.Email + ">" }, []keyCase{
		{src: `author: "Jane Doe"`, want: "Jane Doe <>"},
		{src: "author:\n  name: Jane Doe\n  email: jane@example.org", want: "Jane Doe <jane@example.org>"},
		{src: "author: {email: desk@example.com}", want: " <desk@example.com>"},
		{src: "author:\n  name: Jane\n  email: not-an-email", err: `site.yaml:3:10: author.email: "not-an-email" is not an email address`},
		{src: "author:\n  email: \"Jane <jane@example.org>\"", err: `site.yaml:2:10: author.email: "Jane <jane@example.org>" is not an email address`},
		{src: "author:\n  email: \"\"", err: `site.yaml:2:10: author.email: must not be empty`},
		{src: "author:\n  name: [Jane]", err: `site.yaml:2:9: author.name: want a string, not a list`},
		{src: `author: ""`, err: `site.yaml:1:9: author: must not be empty`},
		{src: `author: [Jane, Joe]`, err: `site.yaml:1:9: author: want a mapping with name and email, not a list`},
		{src: `author:`, err: `site.yaml:1:8: author: want a mapping with name and email, not nothing`},
	})
}

func TestTimezone(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.Timezone.String() }, []keyCase{
		{src: `timezone: UTC`, want: "UTC"},
		{src: `timezone: Europe/Paris`, want: "Europe/Paris"},
		{src: `timezone: America/Sao_Paulo`, want: "America/Sao_Paulo"},
		{src: `timezone: Mars/Olympus_Mons`, err: `site.yaml:1:11: timezone: unknown zone "Mars/Olympus_Mons" (want an IANA name such as UTC or Europe/Paris)`},
		{src: `timezone: Local`, err: `site.yaml:1:11: timezone: unknown zone "Local" (want an IANA name such as UTC or Europe/Paris)`},
		{src: `timezone: "+02:00"`, err: `site.yaml:1:11: timezone: unknown zone "+02:00" (want an IANA name such as UTC or Europe/Paris)`},
		{src: `timezone: ../../etc/passwd`, err: `site.yaml:1:11: timezone: unknown zone "../../etc/passwd" (want an IANA name such as UTC or Europe/Paris)`},
		{src: `timezone: ""`, err: `site.yaml:1:11: timezone: must not be empty`},
	})
}

func TestPermalink(t *testing.T) {
	runKey(t, func(c *config.Config) string { return c.Permalink }, []keyCase{
		{src: `permalink: /:year/:month/:day/:slug/`, want: "/:year/:month/:day/:slug/"},
		{src: `permalink: /:slug/`, want: "/:slug/"},
		{src: `permalink: /digests/:year-:month-:day-:slug/`, want: "/digests/:year-:month-:day-:slug/"},
		{src: `permalink: /:year/:month/`, err: `site.yaml:1:12: permalink: must contain :slug, so that two digests of one day get different URLs`},
		{src: `permalink: /posts/`, err: `site.yaml:1:12: permalink: must contain :slug, so that two digests of one day get different URLs`},
		{src: `permalink: //:slug/`, err: `site.yaml:1:12: permalink: has an empty, . or .. segment`},
		{src: `permalink: /`, err: `site.yaml:1:12: permalink: has an empty, . or .. segment`},
		{src: `permalink: /:yr/:slug/`, err: `site.yaml:1:12: permalink: unknown token in ":yr" (want :year, :month, :day or :slug)`},
		{src: `permalink: /:year/:title/`, err: `site.yaml:1:12: permalink: unknown token in ":title" (want :year, :month, :day or :slug)`},
		{src: `permalink: /x-:/:slug/`, err: `site.yaml:1:12: permalink: unknown token in "x-:" (want :year, :month, :day or :slug)`},
		{src: `permalink: ":year/:slug/"`, err: `site.yaml:1:12: permalink: must start and end with / (like /:year/:month/:day/:slug/)`},
		{src: `permalink: /:year/:slug`, err: `site.yaml:1:12: permalink: must start and end with / (like /:year/:month/:day/:slug/)`},
		{src: `permalink: /`, err: `site.yaml:1:12: permalink: has an empty, . or .. segment`},
		{src: `permalink: /a//:slug/`, err: `site.yaml:1:12: permalink: has an empty, . or .. segment`},
		{src: `permalink: /../:slug/`, err: `site.yaml:1:12: permalink: has an empty, . or .. segment`},
		{src: `permalink: "/my posts/:slug/"`, err: `site.yaml:1:12: permalink: segment "my posts" has a character that is not allowed in a URL path`},
		{src: `permalink: "/:slug?x/"`, err: `site.yaml:1:12: permalink: segment ":slug?x" has a character that is not allowed in a URL path`},
	})
}

func TestPageSize(t *testing.T) {
	runKey(t, func(c *config.Config) string { return strconv.Itoa(c.PageSize) }, []keyCase{
		{src: `page_size: 10`, want: "10"},
		{src: `page_size: 1`, want: "1"},
		{src: `page_size: 1000000`, want: "1000000"},
		{src: `page_size: 0`, err: `site.yaml:1:12: page_size: 0 is out of range (want 1 to 1000000)`},
		{src: `page_size: -3`, err: `site.yaml:1:12: page_size: -3 is out of range (want 1 to 1000000)`},
		{src: `page_size: 1000001`, err: `site.yaml:1:12: page_size: 1000001 is out of range (want 1 to 1000000)`},
		{src: `page_size: ten`, err: `site.yaml:1:12: page_size: want a whole number in digits, such as 20, not a string`},
		{src: `page_size: "10"`, err: `site.yaml:1:12: page_size: want a whole number in digits, such as 20, not a string`},
		{src: `page_size: 2.5`, err: `site.yaml:1:12: page_size: want a whole number in digits, such as 20, not 2.5`},
		{src: `page_size: 99999999999999999999999`, err: `site.yaml:1:12: page_size: 99999999999999999999999 is out of range (want 1 to 1000000)`},
		{src: `page_size: 0x10`, err: `site.yaml:1:12: page_size: want a whole number in digits, such as 20, not 0x10`},
		{src: `page_size: 10.0`, err: `site.yaml:1:12: page_size: want a whole number in digits, such as 20, not 10.0`},
		{src: `page_size: [10]`, err: `site.yaml:1:12: page_size: want a whole number in digits, such as 20, not a list`},
		{src: `page_size:`, err: `site.yaml:1:11: page_size: want a whole number in digits, such as 20, not nothing`},
	})
}

func TestFeedItems(t *testing.T) {
	runKey(t, func(c *config.Config) string { return strconv.Itoa(c.FeedItems) }, []keyCase{
		{src: `feed_items: 50`, want: "50"},
		{src: `feed_items: 0`, want: "0"}, // 0 means all
		{src: `feed_items: -1`, err: `site.yaml:1:13: feed_items: -1 is out of range (want 0 to 1000000)`},
		{src: `feed_items: all`, err: `site.yaml:1:13: feed_items: want a whole number in digits, such as 20, not a string`},
		{src: `feed_items: true`, err: `site.yaml:1:13: feed_items: want a whole number in digits, such as 20, not a boolean`},
	})
}

func TestUnsafeHTML(t *testing.T) {
	runKey(t, func(c *config.Config) string { return strconv.FormatBool(c.UnsafeHTML) }, []keyCase{
		{src: `unsafe_html: true`, want: "true"},
		{src: `unsafe_html: True`, want: "true"},
		{src: `unsafe_html: false`, want: "false"},
		{src: `unsafe_html: "yes"`, err: `site.yaml:1:14: unsafe_html: want true or false, not a string`},
		{src: `unsafe_html: yes`, err: `site.yaml:1:14: unsafe_html: want true or false, not a string`},
		{src: `unsafe_html: "true"`, err: `site.yaml:1:14: unsafe_html: want true or false, not a string`},
		{src: `unsafe_html: 1`, err: `site.yaml:1:14: unsafe_html: want true or false, not a number`},
		{src: `unsafe_html:`, err: `site.yaml:1:13: unsafe_html: want true or false, not nothing`},
	})
}

func TestDefaults(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"missing": {"content/a.md": {Data: []byte("x")}},
		"empty":   {"site.yaml": {Data: nil}},
		"comment": {"site.yaml": {Data: []byte("# nothing set yet\n")}},
		"bom":     {"site.yaml": {Data: []byte("\ufeff")}},
	} {
		t.Run(name, func(t *testing.T) {
			cfg, problems := config.Load(fsys)
			if len(problems) != 0 {
				t.Fatalf("problems: %v", problems)
			}
			got := describe(cfg)
			want := "title=Signal Archive base_url=http://localhost:1313/ path=/ description= language=en " +
				"author= <> timezone=UTC permalink=/:year/:month/:day/:slug/ page_size=20 feed_items=20 unsafe_html=false"
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if cfg.AbsURL("/") != "http://localhost:1313/" {
				t.Errorf("AbsURL(/) = %s", cfg.AbsURL("/"))
			}
		})
	}
}

func describe(c *config.Config) string {
	return "title=" + c.Title + " base_url=" + c.BaseURL.String() + " path=" + c.BasePath() +
		" description=" + c.Description + " language=" + c.Language +
		" author=" + c.Author.Name + " <" + c.Author.Email + ">" + " timezone=" + c.Timezone.String() +
		" permalink=" + c.Permalink + " page_size=" + strconv.Itoa(c.PageSize) + " feed_items=" + strconv.Itoa(c.FeedItems) +
		" unsafe_html=" + strconv.FormatBool(c.UnsafeHTML)
}
