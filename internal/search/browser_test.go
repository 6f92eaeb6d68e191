package search_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/signaldigest/signal/internal/output"
	"github.com/signaldigest/signal/internal/search"
)

// TestBrowserSearch builds the sample archive under a base path, serves
// it, and drives the search page in Chromium as a reader would: a query
// given in the URL, a prefix typed, a stance filter, the keys. It also runs
// search.js's tokenizer on the cases of tokenCases, to check that a query
// is cut into the terms the index holds.
func TestBrowserSearch(t *testing.T) {
	mem := buildSites(t, os.DirFS("../.."))[0]
	root := serveMemory(t, mem)
	tb := newTab(t)
	// Each fetch of the pages is noted with who made it (a classic script
	// is document.currentScript, a module none) and when it was asked for:
	// the browser may hold a request back before it starts, and its
	// resource timing then says when it started, not when it was asked.
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `
		window.fetchedBy = [];
		window.fetchedAt = {};
		const fetchOf = window.fetch;
		window.fetch = function (input, init) {
			const range = init?.headers?.range ? "#" + init.headers.range : ""; // a body's bytes
			const name = String(input).replace(/^.*\/search\//, "").replace(/[?#].*/, "");
			window.fetchedBy.push(name + range + (document.currentScript ? " page" : " module"));
			window.fetchedAt[name] ??= performance.now();
			return fetchOf.call(this, input, init);
		};`}); err != nil {
		t.Fatal(err)
	}

	// 1. A query in the URL runs on load; the digest titled with the word
	// comes first, and the word is marked.
	tb.run("opening the search page", chromedp.Navigate(root+"search/?q=humanoid"))
	tb.firstIs("the digest titled with the query first", "Humanoid pilots meet the safety rulebook")
	marks := eval[[]string](tb, `Array.from(document.querySelectorAll("#search-results > li:first-child mark"), m => m.textContent)`)
	if !slices.Contains(marks, "Humanoid") {
		t.Errorf("marked words of the first result = %q, want Humanoid among them", marks)
	}
	link := eval[string](tb, `document.querySelector("#search-results > li h2 a").getAttribute("href")`)
	if !strings.HasPrefix(link, basePath+"2026/") {
		t.Errorf("result link %q is not under the base path %s", link, basePath)
	}

	// A handle's postings, asked for beside its shard, bring the records
	// of its first page: no file of records is fetched.
	tb.run("searching a handle", chromedp.Navigate(root+"search/?q=%40hbm_hawk"))
	tb.waitFor("the digests that cite it", `document.querySelectorAll("#search-results > li").length >= 2`)
	fetched := eval[[]string](tb, `(() => {
		const all = performance.getEntriesByType("resource").filter(r => r.name.includes("/search/"));
		const shard = all.find(r => r.name.includes("/search/t/"));
		return all.map(r => {
			const name = r.name.replace(/^.*\/search\//, "").replace(/\?.*/, "");
			return name + (window.fetchedAt[name] < shard.responseEnd ? " beside" : " after");
		});
	})()`)
	slices.Sort(fetched)
	if want := []string{"meta.json beside", "p/68626d5f6861776b.bin beside", "t/6862.bin beside"}; !slices.Equal(fetched, want) {
		t.Errorf("a query of @hbm_hawk fetched %q, want %q", fetched, want)
	}

	// 1b. The page's own script asks for the files of the URL's words
	// before search.js runs, when it can guess them: search.js takes them
	// and fetches each file once, no more.
	hex := func(s string) string { return fmt.Sprintf("%x", s) }
	for _, c := range []struct {
		query, first string
		words        []string // that the page guesses, folded
	}{
		{"Humanoid+pilots", "Humanoid pilots meet the safety rulebook", []string{"humanoid", "pilots"}},
		{"%40HBM_hawk+hbm_hawk", "", []string{"hbm_hawk"}},
		{"Pol%C3%ADtica", "", []string{"politica"}}, // a Latin letter with an accent
		{"Europe-resets", "", nil},                  // a hyphen: search.js alone cuts it
	} {
		tb.run("opening a search of "+c.query, chromedp.Navigate(root+"search/?q="+c.query))
		tb.waitFor("its results", `document.querySelectorAll("#search-results > li").length >= 1`)
		if c.first != "" {
			tb.firstIs("the same first result", c.first)
		}
		var want []string
		for _, w := range c.words {
			want = append(want, "p/"+hex(w)+".bin page", "t/"+hex(w[:2])+".bin page")
		}
		if want != nil {
			want = append(want, "meta.json page")
		}
		got := eval[[]string](tb, `window.fetchedBy.filter(f => f.endsWith(" page"))`)
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("?q=%s: the page fetched %q, want %q", c.query, got, want)
		}
		all := eval[[]string](tb, `window.fetchedBy.map(f => f.replace(/ .*/, ""))`)
		for i, f := range all {
			if slices.Contains(all[:i], f) {
				t.Errorf("?q=%s: %s fetched twice (%q)", c.query, f, eval[[]string](tb, `window.fetchedBy`))
			}
		}
	}

	// 2. Typing: the last word is a prefix, and the results follow the box.
	// One letter is too short a prefix, and the page says so.
	before := tb.titles()
	tb.run("typing one letter", js(`document.getElementById("search-q").value = ""`), chromedp.Focus(chromedp.CSS("#search-q")), chromedp.SendKeys(chromedp.CSS("#search-q"), "w"))
	tb.waitFor("the advice to keep typing", `document.getElementById("search-status").textContent.startsWith("Keep typing")`)
	tb.run("typing a prefix", chromedp.SendKeys(chromedp.CSS("#search-q"), "hisp"))
	tb.firstIs("the results of the prefix", "Whispers of a memory glut")
	if after := tb.titles(); slices.Equal(before, after) {
		t.Errorf("typing did not change the results: %q", after)
	}
	loc := eval[string](tb, `location.search`)
	if loc != "?q=whisp" {
		t.Errorf("the URL's query is %q after typing, want ?q=whisp", loc)
	}
	// A letter typed after a word starts no word yet: the results of the
	// word before it stay, rather than a "Keep typing" and none.
	shown := eval[int](tb, `performance.getEntriesByName("signal:results").length`)
	tb.run("typing a space and a letter", chromedp.SendKeys(chromedp.CSS("#search-q"), " m"))
	tb.waitFor("the results of the word before the letter", fmt.Sprintf(`location.search === "?q=whisp+m" && performance.getEntriesByName("signal:results").length > %d`, shown))
	if status := eval[string](tb, `document.getElementById("search-status").textContent`); !strings.HasSuffix(status, "match.") && !strings.HasSuffix(status, "matches.") {
		t.Errorf("whisp and a letter: the status is %q, want the results of whisp", status)
	}
	tb.firstIs("the first of them", "Whispers of a memory glut")

	// 3. A stance filter narrows the results to that stance.
	tb.run("searching memory", js(`document.getElementById("search-q").value = ""`), chromedp.SendKeys(chromedp.CSS("#search-q"), "memory"))
	tb.waitFor("several results for memory", `document.querySelectorAll("#search-results > li").length >= 3`)
	all := len(tb.titles())
	tb.run("choosing bearish", js(`const sel = document.getElementById("search-consensus"); sel.value = "bearish"; sel.dispatchEvent(new Event("change"))`))
	tb.waitFor("only bearish results", `(() => {
		const li = document.querySelectorAll("#search-results > li");
		return li.length > 0 && Array.from(li).every(l => l.querySelector(".stance-bearish"));
	})()`)
	if n := len(tb.titles()); n >= all {
		t.Errorf("the bearish filter shows %d results of %d", n, all)
	}
	loc = eval[string](tb, `location.search`)
	if loc != "?q=memory&consensus=bearish" {
		t.Errorf("the URL's query is %q with the filter, want ?q=memory&consensus=bearish", loc)
	}

	// 4. Keys: / goes to the box, ↓ to the first result, Enter opens it.
	tb.run("pressing /", js(`document.activeElement.blur()`), press('/'))
	tb.waitFor("the box has the focus", `document.activeElement?.id === "search-q"`)
	if q := eval[string](tb, `document.getElementById("search-q").value`); q != "memory" {
		t.Errorf("after pressing /, the box holds %q, want memory: the key goes to the box without typing", q)
	}
	first := tb.titles()[0]
	// A slow machine may still be showing the last results: ↓ again then.
	for try := 0; ; try++ {
		tb.run("pressing ↓", js(`document.getElementById("search-q").focus()`), chromedp.KeyEvent(kb.ArrowDown))
		if eval[bool](tb, `document.activeElement === document.querySelector("#search-results > li h2 a")`) || try == 20 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.waitFor("the first result has the focus", `document.activeElement === document.querySelector("#search-results > li h2 a")`)
	tb.run("pressing Enter", chromedp.KeyEvent(kb.Enter))
	tb.waitFor("the digest opens", fmt.Sprintf(`document.querySelector("h1")?.textContent === %q`, first))

	// 5. Accents and case do not matter: a theme written with an accent.
	tb.run("searching without accents", chromedp.Navigate(root+"search/?q=POLITICA+industrial"))
	tb.waitFor("the themed digests", `document.querySelectorAll("#search-results > li").length === 2`)

	// The query of the URL is begun before the page is parsed; what shows
	// is the search the page's controls hold. A filter in the URL is
	// applied; one the page has no choice for is dropped, not applied.
	tb.run("opening a filtered search", chromedp.Navigate(root+"search/?q=memory&consensus=bearish"))
	tb.waitFor("only bearish results, the filter chosen", `(() => {
		const li = document.querySelectorAll("#search-results > li");
		return document.getElementById("search-consensus").value === "bearish" &&
			li.length > 0 && Array.from(li).every(l => l.querySelector(".stance-bearish"));
	})()`)
	tb.run("opening a search with an unknown theme", chromedp.Navigate(root+"search/?q=humanoid&theme=no-such-theme"))
	tb.firstIs("the results of the query alone", "Humanoid pilots meet the safety rulebook")

	// 6. search.js cuts text into the terms that search.Tokens gives.
	var cases []string
	for _, c := range tokenCases {
		cases = append(cases, c.text)
	}
	texts, _ := json.Marshal(cases)
	got := eval[[][]string](tb, fmt.Sprintf(`import(%q).then(m => %s.map(m.tokens))`, root+"search.js", texts))
	for i, c := range tokenCases {
		var want []string
		search.Tokens(c.text, func(s string) { want = append(want, s) })
		if !slices.Equal(got[i], want) && !(len(got[i]) == 0 && len(want) == 0) {
			t.Errorf("search.js cuts %q into %q, search.Tokens into %q", c.text, got[i], want)
		}
	}

	// 6b. A word found in a body alone shows the words around it there,
	// marked, in place of the summary; a handle, or a part of one, shows
	// marked among those the digest cites.
	for _, c := range []struct{ query, selector, mark string }{
		{"electricity", "p.snippet", "electricity"},
		{"%40latency_lou", "p.cites", "latency_lou"},
		{"wren", "p.cites", "weights_wren"}, // a part of a handle joined by _
	} {
		tb.run("searching "+c.query, chromedp.Navigate(root+"search/?q="+c.query))
		tb.waitFor("results", `document.querySelectorAll("#search-results > li").length >= 2`)
		shown := eval[[]string](tb, fmt.Sprintf(`Array.from(document.querySelectorAll("#search-results > li"), li => {
			const p = li.querySelector(%q);
			return p ? p.textContent + " | " + Array.from(p.querySelectorAll("mark"), m => m.textContent).join(",") : "";
		})`, c.selector))
		if len(shown) < 2 {
			t.Errorf("%s: %d results, want 2 or more", c.query, len(shown))
		}
		for _, s := range shown {
			if !strings.HasSuffix(s, " | "+c.mark) {
				t.Errorf("%s: a result shows %q in %s, want %s marked there", c.query, s, c.selector, c.mark)
			}
		}
		if c.selector != "p.snippet" {
			continue
		}
		// Each body comes alone, not its whole file of bodies.
		for _, r := range eval[[][]any](tb, `performance.getEntriesByType("resource").filter(r => r.name.includes("/search/b/")).map(r => [new URL(r.name).pathname, r.encodedBodySize])`) {
			file, _ := mem.File(strings.TrimPrefix(r[0].(string), basePath))
			if got := int(r[1].(float64)); got == 0 || got >= len(file) {
				t.Errorf("%s: %s came in %d bytes, the whole file is %d", c.query, r[0], got, len(file))
			}
		}
		// A host that ignores Range sends the whole file of bodies: the
		// snippets are the same.
		var sent atomic.Int32
		host := memoryHandler(func() (*output.Memory, time.Time) { return mem, time.Time{} })
		wholeRoot := serveHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/search/b/") && r.Header.Get("Range") != "" {
				r.Header.Del("Range")
				sent.Add(1)
			}
			host.ServeHTTP(w, r)
		}))
		tb.run("searching "+c.query+" where Range is ignored", chromedp.Navigate(wholeRoot+"search/?q="+c.query))
		tb.waitFor("results", `document.querySelectorAll("#search-results > li").length >= 2`)
		whole := eval[[]string](tb, `Array.from(document.querySelectorAll("#search-results > li p.snippet"), p => p.textContent)`)
		shownText := make([]string, len(shown))
		for i, s := range shown {
			shownText[i], _, _ = strings.Cut(s, " | ")
		}
		if sent.Load() == 0 || !slices.Equal(whole, shownText) {
			t.Errorf("%s: with Range ignored (%d bodies asked for), the snippets are %q, want %q", c.query, sent.Load(), whole, shownText)
		}
	}

	// The prefix typed stands for the words it starts: a title that holds
	// one ranks above a body that holds the word typed.
	tb.run("searching chip", chromedp.Navigate(root+"search/?q=chip"))
	tb.firstIs("the digest titled with a completion", "Robots need more chips than you think")

	// A result whose title or summary shows one word of the query but not
	// the other shows the other in its body.
	tb.run("searching open stickiness", chromedp.Navigate(root+"search/?q=open+stickiness"))
	tb.firstIs("the digest with both words", "Open weights squeeze API margins")
	if got := eval[[]string](tb, `Array.from(document.querySelectorAll("#search-results > li:first-child p.snippet mark"), m => m.textContent)`); !slices.Contains(got, "stickiness") {
		t.Errorf("open stickiness: the first result marks %q in a body snippet, want stickiness", got)
	}

	// A filter typed in the URL in capitals is the page's choice; one that
	// names nothing of the archive says so, rather than leave the page blank.
	tb.run("opening a search by a filter in capitals", chromedp.Navigate(root+"search/?consensus=BEARISH"))
	tb.waitFor("the bearish digests", `(() => {
		const li = document.querySelectorAll("#search-results > li");
		return li.length > 0 && Array.from(li).every(l => l.querySelector(".stance-bearish"));
	})()`)
	tb.run("opening a search of spaces", chromedp.Navigate(root+"search/?q=%20%20%20"))
	tb.waitFor("the URL without the spaces", `location.search === "" && document.querySelectorAll("#search-results > li").length === 0`)
	tb.run("opening a search by an unknown theme", chromedp.Navigate(root+"search/?theme=no-such-theme"))
	tb.waitFor("the page says the theme is unknown", `document.getElementById("search-status").textContent === "This archive has no theme “no-such-theme”."`)

	// 7. Marks: a word the query holds, or one that the prefix being typed
	// starts; never a longer word for a word typed whole.
	for _, c := range []struct {
		text, prefix string
		terms        []string
		want         []string
	}{
		{"Samsung newly ramps. The new fab, and fabs.", "fab", []string{"new", "fab"}, []string{"new", "fab", "fabs"}},
		{"Samsung newly ramps. The new fab, and fabs.", "", []string{"new", "fab"}, []string{"new", "fab"}},
		{"Samsung newly ramps. The new fab.", "new", []string{"fab", "new"}, []string{"newly", "new", "fab"}},
		{"東京都と京都", "", []string{"東京"}, []string{"東京"}},
		// A pair is marked where its two characters stand side by side,
		// whatever words the segmenter makes of them; a character of the
		// pair is not marked alone.
		{"市場が動いた。需要が強い。価格が上がる。", "要が", []string{"需要", "要が"}, []string{"需要が"}},
		{"東京都と京都の工場", "", []string{"京都"}, []string{"京都", "京都"}},
		// One letter typed finds only the word of that letter alone, so it
		// marks no word that it starts.
		{"Don't fear the carrier's quotes: C++ and C# too.", "c", []string{"c"}, []string{"C", "C"}},
		{"AT&T and the Telecom", "t", []string{"at", "t"}, []string{"AT", "T"}},
		// A letter outside the BMP is one letter too; a pair may start
		// with a mark of no one script, as ー in データ.
		{"𐐨 𐐨𐐩", "𐐨", []string{"𐐨"}, []string{"𐐨"}},
		{"データセンターの需要", "ータ", []string{"デー", "ータ"}, []string{"データ"}},
		{"Le budget de l’Union et d'Europe.", "", []string{"union", "europe"}, []string{"l’Union", "d'Europe"}},
		// Text of ASCII letters and typographic marks is cut without the
		// Unicode pattern, as the same words; other text with it.
		{"The bank’s book — “Rates” move…", "", []string{"bank", "rates"}, []string{"bank’s", "Rates"}},
		{"Don't panic; dont. 3’000, 3.5", "", []string{"dont", "3000", "3.5"}, []string{"Don't", "dont", "3’000", "3.5"}},
		{"…a café — a cafe", "", []string{"cafe"}, []string{"café", "cafe"}},
		// ‘ joins letters as ’ does (UAX #29), but stays in the term.
		{"Don‘t stop — don’t", "", []string{"don‘t"}, []string{"Don‘t"}},
		{"Café? Don‘t", "", []string{"don‘t"}, []string{"Don‘t"}},
	} {
		args, _ := json.Marshal([]any{c.text, c.terms, c.prefix})
		got := eval[[]string](tb, fmt.Sprintf(`import(%q).then(m => m.marked(...%s).filter(n => n.nodeName === "MARK").map(n => n.textContent))`, root+"search.js", args))
		if !slices.Equal(got, c.want) {
			t.Errorf("marked(%q, %q, prefix %q) marks %q, want %q", c.text, c.terms, c.prefix, got, c.want)
		}
	}

	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.ex) > 0 {
		t.Errorf("JavaScript exceptions:\n%s", strings.Join(tb.ex, "\n"))
	}
}

