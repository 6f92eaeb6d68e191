package build_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/search"
)

// Progress hears the search index being written, then counts every other
// file up to the total it announced: the count ends where it said.
func TestProgressCounts(t *testing.T) {
	var mu sync.Mutex
	stages := map[string]int{}
	done, total := 0, 0
	mem, stats := run(t, txtarFS(t, "small.txtar"), build.Options{Progress: func(stage string, d, tot int) {
		mu.Lock()
		defer mu.Unlock()
		stages[stage]++
		if stage == "writing" {
			done, total = max(done, d), tot
		}
	}})
	index := 0
	for _, name := range mem.Names() {
		if strings.HasPrefix(name, search.Dir) && !strings.HasSuffix(name, ".html") {
			index++
		}
	}
	if stages["content"] == 0 || stages["search"] != index+1 {
		t.Errorf("stages heard %v; want content, and search once and once per file of the index (%d)", stages, index)
	}
	if done != total || total != stats.Files-index || total == 0 {
		t.Errorf("writing counted %d of %d; the build wrote %d files, %d of them the index", done, total, stats.Files, index)
	}
}
