package importer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/diag"
)

// digest is what parse reads from a plain-text digest.
type digest struct {
	summary    string // the first line after "The Signal —"
	consensus  string // as written: "Bearish (for pure-play AI labs)"
	conviction string // as written: "High"
	blocks     []*block
	sources    []source
}

type blockKind int

const (
	paragraph blockKind = iota
	heading
	item
)

// block is one block of the body, its text not yet escaped.
type block struct {
	kind     blockKind
	headline string   // of an item; may be empty
	text     string   // a heading's title, an item's text after its headline, a paragraph
	wrapped  []string // lines that continue text, joined to it when parsing ends
	headed   bool     // an item of What's Moving, whose headline is cut off then
	number   string   // an item's number, when its list is numbered
	level    int      // a heading's: ## (0 or 2), ###...
}

// last returns the last line of the block so far.
func (b *block) last() string {
	if n := len(b.wrapped); n > 0 {
		return b.wrapped[n-1]
	}
	if b.text == "" {
		return b.headline
	}
	return b.text
}

// source is one handle of the Sources line.
type source struct {
	handle string // without @
	note   string
}

// text is the digest's own words, for matching theme names: the summary,
// the consensus and every block but the headings.
func (d *digest) text() string {
	parts := []string{d.summary, d.consensus}
	for _, b := range d.blocks {
		if b.kind != heading {
			parts = append(parts, b.headline, b.text)
		}
	}
	return strings.Join(parts, "\n")
}

// parser reads the lines of one file into a digest.
type parser struct {
	name        string
	lines       []string // as read, for the columns of problems
	d           digest
	problems    diag.List
	first       int    // the line number of the first line, once seen
	consensusAt int    // the line number of the Consensus line, once seen
	stance      string // a Consensus line's stance, while its Conviction line is awaited
	justRead    bool   // the Consensus (and Conviction) line is the last line read
	implicit    bool   // What's Moving began with its items, without its line
	section     string // the title of the section the lines are in
	open        *block // the item or paragraph an indented line continues
	summaryOpen bool   // the summary's line is the last read: a wrapped line continues it
	// The first line is "The Signal" alone: the next line with text
	// gives the summary, unless it is a label or a bullet.
	summaryAwaited bool
	handles        map[string]int

	// A paste hard-wrapped at width columns, or widthBytes bytes (0: not
	// wrapped, see wrapWidth), and the last line read and its number: a
	// line continues the one before it when its first word would not have
	// fit on it.
	width, widthBytes int
	prev              string
	prevN             int

	// The Consensus line, read once the lines that continue it are, as
	// the Sources line.
	consensusNext int
	consensusText string

	// A Sources line, read once the lines that continue it are: indented
	// ones, or any after a line that ends with a comma.
	sourcesAt   int
	sourcesText string
}

// endConsensus reads the Consensus line, if one is waiting for its end.
func (p *parser) endConsensus() {
	if p.consensusNext != 0 {
		p.consensus(p.consensusNext, p.consensusText)
		p.consensusNext, p.consensusText = 0, ""
		p.justRead = true
	}
}

// endSources reads the Sources line, if one is waiting for its end.
func (p *parser) endSources() {
	if p.sourcesAt != 0 {
		p.sources(p.sourcesAt, p.sourcesText)
		p.sourcesAt, p.sourcesText = 0, ""
	}
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.problems.Add(p.name, line, 0, format, args...)
}

// errorAt is errorf at the column where text is on the line (its last
// occurrence when last is set), or at none when it is not there as read.
func (p *parser) errorAt(line int, text string, last bool, format string, args ...any) {
	col := 0
	if line >= 1 && line <= len(p.lines) && text != "" {
		raw := p.lines[line-1]
		i := strings.Index(raw, text)
		if last {
			i = strings.LastIndex(raw, text)
		}
		if i >= 0 {
			col = utf8.RuneCountInString(raw[:i]) + 1
		}
	}
	p.problems.Add(p.name, line, col, format, args...)
}