// TestBrowserSearchAfterRebuild loads a search, then the same search after
// the site is built again with a digest retitled, in one browser whose
// cache keeps what a static host lets it keep (files with a Last-Modified
// date a month old are fresh for days). The new title must show: the
// browser may not answer from the old build's files.
func TestBrowserSearchAfterRebuild(t *testing.T) {
	const name = "content/2026-11-02-humanoid-pilots-meet-the-safety-rulebook.md"
	const before, after = "Humanoid pilots meet the safety rulebook", "Humanoid pilots clear the safety rulebook"
	old, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	sample := os.DirFS("../..")
	retitled := overlay{sample, name, []byte(strings.Replace(string(old), before, after, 1))}
	builds := buildSites(t, sample, retitled)
	// A static host: Last-Modified, and 304 to If-Modified-Since.
	root, serve := hostOf(t, builds[0], time.Now().Add(-30*24*time.Hour))

	tb := newTab(t)
	tb.run("searching the first build", chromedp.Navigate(root+"search/?q=humanoid"))
	tb.firstIs("the title of the first build", before)
	serve(builds[1], time.Now().Add(-time.Hour))
	tb.run("searching the second build", chromedp.Navigate(root+"search/?q=humanoid+pilots"))
	tb.firstIs("the title of the second build", after)
}

