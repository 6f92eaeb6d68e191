package search

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/site"
)

// Sink receives the files of the index; see render.Sink.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// Dir is the folder of the index in the output, beside the search page.
const Dir = "search/"

const (
	// ChunkSize is the number of digests per file of records: a query
	// that shows ten results fetches at most ten small files. Results
	// rarely share a file, so a smaller one saves bytes for every query,
	// at the cost of more files written: 2 rather than 4 took 8 KB off a
	// common word's 80 on 10,000 digests, for 2,500 more files.
	ChunkSize = 2
	// BodyChunk is the number of digests per file of body texts. A
	// snippet asks for the bytes of one body with a Range request, so the
	// size of the file costs nothing; a host that ignores Range sends the
	// whole file, some 60 KB, once for each result that shows a snippet
	// (the requests leave together). One file per body wrote 10,000 files
	// more on 10,000 digests, two thirds of what the index added to a
	// build; 32 bodies a file write 313.
	BodyChunk = 32
	// inlineMax is the size up to which a term's postings sit in its
	// dictionary shard rather than in a file of their own.
	inlineMax = 192
	// maxTerm drops longer terms, runs of letters that are nobody's query.
	maxTerm = 64
	// FirstPage is the number of results that the search page shows at
	// a time, and the number of records that a file of postings carries.
	FirstPage = 10
)

// file is one file of the index.
type file struct {
	name string
	data []byte
}

// Write indexes the site's digests and writes the index into sink under
// Dir. It returns the number of files written.
func Write(s *site.Site, sink Sink) (int, diag.List) {
	ix := build(s.Digests)
	var mu sync.Mutex
	var problems diag.List
	write := func(name string, data []byte) {
		if err := sink.WriteFile(name, data); err != nil {
			mu.Lock()
			problems.AddErr(err, name, 0, 0, "cannot write: %v", diag.Pathless(err)) // not the output's folder
			mu.Unlock()
		}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	// The texts of the bodies, for snippets, are written first, as they
	// are made, keeping only their sums for the version: together they are
	// as large as the rest of the index. The records say where each is.
	// Each worker keeps one buffer for the files it makes.
	spans := make([][2]int, ix.n)
	bodies := make([]string, (ix.n+BodyChunk-1)/BodyChunk)
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		g.Go(func() error {
			var text []byte
			for c := w; c < len(bodies); c += workers {
				text = text[:0]
				for id := c * BodyChunk; id < min((c+1)*BodyChunk, ix.n); id++ {
					at := len(text)
					text = appendText(text, s.Digests[id].HTML)
					spans[id] = [2]int{at, len(text) - at}
				}
				name := fmt.Sprintf("%sb/%d.txt", Dir, c)
				write(name, text)
				bodies[c] = fmt.Sprintf("%s %d %08x\n", name, len(text), crc32.ChecksumIEEE(text))
			}
			return nil
		})
	}
	_ = g.Wait()
	files := ix.files(s, spans)
	for batch := range slices.Chunk(files, 64) {
		g.Go(func() error {
			for _, f := range batch {
				write(f.name, f.data)
			}
			return nil
		})
	}
	_ = g.Wait()
	version := crc32.NewIEEE()
	for _, f := range files { // in a fixed order: the version is too
		fmt.Fprintf(version, "%s %d %08x\n", f.name, len(f.data), crc32.ChecksumIEEE(f.data))
	}
	for _, b := range bodies {
		_, _ = io.WriteString(version, b)
	}
	meta, _ := json.Marshal(map[string]any{
		"format":  4,
		"version": fmt.Sprintf("%08x", version.Sum32()),
		"docs":    ix.n,
		"terms":   len(ix.terms),
		"chunk":   ChunkSize,
		"bodies":  BodyChunk,
	})
	write(Dir+"meta.json", append(meta, '\n'))
	return len(files) + len(bodies) + 1, problems
}

// files makes every file of the index but meta.json, in a fixed order.
func (ix *index) files(s *site.Site, spans [][2]int) []file {
	shards := ix.shards()
	chunks := (ix.n + ChunkSize - 1) / ChunkSize
	out := make([][]file, len(shards)+chunks)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	// Each record is encoded once: files of records and of postings hold it.
	recs := make([][]byte, ix.n)
	for start := 0; start < ix.n; start += 256 {
		g.Go(func() error {
			for id := start; id < min(start+256, ix.n); id++ {
				recs[id] = record(s.Digests[id], spans[id])
			}
			return nil
		})
	}
	_ = g.Wait()
	for i, sh := range shards {
		g.Go(func() error {
			out[i] = ix.shard(sh[0], sh[1], recs)
			return nil
		})
	}
	for c := range chunks {
		g.Go(func() error {
			out[len(shards)+c] = []file{records(c, recs[c*ChunkSize:min((c+1)*ChunkSize, ix.n)])}
			return nil
		})
	}
	_ = g.Wait()
	all := slices.Concat(out...)
	return append(all, facets(s)...)
}

