package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Options choose an archive.
type Options struct {
	N    int       // number of digests
	Seed uint64    // the same seed gives the same archive
	End  time.Time // the date of the newest digest (default 2026-11-24)
}

// Digest is one synthetic digest.
type Digest struct {
	Date       time.Time
	Slug       string
	Title      string
	Stance     string // bullish, bearish, neutral or mixed
	Scope      string // "" or the words in parentheses after the stance
	Conviction string // low, medium or high
	Themes     []string
	Handles    []string // every handle cited, without @; the first two carry notes
	Notes      []string // notes of the first handles
	Summary    string
	Body       string // Markdown
}

// Consensus is the front matter value: the stance, then the scope.
func (d *Digest) Consensus() string {
	s := strings.ToUpper(d.Stance[:1]) + d.Stance[1:]
	if d.Scope != "" {
		s += " (" + d.Scope + ")"
	}
	return s
}

// Generate makes the digests of an archive, newest first.
func Generate(opts Options) []*Digest {
	end := opts.End
	if end.IsZero() {
		end = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	}
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5157a1))
	g := &generator{
		r:       r,
		themes:  names(themeWords, themeNouns, 200, " "),
		handles: names(handleWords, handleNouns, 500, "_"),
	}
	g.themeZipf = rand.NewZipf(r, 1.1, 3, uint64(len(g.themes)-1))
	g.handleZipf = rand.NewZipf(r, 1.1, 3, uint64(len(g.handles)-1))
	perDay := (opts.N + 3649) / 3650
	digests := make([]*Digest, opts.N)
	for i := range digests {
		digests[i] = g.digest(i, end.AddDate(0, 0, -i/perDay))
	}
	return digests
}

type generator struct {
	r                     *rand.Rand
	themes, handles       []string
	themeZipf, handleZipf *rand.Zipf
}

// names combines two word lists into n distinct names, in a fixed order.
func names(first, second []string, n int, sep string) []string {
	var out []string
	for i := 0; len(out) < n; i++ {
		a := first[i%len(first)]
		b := second[(i/len(first)+i%len(first))%len(second)]
		out = append(out, a+sep+b)
	}
	return out
}

// pick draws k distinct entries of list through z.
func (g *generator) pick(list []string, z *rand.Zipf, k int) []string {
	seen := make(map[uint64]bool, k)
	var out []string
	for len(out) < k {
		i := z.Uint64()
		if seen[i] {
			continue
		}
		seen[i] = true
		out = append(out, list[i])
	}
	return out
}

func (g *generator) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *generator) word(list []string) string { return list[g.r.IntN(len(list))] }

var stances = []string{"bullish", "bearish", "neutral", "mixed"}
var levels = []string{"low", "medium", "high"}

func (g *generator) digest(i int, date time.Time) *Digest {
	d := &Digest{
		Date:       date,
		Stance:     stances[g.r.IntN(len(stances))],
		Conviction: levels[g.r.IntN(len(levels))],
		Themes:     g.pick(g.themes, g.themeZipf, g.between(3, 6)),
		Handles:    g.pick(g.handles, g.handleZipf, g.between(4, 6)),
	}
	if g.r.IntN(3) == 0 {
		d.Scope = "for " + g.word(subjects)
	}
	d.Title = g.title()
	d.Slug = fmt.Sprintf("%s-%06d", slug(d.Title), i)
	d.Summary = g.sentence() + " " + g.sentence()
	d.Notes = []string{g.phrase(), g.phrase()}
	d.Body = g.body(d)
	return d
}

func (g *generator) title() string {
	t := g.word(subjects) + " " + g.word(verbs) + " " + g.word(objects)
	return strings.ToUpper(t[:1]) + t[1:]
}

func (g *generator) phrase() string {
	return g.word(subjects) + " " + g.word(verbs) + " " + g.word(objects)
}

func (g *generator) sentence() string {
	s := g.phrase()
	if g.r.IntN(2) == 0 {
		s += " " + g.word(qualifiers)
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *generator) sentences(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.sentence()
	}
	return strings.Join(parts, " ")
}

// body writes the Markdown of d: its items cite every handle, the blind spot
// repeats one, and one digest in ten carries a code block.
func (g *generator) body(d *Digest) string {
	var b strings.Builder
	b.WriteString("## What's Moving\n\n")
	items := g.between(4, 6)
	for k := range items {
		headline := g.phrase()
		via := "@" + d.Handles[k%len(d.Handles)]
		if k == items-1 && k+1 < len(d.Handles) {
			via += ", @" + strings.Join(d.Handles[k+1:], ", @")
		}
		fmt.Fprintf(&b, "- **%s%s** — %s (via %s) %s\n",
			strings.ToUpper(headline[:1]), headline[1:], g.sentences(2), via, g.sentence())
	}
	b.WriteString("\n## Blind Spot\n\n")
	fmt.Fprintf(&b, "%s @%s %s %s\n", g.sentences(2), d.Handles[0], g.phrase()+".", g.sentences(2))
	if g.r.IntN(10) == 0 {
		fmt.Fprintf(&b, "\n```go\n// %s\nfunc exposure(weights map[string]float64) float64 {\n\tvar sum float64\n\tfor _, w := range weights {\n\t\tsum += w * %d.5\n\t}\n\treturn sum\n}\n```\n", g.phrase(), g.r.IntN(9)+1)
	}
	b.WriteString("\n## One Actionable Idea\n\n")
	b.WriteString(g.sentences(4) + "\n")
	return b.String()
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