// TestBrowserSearchLeftOpen keeps a search page open while the site is
// built again without its newest digest, so that every id moves by one,
// then searches again in it: the page must notice the new build and show
// its digests, not the old build's records for the new build's ids.
func TestBrowserSearchLeftOpen(t *testing.T) {
	const name = "content/2026-11-24-month-end-checklist-credit-compute-curve.md"
	old, err := os.ReadFile("../../" + name)
	if err != nil {
		t.Fatal(err)
	}
	sample := os.DirFS("../..")
	drafted := overlay{sample, name, []byte(strings.Replace(string(old), "---\n", "---\ndraft: true\n", 1))}
	builds := buildSites(t, sample, drafted)
	root, serve := hostOf(t, builds[0], time.Now().Add(-time.Hour))

	tb := newTab(t)
	tb.run("searching the first build", chromedp.Navigate(root+"search/?q=compute"))
	tb.waitFor("results", `document.querySelectorAll("#search-results > li").length >= 5`)
	serve(builds[1], time.Now())
	for _, c := range []struct{ query, first string }{
		{"robots", "Robots need more chips than you think"},
		{"humanoid", "Humanoid pilots meet the safety rulebook"},
	} {
		tb.run("searching "+c.query+" in the open page", js(`document.getElementById("search-q").value = ""`), chromedp.SendKeys(chromedp.CSS("#search-q"), c.query+" "))
		tb.firstIs("the new build's digest for "+c.query, c.first)
	}
	if got := tb.titles(); slices.Contains(got, "Month-end checklist: credit, compute and the curve") {
		t.Errorf("the open page shows the digest the new build left out: %q", got)
	}
}
