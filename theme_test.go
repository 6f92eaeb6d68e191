package signal

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/signaldigest/signal/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite generated files and golden files")

// The theme's code stylesheet must be what chroma makes for our styles.
func TestChromaCSSUpToDate(t *testing.T) {
	want := markdown.ChromaCSS()
	got, err := Theme.ReadFile("static/chroma.css")
	if *update {
		if err := os.WriteFile("static/chroma.css", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("static/chroma.css is out of date: run go test . -update")
	}
}
