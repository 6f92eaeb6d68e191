package build

import (
	"io/fs"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/site"
)

// Load runs the first stages: site.yaml, then every digest. The problems
// include warnings; the results are nil when there are errors.
func Load(fsys fs.FS) (*config.Config, []*content.Digest, diag.List) {
	cfg, problems := config.Load(fsys)
	if problems.Err() != nil {
		return nil, nil, problems
	}
	return LoadContent(fsys, cfg, problems)
}

// LoadContent loads the digests under settings already read.
func LoadContent(fsys fs.FS, cfg *config.Config, problems diag.List) (*config.Config, []*content.Digest, diag.List) {
	base := cfg.BasePath()
	md := markdown.New(
		markdown.WithUnsafeHTML(cfg.UnsafeHTML),
		markdown.WithHandleURL(func(slug string) string {
			return base + site.SourcePath(slug)[1:]
		}),
	)
	digests, more := content.Load(fsys, cfg, md)
	problems = append(problems, more...)
	if problems.Err() != nil {
		return nil, nil, problems
	}
	return cfg, digests, problems
}