// parse reads the lines of a plain-text digest.
func parse(name string, lines []string) (*digest, diag.List) {
	p := &parser{name: name, lines: lines, handles: map[string]int{}}
	lines = dedent(slices.Clone(lines))
	p.width, p.widthBytes = wrapWidth(lines)
	// Lines before "The Signal —", such as a date or a subject line that
	// the newsletter tool puts first, follow it as paragraphs: the first
	// line gives the title.
	at := signalLine(lines)
	if at > 0 {
		p.line(at+1, lines[at])
	}
	for i, l := range lines {
		if at <= 0 || i != at {
			p.line(i+1, l)
		}
	}
	p.endSources()
	p.endConsensus()
	if p.stance != "" {
		p.errorf(p.consensusAt, "Consensus line without a conviction: want %s, or a Conviction line right after it", wantConsensus)
	}
	for _, b := range p.d.blocks {
		for _, w := range b.wrapped {
			b.text = joinWrapped(b.text, w)
		}
		if b.headed {
			b.cutHeadline()
		}
	}
	if p.summaryAwaited {
		p.errorf(p.first, `the first line has no summary after "The Signal —", nor the line after it`)
	}
	switch {
	case p.first == 0:
		p.errorf(1, `empty: want a plain-text digest, starting with "The Signal — summary" and then %s`, wantConsensus)
	case p.consensusAt == 0:
		// A line that names the consensus is likely the one meant.
		for i := p.first; i < len(lines); i++ {
			if consensusWord.MatchString(lines[i]) {
				p.errorf(i+1, "this line is not read as the Consensus line: want %s", wantConsensus)
				return &p.d, p.problems
			}
		}
		p.errorf(p.first+1, "missing Consensus line: want %s after the first line", wantConsensus)
	}
	return &p.d, p.problems
}

// isHeading reports whether the text after a line's one # reads as a
// heading's: it does not start in lower case or end a sentence, as "# of
// GPUs shipped doubled." does, where # is a number sign. ## and more are
// headings whatever follows (## xAI raises $6B, ## Is AI a bubble?).
func isHeading(text string) bool {
	if text == "" || unicode.IsLower(firstRune(text)) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	return !strings.ContainsRune(".,;!?", last)
}

var consensusWord = regexp.MustCompile(`(?i)\bconsensus\b`)

// signalLine returns the index of the line that starts "The Signal", if
// one does before the Consensus line, or -1.
func signalLine(lines []string) int {
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if _, ok := cutLabel(l, signalLabel); ok {
			return i
		}
		if _, ok := cutLabel(l, consensusLabel); ok {
			break
		}
	}
	return -1
}

