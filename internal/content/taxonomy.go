package content

import (
	"path"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Slugify turns a theme's name into its slug: lower case, every run of
// characters other than letters and digits turned into one -, trimmed of -.
// Letters of every script are kept, with their combining marks, in NFC form:
// "Política Industrial" → "política-industrial". A capital sigma that ends
// a word becomes ς, as in lower-case Greek, so that "ΕΝΈΡΓΕΙΑΣ" and
// "Ενέργειας" are one theme.
func Slugify(name string) string {
	if strings.ContainsRune(name, 'Σ') {
		// strings.ToLower maps each letter alone, and Σ always to σ; x/text's
		// Lower knows the Final_Sigma rule. It differs from ToLower in one
		// other letter only: İ, which it makes i and a combining dot, and
		// ToLower the plain i that a slug wants.
		name = cases.Lower(language.Und).String(strings.ReplaceAll(name, "İ", "I"))
	}
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(strings.ToLower(name)) {
		mark := unicode.Is(unicode.M, r)
		if mark && (b.Len() == 0 || dash) {
			dash = true // a mark on no letter: "\u0301\u0301" gives no slug
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || mark {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

var datePrefixRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// fileSlug is the default slug of a digest: its file name without extension
// and date prefix, slugified like a theme.
func fileSlug(base string) string {
	stem := strings.TrimSuffix(base, path.Ext(base)) // .md in any case, as Load finds them
	if s := Slugify(datePrefixRE.ReplaceAllString(stem, "")); s != "" {
		return s
	}
	return Slugify(stem)
}

// apostrophe is one inside a word, with the letters on its sides.
var apostrophe = regexp.MustCompile(`([\pL\pN])['’]([\pL\pN])`)

// maxFileSlug keeps the names of new digest files well under the 255 bytes
// file systems allow, whatever script the title is in.
const maxFileSlug = 80

// FileSlug is the slug of a new digest's file name, which becomes its
// permalink's: the title slugified, cut on a - to at most 80 bytes, or
// "digest" for a title without letters or digits ("🚀🚀"), which is a
// title all the same.
func FileSlug(title string) string {
	// An apostrophe inside a word joins it, as Hugo and Zola slug titles:
	// "the Fed's dilemma" is the-feds-dilemma, not the-fed-s-dilemma.
	joined := apostrophe.ReplaceAllString(title, "$1$2")
	joined = apostrophe.ReplaceAllString(joined, "$1$2") // Rock'n'roll: the matches overlap
	s := Slugify(joined)
	if s == "" {
		return "digest"
	}
	if len(s) <= maxFileSlug {
		return s
	}
	cut := maxFileSlug
	for cut > 0 && s[cut] != '-' {
		cut--
	}
	if cut == 0 { // one long word
		cut = maxFileSlug
		for !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut]
}

// Theme is a theme of the archive.
type Theme struct {
	Slug string
	Name string // the one spelling shown for every digest that has it
}

// spellings counts how each slug is written, to choose one name for it.
type spellings map[string]map[string]int

func (s spellings) add(slug, name string) {
	if s[slug] == nil {
		s[slug] = map[string]int{}
	}
	s[slug][name]++
}

func (s spellings) addThemes(d *Digest) {
	for _, t := range d.Themes {
		s.add(t.Slug, t.Name)
	}
}

func (s spellings) addHandles(d *Digest) {
	for _, src := range d.Sources {
		s.add(src.Slug, src.Handle)
	}
}

// names chooses, for each slug, its most used spelling; among spellings used
// equally often, the first in byte order. The choice depends only on the
// set of files, never on the order they were read.
func (s spellings) names() map[string]string {
	out := make(map[string]string, len(s))
	for slug, counts := range s {
		best, n := "", -1
		for name, c := range counts {
			if c > n || c == n && name < best {
				best, n = name, c
			}
		}
		out[slug] = best
	}
	return out
}

// names holds one copy of each theme name, handle and slug that the digests
// of a load spell: a theme shows on thousands of digests, and at 100,000
// digests their copies were some 40 MB of a build's memory.
type names struct{ m sync.Map }

// of returns the copy of s that n holds, keeping s when it is new.
func (n *names) of(s string) string {
	if n == nil {
		return s
	}
	if v, ok := n.m.Load(s); ok {
		return v.(string)
	}
	v, _ := n.m.LoadOrStore(s, s)
	return v.(string)
}
