package importer

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/signaldigest/signal/internal/diag"
	"github.com/signaldigest/signal/internal/meta"
)

// Reading a file's bytes into lines of text: the encoding, line ends, and
// the characters a paste carries that mean nothing.

var bom = []byte("\ufeff")

// decode checks that src is plain text and splits it into lines, without a
// byte order mark and line ends (LF, CRLF or CR).
func decode(name string, src []byte) ([]string, diag.List) {
	var problems diag.List
	src = bytes.TrimPrefix(src, bom)
	if !utf8.Valid(src) {
		bad := 0
		for bad < len(src) {
			r, n := utf8.DecodeRune(src[bad:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			bad += n
		}
		problems.Add(name, bytes.Count(src[:bad], []byte{'\n'})+1, 0, "not UTF-8 text (want a plain-text digest)")
		return nil, problems
	}
	// Composed, as front matter wants its themes and a theme of the
	// archive is matched; without the invisible characters that web pages
	// and mail put in text, which would hide a label, a bullet or a handle.
	text := invisible.Replace(norm.NFC.String(string(src)))
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(strings.ReplaceAll(text, "\r", "\n"), "\n")
	for i, l := range lines {
		lines[i] = unjoined(l)
		if j := strings.IndexFunc(l, notText); j >= 0 {
			r, _ := utf8.DecodeRuneInString(l[j:])
			what := "control character"
			if r > 0x9f {
				what = "noncharacter"
			}
			problems.Add(name, i+1, 0, "%s %U (want a plain-text digest)", what, r)
			return nil, problems
		}
	}
	return lines, problems
}

// invisible drops the characters that show nothing and mean nothing in a
// digest: zero-width spaces, word joiners and byte order marks.
var invisible = strings.NewReplacer("\u200b", "", "\u2060", "", "\ufeff", "")

// unjoined drops the zero-width joiners and non-joiners that start a line,
// before or among its indentation, where they join nothing.
func unjoined(l string) string {
	lead := len(l) - len(strings.TrimLeftFunc(l, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200c' || r == '\u200d' }))
	if !strings.ContainsAny(l[:lead], "\u200c\u200d") {
		return l
	}
	return strings.NewReplacer("\u200c", "", "\u200d", "").Replace(l[:lead]) + l[lead:]
}

// dedent takes off the indentation that every line but blank ones shares,
// as a paste from a quote or a code block has: an indented line is one
// that continues the line before it, which such a paste's lines do not.
func dedent(lines []string) []string {
	common := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lead := l[:len(l)-len(strings.TrimLeftFunc(l, unicode.IsSpace))]
		if first {
			common, first = lead, false
			continue
		}
		for !strings.HasPrefix(lead, common) {
			_, size := utf8.DecodeLastRuneInString(common)
			common = common[:len(common)-size]
		}
	}
	if common == "" {
		return lines
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, common)
	}
	return lines
}

// notText reports the characters that plain text does not hold, as a
// digest may not: control characters but tab (line ends decode has taken
// out), and noncharacters.
func notText(r rune) bool { return !meta.IsText(r) }
