package serve

import (
	"slices"
	"strings"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// moves returns the pages of digests that a rebuild moved, old permalink →
// new: a digest whose file stayed but whose date or slug changed, or the
// one digest of a file renamed (one file gone and one new, of the same
// title, in one rebuild: a branch switched may remove one digest and add
// another). An old permalink that still has a digest is no move.
//
// Only the digests of the files in changed (or under a folder in it) can
// have moved, unless site.yaml changed, whose permalink pattern moves them
// all, or all is set (a rebuild of everything). Looking at those alone
// keeps a save in a large archive quick: maps of 10,000 digests cost a body
// edit 16 ms.
func moves(old, now *site.Site, changed []string, all bool) map[string]string {
	touched := func(string) bool { return true }
	if !all && !slices.Contains(changed, config.File) {
		folders := make([]string, len(changed))
		for i, c := range changed {
			folders[i] = c + "/"
		}
		touched = func(file string) bool {
			for i, c := range changed {
				if file == c || strings.HasPrefix(file, folders[i]) {
					return true
				}
			}
			return false
		}
	}
	was := map[string]*content.Digest{} // by file
	for _, d := range old.Digests {
		if touched(d.Path) {
			was[d.Path] = d
		}
	}
	var came []*content.Digest // digests of files new in the build
	moved := map[string]string{}
	for _, d := range now.Digests {
		if !touched(d.Path) {
			continue
		}
		if o, ok := was[d.Path]; !ok {
			came = append(came, d)
		} else if o.Permalink != d.Permalink {
			moved[o.Permalink] = d.Permalink
		}
		delete(was, d.Path)
	}
	if len(was) == 1 && len(came) == 1 {
		for _, o := range was {
			if o.Title == came[0].Title {
				moved[o.Permalink] = came[0].Permalink
			}
		}
	}
	if len(moved) > 0 {
		for _, d := range now.Digests {
			delete(moved, d.Permalink) // it has a digest still
		}
	}
	return moved
}

// remember adds a rebuild's moves to those of the session, so that an
// address moved twice leads to the last. Called with s.mu held.
func (s *Server) remember(moved map[string]string) {
	if len(moved) == 0 {
		return
	}
	if s.moved == nil {
		s.moved = map[string]string{}
	}
	for from, to := range s.moved {
		if next, ok := moved[to]; ok {
			s.moved[from] = next
		}
	}
	for from, to := range moved {
		s.moved[from] = to
	}
	for from, to := range s.moved {
		if from == to {
			delete(s.moved, from) // moved back
		}
	}
}

// movedTo returns where the digest page at the site path p went during
// this session: the name of its file in the build and its URL path, or "".
func (s *Server) movedTo(p string) (file, target string) {
	p = strings.TrimSuffix(p, "index.html")
	if !strings.HasSuffix(p, "/") {
		p += "/" // the folder, asked for without its slash
	}
	s.mu.RLock()
	to := s.moved[p]
	s.mu.RUnlock()
	if to == "" {
		return "", ""
	}
	return to[1:] + "index.html", site.EscapePath(to)
}
