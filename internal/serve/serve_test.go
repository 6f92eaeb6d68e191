package serve_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/serve"
)

func TestServeEditsAndErrors(t *testing.T) {
	h := start(t)
	code, body, hdr := h.get(page)
	if code != 200 || !strings.Contains(body, "<h1>First title</h1>") || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Fatalf("GET %s: %d %s\n%s", page, code, hdr.Get("Content-Type"), body)
	}
	// Served at the root of the served address, not under base_url's path.
	if !strings.Contains(body, `href="/themes/compute/"`) || strings.Contains(body, "example.org") {
		t.Error("links are not relative to the served address")
	}
	if !strings.Contains(body, "/__signal/events") {
		t.Error("no live-reload script in served HTML")
	}
	if _, err := os.Stat(filepath.Join(h.dir, "public")); err == nil {
		t.Error("serve wrote public/")
	}

	// Edit in place.
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Second title"))
	h.eventually("the edit", func() bool { return strings.Contains(h.body(page), "<h1>Second title</h1>") })

	// Write to a temporary file, then rename over the digest.
	tmp := filepath.Join(h.dir, "content", "tmp-save")
	os.WriteFile(tmp, []byte(fmt.Sprintf(digest, "Renamed title")), 0o644)
	if err := os.Rename(tmp, filepath.Join(h.dir, "content", "2026-11-02-one.md")); err != nil {
		t.Fatal(err)
	}
	h.eventually("the renamed save", func() bool { return strings.Contains(h.body(page), "<h1>Renamed title</h1>") })

	// Add a digest in a new folder, then delete it.
	h.write("content/new/deeper/2026-11-03-two.md", strings.Replace(fmt.Sprintf(digest, "Another"), "2026-11-02", "2026-11-03", 1))
	h.eventually("the new digest", func() bool { code, _, _ := h.get("/2026/11/03/two/"); return code == 200 })
	os.RemoveAll(filepath.Join(h.dir, "content", "new"))
	h.eventually("the deletion", func() bool { code, _, _ := h.get("/2026/11/03/two/"); return code == 404 })

	// Break the front matter: the last good build stays, with the overlay.
	h.write("content/2026-11-02-one.md", strings.Replace(fmt.Sprintf(digest, "Broken"), "Bullish", "Bulish", 1))
	h.eventually("the overlay", func() bool { return strings.Contains(h.body(page), `id="signal-overlay"`) })
	body = h.body(page)
	if !strings.Contains(body, "<h1>Renamed title</h1>") {
		t.Error("the last good build is not served while the build is broken")
	}
	if !strings.Contains(body, "content/2026-11-02-one.md:4:12: consensus: unknown stance") {
		t.Errorf("overlay lacks the positioned error:\n%s", body)
	}
	if !strings.Contains(h.body("/archive/"), `id="signal-overlay"`) || !strings.Contains(h.body("/no/such/page/"), `id="signal-overlay"`) {
		t.Error("the overlay is not on every page")
	}
	// Fix it: the overlay goes.
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Fixed title"))
	h.eventually("the fix", func() bool { return strings.Contains(h.body(page), "<h1>Fixed title</h1>") })
	if strings.Contains(h.body(page), `id="signal-overlay"`) {
		t.Error("the overlay stayed after the fix")
	}

	// A broken layout, then a fixed one.
	h.write("layouts/digest.html", `{{define "main"}}<h1>{{.Nope}}</h1>{{end}}`)
	h.eventually("the layout error", func() bool { return strings.Contains(h.body(page), "layouts/digest.html:1:") })
	h.write("layouts/digest.html", `{{define "main"}}<h1>Layout: {{.Digest.Title}}</h1>{{end}}`)
	h.eventually("the new layout", func() bool { return strings.Contains(h.body(page), "<h1>Layout: Fixed title</h1>") })

	// Bad settings are errors too.
	h.write("site.yaml", "page_size: zero\n")
	h.eventually("the settings error", func() bool { return strings.Contains(h.body(page), "site.yaml:1:12: page_size") })
	h.write("site.yaml", "title: Live\n")
	h.eventually("the fixed settings", func() bool { return !strings.Contains(h.body(page), `id="signal-overlay"`) })

	// Editors' scratch files do not rebuild.
	before := h.rebuilds()
	h.write("content/.2026-11-02-one.md.swp", "x")
	h.write("content/2026-11-02-one.md~", "x")
	h.write("content/4913", "x")
	h.settle()
	if after := h.rebuilds(); after != before {
		t.Errorf("scratch files caused %d rebuilds:\n%s", after-before, h.log.String())
	}
}

