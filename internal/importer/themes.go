package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/signaldigest/signal/internal/content"
)

// matchThemes returns the tags, then each of the archive's themes whose name
// appears in text, in any case and as whole words, each slug once. A tag
// that is a theme of the archive is spelled as the archive spells it.
func matchThemes(tags, archive []string, text string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		name = strings.Join(strings.Fields(name), " ")
		if slug := content.Slugify(name); slug != "" && !seen[slug] {
			seen[slug] = true
			out = append(out, name)
		}
	}
	spelling := map[string]string{}
	for _, name := range archive {
		spelling[content.Slugify(name)] = name
	}
	for _, t := range tags {
		if name, ok := spelling[content.Slugify(t)]; ok {
			t = name
		}
		add(t)
	}
	words := fold(text)
	for _, name := range archive {
		if containsWords(words, fold(name)) {
			add(name)
		}
	}
	return out
}

// fold lower-cases s and makes every run of spaces one space.
func fold(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// containsWords reports whether name occurs in text with no letter, digit
// or _ right before or after it, and no @ before it (that is a handle).
func containsWords(text, name string) bool {
	if name == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(text[from:], name)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (start == 0 || !inWord(before) && before != '@') && (end == len(text) || !inWord(after)) {
			return true
		}
		_, n := utf8.DecodeRuneInString(text[start:])
		from = start + n
	}
}

func inWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}
