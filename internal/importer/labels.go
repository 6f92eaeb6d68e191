package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// How the lines of the format are told apart: their labels, the separators
// after them, bullets, and rules.

// The labels that start the lines of the format, matched in any case. Each
// is followed by a separator (see cutSep), or ends the line.
var (
	signalLabel     = regexp.MustCompile(`(?i)^the` + space + `+signal\b`)
	consensusLabel  = regexp.MustCompile(`(?i)^consensus\b`)
	convictionLabel = regexp.MustCompile(`(?i)^conviction\b`)
	// convictionAfter finds a Conviction label inside a Consensus line
	// that has no |: after a comma, semicolon, slash, dot, bullet or dash, or
	// after a space; the label's own separator follows it.
	convictionAfter = regexp.MustCompile(`(?i)(?:` + space + `*[,;/·•—–]` + space + `*|` + space + `+)(\*{0,2}conviction\*{0,2}` + space + `*[:—–])`)
	// convictionLast finds a Consensus line cut after its Conviction label,
	// the level on the next line.
	convictionLast = regexp.MustCompile(`(?i)\bconviction\**` + space + `*[:—–]?\**` + space + `*$`)
	sourcesLabel   = regexp.MustCompile(`(?i)^sources?\b`)
	pluralSources  = regexp.MustCompile(`(?i)^sources\b`)
	sections       = []struct {
		label *regexp.Regexp
		title string
	}{
		{regexp.MustCompile(`(?i)^what['’]?s` + space + `+moving\b`), moving},
		{regexp.MustCompile(`(?i)^blind` + space + `+spots?\b`), "Blind Spot"},
		{regexp.MustCompile(`(?i)^(?:one` + space + `+)?actionable` + space + `+ideas?\b`), "One Actionable Idea"},
	}
)

const moving = "What's Moving"

// space is any space, the no-break ones of pasted text among them: \s
// alone is ASCII's.
const space = `[\s\p{Zs}]`

// bullet starts an item of a list: a dash, a dot, an arrow or a small
// shape, as newsletter tools draw them, or a number (its digits, the
// submatch).
var bullet = regexp.MustCompile(`^(?:[-*+•·–—◦‣▪▫►▸➤→⁃∙●○■□◆◇✓✔▶]|🔹|🔸|🔺|🔻|(\d{1,3})[.)])\x{FE0F}?` + space + `+`)

// mdHeading is a Markdown heading of a paste, which no label starts.
var mdHeading = regexp.MustCompile(`^(#{1,6})` + space + `+(.*?)(?:` + space + `+#+)?` + space + `*$`)

// headlineSep ends an item's headline: a dash with space on both sides.
var headlineSep = regexp.MustCompile(space + `+(?:—|–|--?)` + space + `+`)

// cutLabel reports whether l starts with label, then a separator or
// nothing, and returns the text after them.
//
// The label may be decorated as newsletters and Markdown pastes decorate
// headings: "📡 The Signal —", "## What's Moving", "**Blind Spot**:".
func cutLabel(l string, label *regexp.Regexp) (rest string, ok bool) {
	l, mark := undecorated(l)
	m := label.FindStringIndex(l)
	if m == nil {
		return "", false
	}
	// The ** that opened the label closes after it ("**Blind Spot**:"),
	// or after its separator ("**Blind Spot:** text"); a ** that no
	// label opened is the text's own ("— **Chips** rally").
	after := l[m[1]:]
	if mark != "" {
		if a, closed := strings.CutPrefix(after, mark); closed {
			after, mark = a, ""
		}
	}
	rest = strings.TrimSpace(after)
	if rest == "" {
		return "", true
	}
	rest, ok = cutSep(after)
	if !ok && labelEnd(after) {
		return "", true // "What's Moving 📈", "Blind Spot of the day:"
	}
	if mark != "" {
		rest = strings.TrimPrefix(strings.TrimSpace(rest), mark)
	}
	return strings.TrimSpace(rest), ok
}

// labelEnd reports whether what follows a label without a separator ends
// it as a heading: decoration, a count, or when it is about.
func labelEnd(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return r == '\ufe0f' || r == '\u200d' || r == '*' || r == '_' || r == ':' || r == '!' || unicode.In(r, unicode.So, unicode.Sk) || unicode.IsSpace(r)
	})
	return qualifier.MatchString(strings.TrimSpace(s))
}

// qualifier is what may follow a label in a heading: "(5)", "today", "of
// the day", "for this week".
var qualifier = regexp.MustCompile(`(?i)^(?:(?:for|of)?` + space + `*(?:today|tonight|the day|this week|the week))?` + space + `*(?:\(\d{1,3}\))?$`)

// bolded is s without the strong emphasis around it: "**Headline**" is
// made bold again when written.
func bolded(s string) string {
	for _, mark := range []string{"**", "__"} {
		if inner, ok := strings.CutPrefix(s, mark); ok && len(inner) > len(mark) && strings.HasSuffix(inner, mark) {
			return strings.TrimSuffix(inner, mark)
		}
	}
	return s
}

// undecorated is l without the emoji, heading marks (#) and strong
// emphasis (** or __) that may open it, and the mark of that emphasis,
// if any. A single * or _ stays: it may be a bullet.
func undecorated(l string) (string, string) {
	mark := ""
	for {
		t := strings.TrimLeftFunc(l, func(r rune) bool {
			return r == '#' || r == '\ufe0f' || r == '\u200d' || unicode.In(r, unicode.So, unicode.Sk) || unicode.IsSpace(r)
		})
		for _, m := range []string{"**", "__"} {
			if u, ok := strings.CutPrefix(t, m); ok {
				t, mark = u, m
			}
		}
		if t == l {
			return l, mark
		}
		l = t
	}
}

// cutSep returns the text after the separator that starts s: a colon, an
// em or en dash, or hyphens with a space before or after them (so that
// "Blind Spot-on" is not a label).
func cutSep(s string) (string, bool) {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	spaced := len(t) < len(s)
	switch {
	case strings.HasPrefix(t, ":"):
		t = t[1:]
	case strings.HasPrefix(t, "："): // a full-width colon, as Chinese and Japanese input writes it
		t = t[len("："):]
	case strings.HasPrefix(t, "—"), strings.HasPrefix(t, "–"):
		t = t[len("—"):]
	case strings.HasPrefix(t, "-"):
		t = strings.TrimLeft(t, "-")
		if !spaced && t != "" && !unicode.IsSpace(firstRune(t)) {
			return "", false
		}
	default:
		return "", false
	}
	return strings.TrimSpace(t), true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// labelled reports whether a line starts with a label of the format: it
// starts a part of its own, never continues the Sources line.
func labelled(l string) bool {
	for _, label := range []*regexp.Regexp{signalLabel, consensusLabel, sourcesLabel} {
		if _, ok := cutLabel(l, label); ok {
			return true
		}
	}
	for _, s := range sections {
		if _, ok := cutLabel(l, s.label); ok {
			return true
		}
	}
	return false
}

// rule reports whether a line is a rule drawn with one character, three
// times or more ("---", "* * *", "———"): newsletter tools frame a digest
// and part its sections with them, and they say nothing, so they are
// read as blank lines.
func rule(l string) bool {
	var c rune
	n := 0
	for _, r := range l {
		if unicode.IsSpace(r) {
			continue
		}
		if !strings.ContainsRune("-*_=~—–─━", r) || n > 0 && r != c {
			return false
		}
		c, n = r, n+1
	}
	return n >= 3
}