// Open pages hear of rebuilds: a reload for content, a stylesheet swap for
// CSS alone, the errors for a broken build.
func TestServeEvents(t *testing.T) {
	h := start(t)
	events := h.events()
	next := func(want string) {
		t.Helper()
		select {
		case got := <-events:
			if got != want {
				t.Fatalf("event %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no %q event", want)
		}
	}
	// Saves are whole (a new file renamed over the old, as editors do), so
	// that a loaded machine cannot show the watcher a half-written file.
	save := func(name, data string) {
		t.Helper()
		h.write(name+".tmp~", data)
		if err := os.Rename(filepath.Join(h.dir, name+".tmp~"), filepath.Join(h.dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	next("hello")
	save("static/style.css", "body{color:red}")
	next("css")
	save("content/2026-11-02-one.md", fmt.Sprintf(digest, "Evented"))
	next("reload")
	save("content/2026-11-02-one.md", "no front matter")
	next("errors")
	// A burst of saves is one rebuild; a machine so loaded that the burst
	// has a gap longer than the debounce may split it once, not five times.
	for i := range 5 {
		save("content/2026-11-02-one.md", fmt.Sprintf(digest, fmt.Sprint("Burst ", i)))
	}
	next("reload")
	extra := 0
	for {
		select {
		case e := <-events:
			extra++
			if e != "reload" || extra > 1 {
				t.Errorf("a burst of saves sent more events: %q", e)
			}
			continue
		case <-time.After(300 * time.Millisecond):
		}
		break
	}
}

// The server refuses what a shared machine must not allow.
func TestServeSafety(t *testing.T) {
	h := start(t)
	secret := filepath.Join(filepath.Dir(h.dir), "secret.txt")
	os.WriteFile(secret, []byte("secret"), 0o644)
	for _, p := range []string{
		"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt",
		"/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%2Fsecret.txt", "/a/..%2f..%2fsecret.txt",
		"/..%5csecret.txt", "/..%5Csecret.txt", "/\\..\\secret.txt", "/..\\secret.txt",
		"/%00", "/style.css%00.html", "/..%00/secret.txt",
		"/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/..%c0%afsecret.txt", "/..%e0%80%afsecret.txt",
		"/%252e%252e/secret.txt", "/%25%32%65%25%32%65/secret.txt", "/./../secret.txt", "//../secret.txt",
		"/2026/../../secret.txt", "/%2e%2e%5c%2e%2e%5csecret.txt", "/..;/secret.txt",
	} {
		req, _ := http.NewRequest("GET", h.base+"/", nil)
		req.URL.Opaque = p // sent as written
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 || strings.Contains(string(b), "secret") {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: %d without nosniff", p, resp.StatusCode)
		}
	}
	// A doubled slash is dropped with a redirect, as Go's file server
	// does.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for p, want := range map[string]string{"/archive//": "/archive/", "/themes//x/?q=1": "/themes/x/?q=1"} {
		req, _ := http.NewRequest("GET", h.base+"/", nil)
		req.URL.Opaque = p
		resp, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 301 || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 301 to %s", p, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
	// No directory listings: a folder without index.html is a 404.
	if code, _, _ := h.get("/2026/11/"); code != 404 {
		t.Errorf("GET /2026/11/: %d, want 404", code)
	}
	req, _ := http.NewRequest("GET", h.base+"/", nil)
	req.Host = "attacker.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("foreign Host: %d, want 403", resp.StatusCode)
	}
	// A rebinding attacker's names that only look local are foreign too.
	for _, host := range []string{"localhost.attacker.example", "127.0.0.1.nip.io", "0.0.0.0", "[::ffff:7f00:1]x", "10.0.0.1:1313"} {
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 && resp.StatusCode != 400 {
			t.Errorf("Host %q: %d, want 403", host, resp.StatusCode)
		}
	}
	req.Host = ""
	for _, host := range []string{"localhost", "127.0.0.1", "[::1]:1313", "LOCALHOST:1"} {
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("Host %s: %d", host, resp.StatusCode)
		}
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		req, _ := http.NewRequest(m, h.base+"/", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d, Allow %q, want 405", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	// OPTIONS * too, which net/http would answer itself, Host unchecked.
	for host, want := range map[string]string{"evil.example": "HTTP/1.1 403 ", "localhost": "HTTP/1.1 405 "} {
		conn, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "OPTIONS * HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", host)
		status, _ := bufio.NewReader(conn).ReadString('\n')
		conn.Close()
		if !strings.HasPrefix(status, want) {
			t.Errorf("OPTIONS * with Host %s: %q, want %q", host, status, want)
		}
	}
	resp, err = http.Head(h.base + page)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(b) != 0 || resp.ContentLength <= 0 {
		t.Errorf("HEAD %s: %d, %d bytes, Content-Length %d", page, resp.StatusCode, len(b), resp.ContentLength)
	}
	// Every kind of answer says nosniff: a page, a redirect, a 404, a 403.
	for _, p := range []string{page, "/2026/11/02/one", "/missing/", "/feed.xml"} {
		if _, _, hdr := h.get(p); hdr.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s without nosniff", p)
		}
	}
	code, body, hdr := h.get("/style.css")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/css") || hdr.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("style.css: %d %q %q", code, hdr.Get("Content-Type"), hdr.Get("X-Content-Type-Options"))
	}
	if strings.Contains(body, "__signal") {
		t.Error("the script was injected into CSS")
	}
	if code, body, _ := h.get("/missing/"); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("missing page: %d, not the site's 404.html", code)
	}
	if _, body, _ := h.get("/feed.xml"); strings.Contains(body, "__signal") {
		t.Error("the script was injected into a feed")
	}
}

