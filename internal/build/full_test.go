package build_test

import (
	"io/fs"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/build"
)

// fullDisk takes a few files, then fails every write as a full disk does.
type fullDisk struct{ n atomic.Int64 }

func (d *fullDisk) WriteFile(name string, data []byte) error {
	if d.n.Add(1) > 20 {
		return &fs.PathError{Op: "write", Path: "/tmp/.public.signal-build-1/" + name, Err: syscall.ENOSPC}
	}
	return nil
}

// A disk that fills up during a build is one error, or one for each file
// being written at that moment, not one for every file of the site; and
// it names the site's file, not the folder the build was writing in.
func TestFullDisk(t *testing.T) {
	_, problems := build.Run(sample(), &fullDisk{}, build.Options{Theme: signal.Theme, Now: now})
	if len(problems) == 0 || len(problems) > 8 {
		t.Fatalf("%d problems:\n%v", len(problems), problems)
	}
	for _, p := range problems {
		if !strings.HasSuffix(p.Error(), ": cannot write: no space left on device") || strings.Contains(p.Error(), "signal-build") {
			t.Errorf("problem: %v", p)
		}
	}
}
