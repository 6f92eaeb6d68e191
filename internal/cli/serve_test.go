package cli_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeDefaultPortTaken runs `signal serve` while something else holds
// port 1313: without --port it serves on a free port and says which; with
// --port 1313 it fails with exit status 1 and says how to choose another.
func TestServeDefaultPortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:1313")
	switch {
	case err == nil:
		defer ln.Close()
	case !errors.Is(err, syscall.EADDRINUSE):
		t.Fatal(err) // in use by another program is as good
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "site.yaml"), "title: Ports\nbase_url: https://example.org/\n")
	writeFile(t, filepath.Join(site, "content", "2026-11-24-a.md"),
		"---\ntitle: A digest\ndate: 2026-11-24\nconsensus: Bullish\nconviction: High\n---\n\nBody.\n")
	signal := func(args ...string) *exec.Cmd {
		cmd := exec.Command(exe, append([]string{"serve", "-s", site}, args...)...)
		cmd.Args[0] = "signal" // TestMain runs cli.Main for this name
		return cmd
	}

	t.Run("default", func(t *testing.T) {
		cmd := signal()
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer cmd.Process.Kill()
		lines := bufio.NewScanner(stderr)
		var said []string
		var base string
		serving := regexp.MustCompile(`^Serving .* at (http://127\.0\.0\.1:(\d+)/) `)
		for base == "" && lines.Scan() {
			said = append(said, lines.Text())
			if m := serving.FindStringSubmatch(lines.Text()); m != nil {
				base = m[1]
				if m[2] == "1313" {
					t.Fatalf("serves on the taken port:\n%s", strings.Join(said, "\n"))
				}
			}
		}
		if base == "" {
			t.Fatalf("no Serving line:\n%s", strings.Join(said, "\n"))
		}
		if !strings.HasPrefix(said[0], "Port 1313 is in use: serving on port ") {
			t.Errorf("first line %q does not say that 1313 is in use", said[0])
		}
		go io.Copy(io.Discard, stderr)
		res, err := http.Get(base + "2026/11/24/a/")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "A digest") {
			t.Errorf("GET the digest: %s\n%.300s", res.Status, body)
		}
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("after Ctrl-C: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("still running 10 s after Ctrl-C")
		}
	})

	t.Run("given", func(t *testing.T) {
		out, err := signal("--port", "1313").CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("exit: %v, want status 1\n%s", err, out)
		}
		if !strings.Contains(string(out), "address already in use (choose another with --port, or --port 0 for a free one)") {
			t.Errorf("message:\n%s", out)
		}
	})
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
