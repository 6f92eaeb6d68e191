package content

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzConsensus checks the consensus, conviction and slug parsers on any
// text: no panic, and what they accept is a known value that reads back
// the same. The importer relies on ParseConsensus agreeing with Load.
func FuzzConsensus(f *testing.F) {
	for _, s := range []string{
		"Bearish (for pure-play AI labs)", "bullish", "NEUTRAL ()", "Mixed(  a  b )", "bulish",
		"Bearish (a) (b)", "(scope)", "Bullish (\n)", "High", " medium ", "", "mixed (ünïcode)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if st, scope, err := ParseConsensus(s); err == nil {
			if !slices.Contains(Stances, st) {
				t.Fatalf("ParseConsensus(%q) = stance %q", s, st)
			}
			if scope != strings.Join(strings.Fields(scope), " ") {
				t.Fatalf("ParseConsensus(%q): scope %q has loose space", s, scope)
			}
			again := st.Title()
			if scope != "" {
				again += " (" + scope + ")"
			}
			if st2, scope2, err := ParseConsensus(again); err != nil || st2 != st || scope2 != scope {
				t.Fatalf("%q read back as %q %q %v", again, st2, scope2, err)
			}
		} else if err.Error() == "" {
			t.Fatal("an empty error")
		}
		if c, err := ParseConviction(s); err == nil && !slices.Contains(Convictions, c) {
			t.Fatalf("ParseConviction(%q) = %q", s, c)
		}
		slug := Slugify(s)
		if strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || strings.Contains(slug, "--") ||
			strings.ContainsAny(slug, "/\\?#%. ") || !utf8.ValidString(slug) {
			t.Fatalf("Slugify(%q) = %q", s, slug)
		}
		if Slugify(slug) != slug {
			t.Fatalf("Slugify is not idempotent on %q: %q then %q", s, slug, Slugify(slug))
		}
		if err := checkSlug(s); err == nil && Slugify(s) != s {
			t.Fatalf("slug %q is accepted but slugifies to %q", s, Slugify(s))
		}
	})
}

// FuzzDate checks the front matter date parser: no panic, and a date it
// accepts prints back, in the same zone, as a date it reads the same.
func FuzzDate(f *testing.F) {
	for _, s := range []string{
		"2026-11-24", "2026-11-24T07:30:00Z", "2026-11-24T07:30:00.123456789+05:30", "2026-11-24 07:30",
		"2026-11-24T07:30", "2026-02-30", "26-11-24", "2026-11-24T25:00:00Z", " 2026-11-24 ", "9999-12-31T23:59:59-23:59",
	} {
		f.Add(s)
	}
	loc := time.FixedZone("test", -3*3600)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate(s, loc)
		if err != nil {
			if !strings.Contains(err.Error(), "is not a date") && !strings.Contains(err.Error(), "in the year") {
				t.Fatalf("parseDate(%q): %v", s, err)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("parseDate(%q) is the zero time", s)
		}
		back, err := parseDate(d.Format(time.RFC3339Nano), loc)
		if err != nil || !back.Equal(d) {
			t.Fatalf("parseDate(%q) = %v, which reads back as %v, %v", s, d, back, err)
		}
	})
}
