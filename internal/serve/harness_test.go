package serve_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/serve"
)

const digest = `---
title: %s
date: 2026-11-02
consensus: Bullish
conviction: high
tags: [Compute]
---
Body of the digest, citing @allIn.
`

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveDir serves the site folder dir on a free loopback port until the
// test and its cleanups end, and returns its root URL.
func serveDir(t *testing.T, dir string, log io.Writer) (string, *serve.Server) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	s := serve.New(serve.Options{Source: dir, Theme: signal.Theme, Log: log})
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve returned %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	return "http://" + ln.Addr().String(), s
}

type harness struct {
	t    *testing.T
	dir  string
	base string
	log  *syncBuffer
	srv  *serve.Server
}

// start serves a new site folder on a free loopback port until the test
// ends.
func start(t *testing.T) *harness {
	t.Helper()
	dir := t.TempDir()
	h := &harness{t: t, dir: dir, log: &syncBuffer{}}
	h.write("site.yaml", "title: Live\nbase_url: https://example.org/archive/\n")
	h.write("content/2026-11-02-one.md", fmt.Sprintf(digest, "First title"))
	h.write("static/extra.css", "")
	h.base, h.srv = serveDir(t, dir, h.log)
	h.eventually("the first build", func() bool { return strings.Contains(h.log.String(), "built in") })
	return h
}

func (h *harness) write(name, data string) {
	h.t.Helper()
	p := filepath.Join(h.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) get(path string) (int, string, http.Header) {
	h.t.Helper()
	resp, err := http.Get(h.base + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

// eventually polls cond for up to five seconds.
func (h *harness) eventually(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; log:\n%s", what, h.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// settle writes a file in the site's static/ folder, which must be there,
// and waits for serve's rebuild for it: the watcher takes events in order,
// so a change made before it has been acted on by then, or never will be.
// A check that a change rebuilt nothing is then sure, where a fixed wait
// passes when serve is slow.
func (h *harness) settle() {
	h.t.Helper()
	name := fmt.Sprintf("static/settle-%d.txt", settles.Add(1))
	h.write(name, "x")
	h.eventually("the rebuild for "+name, func() bool {
		return regexp.MustCompile(`(?m)^rebuilt \(.*\b` + regexp.QuoteMeta(name) + `\b`).MatchString(h.log.String())
	})
}

var settles atomic.Int64

// settleOnly is the log line of a rebuild for settle's file alone.
var settleOnly = regexp.MustCompile(`^rebuilt \(static/settle-[0-9]+\.txt changed\)`)

// rebuilds counts the rebuilds the log tells of, but those for settle's
// file alone: one for it and another change is counted.
func (h *harness) rebuilds() int {
	n := 0
	for _, l := range strings.Split(h.log.String(), "\n") {
		if strings.HasPrefix(l, "rebuilt") && !settleOnly.MatchString(l) {
			n++
		}
	}
	return n
}

func (h *harness) body(path string) string {
	_, b, _ := h.get(path)
	return b
}

const page = "/2026/11/02/one/"

// events opens the stream that open pages listen to and returns the names
// of its events, as they come, until the test ends.
func (h *harness) events() <-chan string {
	h.t.Helper()
	resp, err := http.Get(h.base + "/__signal/events")
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { resp.Body.Close() })
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		h.t.Fatalf("events Content-Type %q", ct)
	}
	events := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				events <- name
			}
		}
		close(events)
	}()
	return events
}
