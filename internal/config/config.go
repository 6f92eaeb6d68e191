package config

import (
	_ "time/tzdata" // zones for site.yaml timezone on machines without a zone database

	"errors"
	"io"
	"io/fs"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/language"

	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/meta"
)

// File is the name of the settings file in a site folder.
const File = "site.yaml"

// Config holds a site's settings.
type Config struct {
	Title   string
	BaseURL *url.URL // absolute, its path ending in "/"
	// BaseURLSet is whether site.yaml gives base_url: without it, the
	// default makes every absolute URL point at a preview on localhost.
	BaseURLSet  bool
	Description string
	Language    string
	Author      Author
	Timezone    *time.Location
	Permalink   string // a pattern of literal segments and :year :month :day :slug
	PageSize    int
	FeedItems   int // 0: all
	UnsafeHTML  bool
}

// Direction is the direction of the script of the site's language: "rtl"
// for Arabic, Hebrew, Persian, Urdu and the others written from the right
// today (scripts of history, such as Phoenician, are left out), else "ltr".
func (c *Config) Direction() string {
	script, _ := language.Make(c.Language).Script()
	switch script.String() {
	case "Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi":
		return "rtl"
	}
	return "ltr"
}

// Author is the site's author, named in feeds and metadata.
type Author struct {
	Name  string
	Email string
}

// Default returns the settings of a site with no site.yaml.
func Default() *Config {
	u, _ := url.Parse("http://localhost:1313/")
	return &Config{
		Title:     "Signal Archive",
		BaseURL:   u,
		Language:  "en",
		Timezone:  time.UTC,
		Permalink: "/:year/:month/:day/:slug/",
		PageSize:  20,
		FeedItems: 20,
	}
}

// BasePath is the path of base_url as a link writes it (escaped),
// starting and ending with "/".
func (c *Config) BasePath() string { return c.BaseURL.EscapedPath() }

// AbsURL returns the absolute URL of a site path such as "/themes/".
func (c *Config) AbsURL(sitePath string) string {
	return strings.TrimSuffix(c.BaseURL.String(), "/") + "/" + strings.TrimPrefix(sitePath, "/")
}

// Load reads site.yaml from the root of fsys. A missing file gives the
// defaults. The returned list holds warnings and errors; the Config is nil
// when there are errors.
func Load(fsys fs.FS) (*Config, diag.List) {
	cfg, problems, _ := Lenient(fsys)
	if problems.Err() != nil {
		return nil, problems
	}
	return cfg, problems
}

// MaxFile is the most bytes site.yaml may hold, as a digest may.
const MaxFile = 1 << 20

// readFile reads site.yaml, up to one byte more than MaxFile.
func readFile(fsys fs.FS) ([]byte, error) {
	f, err := fsys.Open(File)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxFile+1))
}

// Lenient is Load for a run that reports every problem at once: beside
// site.yaml's errors it returns settings to check the digests with, each
// broken one at its default (all of them when site.yaml cannot be read or
// is not YAML). guessed reports whether a setting that reading a digest
// depends on (timezone, permalink, unsafe_html) is among them: the digests'
// errors hold then, since no setting makes a bad digest good, but their
// warnings may be of the defaults rather than of the site.
func Lenient(fsys fs.FS) (cfg *Config, problems diag.List, guessed bool) {
	data, err := readFile(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		return Default(), nil, false
	}
	if err != nil {
		problems.Add(File, 0, 0, "cannot read: %v", diag.Pathless(err))
		return Default(), problems, true
	}
	if len(data) > MaxFile {
		// Its title and description are on every page and in every feed:
		// ten megabytes of them made a one-digest site of 600 MB.
		problems.Add(File, 0, 0, "the file is more than %d MB; site.yaml may be at most %d MB, as a digest may", MaxFile>>20, MaxFile>>20)
		return Default(), problems, true
	}
	cfg, problems, readable := parse(data)
	if cfg == nil {
		cfg = Default()
	}
	return cfg, problems, problems.Err() != nil && !readable
}

// Parse reads the contents of a site.yaml.
func Parse(data []byte) (*Config, diag.List) {
	cfg, problems, _ := parse(data)
	if problems.Err() != nil {
		return nil, problems
	}
	return cfg, problems
}

// digestKeys are the settings that reading a digest depends on: its dates,
// its permalink, what its body may hold.
var digestKeys = []string{"timezone", "permalink", "unsafe_html"}

