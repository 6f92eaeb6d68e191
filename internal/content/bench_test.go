package content_test

import (
	"testing"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/markdown"
)

// BenchmarkLoad parses a synthetic archive of 1,000 digests: front matter,
// Markdown, handles and the cited blocks of each.
func BenchmarkLoad(b *testing.B) {
	fsys := corpus.MapFS(corpus.Generate(corpus.Options{N: 1000, Seed: 1}))
	cfg := config.Default()
	md := markdown.New()
	b.ReportAllocs()
	for b.Loop() {
		if _, problems := content.Load(fsys, cfg, md, nil); problems.Err() != nil {
			b.Fatal(problems.Err())
		}
	}
}
