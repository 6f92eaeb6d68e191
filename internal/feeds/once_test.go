package feeds_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/feeds"
	"github.com/signaldigest/signal/internal/site"
)

// A Writer told Once forgets every entry by the time each list is written
// in each format, however the writes are split, and a list written again
// gets the same bytes, its entries encoded anew.
func TestOnceForgets(t *testing.T) {
	at := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	cfg, all, problems := build.Load(sample(), nil)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	s, problems := site.New(cfg, all, site.Options{Now: at})
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	lists := feeds.Lists(s)
	want := map[string][]byte{} // by list folder and file name
	keep := feeds.New(s, nil)   // no Once: keeps every entry
	for _, l := range lists {
		for name, data := range keep.Feeds(l) {
			want[l.Folder+name] = data
		}
	}
	if keep.Held() == 0 {
		t.Fatal("a Writer without Once holds no entries")
	}
	check := func(how string, l feeds.List) func(name string, data []byte) error {
		return func(name string, data []byte) error {
			if !bytes.Equal(data, want[l.Folder+name]) {
				t.Errorf("%s: %s%s differs from a Writer that keeps its entries", how, l.Folder, name)
			}
			return nil
		}
	}

	byFormat := feeds.New(s, nil)
	byFormat.Once(lists)
	for _, f := range feeds.Formats {
		for _, l := range lists {
			_ = byFormat.WriteFormat(l, f, check("by format", l))
		}
	}
	if n := byFormat.Held(); n != 0 {
		t.Errorf("written one format at a time, the Writer still holds %d entries", n)
	}

	byList := feeds.New(s, nil)
	byList.Once(lists)
	for _, l := range lists {
		_ = byList.Write(l, check("by list", l))
	}
	if n := byList.Held(); n != 0 {
		t.Errorf("written a list at a time, the Writer still holds %d entries", n)
	}
	// More writes than Once was told of: the same bytes, nothing kept.
	for _, l := range lists[:3] {
		_ = byList.Write(l, check("written again", l))
	}
	if n := byList.Held(); n != 0 {
		t.Errorf("after lists written again, the Writer holds %d entries", n)
	}
}
