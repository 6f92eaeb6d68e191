package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Stance is a digest's consensus: bullish, bearish, neutral or mixed.
type Stance string

// Conviction is how strongly a digest holds its stance: low, medium or high.
type Conviction string

// The stances and convictions, in the order pages list them.
var (
	Stances     = []Stance{"bullish", "bearish", "neutral", "mixed"}
	Convictions = []Conviction{"low", "medium", "high"}
)

// Consensus is what a digest's badges show. Digests that agree in all
// three share one rendering of their badges.
type Consensus struct {
	Stance     Stance
	Scope      string
	Conviction Conviction
}

// Consensus returns the digest's stance, scope and conviction.
func (d *Digest) Consensus() Consensus { return Consensus{d.Stance, d.Scope, d.Conviction} }

// Title is the stance's name for display: "Bullish".
func (s Stance) Title() string { return capitalize(string(s)) }

// Title is the conviction's name for display: "High".
func (c Conviction) Title() string { return capitalize(string(c)) }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

var consensusRE = regexp.MustCompile(`^([A-Za-z]+)\s*(?:[(（](.*)[)）])?$`) // （…）: full-width, as CJK text writes them

// ParseConsensus reads a consensus as front matter holds it, "Bearish (for
// pure-play AI labs)", into a stance and a scope. The importer checks text
// with it too, so that what it writes passes Load.
func ParseConsensus(s string) (Stance, string, error) {
	s = strings.TrimSpace(s)
	m := consensusRE.FindStringSubmatch(s)
	if m == nil {
		return "", "", fmt.Errorf("want a stance with an optional scope in parentheses, like \"Bearish (for pure-play AI labs)\", not %q", s)
	}
	st := Stance(strings.ToLower(m[1]))
	for _, known := range Stances {
		if st == known {
			return st, strings.Join(strings.Fields(m[2]), " "), nil
		}
	}
	return "", "", fmt.Errorf("unknown stance %q (want bullish, bearish, neutral or mixed)", m[1])
}

// ParseConviction reads a conviction as front matter holds it: "High".
func ParseConviction(s string) (Conviction, error) {
	c := Conviction(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Convictions {
		if c == known {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown conviction %q (want low, medium or high)", s)
}

// Date layouts accepted in front matter; see the package doc.
var (
	zonedLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00"}
	localLayouts = []string{
		"2006-01-02",
		"2006-01-02T15:04:05", "2006-01-02 15:04:05",
		"2006-01-02T15:04", "2006-01-02 15:04",
	}
)

// yamlZoned is a YAML 1.1 timestamp with a zone, as Hugo reads it: spaces
// may come before the zone, and an offset may be hours alone
// ("2001-12-14 21:59:43.10 -5").
var yamlZoned = regexp.MustCompile(`^(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(?:\.\d+)?)[ \t]*(?:[Zz]|([-+])(\d\d?)(?::(\d\d))?)$`)

// ParseDay reads a day given on the command line (--date): YYYY-MM-DD, in
// a year from 1000 to 9999, at midnight in loc.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil || t.Year() < 1000 {
		return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD, in a year from 1000 to 9999)", s)
	}
	return t, nil
}

// parseDate reads a front matter date; times without a zone are in loc.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	zoned := s
	if m := yamlZoned.FindStringSubmatch(s); m != nil {
		zoned = m[1] + "Z"
		if m[2] != "" {
			zoned = m[1] + m[2] + fmt.Sprintf("%02s:%02s", m[3], m[4])
		}
	}
	for _, l := range zonedLayouts {
		// RFC 3339 allows a lower-case t and z, and a space for the T.
		if t, err := time.Parse(l, strings.ToUpper(zoned)); err == nil {
			// Pages, the sitemap and RSS show whole seconds: so does every
			// other place, JSON Feed too, and a fraction orders nothing.
			return inRange(s, t.Truncate(time.Second).In(loc))
		}
	}
	for i, l := range localLayouts {
		t, err := time.ParseInLocation(l, s, loc)
		if err != nil {
			continue
		}
		t = t.Truncate(time.Second) // Go reads a fraction after the seconds
		wall, _ := time.Parse(l, s)
		switch {
		case sameWall(t, wall):
			// A time the clocks pass twice, as they go back, is the
			// first of the two in every zone, as in RFC 5545: Go picks
			// one by the sign of the offset.
			return inRange(s, firstOf(t))
		case i == 0:
			// A day whose midnight the clocks skip (Santiago, Cairo)
			// starts when they stop, where Go may put its midnight on the
			// day before or at another time.
			if start, ok := dayStart(t, wall); ok {
				return inRange(s, start)
			}
			return time.Time{}, fmt.Errorf("%q does not exist in %s: its clocks skip that day", s, loc)
		default:
			// Any other time that the clocks skip, as they go forward,
			// is moved by Go to another: say so rather than publish that.
			return time.Time{}, skipped(s, t, wall, loc)
		}
	}
	if msg := noSuchDay(s); msg != "" {
		return time.Time{}, fmt.Errorf("%q is not a date: %s", s, msg)
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] in the site's timezone, or an RFC 3339 date-time such as 2026-11-24T07:30:00Z)", s)
}

