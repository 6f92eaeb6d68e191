package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/markdown"
)

// inline escapes text so that Markdown reads it as text inside a paragraph
// or list item: no emphasis, code, link, raw HTML, entity, strikethrough or
// table cell. @handles are copied as they are, so that they still link; an
// _ inside a word is left alone, since it cannot start emphasis there; so
// are bare URLs, which Markdown links as they are written and a \ would
// cut short (https://en.wikipedia.org/wiki/Moore%27s_law_(computing)).
// Words in ** stay strong, as the tools that write labels so wrote them;
// __ is text (__init__).
func inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if m := strongAt(s, i); m != nil {
			b.WriteString("**" + inline(s[i+m[2]:i+m[3]]) + "**")
			i += m[1] - 1
			continue
		}
		if n := bareURL(s, i); n > 0 {
			b.WriteString(s[i : i+n])
			i += n - 1
			continue
		}
		switch {
		case c == '@' && handleAt(s, i):
			n := 1 + handleLen(s, i)
			b.WriteString(s[i : i+n])
			i += n - 1
			continue
		case c == '_' && insideWord(s, i):
		case strings.IndexByte("\\`*_[]<~|", c) >= 0,
			c == '&' && entity.MatchString(s[i:]):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// strong is words in **, as Markdown reads them strong: no space inside
// either mark, and no * between them.
var strong = regexp.MustCompile(`^\*\*([^\s*](?:[^*]*[^\s*])?)\*\*`)

// strongAt is strong's match at s[i], if one starts there, and neither
// mark touches a letter or digit outside it: 2**10 is a power, a**b** a
// pattern, as plain text writes them.
func strongAt(s string, i int) []int {
	if !strings.HasPrefix(s[i:], "**") {
		return nil
	}
	if before, _ := utf8.DecodeLastRuneInString(s[:i]); i > 0 && isWordRune(before) {
		return nil
	}
	m := strong.FindStringSubmatchIndex(s[i:])
	if m == nil {
		return nil
	}
	if after, _ := utf8.DecodeRuneInString(s[i+m[1]:]); i+m[1] < len(s) && isWordRune(after) {
		return nil
	}
	return m
}

// unstrong is s without the ** of its strong words, for plain text: a
// title or a summary.
func unstrong(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if m := strongAt(s, i); m != nil {
			b.WriteString(s[i+m[2] : i+m[3]])
			i += m[1] - 1
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// bareURL returns the length of the URL at s[i] that goldmark's linkify
// links, written as it is, or 0. Linkify looks for one at the start of the
// text and after a space or a "(", and takes from "http://", "https://",
// "ftp://" or "www." and a host (linkStart), then a port, and after a /, #
// or ? the ASCII that may be in a URL; it leaves out a trailing _ or ~,
// which are then escaped as text.
func bareURL(s string, i int) int {
	if i > 0 && s[i-1] != ' ' && s[i-1] != '(' {
		return 0
	}
	rest := s[i:]
	m := linkStart.FindStringIndex(rest)
	if m == nil {
		return 0
	}
	// After the host, a port, then a path, a query or a fragment go on;
	// anything else ends the URL there ("https://x.org![](y)").
	n := m[1]
	if !strings.HasPrefix(rest, "www.") {
		n += len(port.FindString(rest[n:]))
	}
	if n < len(rest) && strings.IndexByte("/#?", rest[n]) >= 0 {
		for n < len(rest) && rest[n] > ' ' && rest[n] < 0x7f && strings.IndexByte("*|<>\\", rest[n]) < 0 {
			n++
		}
	}
	for n > 0 && (rest[n-1] == '_' || rest[n-1] == '~') {
		n--
	}
	return n
}

// port is a URL's port, after its host.
var port = regexp.MustCompile(`^:[0-9]+`)

// linkStart is the start of a URL as linkify finds one: a scheme or www.,
// then a host with a dot. "http://![](0)" is none, and is escaped as text:
// FuzzImport found it.
var linkStart = regexp.MustCompile(`^(?:(?:https?|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}|www\.[-a-zA-Z0-9@:%._+~#=]{0,256})\.[a-z]+`)

// entity is the start of an HTML entity or character reference.
var entity = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// handleAt reports whether a handle starts at s[i], as the markdown
// package's parser sees it: an @ not right after a letter, digit, _, . or
// @, then a handle name.
func handleAt(s string, i int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if r == '_' || r == '.' || r == '@' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return handleLen(s, i) > 0
}

// handleLen is the length of the handle name after the @ at s[i], or 0. It
// hands ScanHandle no more than it reads (the name, and the character after
// it), so that a line of many @ stays linear.
func handleLen(s string, i int) int {
	return markdown.ScanHandle([]byte(s[i+1 : min(len(s), i+1+markdown.MaxHandle+utf8.UTFMax)]))
}

// insideWord reports whether s[i] has a letter or digit on both sides.
func insideWord(s string, i int) bool {
	if i == 0 || i == len(s)-1 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+1:])
	return isWordRune(before) && isWordRune(after)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// orderedMarker is the start of a line that Markdown reads as an ordered
// list item: digits, then . or ).
var orderedMarker = regexp.MustCompile(`^\d{1,9}[.)]`)

// lineStart escapes what inline leaves alone but Markdown reads at the start
// of a line: a heading, a quote, a list item, a thematic break or a setext
// underline. s is already escaped by inline.
func lineStart(s string) string {
	if s == "" {
		return s
	}
	if strings.IndexByte("#>-+=", s[0]) >= 0 {
		return `\` + s
	}
	if m := orderedMarker.FindStringIndex(s); m != nil {
		return s[:m[1]-1] + `\` + s[m[1]-1:]
	}
	return s
}