// shards splits the sorted terms into runs that share a shard key: terms
// with one prefix are neighbours in sorted order.
func (ix *index) shards() [][2]int {
	var out [][2]int
	for i := 0; i < len(ix.terms); {
		key := shardKey(ix.terms[i])
		j := i + 1
		for j < len(ix.terms) && strings.HasPrefix(ix.terms[j], key) && shardKey(ix.terms[j]) == key {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// shard encodes the terms ix.terms[from:to], which share a key: the
// dictionary shard, and the files of terms whose postings do not sit in
// it: their postings, then the records of their first page.
func (ix *index) shard(from, to int, recs [][]byte) []file {
	top := maxScore(ix.n)
	var dict []byte
	var out []file
	var buf []byte
	for i := from; i < to; i++ {
		term := ix.terms[i]
		if len(term) > maxTerm {
			continue
		}
		buf = ix.postings(buf[:0], i, top)
		df := 0
		for _, ps := range ix.byTerm[i] {
			df += len(ps.ids)
		}
		dict = appendVarint(dict, uint64(len(term)))
		dict = append(dict, term...)
		dict = appendVarint(dict, uint64(df))
		// A term sits in its shard when its postings are small, unless it
		// is found in more than one digest and names a source or a theme:
		// the archive's own words, few, and what its readers look for.
		if len(buf) <= inlineMax && (df == 1 || !named(ix.byTerm[i])) {
			dict = appendVarint(dict, uint64(len(buf))<<1)
			dict = append(dict, buf...)
			continue
		}
		dict = appendVarint(dict, 1)
		data := appendFirstPage(append(make([]byte, 0, len(buf)+FirstPage*512), buf...), ix.byTerm[i], df, recs)
		out = append(out, file{Dir + "p/" + fileName(term) + ".bin", data})
	}
	if len(dict) == 0 {
		return out
	}
	return append([]file{{Dir + "t/" + fileName(shardKey(ix.terms[from])) + ".bin", dict}}, out...)
}

// postings encodes a term's postings: its ids, then one score byte each.
func (ix *index) postings(b []byte, term int, top float64) []byte {
	parts := ix.byTerm[term]
	df := 0
	for _, ps := range parts {
		df += len(ps.ids)
	}
	b = appendIDs(b, func(yield func(int32) bool) {
		for _, ps := range parts {
			for _, id := range ps.ids {
				if !yield(id) {
					return
				}
			}
		}
	}, df, ix.n)
	w := idf(ix.n, df)
	for _, ps := range parts {
		for k, id := range ps.ids {
			b = append(b, quantize(ix.score(w, ps.tfs[k], id), top))
		}
	}
	return b
}

// named reports whether a term is found in the handles or the themes of
// a digest.
func named(parts []*postings) bool {
	for _, ps := range parts {
		for _, tf := range ps.tfs {
			if tfOf(tf, fieldHandles) > 0 || tfOf(tf, fieldThemes) > 0 {
				return true
			}
		}
	}
	return false
}

// appendFirstPage appends to a term's encoded postings, whose last df
// bytes are its scores, the records of the digests that a query of the
// term alone shows first: the FirstPage best, ties to the newest, as
// search.js ranks them. A query of a frequent word then shows its results
// as soon as its postings come, rather than one request later.
func appendFirstPage(b []byte, parts []*postings, df int, recs [][]byte) []byte {
	type hit struct {
		id    int32
		score byte
	}
	// The best, kept in order in one pass: ids come in increasing order,
	// so a later one with the same score ranks below.
	scores := b[len(b)-df:]
	best := make([]hit, 0, FirstPage+1)
	k := 0
	for _, ps := range parts {
		for _, id := range ps.ids {
			h := hit{id, scores[k]}
			k++
			if len(best) == FirstPage && h.score <= best[FirstPage-1].score {
				continue
			}
			at := len(best)
			for at > 0 && h.score > best[at-1].score {
				at--
			}
			best = slices.Insert(best, at, h)
			best = best[:min(len(best), FirstPage)]
		}
	}
	b = append(b, '[')
	for i, h := range best {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(append(b, '['), int64(h.id), 10)
		b = append(append(append(b, ','), recs[h.id]...), ']')
	}
	return append(b, ']')
}

// records is one file of the records of a run of digests.
func records(chunk int, recs [][]byte) file {
	b := []byte{'['}
	for i, r := range recs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	return file{fmt.Sprintf("%sr/%d.json", Dir, chunk), append(b, "]\n"...)}
}

// record is what the results list shows of a digest, in JSON, and where
// the text of its body is in its file of bodies.
func record(d *content.Digest, body [2]int) []byte {
	themes := make([]string, len(d.Themes))
	for k, t := range d.Themes {
		themes[k] = t.Slug
	}
	handles := make([]string, len(d.Sources))
	for k, src := range d.Sources {
		handles[k] = src.Handle
	}
	data, _ := json.Marshal([]any{
		site.EscapePath(d.Permalink)[1:], d.Title, d.Date.Format("2006-01-02"),
		d.Stance, d.Scope, d.Conviction, themes, d.Summary, handles, body[0], body[1],
	})
	return data
}

// facets writes the ids of the digests of each stance, conviction and
// theme, which the filters intersect with the results.
func facets(s *site.Site) []file {
	ids := make(map[*content.Digest]int32, len(s.Digests))
	for i, d := range s.Digests {
		ids[d] = int32(i)
	}
	var out []file
	for _, tax := range []*site.Taxonomy{s.Stances, s.Levels, s.Themes} {
		for _, t := range tax.Terms {
			list := make([]int32, len(t.Digests))
			for i, d := range t.Digests {
				list[i] = ids[d]
			}
			slices.Sort(list)
			data := appendIDs(nil, slices.Values(list), len(list), len(s.Digests))
			out = append(out, file{Dir + "facet/" + tax.Name + "/" + t.Slug + ".bin", data})
		}
	}
	return out
}
