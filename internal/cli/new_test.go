package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/signaldigest/signal/internal/cli"
)

// A title that is not UTF-8 is refused, not written with \x escapes that
// YAML would read back as other characters ("Caf\xe9" as "Café"). The
// script tests cannot pass such bytes as an argument.
func TestNewRefusesBytesThatAreNotUTF8(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := cli.Main([]string{"new", "-s", dir, "--date", "2026-11-24", "Caf\xe9 latte"}, &stdout, &stderr)
	if code != cli.ExitUsage || !strings.Contains(stderr.String(), `signal new: the title "Caf\xe9 latte" is not UTF-8 text`) {
		t.Errorf("exit %d, stderr %q: want %d and the title refused", code, stderr.String(), cli.ExitUsage)
	}
	if files, _ := os.ReadDir(filepath.Join(dir, "content")); len(files) != 0 {
		t.Errorf("content/ holds %v: want nothing written", files)
	}
}