// parse reads a site.yaml, and reports whether digests can be read with
// what it gives: whether every setting they depend on was read.
func parse(data []byte) (cfg *Config, problems diag.List, readable bool) {
	data = []byte(strings.TrimPrefix(string(data), "\ufeff"))
	root, problems := meta.Parse(File, data, 0)
	if root == nil {
		return nil, problems, false
	}
	cfg, readable = Default(), true
	d := decoder{problems: problems}
	switch root.Kind {
	case meta.Null:
	case meta.Map:
		for _, f := range root.Fields {
			before := len(d.problems)
			d.field(cfg, f)
			if d.problems[before:].Err() != nil && slices.Contains(digestKeys, f.Key) {
				readable = false
			}
		}
	default:
		d.errorf(root, "site.yaml must be a mapping of settings, not %s", root.Describe())
		readable = false
	}
	return cfg, d.problems, readable
}

type decoder struct{ problems diag.List }

func (d *decoder) errorf(n *meta.Node, format string, args ...any) {
	d.problems.Add(File, n.Line, n.Col, format, args...)
}

func (d *decoder) field(cfg *Config, f *meta.Field) {
	v := f.Value
	switch f.Key {
	case "title":
		d.str(v, f.Key, &cfg.Title, false)
	case "description":
		d.str(v, f.Key, &cfg.Description, true)
	case "base_url":
		var s string
		if d.str(v, f.Key, &s, false) {
			if u, msg := ParseBaseURL(s); msg != "" {
				d.errorf(v, "base_url: %s", msg)
			} else {
				cfg.BaseURL, cfg.BaseURLSet = u, true
			}
		}
	case "language":
		var s string
		if d.str(v, f.Key, &s, false) {
			tag, err := language.Parse(s)
			if err != nil {
				d.errorf(v, "language: %q is not a BCP 47 language tag (want e.g. en or pt-BR)", s)
			} else {
				cfg.Language = tag.String()
			}
		}
	case "author":
		d.author(v, &cfg.Author)
	case "timezone":
		var s string
		if d.str(v, f.Key, &s, false) {
			loc, err := time.LoadLocation(s)
			if err != nil || s == "Local" {
				d.errorf(v, "timezone: unknown zone %q (want an IANA name such as UTC or Europe/Paris)", s)
			} else {
				cfg.Timezone = loc
			}
		}
	case "permalink":
		var s string
		if d.str(v, f.Key, &s, false) {
			if msg := checkPermalink(s); msg != "" {
				d.errorf(v, "permalink: %s", msg)
			} else {
				cfg.Permalink = s
			}
		}
	case "page_size":
		d.int(v, f.Key, &cfg.PageSize, 1)
	case "feed_items":
		d.int(v, f.Key, &cfg.FeedItems, 0)
	case "unsafe_html":
		if v.Kind != meta.Scalar || v.Tag != "!!bool" {
			d.errorf(v, "unsafe_html: want true or false, not %s", v.Describe())
		} else {
			cfg.UnsafeHTML = v.Value == "true" || v.Value == "True" || v.Value == "TRUE"
		}
	default:
		d.problems.Warn(File, f.Line, f.Col, "unknown key %q is ignored%s", f.Key, suggest(f.Key))
	}
}

// str reads a scalar string into dst. Empty is allowed only when asked.
func (d *decoder) str(v *meta.Node, key string, dst *string, emptyOK bool) bool {
	if v.Kind != meta.Scalar {
		if v.Kind == meta.Null && emptyOK {
			*dst = ""
			return true
		}
		d.errorf(v, "%s: want a string, not %s", key, v.Describe())
		return false
	}
	s := strings.TrimSpace(v.Value)
	if s == "" && !emptyOK {
		d.errorf(v, "%s: must not be empty", key)
		return false
	}
	*dst = s
	return true
}

func (d *decoder) int(v *meta.Node, key string, dst *int, min int) {
	n, err := strconv.Atoi(v.Value)
	if v.Kind != meta.Scalar || v.Tag != "!!int" || err != nil {
		what := v.Describe()
		if v.Kind == meta.Scalar && (v.Tag == "!!int" || v.Tag == "!!float") {
			what = v.Value // 2.5, 10.0, 0x10: the number as written
		}
		if errors.Is(err, strconv.ErrRange) {
			d.errorf(v, "%s: %s is out of range (want %d to 1000000)", key, v.Value, min)
		} else {
			d.errorf(v, "%s: want a whole number in digits, such as 20, not %s", key, what)
		}
		return
	}
	if n < min || n > 1_000_000 {
		d.errorf(v, "%s: %d is out of range (want %d to 1000000)", key, n, min)
		return
	}
	*dst = n
}

