package config_test

import (
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/config"
)

// FuzzConfig checks that no site.yaml makes Parse panic, and that what it
// returns is consistent: a Config only without errors, every problem in
// site.yaml, every setting in range.
func FuzzConfig(f *testing.F) {
	for _, seed := range []string{
		"",
		"title: \"Signal Archive\"\nbase_url: \"https://example.org/archive\"\nlanguage: pt-BR\n" +
			"author:\n  name: \"The Desk\"\n  email: desk@example.com\ntimezone: Europe/Paris\n" +
			"permalink: \"/:year/:month/:day/:slug/\"\npage_size: 10\nfeed_items: 0\nunsafe_html: true\n",
		"\ufeffbaseurl: x\r\npage_size: ten\r\n",
		"permalink: /:yr/:slug\nfeed_items: -1\nunsafe_html: \"yes\"\n",
		"author: [a, b]\ntimezone: Local\nbase_url: ftp://x/\n",
		"a: &a [x, *a]\n<<: *a\n",
		"- just\n- a list\n",
		"title: Compute: the choke point\n",
		"page_size: 99999999999999999999\n",
		"language: \"x-\u00e9\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, problems := config.Parse(data)
		for _, p := range problems {
			if p.Path != config.File || !strings.HasPrefix(p.Error(), "site.yaml") {
				t.Fatalf("problem not in site.yaml: %q", p.Error())
			}
		}
		if (cfg == nil) != (problems.Err() != nil) {
			t.Fatalf("config nil = %v, errors: %v", cfg == nil, problems.Err())
		}
		if cfg == nil {
			return
		}
		if !cfg.BaseURL.IsAbs() || !strings.HasSuffix(cfg.BasePath(), "/") || !strings.HasPrefix(cfg.BasePath(), "/") {
			t.Fatalf("base_url %q", cfg.BaseURL)
		}
		if cfg.Timezone == nil || cfg.Title == "" || cfg.Language == "" {
			t.Fatalf("unset setting: %+v", cfg)
		}
		if cfg.PageSize < 1 || cfg.FeedItems < 0 {
			t.Fatalf("page_size %d, feed_items %d", cfg.PageSize, cfg.FeedItems)
		}
		if !strings.Contains(cfg.Permalink, ":slug") || !strings.HasPrefix(cfg.Permalink, "/") {
			t.Fatalf("permalink %q", cfg.Permalink)
		}
	})
}
