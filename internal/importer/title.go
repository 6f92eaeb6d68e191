package importer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// titleMax is about the longest title, in characters, that reads as one on
// a list page.
const titleMax = 70

// titleMin is the shortest clause that makes a title on its own.
const titleMin = 24

// shortTitle derives a title from the summary: its first sentence when
// that fits in titleMax characters, else its first clause (with the clauses
// after it, until it is titleMin long) when that fits, else its first
// words. The summary is never empty.
func shortTitle(summary string) string {
	// A citation is the summary's, not the title's: "Oil spikes (via @a)."
	if t := clauses(strings.TrimSpace(citation.ReplaceAllString(summary, ""))); t != "" {
		return t
	}
	return summary // all punctuation: kept whole rather than left empty
}

// citation is a "(via @a, @b)" and the spaces before it.
var citation = regexp.MustCompile(`(?i)\s*\(via\s[^()]*\)`)

func clauses(summary string) string {
	s := firstSentence(summary)
	if utf8.RuneCountInString(s) <= titleMax {
		return trimEnd(s)
	}
	for _, m := range clauseEnd.FindAllStringIndex(s, -1) {
		c := trimEnd(s[:m[0]])
		if n := utf8.RuneCountInString(c); n > titleMax {
			break
		} else if n >= titleMin {
			return c
		}
	}
	return firstWords(s, titleMax)
}

// sentenceEnd is a full stop, question or exclamation mark and a space, or
// their ideographic forms, which need no space.
var sentenceEnd = regexp.MustCompile(`[.!?]+\s|[。！？]`)

// clauseEnd is the punctuation that ends a clause, with the space after it,
// or the ideographic comma and its kin.
var clauseEnd = regexp.MustCompile(`[,;:]\s|\s(?:—|–|--?)\s|—|[、，；：]`)

// abbreviations do not end a sentence, though a full stop follows them.
var abbreviations = map[string]bool{
	"vs": true, "e.g": true, "i.e": true, "etc": true, "approx": true, "inc": true,
	"mr": true, "ms": true, "mrs": true, "dr": true, "st": true, "u.s": true, "no": true,
}

// firstSentence returns s up to its first sentence end.
func firstSentence(s string) string {
	for _, m := range sentenceEnd.FindAllStringIndex(s, -1) {
		word := s[:m[0]]
		if i := strings.LastIndexAny(word, " ("); i >= 0 {
			word = word[i+1:]
		}
		if s[m[0]] == '.' && abbreviations[strings.ToLower(word)] {
			continue
		}
		return strings.TrimSpace(s[:m[1]])
	}
	return s
}

// firstWords cuts s to at most n characters on a word, with an ellipsis.
func firstWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return trimEnd(s)
	}
	cut := len(s)
	for i := range s { // i is the byte offset of rune number k
		if n == 0 {
			cut = i
			break
		}
		n--
	}
	if sp := strings.LastIndexAny(s[:cut], " -"); sp > cut/2 {
		cut = sp
	}
	return trimEnd(s[:cut]) + "…"
}

// trimEnd drops the spaces and punctuation that should not end a title.
func trimEnd(s string) string {
	return strings.TrimRight(s, " \t.,;:—–-。、，；：")
}