// A client that sends its headers slowly is cut off, while the event
// stream of an open page outlives every deadline.
func TestServeTimeouts(t *testing.T) {
	defer serve.SetTimeouts(300*time.Millisecond, 400*time.Millisecond, 400*time.Millisecond, time.Second)()
	h := start(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n") // and never the blank line
	began := time.Now()
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadAll(conn); err != nil {
		t.Errorf("the slow client was not cut off: %v", err)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Errorf("the slow client was cut off after %v", took)
	}

	resp, err := http.Get(h.base + "/__signal/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	time.Sleep(time.Second) // past the read and write deadlines
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "After the deadlines"))
	for lines.Scan() {
		if lines.Text() == "event: reload" {
			return
		}
	}
	t.Fatalf("the event stream ended: %v", lines.Err())
}

// Symbolic links that loop, or that lead out of the site, neither hang the
// watcher nor stop the server: it builds, serves and rebuilds.
func TestServeSymlinkLoops(t *testing.T) {
	h := start(t)
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "2026-11-05-out.md"), []byte(fmt.Sprintf(digest, "Outside")), 0o644)
	for link, target := range map[string]string{
		"content/loop":        ".",
		"content/up":          "..",
		"content/a/b/root":    h.dir,
		"content/outside":     outside,
		"static/loop":         "../static",
		"layouts/partials/up": "..",
	} {
		p := filepath.Join(h.dir, filepath.FromSlash(link))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Beside the loops"))
	h.eventually("the rebuild", func() bool { return strings.Contains(h.body(page), "<h1>Beside the loops</h1>") })
	if code, _, _ := h.get("/2026/11/05/out/"); code != 404 {
		t.Errorf("a digest in a linked folder outside the site was built: %d", code)
	}
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Again"))
	h.eventually("a second rebuild", func() bool { return strings.Contains(h.body(page), "<h1>Again</h1>") })
}

// Files named with spaces, #, ?, % and other scripts are served at their
// URL-encoded names.
func TestServeEncodedNames(t *testing.T) {
	h := start(t)
	h.write("static/img/my chart #1?.svg", "<svg/>")
	h.write("static/data/100% über.csv", "a,b")
	h.eventually("the static files", func() bool {
		code, body, _ := h.get("/img/my%20chart%20%231%3F.svg")
		return code == 200 && body == "<svg/>"
	})
	if code, body, _ := h.get("/data/100%25%20%C3%BCber.csv"); code != 200 || body != "a,b" {
		t.Errorf("GET /data/100%%25%%20%%C3%%BCber.csv: %d %q", code, body)
	}
}

// A range of a file is served as a static host serves it: audio and video
// in static/ need it.
func TestServeRange(t *testing.T) {
	h := start(t)
	h.write("static/clip.txt", "0123456789abcdef")
	h.eventually("the new static file", func() bool { code, _, _ := h.get("/clip.txt"); return code == 200 })
	req, _ := http.NewRequest("GET", h.base+"/clip.txt", nil)
	req.Header.Set("Range", "bytes=4-7")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusPartialContent || string(body) != "4567" || resp.Header.Get("Content-Range") != "bytes 4-7/16" {
		t.Errorf("GET bytes=4-7: %d %q Content-Range %q, want 206 \"4567\" bytes 4-7/16", resp.StatusCode, body, resp.Header.Get("Content-Range"))
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", got)
	}
}

// Bound to every interface, serve names the site by localhost, in its log
// and in the absolute URLs of pages, not by the unspecified address.
func TestServeEveryInterface(t *testing.T) {
	dir := t.TempDir()
	h := &harness{t: t, dir: dir, log: &syncBuffer{}}
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "First title"))
	ln, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.New(serve.Options{Source: dir, Theme: signal.Theme, Log: h.log}).Serve(ctx, ln) }()
	defer func() { cancel(); <-done }()
	h.base = fmt.Sprintf("http://127.0.0.1:%d", port)
	h.eventually("the first build", func() bool { return strings.Contains(h.log.String(), "built in") })
	want := fmt.Sprintf("at http://localhost:%d/, listening on every interface", port)
	h.eventually("the address", func() bool { return strings.Contains(h.log.String(), want) })
	if body := h.body(page); !strings.Contains(body, fmt.Sprintf(`<link rel="canonical" href="http://localhost:%d/2026/11/02/one/">`, port)) {
		t.Errorf("the canonical URL does not name localhost:\n%s", body)
	}
}