// sameWall reports whether t, in its zone, reads as the clock time of wall.
func sameWall(t, wall time.Time) bool {
	y, m, d := t.Date()
	wy, wm, wd := wall.Date()
	return y == wy && m == wm && d == wd && t.Hour() == wall.Hour() && t.Minute() == wall.Minute() && t.Second() == wall.Second()
}

// dayStart returns the first moment of the day of wall in t's zone, a day
// whose midnight the clocks skip, t being the time Go gave for it: the
// change of clocks near t that starts the day.
func dayStart(t, wall time.Time) (time.Time, bool) {
	y, m, d := wall.Date()
	on := func(x time.Time) bool {
		xy, xm, xd := x.Date()
		return xy == y && xm == m && xd == d
	}
	start, end := t.ZoneBounds()
	changes := []time.Time{start, end}
	if !start.IsZero() {
		before, _ := start.Add(-time.Second).ZoneBounds()
		changes = append(changes, before)
	}
	if !end.IsZero() {
		_, after := end.ZoneBounds()
		changes = append(changes, after)
	}
	for _, c := range changes {
		if !c.IsZero() && on(c.In(t.Location())) && !on(c.Add(-time.Second).In(t.Location())) {
			return c.In(t.Location()), true
		}
	}
	return time.Time{}, false
}

// firstOf returns the first moment whose clock time, in t's zone, is t's:
// t itself, unless the clocks went back over it.
func firstOf(t time.Time) time.Time {
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, before := start.Add(-time.Second).Zone()
	_, now := t.Zone()
	if before <= now {
		return t
	}
	if earlier := t.Add(-time.Duration(before-now) * time.Second); earlier.Before(start) {
		return earlier
	}
	return t
}

// skipped is the error for a clock time that t's zone skips, with the
// clocks of that change and the time written with the offset before it.
func skipped(s string, t, wall time.Time, loc *time.Location) error {
	start, end := t.ZoneBounds()
	change := start // Go moved the time past the change, or before it
	if !end.IsZero() && (start.IsZero() || end.Sub(t) < t.Sub(start)) {
		change = end
	}
	_, before := change.Add(-time.Second).Zone()
	from := change.In(time.FixedZone("", before))
	withOffset := wall.Format("2006-01-02T15:04:05") + from.Format("-07:00")
	return fmt.Errorf("%q does not exist in %s: its clocks go from %s to %s that day (write a time from %s, or give an offset, as in %s)",
		s, loc, from.Format("15:04"), change.In(loc).Format("15:04"), change.In(loc).Format("15:04"), withOffset)
}

// noSuchDay says why a date written as YYYY-MM-DD is not one, when its
// month or day is past the end: "November 2026 has 30 days".
func noSuchDay(s string) string {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	y, errY := strconv.Atoi(s[:4])
	m, errM := strconv.Atoi(s[5:7])
	d, errD := strconv.Atoi(s[8:10])
	switch {
	case errY != nil || errM != nil || errD != nil:
		return ""
	case m < 1 || m > 12:
		return "a year has 12 months"
	case d < 1 || d > daysIn(y, time.Month(m)):
		return fmt.Sprintf("%s %d has %d days", time.Month(m), y, daysIn(y, time.Month(m)))
	}
	return ""
}

func daysIn(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// inRange refuses years that are not four digits once in the site's zone.
// 9999-12-31T23:59:59-23:59 is in the year 10000 in UTC, which permalinks,
// feeds and JSON (time.Time.MarshalJSON fails on it) cannot write: FuzzDate
// found it. 0001-01-01 in UTC is Go's zero time, which means "no date":
// FuzzFrontMatter found that.
func inRange(s string, t time.Time) (time.Time, error) {
	if y := t.Year(); y < 1000 || y > 9999 {
		return time.Time{}, fmt.Errorf("%q is not a date this site can publish: it falls in the year %d in the site's time zone (want a year from 1000 to 9999)", s, y)
	}
	return t, nil
}

// checkSlug validates a slug given in front matter: it must be a slug
// already, as Slugify makes them from file names and theme names, so that
// `slug: política-industrial` works as the file name
// 2026-11-24-política-industrial.md does.
func checkSlug(s string) error {
	if len(s) > MaxSlug {
		return fmt.Errorf("%d bytes; a slug names a folder of the site: at most %d", len(s), MaxSlug)
	}
	if want := Slugify(s); want != s {
		const rule = "may hold only lower-case letters and digits, with single - between them (it is one URL segment, never a path)"
		if norm.NFC.String(s) == want {
			return fmt.Errorf("%+q has a letter and its accent as two characters: write them as one, %+q (Unicode NFC)", s, want)
		}
		if want == "" {
			return fmt.Errorf("%q %s", s, rule)
		}
		return fmt.Errorf("%q %s: %q is one", s, rule, want)
	}
	return nil
}
