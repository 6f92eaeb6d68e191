package search_test

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/signaldigest/signal/internal/corpus"
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
// not in the middle of a citation, and end with its paragraph; a word of
// the query that they do not show gets words of its own.
func TestNodeSnippet(t *testing.T) {
	node, script := nodeAndScript(t)
	body := "Fabs booked capacity five years ago and are still short of tools. (via @fab_notes, @servo_sam) Robots are becoming computers on wheels, and they need chips. Orders for edge parts doubled."
	prog := `const m = await import(process.argv[1]);
console.log(JSON.stringify([m.snippet(process.argv[2], ["compute"], "compute"), m.snippet("Short. Compute here.", ["compute"], ""),
  m.snippet("Weights stick. The stickiness grows.\nOne Actionable Idea\nFavor infrastructure.", ["stickiness"], ""),
  m.snippet("Closed models lead. Costs fall.\nBlind Spot — The debate is benchmark parity.", ["closed", "benchmark"], "")]));`
	out, err := exec.Command(node, "--input-type=module", "-e", prog, "file://"+script, body).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != 4 {
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
	if want := "Closed models lead. Costs fall. …Blind Spot — The debate is benchmark parity."; got[3] != want {
		t.Errorf("snippet %q, want %q", got[3], want)
	}
}

// nodeAndScript returns the node command and the path of search.js. Node
// comes with npm, which .ci/run installs: without it the test fails in CI
// and is skipped, saying so, elsewhere.
func nodeAndScript(t *testing.T) (node, script string) {
	t.Helper()
	node = nodePath(t)
	// The module as a build writes it, without its lines of comments: what
	// browsers run.
	data, ok := buildSites(t, os.DirFS("../.."))[0].File("search.js")
	if !ok {
		t.Fatal("the build wrote no search.js")
	}
	script = filepath.Join(t.TempDir(), "search.mjs")
	if err := os.WriteFile(script, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return node, script
}

// nodePath returns the node command, as nodeAndScript says.
func nodePath(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("no node on PATH (CI is set, and .ci/run installs npm, which brings it)")
		}
		t.Skip("SKIPPED: no node on PATH: search.js is not checked against a second ICU")
	}
	return node
}

