package search_test

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/search"
	"github.com/signaldigest/signal/internal/site"
	"github.com/signaldigest/signal/internal/sitetest"
)

// fixture indexes the site of a txtar file under testdata.
func fixture(t *testing.T, name string) *index {
	t.Helper()
	_, fsys := sitetest.Read(t, "testdata/"+name)
	cfg, digests, problems := build.Load(fsys, nil)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	s, _ := site.New(cfg, digests, site.Options{Now: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
	mem := output.NewMemory()
	if _, problems := search.Write(s, mem); problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	return openIndex(t, mem)
}

func TestRanking(t *testing.T) {
	ix := fixture(t, "ranking.txtar")
	for _, c := range []struct {
		query  string
		prefix bool
		want   []string // titles, best first; dates tell apart equal titles
	}{
		{"tungsten", false, []string{"Tungsten squeeze", "Hard metals", "Cutting tools", "Metals update 2026-03-05", "Metals update 2026-03-01"}},
		{"TUNGSTEN", false, []string{"Tungsten squeeze", "Hard metals", "Cutting tools", "Metals update 2026-03-05", "Metals update 2026-03-01"}},
		{"@TungstenDesk", false, []string{"Desk notes"}},
		{"tungstendesk", false, []string{"Desk notes"}},
		{"tungstene", false, []string{"Métaux rares"}},
		{"Tungstène europeen", false, []string{"Métaux rares"}},
		{"tungsten cobalt", false, []string{"Cutting tools"}},
		{"cobalt tungsten", false, []string{"Cutting tools"}},
		// "metals" is in two titles and every theme but one; "tungs" stands
		// for tungsten, tungstene and tungstendesk, scored as one term,
		// which is in every digest, so it weighs little beside "metals".
		{"metals tungs", true, []string{"Metals update 2026-03-05", "Metals update 2026-03-01", "Hard metals", "Tungsten squeeze", "Cutting tools"}},
		// Alone, the completions rank by where they are found: a title, a
		// handle and a theme (the newer first), then bodies.
		{"tungs", true, []string{"Tungsten squeeze", "Desk notes", "Hard metals", "Cutting tools", "Métaux rares", "Metals update 2026-03-05", "Metals update 2026-03-01"}},
		{"tungs", false, nil},
		{"nothing-here", false, nil},
	} {
		var got []string
		for _, id := range ix.query(c.query, c.prefix) {
			r := ix.record(id)
			title := r[1].(string)
			if title == "Metals update" {
				title += " " + r[2].(string)
			}
			got = append(got, title)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q (prefix %v):\n got %q\nwant %q", c.query, c.prefix, got, c.want)
		}
	}
}

// TestRankingLongFields: a title or a theme match outranks body matches
// even when the title is five times as long as the others, or the digest
// has ten themes (a search probe found both ranked below).
func TestRankingLongFields(t *testing.T) {
	ix := fixture(t, "ranking-long.txtar")
	for query, want := range map[string][]string{
		"quantum": {"2026-04-01", "2026-04-02"},
		"zephyr":  {"2026-04-03", "2026-04-04"},
	} {
		var got []string
		for _, id := range ix.query(query, false) {
			got = append(got, ix.record(id)[2].(string))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q (the title or theme match first)", query, got, want)
		}
	}
}

// A query reads the manifest, the shard of each word, the postings of the
// words too large to sit in their shard, and the records it shows.
func TestShards(t *testing.T) {
	for term, key := range map[string]string{
		"copper": "co", "a": "a", "3.5": "3.", "éclair": "éc", "半導": "半", "株": "株", "한국어": "한국",
	} {
		if got := search.ShardKey(term); got != key {
			t.Errorf("ShardKey(%q) = %q, want %q", term, got, key)
		}
	}
	mem := output.NewMemory()
	if _, problems := search.Write(corpusSite(t, 2000), mem); problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	ix := openIndex(t, mem)
	for _, name := range mem.Names() {
		key, ok := strings.CutPrefix(name, search.Dir+"t/")
		if !ok {
			continue
		}
		key = strings.TrimSuffix(key, ".bin")
		for term := range ix.shard(unhex(t, key)) {
			if search.ShardKey(term) != unhex(t, key) {
				t.Errorf("shard %s holds %q, whose key is %q", name, term, search.ShardKey(term))
			}
		}
	}
	ix.fetched = nil
	ids := ix.query("copper margins", false)
	if len(ids) == 0 {
		t.Fatal("no results for copper margins")
	}
	for _, id := range ids[:min(10, len(ids))] {
		ix.record(id)
	}
	var shards, postings, records int
	for _, f := range ix.fetched {
		switch {
		case strings.HasPrefix(f, "t/"):
			shards++
		case strings.HasPrefix(f, "p/"):
			postings++
		case strings.HasPrefix(f, "r/"):
			records++
		default:
			t.Errorf("a query read %s", f)
		}
	}
	if shards != 2 || postings > 2 || records > 10 {
		t.Errorf("two words read %d shards, %d postings files and %d records files (%q); want 2, at most 2 and at most 10",
			shards, postings, records, ix.fetched)
	}
}

func unhex(t *testing.T, s string) string {
	var b []byte
	for i := 0; i+1 < len(s); i += 2 {
		var c byte
		for _, h := range s[i : i+2] {
			c = c<<4 | byte(strings.IndexRune("0123456789abcdef", h))
		}
		b = append(b, c)
	}
	return string(b)
}

// The index is the same, byte for byte, however many goroutines made it.
func TestDeterministic(t *testing.T) {
	s := corpusSite(t, 1500)
	write := func(procs int) *output.Memory {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		mem := output.NewMemory()
		if _, problems := search.Write(s, mem); problems.Err() != nil {
			t.Fatal(problems.Err())
		}
		return mem
	}
	one, eight := write(1), write(8)
	if !slices.Equal(one.Names(), eight.Names()) {
		t.Fatalf("1 and 8 threads write different files")
	}
	for _, name := range one.Names() {
		a, _ := one.File(name)
		b, _ := eight.File(name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 8 threads", name)
		}
	}
	_ = corpus.Options{}
}

// TestBodyRanges: on an archive of several files of bodies, the last one
// short, the range that each record names is its digest's text, whole.
func TestBodyRanges(t *testing.T) {
	s := corpusSite(t, 2*search.BodyChunk+6)
	mem := output.NewMemory()
	if _, problems := search.Write(s, mem); problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	ix := openIndex(t, mem)
	for n := range 4 {
		if _, ok := mem.File(fmt.Sprintf("%sb/%d.txt", search.Dir, n)); ok != (n < 3) {
			t.Errorf("b/%d.txt written: %v", n, ok)
		}
	}
	for id, d := range s.Digests {
		if got, want := ix.body(id), string(search.AppendText(nil, d.HTML)); got != want || want == "" {
			t.Errorf("digest %d: its range of bodies is %q, want %q", id, got, want)
		}
	}
}

// TestRecordBody: the text of a digest's body is the range of its file of
// bodies that its record names, from which the page cuts a snippet around
// a word found there alone.
func TestRecordBody(t *testing.T) {
	ix := fixture(t, "ranking.txtar")
	for id := range ix.meta.Docs {
		rec := ix.record(id)
		if rec[1] == "Tungsten squeeze" {
			if body := ix.body(id); strings.TrimSpace(body) != "Prices of the metal moved on the week while freight stayed calm." {
				t.Errorf("the body of Tungsten squeeze reads %q", body)
			}
			return
		}
	}
	t.Error("no record of Tungsten squeeze")
}

// A word after an elided article is found alone, and so is the last
// character of a run of unspaced script; the whole word is found too.
func TestParts(t *testing.T) {
	ix := fixture(t, "parts.txtar")
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"union", []string{"Budget"}},
		{"l'union", []string{"Budget"}},
		{"europe", []string{"Budget"}},
		{"économie", []string{"Budget"}},
		{"economia", []string{"Bilancio"}},
		{"italia", []string{"Bilancio"}},
		{"網", []string{"半導体の供給網"}},
		{"株", []string{"半導体の供給網"}},
		{"供給網", []string{"半導体の供給網"}},
		{"dont", []string{"Contractions"}},
		{"ve", nil},
		{"re", nil},
	} {
		var got []string
		for _, id := range ix.query(c.query, false) {
			got = append(got, ix.record(id)[1].(string))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.query, got, c.want)
		}
	}
}

