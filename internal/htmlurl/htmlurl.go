package htmlurl

import "strings"

// Names are the attributes whose values are URLs, or in srcset a list of
// them, that a reader follows or loads: links, images, a video's poster,
// a quotation's source, an object's data, a form's action, SVG's
// xlink:href, and the background and longdesc of older HTML. URLs in CSS,
// style="background: url(x.png)", are left as written.
var Names = [...]string{"href", "src", "srcset", "poster", "cite", "data", "action", "formaction", "xlink:href", "background", "longdesc"}

// Rewrite returns the value of attribute key with each URL in it passed
// through fn, or val itself when key holds no URL. key is lower case, as a
// tokenizer gives it.
func Rewrite(key, val string, fn func(string) string) string {
	switch key {
	case "href", "src", "poster", "cite", "data", "action", "formaction", "xlink:href", "background", "longdesc":
		return fn(val)
	case "srcset":
		return srcset(val, fn)
	}
	return val
}

// srcset rewrites the URLs of an image candidate list: "a.png 1x, b.png 2x"
// or "a.png 480w,b.png 800w". A URL runs to the next space; commas at its
// end end the candidate, as in HTML's parsing of srcset, so URLs that hold
// commas (w_100,h_80/a.png) stay whole. Candidates come out separated by
// ", ".
func srcset(val string, fn func(string) string) string {
	var out []string
	rest := val
	for {
		rest = strings.TrimLeft(rest, " \t\n\f\r,")
		if rest == "" {
			return strings.Join(out, ", ")
		}
		end := strings.IndexAny(rest, " \t\n\f\r")
		if end < 0 {
			end = len(rest)
		}
		url, descriptor := rest[:end], ""
		rest = rest[end:]
		if trimmed := strings.TrimRight(url, ","); trimmed != url {
			url = trimmed
		} else {
			comma := strings.IndexByte(rest, ',')
			if comma < 0 {
				comma = len(rest)
			}
			descriptor = strings.TrimSpace(rest[:comma])
			rest = rest[comma:]
		}
		candidate := fn(url)
		if descriptor != "" {
			candidate += " " + descriptor
		}
		out = append(out, candidate)
	}
}
