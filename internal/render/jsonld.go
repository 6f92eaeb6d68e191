package render

import (
	"encoding/json"
	"html/template"
	"strings"
	"time"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/content"
	"github.com/signaldigest/signal/internal/site"
)

// jsonLD is a digest's schema.org NewsArticle. encoding/json escapes <, >
// and & inside strings, so no title can close the script element it sits
// in; html/template passes a template.JS through as it is.
func jsonLD(cfg *config.Config, d *content.Digest) template.JS {
	type thing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	url := cfg.AbsURL(site.EscapePath(d.Permalink))
	author := thing{Type: "Organization", Name: cfg.Title, URL: cfg.BaseURL.String()}
	if cfg.Author.Name != "" {
		author = thing{Type: "Person", Name: cfg.Author.Name}
	}
	var keywords []string
	for _, t := range d.Themes {
		keywords = append(keywords, t.Name)
	}
	doc := struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Headline      string `json:"headline"`
		Description   string `json:"description,omitempty"`
		DatePublished string `json:"datePublished"`
		DateModified  string `json:"dateModified"`
		Author        thing  `json:"author"`
		Publisher     thing  `json:"publisher"`
		Keywords      string `json:"keywords,omitempty"`
		URL           string `json:"url"`
		MainEntity    string `json:"mainEntityOfPage"`
		InLanguage    string `json:"inLanguage"`
	}{
		Context:       "https://schema.org",
		Type:          "NewsArticle",
		Headline:      d.Title,
		Description:   d.Summary,
		DatePublished: d.Date.Format(time.RFC3339),
		DateModified:  d.Modified().Format(time.RFC3339),
		Author:        author,
		Publisher:     thing{Type: "Organization", Name: cfg.Title, URL: cfg.BaseURL.String()},
		Keywords:      strings.Join(keywords, ", "),
		URL:           url,
		MainEntity:    url,
		InLanguage:    cfg.Language,
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return "{}"
	}
	return template.JS(b)
}