// TestNodeLateFirstPage: a file of postings asked for before the site was
// rebuilt, and come after, must not lend its first page's records to the
// new build, whose ids differ: its digests are renumbered by one newer.
func TestNodeLateFirstPage(t *testing.T) {
	node, script := nodeAndScript(t)
	a := corpus.MapFS(corpus.Generate(corpus.Options{N: 300, Seed: 1}))
	b := maps.Clone(a)
	for name, f := range a {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			newer := regexp.MustCompile(`(?m)^date: .*$`).ReplaceAll(f.Data, []byte("date: 2026-11-26"))
			b["content/2026-11-26-newer.md"] = &fstest.MapFile{Data: newer}
			break
		}
	}
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for i, mem := range buildSites(t, a, b) {
		for _, name := range mem.Names() {
			data, _ := mem.File(name)
			path := filepath.Join(dirs[i], filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// fetch serves the module's search/ from the folder of the build the
	// site holds at the time of the answer; A's postings answer late.
	prog := `import fs from "node:fs";
const [script, before, after] = process.argv.slice(1);
const base = new URL(".", script).pathname;
let root = before, release;
const late = new Promise((r) => (release = r));
globalThis.fetch = async (url) => {
  const path = decodeURIComponent(new URL(url).pathname);
  if (root === before && path.includes("/search/p/")) await late;
  const file = root + "/" + path.slice(base.length);
  return fs.existsSync(file) ? new Response(fs.readFileSync(file)) : new Response("", { status: 404 });
};
const m = await import(script);
const first = m.query("margins", {}, false);
await new Promise((r) => setTimeout(r, 20));
const was = root;
root = after;
await m.query("copper", {}, false); // finds the build changed
const { ids } = await new Promise((r) => { root = was; release(); first.then(r); });
root = after;
const wrong = [];
for (const id of ids) {
  const chunk = JSON.parse(fs.readFileSync(after + "/search/r/" + Math.floor(id / 2) + ".json"));
  const got = await m.record(id);
  if (JSON.stringify(got) !== JSON.stringify(chunk[id % 2])) wrong.push(id + ": " + got[1] + " for " + chunk[id % 2][1]);
}
console.log(JSON.stringify(wrong));`
	out, err := exec.Command(node, "--input-type=module", "-e", prog, "file://"+script, dirs[0], dirs[1]).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var wrong []string
	if err := json.Unmarshal(out, &wrong); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(wrong) > 0 {
		t.Errorf("after the rebuild, record() answers with the old build's records: %q", wrong)
	}
}

// TestNodeEarly runs the search page's own script, which asks for the
// index files of the URL's words before search.js arrives, in Node on
// many queries, and checks that it asks for just the files search.js
// would: meta.json, and the shard and postings of each term that
// search.Tokens cuts, for a query made only of ASCII letters, the letters
// U+00C0 to U+024F, digits, _, @ and spaces; nothing for any other query,
// or one with no word or a word too long to be indexed (ŉ is two bytes,
// and three once folded to ʼn). A query not blank marks the page as
// searching, whose results are to come.
func TestNodeEarly(t *testing.T) {
	node := nodePath(t)
	page, _ := buildSites(t, os.DirFS("../.."))[0].File("search/index.html")
	m := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("the search page has no script of its own")
	}
	queries := []string{"", " ", "_", "___", "@", "a", "A b", "_a_", "a@b", "@HBM_hawk hbm_hawk", "Foo foo FOO",
		"q3 2026", "a__b", strings.Repeat("x", 64), strings.Repeat("x", 65) + " a", "é", "a\tb", "a-b", "a.b", "it's", "l’union",
		"Énergie énergie", "Straße strasse", "ŁÓDŹ", "Ĳssel", "ǅemal", "ŉ", "İstanbul", "ſ", "Æsir", "þorn", "ð", "øre", "ɏ",
		strings.Repeat("é", 32), strings.Repeat("é", 33), strings.Repeat("ð", 32), strings.Repeat("ð", 33), strings.Repeat("ŉ", 21), strings.Repeat("ŉ", 22), "Việt", "ẞ", "5×3", "a÷b", "µ", "ǀ", "e\u0301"}
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aAzZ09_@ bQéÉßÆøłĳſİǅŉǰð×÷ª")
	for range 3000 {
		b := make([]rune, 1+rnd.IntN(16))
		for i := range b {
			b[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		queries = append(queries, string(b))
	}
	in, _ := json.Marshal(map[string]any{"code": string(m[1]), "dir": "http://h.test" + basePath + "search/", "queries": queries})
	prog := `let input = "";
for await (const chunk of process.stdin) input += chunk;
const { code, dir, queries } = JSON.parse(input);
const run = new Function("window", "document", "location", "fetch", code);
console.log(JSON.stringify(queries.map((q) => {
  const asked = [];
  const search = "?" + new URLSearchParams({ q });
  const classList = { add: (name) => asked.push("class " + name) };
  run({}, { documentElement: { classList } }, { search, href: dir + search }, (url, init) => {
    asked.push(url.replace(dir, "") + (init?.cache === "no-cache" ? "" : " (cached)"));
    return new Promise(() => {});
  });
  return asked.sort();
})));`
	cmd := exec.Command(node, "--input-type=module", "-e", prog)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(queries) {
		t.Fatalf("%v: %.200s", err, out)
	}
	plain := regexp.MustCompile(`^[ \w@À-ÖØ-öø-ɏ]*$`)
	for i, q := range queries {
		want := []string{}
		if strings.TrimSpace(q) != "" {
			want = append(want, "class searching")
		}
		var terms []string
		search.Tokens(q, func(s string) {
			if !slices.Contains(terms, s) {
				terms = append(terms, s)
			}
		})
		if plain.MatchString(q) && len(terms) > 0 && !slices.ContainsFunc(terms, func(s string) bool { return len(s) > 64 }) {
			want = append(want, "meta.json")
			for _, s := range terms {
				want = append(want, "p/"+search.FileName(s)+".bin", "t/"+search.FileName(search.ShardKey(s))+".bin")
			}
		}
		slices.Sort(want)
		want = slices.Compact(want)
		if !slices.Equal(got[i], want) {
			t.Errorf("?q=%q: the page asks for %q, search.js would for %q", q, got[i], want)
		}
	}
}
