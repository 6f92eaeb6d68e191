package content_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/signaldigest/signal/internal/content"
)

func TestSlugify(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Política Industrial", "política-industrial"},
		{"Open Models", "open-models"},
		{"open-models", "open-models"},
		{"  OPEN  models!!", "open-models"},
		{"open_models", "open-models"},
		{"Open\tModels\n", "open-models"},
		{"Pol\u0069\u0301tica", "política"}, // NFD in, NFC out
		{"Poli\u0301tica", "política"},
		{"半导体 供应链", "半导体-供应链"},
		{"Ünïcödé Ärger", "ünïcödé-ärger"},
		{"ΣΟΦΙΑ", "σοφια"},
		{"ΠΟΛΙΤΙΚΉ ΕΝΈΡΓΕΙΑΣ", "πολιτική-ενέργειας"}, // a final sigma
		{"Πολιτική Ενέργειας", "πολιτική-ενέργειας"},
		{"ΟΔΟΣ-Α", "οδος-α"},
		{"ΟΔΟΣ'Α", "οδοσ-α"}, // an apostrophe does not end the word
		{"ΣΟΣ İSTANBUL", "σος-istanbul"},
		{"İstanbul", "istanbul"},
		{"\u0301\u0301", ""}, // marks on no letter
		{"a \u0301b", "a-b"},
		{"2026 Capex", "2026-capex"},
		{"Q3", "q3"},
		{"٢٠٢٦", "٢٠٢٦"},
		{"--AI--", "ai"},
		{"(Rates)", "rates"},
		{"...Chips & Memory...", "chips-memory"},
		{"AT&T", "at-t"},
		{"C++", "c"},
		{"AI 🤖 Chips", "ai-chips"},
		{"!!!", ""},
		{"— · —", ""},
		{"", ""},
		{"   ", ""},
	} {
		if got := content.Slugify(c.name); got != c.want {
			t.Errorf("Slugify(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// The spelling chosen for a theme or a handle depends on which files say
// what, never on the order of the files: each arrangement of the contents
// of names.txtar among its file names gives the same spellings.
func TestNamesIgnoreFileOrder(t *testing.T) {
	a, err := txtar.ParseFile("testdata/names.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var names, bodies []string
	for _, f := range a.Files {
		if strings.HasPrefix(f.Name, "content/") {
			names = append(names, f.Name)
			bodies = append(bodies, string(f.Data))
		}
	}
	var want string
	for _, perm := range permutations(len(names)) {
		fsys := fstest.MapFS{}
		for i, p := range perm {
			fsys[names[i]] = &fstest.MapFile{Data: []byte(bodies[p])}
		}
		digests, problems := load(fsys)
		if problems.Err() != nil {
			t.Fatal(problems)
		}
		got := spellings(digests)
		if want == "" {
			want = got
			if want != "allin=AllIn compute=COMPUTE open-models=open models ratesdesk=ratesdesk" {
				t.Fatalf("spellings: %s", want)
			}
		}
		if got != want {
			t.Errorf("arrangement %v: %s, want %s", perm, got, want)
		}
	}
}

// spellings lists the one spelling of each theme and handle slug, and fails
// if a slug is spelt two ways.
func spellings(digests []*content.Digest) string {
	seen := map[string]string{}
	note := func(slug, name string) {
		if old, ok := seen[slug]; ok && old != name {
			name = old + " AND " + name
		}
		seen[slug] = name
	}
	for _, d := range digests {
		for _, th := range d.Themes {
			note(th.Slug, th.Name)
		}
		for _, s := range d.Sources {
			note(s.Slug, s.Handle)
		}
	}
	var out []string
	for _, k := range slices.Sorted(maps.Keys(seen)) {
		out = append(out, fmt.Sprintf("%s=%s", k, seen[k]))
	}
	return strings.Join(out, " ")
}

func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := slices.Insert(slices.Clone(p), i, n-1)
			out = append(out, q)
		}
	}
	return out
}

// Handles match whatever their case: one digest citing @allIn in sources
// and @AllIn, @ALLIN in its body has one source, with the note of sources,
// cited by each block that mentions it.
func TestHandleMerge(t *testing.T) {
	src := `---
title: Merge
date: 2026-11-24
consensus: Bullish
conviction: High
sources:
  - handle: "@allIn"
    note: "compute scarcity thesis"
---

- First (via @AllIn).
- Second (via @ALLIN and @allin).

Closing paragraph, @allIn again.
`
	d := loadDigest(t, src)
	srcs := d.Sources
	if len(srcs) != 1 {
		t.Fatalf("%d sources, want 1", len(srcs))
	}
	s := srcs[0]
	if s.Handle != "allIn" || s.Slug != "allin" || s.Note != "compute scarcity thesis" || len(s.Cited) != 3 {
		t.Fatalf("got %s @%s note %q, cited %d times", s.Slug, s.Handle, s.Note, len(s.Cited))
	}
	wantCited := []string{
		"<li>First (via <a class=\"handle\" href=\"/sources/allin/\">@AllIn</a>).</li>\n",
		"<li>Second (via <a class=\"handle\" href=\"/sources/allin/\">@ALLIN</a> and <a class=\"handle\" href=\"/sources/allin/\">@allin</a>).</li>\n",
		"<p>Closing paragraph, <a class=\"handle\" href=\"/sources/allin/\">@allIn</a> again.</p>\n",
	}
	for i, c := range s.Cited {
		if string(c) != wantCited[i] {
			t.Errorf("cited #%d:\n%s\nwant:\n%s", i+1, c, wantCited[i])
		}
	}
}

// Two blocks alike are two citations: a source cited in the same words in
// two sections, and by two items alike, is cited each time, in order.
func TestRepeatedCitations(t *testing.T) {
	src := `---
title: Twice
date: 2026-11-24
consensus: Bullish
conviction: High
---

## What's Moving

Source: @rep

## Blind Spot

Source: @rep

- **Chips** — see @rep
- **Power** — see @other
- **Chips** — see @rep
`
	d := loadDigest(t, src)
	var got []string
	for _, c := range d.Sources[0].Cited {
		got = append(got, strings.TrimSpace(string(c)))
	}
	para := `<p>Source: <a class="handle" href="/sources/rep/">@rep</a></p>`
	item := `<li><strong>Chips</strong> — see <a class="handle" href="/sources/rep/">@rep</a></li>`
	if want := []string{para, para, item, item}; !slices.Equal(got, want) {
		t.Errorf("@rep is cited by %q, want %q", got, want)
	}
}

// An item is cited once for a source, whole: an item nested in one that
// cites the source is not cited again, whether the outer item cites it
// before its nested list or only after it; other sources still cite the
// nested item alone.
func TestNestedCitations(t *testing.T) {
	src := `---
title: Nested
date: 2026-11-24
consensus: Bullish
conviction: High
---

- **Chips rally** — big move (via @desk)
  - follow-up detail, also from @desk and @other

  More on it from @desk.

- Second item, with a list first:
  - a detail from @late

  and the item cites @late after it.

- Third (via @desk).
`
	d := loadDigest(t, src)
	cited := map[string][]string{}
	for _, s := range d.Sources {
		for _, c := range s.Cited {
			first, _, _ := strings.Cut(strings.TrimPrefix(string(c), "<li>\n"), "\n")
			cited[s.Slug] = append(cited[s.Slug], first)
		}
	}
	want := map[string][]string{
		"desk":  {"<p><strong>Chips rally</strong> — big move (via <a class=\"handle\" href=\"/sources/desk/\">@desk</a>)</p>", "<p>Third (via <a class=\"handle\" href=\"/sources/desk/\">@desk</a>).</p>"},
		"other": {"<li>follow-up detail, also from <a class=\"handle\" href=\"/sources/desk/\">@desk</a> and <a class=\"handle\" href=\"/sources/other/\">@other</a></li>"},
		"late":  {"<p>Second item, with a list first:</p>"},
	}
	for slug, w := range want {
		if !slices.Equal(cited[slug], w) {
			t.Errorf("@%s cites, by first line:\n%q\nwant:\n%q", slug, cited[slug], w)
		}
	}
}

// A block too long to cite whole is cited by an excerpt around the
// mention: a handle at the end of a long item is in its excerpt.
func TestCitedExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 4000)
	// What only looks like @last comes first: an address, code, a link.
	src := "---\ntitle: Long\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\n\n- Long item by @first, ops@last.com, `@last`, [@last](https://x.example/) " +
		long + "and at last @lasting, then @last.\n"
	d := loadDigest(t, src)
	mention := map[string]string{"first": "by @first,", "lasting": "at last @lasting,", "last": "then @last."}
	for _, s := range d.Sources {
		c := string(s.Cited[0])
		if !strings.Contains(c, mention[s.Handle]) {
			t.Errorf("@%s is cited by an excerpt without %q: %.80q…", s.Handle, mention[s.Handle], c)
		}
		if len(c) > 1000 {
			t.Errorf("@%s is cited by %d bytes, want an excerpt", s.Handle, len(c))
		}
		if s.Handle == "last" && !strings.HasPrefix(c, "<p>…") {
			t.Errorf("@last is cited by %.80q…, want an excerpt that starts with an ellipsis", c)
		}
	}
}

// A new digest's file slug is its title's, an apostrophe inside a word
// joining it, as Hugo and Zola slug titles; cut on a - to 80 bytes; or
// "digest" for a title without letters or digits.
func TestFileSlug(t *testing.T) {
	for title, want := range map[string]string{
		"Rates: the Fed’s dilemma, Powell's call?": "rates-the-feds-dilemma-powells-call",
		"Rock'n'roll and the ’90s":                 "rocknroll-and-the-90s",
		"🚀🚀":                                       "digest",
		strings.Repeat("word ", 30):                strings.TrimSuffix(strings.Repeat("word-", 16), "-"),
	} {
		if got := content.FileSlug(title); got != want {
			t.Errorf("FileSlug(%q) = %q, want %q", title, got, want)
		}
	}
}
