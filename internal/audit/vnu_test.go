package audit_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNuHTMLChecker runs the Nu HTML Checker over every built page, in one
// run of the JVM (it is slow to start): it must report no error.
func TestNuHTMLChecker(t *testing.T) {
	t.Parallel()
	java := command(t, "apt-get install -y default-jre-headless", "java")
	jar := need(t, "node_modules/vnu-jar/build/dist/vnu.jar")
	s := serve(t)
	s.audited(t) // every page kind was made

	dir := t.TempDir()
	var files []string
	for _, name := range s.mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		data, _ := s.mem.File(name)
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	if len(files) < 50 {
		t.Fatalf("only %d pages built", len(files))
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, append([]string{"-Xss4m", "-jar", jar, "--errors-only", "--format", "json", "--stdout"}, files...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	if jerr := json.Unmarshal(stdout.Bytes(), &report); jerr != nil {
		t.Fatalf("vnu: %v; %v\n%s%s", err, jerr, stdout.String(), stderr.String())
	}
	for _, m := range report.Messages {
		name := strings.TrimPrefix(strings.TrimPrefix(m.URL, "file:"), dir+"/")
		t.Errorf("%s:%d: %s: %s\n\t%s", name, m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if err != nil && len(report.Messages) == 0 {
		t.Errorf("vnu failed without messages: %v\n%s", err, stderr.String())
	}
	t.Logf("%d pages checked", len(files))
}
