package serve

import (
	"fmt"
	"html"
	"net/http"
	"strings"
	"sync"

	"github.com/signaldigest/signal/internal/diag"
)

// event is one Server-Sent Event.
type event struct{ name, data string }

// broker fans events out to the open pages.
type broker struct {
	mu      sync.Mutex // guards clients and closed
	clients map[chan event]struct{}
	closed  chan struct{}
}

func newBroker() *broker {
	return &broker{clients: map[chan event]struct{}{}, closed: make(chan struct{})}
}

func (b *broker) send(e event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c <- e:
		default: // a page too slow to read gets the next event instead
		}
	}
}

// close ends every stream, so that the server can shut down.
func (b *broker) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-b.closed:
	default:
		close(b.closed)
	}
}

// serve holds one page's event stream open until the page or the server
// goes away. The first event names the current build, so that a page
// reconnecting after a restart can tell that it is stale.
func (b *broker) serve(w http.ResponseWriter, r *http.Request, s *Server) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan event, 8)
	b.mu.Lock()
	b.clients[c] = struct{}{}
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.clients, c)
		b.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	site, problems, n := s.state()
	write(w, event{name: "hello", data: n})
	if len(problems) > 0 {
		write(w, event{name: "errors", data: overlayWith(problems, s.headline(site))})
	}
	flusher.Flush()
	for {
		select {
		case e := <-c:
			write(w, e)
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-b.closed:
			return
		}
	}
}

func write(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\n", e.name)
	// A CR would end a line of the stream as well as an LF does.
	for _, line := range strings.Split(strings.ReplaceAll(e.data, "\r", ""), "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}

// overlayWith shows a failed build's errors over the page, under headline. It is plain
// HTML with inline styles, so it shows without JavaScript and without the
// theme's stylesheet.
func overlayWith(problems diag.List, headline string) string {
	var b strings.Builder
	b.WriteString(`<div id="signal-overlay" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#ffe9e7;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;border-top:4px solid #ff6b5e;box-shadow:0 -4px 16px rgba(0,0,0,.4)">`)
	b.WriteString(`<strong style="display:block;font:600 15px/1.4 system-ui,sans-serif;margin-bottom:.5rem">` + html.EscapeString(headline) + ` Fix the file and the page updates itself.</strong><ul style="margin:0;padding-left:1.2rem">`)
	for _, p := range problems {
		b.WriteString("<li>" + html.EscapeString(p.Error()) + "</li>")
	}
	b.WriteString("</ul></div>")
	return b.String()
}

// reloadScript listens for rebuilds: "reload" reloads the page, "css"
// swaps the stylesheets in place, "errors" shows the overlay. EventSource
// reconnects by itself when the server restarts; the "hello" of the new
// connection tells the page whether it missed a build.
//
// A browser opens at most six connections to one host, and an event stream
// holds one for as long as its page is open: a seventh tab would never
// load. So the tabs of a browser share one stream: the tab that holds the
// Web Lock "signal-live" listens, and passes each event on to the others
// over a BroadcastChannel; when it closes, another takes the lock. Where
// locks are missing (a page served to a phone over plain HTTP is not a
// secure context), each page listens for itself.
func reloadScript(build string) string {
	return `<script>(()=>{const b="` + build + `";` +
		`const on={hello:d=>{if(d!==b)location.reload()},reload:()=>location.reload(),` +
		`css:d=>{document.querySelectorAll('link[rel="stylesheet"]').forEach(l=>{const u=new URL(l.href);u.searchParams.set("live",d);l.href=u.href});document.getElementById("signal-overlay")?.remove()},` +
		`errors:d=>{document.getElementById("signal-overlay")?.remove();document.body.insertAdjacentHTML("beforeend",d)}};` +
		`const ch=self.BroadcastChannel&&navigator.locks?new BroadcastChannel("signal-live"):null;` +
		`const listen=()=>{const es=new EventSource("` + eventsPath + `");for(const k in on)es.addEventListener(k,e=>{ch?.postMessage([k,e.data]);on[k](e.data)})};` +
		`if(ch){ch.onmessage=e=>on[e.data[0]]?.(e.data[1]);navigator.locks.request("signal-live",()=>{listen();return new Promise(()=>{})})}else listen();` +
		`})();</script>`
}
