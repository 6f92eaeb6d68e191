package build

import (
	"io/fs"
	"net/url"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/markdown"
	"github.com/signaldigest/signal/internal/render"
	"github.com/signaldigest/signal/internal/site"
	"github.com/signaldigest/signal/internal/sitefs"
)

// Load runs the first stages: site.yaml, then every digest. baseURL, when
// not nil, replaces base_url. The problems include warnings; the results are
// nil when there are errors.
func Load(fsys fs.FS, baseURL *url.URL) (*config.Config, []*content.Digest, diag.List) {
	return load(sitefs.Confine(fsys), baseURL, nil) // as prepare does
}

func load(fsys fs.FS, baseURL *url.URL, cache *content.Cache, opts ...content.Option) (*config.Config, []*content.Digest, diag.List) {
	// Settings broken in ways that digests do not depend on are reported
	// with the digests' problems: one run says it all.
	cfg, problems := config.Lenient(fsys)
	if cfg == nil {
		return nil, nil, problems
	}
	if baseURL != nil {
		cfg.BaseURL = baseURL
	}
	base := cfg.BasePath()
	md := markdown.New(
		markdown.WithUnsafeHTML(cfg.UnsafeHTML),
		markdown.WithBasePath(base),
		markdown.WithReservedIDs(render.PageIDs...),
		markdown.WithHandleURL(func(slug string) string {
			return base + site.SourcePath(slug)[1:]
		}),
	)
	digests, more := content.Load(fsys, cfg, md, cache, opts...)
	problems = append(problems, more...)
	if problems.Err() != nil {
		return nil, nil, problems
	}
	return cfg, digests, problems
}