func (p *parser) line(n int, raw string) {
	l := strings.TrimSpace(raw)
	if l == "" || rule(l) {
		p.open, p.summaryOpen = nil, p.summaryOpen && p.summaryAwaited
		if p.sourcesText != "" { // "Sources:" alone has its list below
			p.endSources()
		}
		p.endConsensus()
		return
	}
	wraps := p.wraps(n, l) && !labelled(l)
	// An indented line continues the one before, but for a label: a line
	// of its own that the paste indented as it did the others.
	indented := unicode.IsSpace(firstRune(raw))
	defer func() { p.prev, p.prevN = raw, n }()
	// A Sources label alone has its list on the lines after it, on one
	// or one handle a line, bulleted or not.
	if p.sourcesAt != 0 && !labelled(l) {
		entry := l
		if m := bullet.FindStringIndex(l); m != nil {
			entry = l[m[1]:]
		}
		switch {
		case p.sourcesText == "":
			p.sourcesText = entry
			return
		case strings.HasPrefix(entry, "@") && handleAt(entry, 0):
			p.sourcesText = strings.TrimRight(p.sourcesText, " ,;.") + ", " + entry
			return
		}
	}
	// The Sources line goes on while a note's ( is open, as well.
	if p.sourcesAt != 0 && (indented && !labelled(l) || wraps && !bullet.MatchString(l) ||
		(strings.HasSuffix(p.sourcesText, ",") || strings.Count(p.sourcesText, "(") > strings.Count(p.sourcesText, ")")) && !labelled(l)) {
		p.sourcesText = joinWrapped(p.sourcesText, l)
		return
	}
	p.endSources()
	if p.consensusNext != 0 {
		// A scope's ( left open, or a Conviction label whose level is on
		// the next line, go on, but not into a label or an item.
		if wraps && !bullet.MatchString(l) || (strings.Count(p.consensusText, "(") > strings.Count(p.consensusText, ")") || convictionLast.MatchString(p.consensusText)) && !labelled(l) && !bullet.MatchString(l) {
			p.consensusText = joinWrapped(p.consensusText, l)
			return
		}
		p.endConsensus()
	}
	if p.stance != "" {
		// "Consensus: Bearish" then, on the next line, "Conviction: High".
		stance := p.stance
		p.stance = ""
		if rest, ok := cutLabel(l, convictionLabel); ok {
			p.setConsensus(p.consensusAt, stance, rest)
			p.justRead = true
			return
		}
		p.errorf(p.consensusAt, "Consensus line without a conviction: want %s, or a Conviction line right after it", wantConsensus)
	}
	justRead := p.justRead // the line before this one is the Consensus line
	p.justRead = false
	if p.first == 0 {
		p.first = n
		p.summaryOpen = p.summary(n, l)
		if p.summaryOpen {
			return
		}
	}
	if p.summaryAwaited {
		p.summaryAwaited, p.summaryOpen = false, false
		if labelled(l) || bullet.MatchString(l) {
			p.errorf(p.first, `the first line has no summary after "The Signal —", nor the line after it`)
		} else {
			p.summaryOpen = true
			p.moreSummary(l)
			p.d.summary = strings.TrimSpace(p.d.summary)
			return
		}
	}
	if p.summaryOpen {
		p.summaryOpen = false
		if (indented || wraps) && !bullet.MatchString(l) && !labelled(l) {
			p.summaryOpen = true
			p.moreSummary(l)
			return
		}
	}
	// A line right after an item or a paragraph wraps it when indented,
	// or when the paste is hard-wrapped and it was cut there, or after an
	// item when it goes on mid-sentence or gives its "(via @a)", and starts
	// nothing else; a bullet, indented or not, starts the next item.
	if p.open != nil {
		// "— text" goes on with an item cut before the dash that ends its
		// headline; a dash is a bullet too. In a paragraph, a line cut off
		// that starts like a bullet ("— and", "4. percent") goes on.
		dash := wraps && p.open.headed && !headlineSep.MatchString(strings.Join(append([]string{p.open.text}, p.open.wrapped...), " ")) &&
			slices.ContainsFunc([]string{"— ", "– ", "-- ", "- "}, func(d string) bool { return strings.HasPrefix(l, d) })
		next := p.section == moving && bullet.MatchString(l) && !dash
		via := p.open.kind == item && strings.HasPrefix(strings.ToLower(l), "(via ")
		if !next && (indented && !labelled(l) || wraps && (dash || p.open.kind == paragraph || !bullet.MatchString(l)) ||
			p.open.kind == item && (goesOn(p.open.last(), l) || via) && !labelled(l)) {
			p.open.wrapped = append(p.open.wrapped, l)
			return
		}
	}
	p.open = nil
	if rest, ok := cutLabel(l, consensusLabel); ok {
		p.consensusNext, p.consensusText = n, rest
		return
	}
	// "Conviction: High | Consensus: Bearish" is the Consensus line too.
	if level, ok := cutLabel(l, convictionLabel); ok && p.consensusAt == 0 {
		if i := strings.IndexAny(level, "|｜"); i >= 0 {
			if stance, ok := cutLabel(strings.TrimLeft(level[i:], "|｜ "), consensusLabel); ok {
				p.consensusNext, p.consensusText = n, stance+" | Conviction: "+strings.TrimSpace(level[:i])
				return
			}
		}
	}
	// "Sources:" starts the Sources line, and so does "Source:" when it
	// names a handle: "Source: Bloomberg, Nov 24." in a section is a line
	// of it.
	if rest, ok := cutLabel(l, sourcesLabel); ok {
		if _, plural := cutLabel(l, pluralSources); plural || rest == "" || hasHandle(rest) {
			p.sourcesAt, p.sourcesText = n, rest
			return
		}
	}
	for _, s := range sections {
		if rest, ok := cutLabel(l, s.label); ok {
			if s.title == moving && p.implicit {
				// Its line after its first items: one section still.
				p.implicit = false
				if rest != "" {
					p.add(&block{kind: paragraph, text: rest})
				}
				return
			}
			p.implicit = false
			p.section = s.title
			p.d.blocks = append(p.d.blocks, &block{kind: heading, text: s.title})
			if rest != "" {
				p.add(&block{kind: paragraph, text: rest})
			}
			return
		}
	}
	// A Markdown heading of the paste is one: a level-one heading is the
	// page's title, so two at least. One of level two starts a section of
	// its own; a deeper one is a part of its section, whose items go on.
	if m := mdHeading.FindStringSubmatch(l); m != nil && m[2] != "" && (len(m[1]) > 1 || isHeading(m[2])) {
		level := max(2, len(m[1]))
		if level == 2 {
			p.section = m[2]
		}
		p.d.blocks = append(p.d.blocks, &block{kind: heading, text: m[2], level: level})
		return
	}
	if m := bullet.FindStringSubmatchIndex(l); m != nil {
		number := ""
		if m[2] >= 0 {
			number = l[m[2]:m[3]]
		}
		if p.section == moving || p.section == "" && justRead {
			// Items right after the Consensus line are What's Moving's, its
			// line left out as it may be when pasted.
			if p.section == "" {
				p.section, p.implicit = moving, true
				p.d.blocks = append(p.d.blocks, &block{kind: heading, text: moving})
			}
			it := newItem(l[m[1]:])
			it.number = number
			p.add(it)
			return
		}
		// A list in another section is a list still; its items have no
		// headline, which What's Moving's alone have.
		p.add(&block{kind: item, text: l[m[1]:], number: number})
		return
	}
	p.add(&block{kind: paragraph, text: l})
}

