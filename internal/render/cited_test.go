package render

import "testing"

// A cited block goes on a source's page: its ids are dropped and its links
// into the digest lead to the digest's page.
func TestRelink(t *testing.T) {
	const page = "/archive/2026/11/13/robot-arms/"
	for _, c := range []struct{ in, want string }{
		{`<li>Plain <strong>text</strong> &amp; marks (via <a class="handle" href="/archive/sources/x/">@x</a>)</li>`,
			`<li>Plain <strong>text</strong> &amp; marks (via <a class="handle" href="/archive/sources/x/">@x</a>)</li>`},
		{`<p>Costs fell.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>`,
			`<p>Costs fell.<sup><a href="/archive/2026/11/13/robot-arms/#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p>`},
		{`<h2 id="whats-moving">What&rsquo;s moving, per @x</h2>`,
			`<h2>What&rsquo;s moving, per @x</h2>`},
		{`<p><img src="img/chart.svg" alt="a &#34;chart&#34;"> and <a href="../">yesterday</a></p>`,
			`<p><img src="/archive/2026/11/13/robot-arms/img/chart.svg" alt="a &#34;chart&#34;"> and <a href="/archive/2026/11/13/">yesterday</a></p>`},
		{`<p><a href="https://example.com/a?b=1&amp;c=2">out</a> <a href="mailto:desk@example.org">mail</a> <a href="/archive/themes/compute/">root</a></p>`,
			`<p><a href="https://example.com/a?b=1&amp;c=2">out</a> <a href="mailto:desk@example.org">mail</a> <a href="/archive/themes/compute/">root</a></p>`},
	} {
		for _, own := range []bool{true, false} {
			if got := string(relink([]byte(c.in), page, own)); got != c.want {
				t.Errorf("relink(%s, own=%v)\n got %s\nwant %s", c.in, own, got, c.want)
			}
		}
	}
	// Raw HTML, kept with unsafe_html, may quote otherwise: it always goes
	// through the tokenizer.
	raw := `<p><span id='x'>a</span> <a href='#n'>n</a></p>`
	if got, want := string(relink([]byte(raw), page, false)), `<p><span>a</span> <a href="/archive/2026/11/13/robot-arms/#n">n</a></p>`; got != want {
		t.Errorf("relink(%s)\n got %s\nwant %s", raw, got, want)
	}
	// and may hold URLs in srcset, poster and cite.
	raw = `<p><img src="a.png" srcset="a2.png 2x, /b.png 3x"><video poster="p.jpg"></video><q cite="q.html">q</q></p>`
	want := `<p><img src="/archive/2026/11/13/robot-arms/a.png" srcset="/archive/2026/11/13/robot-arms/a2.png 2x, /b.png 3x">` +
		`<video poster="/archive/2026/11/13/robot-arms/p.jpg"></video><q cite="/archive/2026/11/13/robot-arms/q.html">q</q></p>`
	if got := string(relink([]byte(raw), page, false)); got != want {
		t.Errorf("relink(%s)\n got %s\nwant %s", raw, got, want)
	}
}

// A lone list item is shown in a list of its own: numbered when it was an
// item of a numbered list, with its number. A heading is shown as a
// paragraph, which does not head a part of the source's page.
func TestCitedLists(t *testing.T) {
	for in, want := range map[string]string{
		"<li>bullet</li>\n":             "<ul class=\"cited\">\n<li>bullet</li>\n</ul>\n",
		"<li value=\"4\">fourth</li>\n": "<ol class=\"cited\">\n<li value=\"4\">fourth</li>\n</ol>\n",
		"<p>para</p>\n":                 "<p>para</p>\n",
		"<h2 id=\"by-x\">By <a class=\"handle\" href=\"/sources/x/\">@x</a></h2>\n": "<p>By <a class=\"handle\" href=\"/sources/x/\">@x</a></p>\n",
		"<h6>Six <em>h</em></h6>\n": "<p>Six <em>h</em></p>\n",
	} {
		if got := string(cited([]byte(in), "/2026/11/13/x/", true)); got != want {
			t.Errorf("cited(%q) = %q, want %q", in, got, want)
		}
	}
}
