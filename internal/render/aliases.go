package render

import (
	"html/template"
	"strings"

	"github.com/signaldigest/signal/internal/config"
	"github.com/signaldigest/signal/internal/site"
)

// Aliases writes page/1/index.html beside the first page of every list,
// leading to that page, as Hugo does: a reader or a tool that counts pages
// from 1 finds the first one there rather than a 404. It asks search
// engines not to index it and names the first page as the canonical one.
func (r *Renderer) Aliases(sink Sink) error {
	cfg := r.site.Config
	for _, p := range r.site.Pages {
		file := p.AliasFile()
		if file == "" {
			continue
		}
		abs := template.HTMLEscapeString(cfg.AbsURL(site.EscapePath(p.Path)))
		var b strings.Builder
		b.WriteString("<!DOCTYPE html>\n<html lang=\"" + template.HTMLEscapeString(cfg.Language) + "\"" + dir(cfg) + ">\n<head>\n<meta charset=\"utf-8\">\n")
		b.WriteString("<title>" + template.HTMLEscapeString(p.Title) + "</title>\n")
		b.WriteString("<link rel=\"canonical\" href=\"" + abs + "\">\n")
		b.WriteString("<meta name=\"robots\" content=\"noindex\">\n")
		b.WriteString("<meta http-equiv=\"refresh\" content=\"0; url=" + abs + "\">\n")
		b.WriteString("</head>\n<body><p><a href=\"" + abs + "\">" + template.HTMLEscapeString(p.Title) + "</a></p></body>\n</html>\n")
		if err := sink.WriteFile(file, []byte(b.String())); err != nil {
			return err
		}
	}
	return nil
}

// dir is the dir attribute of a page's <html>, as base.html writes it: for
// a language written from the right alone.
func dir(cfg *config.Config) string {
	if cfg.Direction() == "rtl" {
		return ` dir="rtl"`
	}
	return ""
}