// A folder of content/ renamed while serving is watched under its new
// name, with the folders in it: edits there are served, as in a build.
// Dot folders and files of static/, which a build copies, are watched too.
func TestServeRenamedFolder(t *testing.T) {
	h := start(t)
	h.write("content/y1/sub/2026-11-03-deep.md", strings.Replace(fmt.Sprintf(digest, "Deep"), "2026-11-02", "2026-11-03", 1))
	h.write("content/y1/2026-11-04-top.md", strings.Replace(fmt.Sprintf(digest, "Top"), "2026-11-02", "2026-11-04", 1))
	h.eventually("the new folder", func() bool { return strings.Contains(h.body("/2026/11/03/deep/"), "<h1>Deep</h1>") })
	for i, name := range []string{"y2", "y3"} {
		old := filepath.Join(h.dir, "content", []string{"y1", "y2"}[i])
		if err := os.Rename(old, filepath.Join(h.dir, "content", name)); err != nil {
			t.Fatal(err)
		}
		h.settle() // the rename's rebuild is done
		h.write("content/"+name+"/2026-11-04-top.md", strings.Replace(fmt.Sprintf(digest, "Top "+name), "2026-11-02", "2026-11-04", 1))
		h.write("content/"+name+"/sub/2026-11-03-deep.md", strings.Replace(fmt.Sprintf(digest, "Deep "+name), "2026-11-02", "2026-11-03", 1))
		h.eventually("an edit in the renamed folder", func() bool { return strings.Contains(h.body("/2026/11/04/top/"), "<h1>Top "+name+"</h1>") })
		h.eventually("an edit in a folder in it", func() bool { return strings.Contains(h.body("/2026/11/03/deep/"), "<h1>Deep "+name+"</h1>") })
	}

	h.write("static/.well-known/security.txt", "v1")
	h.write("static/.nojekyll", "")
	h.eventually("a dot folder of static/", func() bool { return h.body("/.well-known/security.txt") == "v1" })
	h.write("static/.well-known/security.txt", "v2")
	h.eventually("its edit", func() bool { return h.body("/.well-known/security.txt") == "v2" })
	if code, _, _ := h.get("/.nojekyll"); code != http.StatusOK {
		t.Errorf("/.nojekyll: %d", code)
	}
	// Finder's files rebuild nothing, which would reload the open pages.
	h.write("static/.DS_Store", "x")
	h.write("static/._extra.css", "x")
	h.write("static/marker.txt", "x")
	h.eventually("the marker", func() bool { return h.body("/marker.txt") == "x" })
	if log := h.log.String(); strings.Contains(log, ".DS_Store") || strings.Contains(log, "._extra.css") {
		t.Errorf("Finder's files were watched:\n%s", log)
	}
}

// An editor that saves by emptying the file, then writing it a little
// later, does not flash the error of an empty digest between the two.
func TestServeTwoStepSave(t *testing.T) {
	// The second write comes 60 ms after the first, as an editor's does;
	// a loaded machine may take longer to make it than serve waits.
	t.Cleanup(serve.SetEmptyWait(time.Second)) // restored once the server stops
	h := start(t)
	name := filepath.Join(h.dir, "content", "2026-11-02-one.md")
	if err := os.Truncate(name, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond)
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "Saved in two steps"))
	h.eventually("the save", func() bool { return strings.Contains(h.body(page), "<h1>Saved in two steps</h1>") })
	if log := h.log.String(); strings.Contains(log, "front matter") {
		t.Errorf("the emptied file was built:\n%s", log)
	}
	// A digest left empty is an error all the same, shown a moment later.
	if err := os.Truncate(name, 0); err != nil {
		t.Fatal(err)
	}
	h.eventually("the empty digest's error", func() bool { return strings.Contains(h.body(page), `id="signal-overlay"`) })
}

// A draft, as signal new writes one, is left out of the served site as
// of a build, and the log says so and names the flag that shows it: an
// author who sees an empty site is told why.
func TestServeSaysDraftsLeftOut(t *testing.T) {
	h := start(t)
	h.write("content/2026-11-03-draft.md", strings.Replace(fmt.Sprintf(digest, "A draft"), "tags:", "draft: true\ntags:", 1))
	h.eventually("the rebuild with the draft", func() bool {
		return strings.Contains(h.log.String(), "ms; left out: 1 draft (--drafts)")
	})
}
