package serve_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	signal "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/serve"
)

// Stopping does not wait on a connection that a browser opened ahead of a
// request it never sent, as Chromium does: Shutdown alone counts it as
// busy for five seconds.
func TestServeStopsWithIdleConnection(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: Stop\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "2026-11-02-one.md"), []byte(fmt.Sprintf(digest, "Stop")), 0o644)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	log := &syncBuffer{}
	go func() { done <- serve.New(serve.Options{Source: dir, Theme: signal.Theme, Log: log}).Serve(ctx, ln) }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), "built in") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	began := time.Now()
	cancel()
	select {
	case err := <-done:
		if took := time.Since(began); err != nil || took > 2*time.Second {
			t.Errorf("Serve returned %v after %v", err, took)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
}
