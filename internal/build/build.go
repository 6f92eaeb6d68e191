package build

import (
	"io/fs"
	"net/url"
	"slices"

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
	cfg, digests, _, problems := load(sitefs.Confine(fsys), baseURL, nil) // as prepare does
	return cfg, digests, problems
}

// load is Load, with a cache; when there are errors, it returns the
// digests that did parse, to check against the site's pages (parsed), and
// the settings, unless site.yaml was broken.
func load(fsys fs.FS, baseURL *url.URL, cache *content.Cache, opts ...content.Option) (cfg *config.Config, digests, parsed []*content.Digest, problems diag.List) {
	// Broken settings are reported with the digests' problems, which are
	// found with the defaults in their place: one run says it all.
	cfg, problems, guessed := config.Lenient(fsys)
	if problems.Err() == nil {
		// With a setting broken, a digest's path, or a page's, may be
		// another once it is mended: its clashes are not told.
		opts = append(opts, content.OnErrors(func(ds []*content.Digest) { parsed = ds }))
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
	if guessed {
		// A warning may be of a default, not of the site's setting: a
		// date's day in UTC rather than in the zone it misspelled; and so
		// may two digests with one permalink, whose days that zone sets.
		more = slices.DeleteFunc(more.Errors(), content.IsPermalinkClash)
	}
	problems = append(problems, more...)
	if problems.Err() != nil {
		if parsed == nil {
			return nil, nil, nil, problems
		}
		return cfg, nil, parsed, problems
	}
	return cfg, digests, nil, problems
}
