package content_test

import (
	"io"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/markdown"
)

// A digest file over the size limit is refused having read little more
// than the limit of it: a stray dump of gigabytes named .md must not be
// read whole first.
func TestTooBigNotReadWhole(t *testing.T) {
	const size = 64 << 20
	fsys := &endless{MapFS: fstest.MapFS{"content/2026-11-25-log.md": {Data: []byte("x")}}, size: size}
	_, problems := content.Load(fsys, config.Default(), markdown.New(), nil)
	want := "content/2026-11-25-log.md: the file is 67.1 MB; a digest may be at most 1 MB"
	if err := problems.Err(); err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if n := fsys.read.Load(); n > 2*content.MaxFile {
		t.Errorf("read %d bytes of a file of %d", n, size)
	}
}

// endless serves its files as size bytes of "x", counting what is read.
type endless struct {
	fstest.MapFS
	size int64
	read atomic.Int64
}

func (e *endless) Open(name string) (fs.File, error) {
	f, err := e.MapFS.Open(name)
	if err != nil || strings.HasSuffix(name, "content") || name == "." {
		return f, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return f, nil
	}
	return &endlessFile{File: f, e: e, left: e.size}, nil
}

type endlessFile struct {
	fs.File
	e    *endless
	left int64
}

func (f *endlessFile) Stat() (fs.FileInfo, error) { return bigInfo{f.e.size}, nil }

func (f *endlessFile) Read(b []byte) (int, error) {
	if f.left == 0 {
		return 0, io.EOF
	}
	n := int(min(int64(len(b)), f.left))
	for i := range n {
		b[i] = 'x'
	}
	f.left -= int64(n)
	f.e.read.Add(int64(n))
	return n, nil
}

type bigInfo struct{ size int64 }

func (bigInfo) Name() string       { return "2026-11-25-log.md" }
func (i bigInfo) Size() int64      { return i.size }
func (bigInfo) Mode() fs.FileMode  { return 0o644 }
func (bigInfo) ModTime() time.Time { return time.Time{} }
func (bigInfo) IsDir() bool        { return false }
func (bigInfo) Sys() any           { return nil }

// ReadFile reads through Open, as an os.DirFS does.
func (e *endless) ReadFile(name string) ([]byte, error) {
	return fs.ReadFile(struct{ fs.FS }{e}, name)
}
