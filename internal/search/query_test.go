package search_test

import (
	"cmp"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/search"
)

// index reads the files that search.Write made, as search.js does: the
// tests query it to check what a reader would find.
type index struct {
	t    testing.TB
	mem  *output.Memory
	meta struct {
		Docs   int    `json:"docs"`
		Chunk  int    `json:"chunk"`
		Bodies int    `json:"bodies"`
		Terms  int    `json:"terms"`
		V      string `json:"version"`
	}
	fetched []string      // the files read, in order
	known   map[int][]any // the records that files of postings carried
}

func openIndex(t testing.TB, mem *output.Memory) *index {
	t.Helper()
	ix := &index{t: t, mem: mem}
	if err := json.Unmarshal(ix.file("meta.json"), &ix.meta); err != nil {
		t.Fatal(err)
	}
	return ix
}

func (ix *index) file(name string) []byte {
	ix.fetched = append(ix.fetched, name)
	b, _ := ix.mem.File(search.Dir + name)
	return b
}

type reader struct {
	b []byte
	p int
}

func (r *reader) varint() int {
	v, shift := 0, 0
	for {
		c := r.b[r.p]
		r.p++
		v |= int(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
		shift += 7
	}
}

func (r *reader) ids(n int) []int {
	kind := r.b[r.p]
	r.p++
	count := r.varint()
	var ids []int
	if kind == 0 {
		id := -1
		for range count {
			id += r.varint()
			ids = append(ids, id)
		}
		return ids
	}
	for i := range n {
		if r.b[r.p+i>>3]&(1<<(i&7)) != 0 {
			ids = append(ids, i)
		}
	}
	r.p += (n + 7) / 8
	if len(ids) != count {
		panic(fmt.Sprintf("dense set of %d ids holds %d", count, len(ids)))
	}
	return ids
}

type entry struct {
	df     int
	inline []byte // nil when the postings have a file of their own
}

// shard reads the dictionary shard of a key.
func (ix *index) shard(key string) map[string]entry {
	b := ix.file("t/" + hex.EncodeToString([]byte(key)) + ".bin")
	dict := map[string]entry{}
	r := &reader{b: b}
	for r.p < len(b) {
		n := r.varint()
		term := string(b[r.p : r.p+n])
		r.p += n
		e := entry{df: r.varint()}
		if ref := r.varint(); ref&1 == 0 {
			e.inline = b[r.p : r.p+ref/2]
			r.p += ref / 2
		}
		dict[term] = e
	}
	return dict
}

// postings returns a term's scores by id.
func (ix *index) postings(term string, e entry) map[int]float64 {
	b := e.inline
	if b == nil {
		b = ix.file("p/" + hex.EncodeToString([]byte(term)) + ".bin")
	}
	r := &reader{b: b}
	ids := r.ids(ix.meta.Docs)
	out := map[int]float64{}
	for i, id := range ids {
		out[id] = math.Pow(float64(b[r.p+i])/255, 2)
	}
	if rest := b[r.p+len(ids):]; len(rest) > 0 {
		var page [][2]json.RawMessage
		if err := json.Unmarshal(rest, &page); err != nil {
			ix.t.Fatalf("the first page of %q: %v", term, err)
		}
		for _, row := range page {
			var id int
			var rec []any
			if json.Unmarshal(row[0], &id) != nil || json.Unmarshal(row[1], &rec) != nil {
				ix.t.Fatalf("the first page of %q holds %s", term, row)
			}
			if ix.known == nil {
				ix.known = map[int][]any{}
			}
			ix.known[id] = rec
		}
	}
	return out
}

// query returns the ids that match every word of q, best first, as
// search.js ranks them; the last word is a prefix.
func (ix *index) query(q string, prefix bool) []int {
	var terms []string
	search.Tokens(q, func(s string) {
		if !slices.Contains(terms, s) {
			terms = append(terms, s)
		}
	})
	var acc map[int]float64
	for i, term := range terms {
		dict := ix.shard(search.ShardKey(term))
		scores := map[int]float64{}
		e, exact := dict[term]
		if exact {
			scores = ix.postings(term, e)
		}
		if prefix && i == len(terms)-1 {
			var more []string
			for t := range dict {
				if t != term && strings.HasPrefix(t, term) {
					more = append(more, t)
				}
			}
			slices.SortFunc(more, func(a, b string) int { return cmp.Or(dict[b].df-dict[a].df, strings.Compare(a, b)) })
			more = more[:min(len(more), expansions(exact))]
			dfAll := e.df
			for _, t := range more {
				dfAll += dict[t].df
			}
			// The word and its completions are scored as one term.
			if exact && len(more) > 0 {
				f := idf(ix.meta.Docs, min(dfAll, ix.meta.Docs)) / idf(ix.meta.Docs, e.df)
				for id := range scores {
					scores[id] *= f
				}
			}
			for _, t := range more {
				f := 0.75 * idf(ix.meta.Docs, min(dfAll, ix.meta.Docs)) / idf(ix.meta.Docs, dict[t].df)
				for id, s := range ix.postings(t, dict[t]) {
					scores[id] = max(scores[id], f*s)
				}
			}
		}
		if acc == nil {
			acc = scores
			continue
		}
		for id := range acc {
			if s, ok := scores[id]; ok {
				acc[id] += s
			} else {
				delete(acc, id)
			}
		}
	}
	var ids []int
	for id := range acc {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int) int { return cmp.Or(cmp.Compare(acc[b], acc[a]), a-b) })
	return ids
}

func idf(n, df int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// expansions is how many terms a prefix may stand for, besides itself.
func expansions(exact bool) int {
	if exact {
		return 7
	}
	return 8
}

// record returns the record of a digest: one that a file of postings
// carried, or else from its file of records.
func (ix *index) record(id int) []any {
	if rec, ok := ix.known[id]; ok {
		return rec
	}
	var chunk [][]any
	if err := json.Unmarshal(ix.file(fmt.Sprintf("r/%d.json", id/ix.meta.Chunk)), &chunk); err != nil {
		ix.t.Fatal(err)
	}
	return chunk[id%ix.meta.Chunk]
}

// body returns the text of a digest's body: the bytes of its file of
// bodies that its record names.
func (ix *index) body(id int) string {
	rec := ix.record(id)
	at, size := int(rec[9].(float64)), int(rec[10].(float64))
	return string(ix.file(fmt.Sprintf("b/%d.txt", id/ix.meta.Bodies))[at : at+size])
}
