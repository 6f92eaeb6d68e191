package serve

import (
	"encoding/json"

	"github.com/signaldigest/signal/internal/site"
)

// moves returns the pages of digests that a rebuild moved, old URL path →
// new, so that a page open at the old one follows the digest rather than
// reload into a 404: a digest whose file stayed but whose date or slug
// changed, or the one digest of a file renamed (one file gone and one new,
// in one rebuild). An old path that still has a digest is no move.
func moves(old, now *site.Site) map[string]string {
	was := map[string]string{} // file → permalink
	for _, d := range old.Digests {
		was[d.Path] = d.Permalink
	}
	is := map[string]bool{} // permalinks of the new build
	var came []string       // permalinks of files new in it
	moved := map[string]string{}
	for _, d := range now.Digests {
		is[d.Permalink] = true
		if p, ok := was[d.Path]; !ok {
			came = append(came, d.Permalink)
		} else if p != d.Permalink {
			moved[p] = d.Permalink
		}
		delete(was, d.Path)
	}
	if len(was) == 1 && len(came) == 1 {
		for _, p := range was {
			moved[p] = came[0]
		}
	}
	out := map[string]string{}
	for from, to := range moved {
		if !is[from] {
			out[site.EscapePath(from)] = site.EscapePath(to)
		}
	}
	return out
}

// reloadData is the data of a reload event: the build's name, or when
// digests moved, their moves as a JSON object, which reloadScript reads.
func reloadData(name string, moved map[string]string) string {
	if len(moved) == 0 {
		return name
	}
	b, _ := json.Marshal(moved) // a map of strings: no error
	return string(b)
}
