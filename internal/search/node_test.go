package search_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/signaldigest/signal/internal/search"
)

// TestNodeTokens runs search.js's tokens in Node, whose ICU is not
// Chromium's: Node's joins "example.com" and "münchen.de" into one word,
// as other browsers' may. search.js must cut text as search.Tokens does
// whatever the segmenter joins. Node comes with npm, which .ci/run
// installs for the audits.
func TestNodeTokens(t *testing.T) {
	node, script := nodeAndScript(t)
	var texts []string
	for _, c := range tokenCases {
		texts = append(texts, c.text)
	}
	in, _ := json.Marshal(texts)
	prog := `const m = await import(process.argv[1]);
const texts = JSON.parse(process.argv[2]);
console.log(JSON.stringify(texts.map((t) => m.tokens(t))));`
	out, err := exec.Command(node, "--input-type=module", "-e", prog, "file://"+script, string(in)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for i, c := range tokenCases {
		var want []string
		search.Tokens(c.text, func(s string) { want = append(want, s) })
		if !slices.Equal(got[i], want) {
			t.Errorf("%s: search.js in Node cuts %q into %q, search.Tokens into %q", c.name, c.text, got[i], want)
		}
	}
}

// TestNodeSnippet runs search.js's snippet in Node: the words around a
// body's first match start at the start of its sentence when that is near,
// not in the middle of a citation, and end with its paragraph.
func TestNodeSnippet(t *testing.T) {
	node, script := nodeAndScript(t)
	body := "Fabs booked capacity five years ago and are still short of tools. (via @fab_notes, @servo_sam) Robots are becoming computers on wheels, and they need chips. Orders for edge parts doubled."
	prog := `const m = await import(process.argv[1]);
console.log(JSON.stringify([m.snippet(process.argv[2], ["compute"], "compute"), m.snippet("Short. Compute here.", ["compute"], ""),
  m.snippet("Weights stick. The stickiness grows.\nOne Actionable Idea\nFavor infrastructure.", ["stickiness"], "")]));`
	out, err := exec.Command(node, "--input-type=module", "-e", prog, "file://"+script, body).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != 3 {
		t.Fatalf("%v: %s", err, out)
	}
	if want := "…Robots are becoming computers on wheels, and they need chips. Orders for edge parts doubled."; got[0] != want {
		t.Errorf("snippet %q, want %q", got[0], want)
	}
	if want := "…Compute here."; got[1] != want { // the sentence of the match
		t.Errorf("snippet %q, want %q", got[1], want)
	}
	if want := "…The stickiness grows."; got[2] != want { // its paragraph ends it, not the heading after
		t.Errorf("snippet %q, want %q", got[2], want)
	}
}

// nodeAndScript returns the node command and the path of search.js. Node
// comes with npm, which .ci/run installs: without it the test fails in CI
// and is skipped, saying so, elsewhere.
func nodeAndScript(t *testing.T) (node, script string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no node on PATH (CI is set, and .ci/run installs npm, which brings it)")
		}
		t.Skip("SKIPPED: no node on PATH: search.js is not checked against a second ICU")
	}
	script, err = filepath.Abs("../../static/search.js")
	if err != nil {
		t.Fatal(err)
	}
	return node, script
}