// goesOn reports whether next goes on with the sentence that last was
// cut in, when wrapped: it starts in lower case, or last ends on a comma.
// A bullet often has no full stop, so a line after one that starts a
// sentence ("Takeaway: …") stands as a paragraph of its own.
func goesOn(last, next string) bool {
	return unicode.IsLower(firstRune(next)) || strings.HasSuffix(last, ",")
}

// hasHandle reports whether s names a @handle.
func hasHandle(s string) bool {
	for i := range len(s) {
		if s[i] == '@' && handleAt(s, i) {
			return true
		}
	}
	return false
}

// add appends an item or a paragraph, which an indented line may continue.
func (p *parser) add(b *block) {
	p.d.blocks = append(p.d.blocks, b)
	p.open = b
}

func newItem(s string) *block { return &block{kind: item, text: s, headed: true} }

// cutHeadline cuts an item's text, its wrapped lines joined, at the dash
// that ends its headline.
func (b *block) cutHeadline() {
	s := b.text
	for _, m := range headlineSep.FindAllStringIndex(s, -1) {
		// "3 - 4 percent", "2026 – 2027": a range, not the headline's end.
		before, _ := utf8.DecodeLastRuneInString(s[:m[0]])
		after, _ := utf8.DecodeRuneInString(s[m[1]:])
		if unicode.IsDigit(before) && unicode.IsDigit(after) && !strings.Contains(s[m[0]:m[1]], "—") {
			continue
		}
		b.headline, b.text = bolded(s[:m[0]]), s[m[1]:]
		break
	}
}

// summary reads the first line. It reports false, after an error, when the
// line is one of the others of the format.
func (p *parser) summary(n int, l string) bool {
	labels := []*regexp.Regexp{consensusLabel, sourcesLabel}
	for _, s := range sections {
		labels = append(labels, s.label)
	}
	for _, label := range labels {
		if _, ok := cutLabel(l, label); ok {
			p.errorf(n, `missing first line: want "The Signal — summary" before this line`)
			return false
		}
	}
	s := l
	if rest, ok := cutLabel(l, signalLabel); ok {
		s = rest
	}
	if s == "" {
		// "The Signal" as a heading, its summary on the next line.
		p.summaryAwaited = true
		return true
	}
	p.d.summary = strings.Join(strings.Fields(unstrong(s)), " ")
	// The summary is front matter, not body text: a handle it names is
	// cited only as a source of the front matter's own.
	for i := range len(p.d.summary) {
		if p.d.summary[i] == '@' && handleAt(p.d.summary, i) {
			p.addSource(source{handle: p.d.summary[i+1 : i+1+handleLen(p.d.summary, i)]})
		}
	}
	return true
}

// moreSummary adds a wrapped line to the summary, and the handles it names
// to the sources.
func (p *parser) moreSummary(l string) {
	p.d.summary = joinWrapped(p.d.summary, strings.Join(strings.Fields(unstrong(l)), " "))
	for i := range len(l) {
		if l[i] == '@' && handleAt(l, i) {
			p.addSource(source{handle: l[i+1 : i+1+handleLen(l, i)]})
		}
	}
}