func (d *decoder) author(v *meta.Node, a *Author) {
	switch v.Kind {
	case meta.Scalar: // author: "Jane Doe"
		d.str(v, "author", &a.Name, false)
	case meta.Map:
		for _, f := range v.Fields {
			switch f.Key {
			case "name":
				d.str(f.Value, "author.name", &a.Name, false)
			case "email":
				if d.str(f.Value, "author.email", &a.Email, false) {
					if addr, err := mail.ParseAddress(a.Email); err != nil || addr.Address != a.Email {
						d.errorf(f.Value, "author.email: %q is not an email address", a.Email)
					}
				}
			default:
				d.problems.Warn(File, f.Line, f.Col, "unknown key \"author.%s\" is ignored (want name or email)", f.Key)
			}
		}
	default:
		d.errorf(v, "author: want a mapping with name and email, not %s", v.Describe())
	}
}

// ParseBaseURL reads a base_url, from site.yaml or the command line: an
// absolute http or https URL, its path ending in /. It returns why it is
// refused when it is.
func ParseBaseURL(s string) (*url.URL, string) {
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, "want an absolute URL such as https://example.org/ (got " + strconv.Quote(s) + ")"
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, "want an http or https URL, not " + u.Scheme + ":"
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.ForceQuery || strings.HasSuffix(s, "#") {
		return nil, "must not carry a query, fragment or user name"
	}
	// Every link of the site starts with the path: an empty segment (//)
	// would make it name another host.
	if strings.Contains(u.EscapedPath(), "//") {
		return nil, "its path has an empty segment (//)"
	}
	// Nor may it hold . or .. as a segment, which browsers resolve away,
	// so that links and feeds would name another path than the site's.
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return nil, "its path has a " + seg + " segment; write the path it stands for"
		}
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, "its port " + strconv.Quote(p) + " is not one from 1 to 65535"
		}
	}
	// A host in letters other than ASCII goes in every URL as the DNS
	// knows it, in Punycode: as written, url.URL escapes it with %, which
	// no browser or feed reader resolves.
	if h, port := u.Hostname(), u.Port(); !isASCII(h) {
		ascii, err := idna.Lookup.ToASCII(h)
		if err != nil {
			return nil, "its host " + strconv.Quote(h) + " is not a domain name: " + err.Error()
		}
		u.Host = ascii
		if port != "" {
			u.Host += ":" + port
		}
	}
	// Host names know no case: canonical links and feed ids are written
	// in the lower case that every other tool writes them in.
	u.Host = strings.ToLower(u.Host)
	u.Scheme = strings.ToLower(u.Scheme)
	// The path is written one way everywhere: as written (%2F stays a
	// character of a segment), but with ( ) and ' escaped, as html/template
	// escapes them in a link and not in a meta tag, a feed or the sitemap,
	// and [ ], which a path may not hold (RFC 3986).
	escaped := pathEscaper.Replace(u.EscapedPath())
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		escaped += "/"
	}
	u.RawPath = escaped
	return u, ""
}

var pathEscaper = strings.NewReplacer("(", "%28", ")", "%29", "'", "%27", "[", "%5B", "]", "%5D")

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Permalink tokens, in the order they may appear.
var permalinkTokens = []string{":year", ":month", ":day", ":slug"}

func checkPermalink(p string) string {
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		return "must start and end with / (like /:year/:month/:day/:slug/)"
	}
	hasSlug := false
	for _, seg := range strings.Split(strings.TrimPrefix(strings.TrimSuffix(p, "/"), "/"), "/") {
		if seg == "" || seg == "." || seg == ".." {
			return "has an empty, . or .. segment"
		}
		rest := seg
		for rest != "" {
			i := strings.IndexByte(rest, ':')
			if i < 0 {
				break
			}
			rest = rest[i:]
			tok := ""
			for _, t := range permalinkTokens {
				if strings.HasPrefix(rest, t) {
					tok = t
				}
			}
			if tok == "" {
				return "unknown token in " + strconv.Quote(seg) + " (want :year, :month, :day or :slug)"
			}
			if tok == ":slug" {
				hasSlug = true
			}
			rest = rest[len(tok):]
		}
		if strings.ContainsAny(seg, "?#%\\ ") {
			return "segment " + strconv.Quote(seg) + " has a character that is not allowed in a URL path"
		}
	}
	if !hasSlug {
		return "must contain :slug, so that two digests of one day get different URLs"
	}
	return ""
}

var known = []string{"title", "base_url", "description", "language", "author", "timezone", "permalink", "page_size", "feed_items", "unsafe_html"}

// suggest names a known key close to an unknown one: "baseurl" → base_url.
func suggest(key string) string {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "_", "") }
	for _, k := range known {
		if norm(k) == norm(strings.ReplaceAll(key, "-", "")) {
			return " (did you mean " + k + "?)"
		}
	}
	if k := diag.Nearest(key, known...); k != "" {
		return " (did you mean " + k + "?)" // titel, page_szie
	}
	return ""
}