// TestFirstPage: a query of one word shows its first ten results from the
// file of the word's postings alone, for a common word and for a handle of
// a few digests: what a handle or a theme names has a file of its own,
// while the other words of few digests sit in their shards.
func TestFirstPage(t *testing.T) {
	s := corpusSite(t, 2000)
	mem := output.NewMemory()
	if _, problems := search.Write(s, mem); problems.Err() != nil {
		t.Fatal(problems.Err())
	}
	truth := openIndex(t, mem)
	cites := map[string]int{}
	for _, d := range s.Digests {
		for _, src := range d.Sources {
			cites[strings.ToLower(src.Handle)]++
		}
	}
	rare := "" // the handle of the fewest digests, two or more
	for h, n := range cites {
		if n >= 2 && (rare == "" || n < cites[rare] || n == cites[rare] && h < rare) {
			rare = h
		}
	}
	if rare == "" || cites[rare] >= 10 {
		t.Fatalf("the rarest handle, %q, is cited by %d digests", rare, cites[rare])
	}
	for _, q := range []string{"margins", "copper", "@" + rare} {
		for _, prefix := range []bool{false, true} {
			ix := openIndex(t, mem)
			ids := ix.query(q, prefix)
			if len(ids) < 2 {
				t.Fatalf("%q finds %d digests", q, len(ids))
			}
			for _, id := range ids[:min(10, len(ids))] {
				got, want := ix.record(id), truth.record(id)
				if !slices.EqualFunc(got, want, func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) }) {
					t.Errorf("%q: the record of %d reads %v, its file of records %v", q, id, got, want)
				}
			}
			for _, f := range ix.fetched {
				if strings.HasPrefix(f, "r/") {
					t.Errorf("%q (prefix %v) read %s for its first page: %q", q, prefix, f, ix.fetched)
				}
			}
		}
	}
	inline := 0
	for _, name := range mem.Names() {
		key, ok := strings.CutPrefix(name, search.Dir+"t/")
		if !ok {
			continue
		}
		for term, e := range truth.shard(unhex(t, strings.TrimSuffix(key, ".bin"))) {
			if e.inline == nil || e.df < 2 {
				continue
			}
			if cites[term] > 0 {
				t.Errorf("the handle %q, of %d digests, has its postings inline", term, e.df)
			}
			inline++
		}
	}
	if inline == 0 {
		t.Error("no word of two digests or more sits in its shard")
	}
}
