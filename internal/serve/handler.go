package serve

import (
	"bytes"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/diag"
)

// Paths the server answers itself, outside the site.
const (
	eventsPath = "/__signal/events"
)

// timeouts keep slow or stalled clients from holding connections: a client
// that sends its headers slowly is cut off after header, one that reads
// its answer slowly after write (pages are small and local), and an idle
// keep-alive connection after idle. The event stream of live reload is
// meant to stay open, so it clears its own deadlines (see Handler). Tests
// shorten them.
var timeouts = struct{ header, read, write, idle time.Duration }{
	header: 10 * time.Second,
	read:   30 * time.Second, // GET and HEAD have no body: headers are all there is to read
	write:  60 * time.Second,
	idle:   2 * time.Minute,
}

// Handler serves the site. When loopbackOnly, requests whose Host header
// is not a loopback name or address are refused, which defeats DNS
// rebinding: a page on another site that resolves its own name to
// 127.0.0.1 still sends its own name as Host.
func (s *Server) Handler(loopbackOnly bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		if loopbackOnly && !loopbackHost(r.Host) {
			http.Error(w, "403 forbidden: this preview server answers only to localhost", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if r.URL.Path == eventsPath {
			// A stream that hits the server's read or write deadline is
			// cut, and a read deadline cancels the request's context too.
			rc := http.NewResponseController(w)
			_ = rc.SetReadDeadline(time.Time{})
			_ = rc.SetWriteDeadline(time.Time{})
			s.events.serve(w, r, s)
			return
		}
		s.serveFile(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// cleanPath turns a request into the path of a built file, or reports that
// it must be refused. A path it returns that is not the request's has had
// its empty segments dropped. The raw path is checked too: an encoded slash or
// backslash, a NUL, a dot segment or invalid UTF-8 (overlong encodings
// among it) in any form never reaches the site's files.
func cleanPath(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") || strings.Contains(raw, "%00") {
		return "", false
	}
	p := r.URL.Path
	if !utf8.ValidString(p) || strings.ContainsAny(p, "\\\x00") || !strings.HasPrefix(p, "/") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	// Empty segments are dropped ("/archive//" is "/archive/"): the
	// caller redirects to the path cleaned.
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean, true
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	site, problems, n := s.state()
	p, ok := cleanPath(r)
	if !ok {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	if p != r.URL.Path {
		// As Go's file server and hugo server do; path.Clean made "//x"
		// "/x", which no browser reads as another host.
		target := (&url.URL{Path: p}).EscapedPath()
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, found, failed := site.File(name)
	if !found && !strings.HasSuffix(p, "/") {
		if _, dir, _ := site.File(name + "/index.html"); dir {
			target := r.URL.EscapedPath() + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if !found && failed == nil {
		// A digest page that moved while the server ran (its date, slug
		// or file name edited): a page open at the old address reloads
		// into the new one, its #fragment kept, rather than a 404.
		if file, target := s.movedTo(p); file != "" {
			if _, ok, _ := site.File(file); ok {
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusFound) // not 301: browsers keep those
				return
			}
		}
	}
	status := http.StatusOK
	top := s.headline(site)
	if failed.Err() != nil {
		top = "This page failed to build."
		// A layout failed on this page only: show why, over an empty page.
		status, name = http.StatusInternalServerError, "500.html"
		data, problems = []byte("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Layout error</title></head><body></body></html>"), failed
	} else if !found {
		status = http.StatusNotFound
		name = "404.html"
		data, found, _ = site.File(name)
		if !found {
			data = []byte("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>")
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data, problems, top, n)
	}
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK {
		// With ranges, which audio and video in static/ need.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// inject adds the live-reload script, and the error overlay when the
// newest build failed, to a page: never to the built files themselves.
func inject(page []byte, problems diag.List, headline, build string) []byte {
	var add bytes.Buffer
	if len(problems) > 0 {
		add.WriteString(overlayWith(problems, headline))
	}
	add.WriteString(reloadScript(build))
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}
