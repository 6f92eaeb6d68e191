package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/clipperhouse/uax29/v2/words"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Tokens calls emit with each term of text, in order: the words found by
// the UAX #29 word segmenter, folded (see Fold), and for the scripts
// written without spaces between words, overlapping pairs of characters.
//
// search.js does the same to a query with Intl.Segmenter, whose segments
// differ from UAX #29's only where ICU uses a dictionary: in Chinese,
// Japanese and Thai. Turning each unbroken run of those scripts into pairs
// of characters makes both sides agree whatever the segmenter did.
func Tokens(text string, emit func(term string)) {
	var buf []byte
	tokens(text, &buf, false, func(t string) { emit(strings.Clone(t)) })
}

// tokens is Tokens for the index, which calls it millions of times: a
// term it passes to emit may be a view of *buf, valid only during the call.
// With parts, it also emits the terms that a query of a part of a word
// is: the last character of a run of unspaced script, which no pair starts
// ("供給網" → "網"), and a word after an elided article or preposition
// ("l’Union" → "union", "dell'economia" → "economia"). The index holds
// them; a query is cut without them, and finds them.
func tokens(text string, buf *[]byte, parts bool, emit func(term string)) {
	// Spaces break words in every script, so the text is cut at ASCII
	// spaces first, and most pieces, ASCII through and through, are cut
	// by asciiWords, which the segmenter would cut the same way
	// (TestASCIIWords checks it) at a fraction of the cost.
	for i := 0; i < len(text); {
		for i < len(text) && byteKind[text[i]] == kindSpace {
			i++
		}
		j, ascii := i, true
		for ; j < len(text); j++ {
			k := byteKind[text[j]]
			if k == kindSpace {
				break
			}
			ascii = ascii && k == kindASCII
		}
		if ascii {
			asciiWords(text[i:j], buf, parts, emit)
		} else {
			segment(text[i:j], parts, emit)
		}
		i = j
	}
}

// Kinds of bytes, for cutting text at spaces.
const (
	kindASCII = iota
	kindSpace
	kindOther // a byte of a multi-byte character
)

var byteKind = func() (k [256]byte) {
	for c := utf8.RuneSelf; c < 256; c++ {
		k[c] = kindOther
	}
	for _, c := range " \n\t\r\f\v" {
		k[c] = kindSpace
	}
	return k
}()

// segment emits the terms of text with the UAX #29 word segmenter.
func segment(text string, parts bool, emit func(term string)) {
	it := words.FromString(text)
	run, runEnd := -1, 0 // the current run of unspaced script, or -1
	end := 0             // the end of the previous segment
	flush := func() {
		if run >= 0 {
			pairs(text[run:runEnd], parts, emit)
			run = -1
		}
	}
	for it.Next() {
		w := it.Value()
		start := end
		end = start + len(w)
		r, _ := utf8.DecodeRuneInString(w)
		if unspaced(r) {
			if run < 0 {
				run = start
			}
			runEnd = end
			continue
		}
		flush()
		splitDots(w, func(w string) {
			if hasWordRune(w) {
				if t := Fold(w); t != "" {
					emit(t)
				}
				if rest := elided(w); parts && rest != "" {
					if t := Fold(rest); t != "" {
						emit(t)
					}
				}
			}
		})
	}
	flush()
}

// splitDots cuts a word at each . or : that is not between two digits.
func splitDots(w string, emit func(string)) {
	start := 0
	prev := rune(-1)
	for i, r := range w {
		if r == '.' || r == ':' {
			next, _ := utf8.DecodeRuneInString(w[i+1:])
			if !(r == '.' && unicode.IsDigit(prev) && unicode.IsDigit(next)) {
				emit(w[start:i])
				start = i + 1
			}
		}
		prev = r
	}
	emit(w[start:])
}

// ASCII classes of UAX #29's word break property, as bits.
const (
	letter = 1 << iota   // ALetter
	digit                // Numeric
	joiner               // ExtendNumLet: _
	midL                 // MidLetter: :
	midN                 // MidNum: , and ;
	upper                // not a class: A to Z, which fold
	apos                 // not a class: the apostrophe, which goes
	midNL  = midL | midN // MidNumLet: . and ' are both
	inWord = letter | digit | joiner
)

var asciiClass = func() (c [256]byte) {
	for b := 'a'; b <= 'z'; b++ {
		c[b], c[b-'a'+'A'] = letter, letter|upper
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = digit
	}
	c['_'], c['.'], c['\''], c[','], c[';'] = joiner, midN, midNL|apos, midN, midN
	return c
}()

// asciiWords emits the words of ASCII text without spaces as UAX #29 cuts
// them, but for one change: letters, digits and _ hold together, a single '
// between two letters, or . ' , or ; between two digits, joins them. UAX #29
// also joins letters across . and : ("example.com", "U.S"); ICU, and so
// Intl.Segmenter in browsers, does not, and a reader who types "example"
// expects to find "example.com", so neither do we (see splitDots).
func asciiWords(text string, buf *[]byte, parts bool, emit func(term string)) {
	for i := 0; i < len(text); {
		for i < len(text) && asciiClass[text[i]]&inWord == 0 {
			i++
		}
		start := i
		var seen byte
		for i < len(text) {
			c := asciiClass[text[i]]
			if c&inWord == 0 {
				if i+1 == len(text) || c&(midL|midN) == 0 {
					break
				}
				prev, next := asciiClass[text[i-1]], asciiClass[text[i+1]]
				if !(c&midL != 0 && prev&next&letter != 0 || c&midN != 0 && prev&next&digit != 0) {
					break
				}
			}
			seen |= c
			i++
		}
		switch {
		case seen&(letter|digit) == 0:
			// only _
		case seen&(upper|apos) == 0:
			emit(text[start:i])
		default:
			if b := appendFoldASCII((*buf)[:0], text[start:i]); len(b) > 0 {
				*buf = b
				emit(unsafe.String(unsafe.SliceData(b), len(b)))
			}
			if rest := elided(text[start:i]); parts && rest != "" {
				emit(foldASCII(rest))
			}
		}
	}
}

func hasASCIIWordRune(w string) bool {
	for i := 0; i < len(w); i++ {
		if asciiClass[w[i]]&(letter|digit) != 0 {
			return true
		}
	}
	return false
}

// pairs emits the overlapping character pairs of a run of unspaced script
// ("半導体" → "半導", "導体"), or the run itself when it is one character;
// with last, its last character too ("体").
func pairs(run string, last bool, emit func(string)) {
	run = Fold(run)
	p0, p1 := -1, -1 // the starts of the two characters before i
	for i := range run {
		if p0 >= 0 {
			emit(run[p0:i])
		}
		p0, p1 = p1, i
	}
	switch {
	case p0 >= 0:
		emit(run[p0:])
		if last {
			emit(run[p1:])
		}
	case p1 >= 0:
		emit(run)
	}
}

// elided returns the word after an elided article or preposition that
// starts w: one to four letters and an apostrophe, then three letters or
// more ("l'Union", "d’Europe", "dell'economia", "o'clock"), or "".
// English contractions ("don't", "we've", "they're") end in fewer.
func elided(w string) string {
	i := strings.IndexAny(w, "'’")
	if i < 1 {
		return ""
	}
	before, rest := w[:i], w[i+1:]
	if w[i] != '\'' {
		rest = w[i+len("’"):]
	}
	if utf8.RuneCountInString(before) > 4 || utf8.RuneCountInString(rest) < 3 || strings.ContainsAny(rest, "'’") {
		return ""
	}
	for _, r := range before + rest {
		if !unicode.IsLetter(r) {
			return ""
		}
	}
	return rest
}

// unspaced reports whether r belongs to a script written without spaces
// between words, which is indexed by pairs of characters.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
		unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

func hasWordRune(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// appendFoldASCII appends foldASCII(w) to b.
func appendFoldASCII(b []byte, w string) []byte {
	// "NVIDIA'S" too: Fold lower-cases before it drops the possessive
	// (FuzzTokens found the fast path kept "nvidias").
	if (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S")) && len(w) > 2 {
		w = w[:len(w)-2]
	}
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c != '\'':
			b = append(b, c)
		}
	}
	return b
}

// foldASCII is Fold for ASCII words, without allocating when w is already
// lower case and has no apostrophe.
func foldASCII(w string) string {
	clean := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c == '\'' {
			clean = false
			break
		}
	}
	if clean {
		return w
	}
	return apostrophes(strings.ToLower(w))
}

var folder = cases.Fold()

// Fold makes a word case- and accent-insensitive: compatibility
// decomposition (NFKD: "ﬁ" → "fi", full-width letters → ASCII), then the
// diacritics of Latin, Greek, Cyrillic, Hebrew and Arabic dropped, full case
// folding ("Straße" → "strasse"), the strokes of ł ø đ ħ dropped, and
// composition again (NFC), so that
// Hangul and kana keep their form. Apostrophes go too, with an English
// possessive: "Nvidia's" → "nvidia", "don’t" → "dont".
func Fold(w string) string {
	w = norm.NFKD.String(w)
	w = strings.Map(func(r rune) rune {
		if diacritic(r) {
			return -1
		}
		return r
	}, w)
	w = strokes.Replace(folder.String(w))
	return apostrophes(norm.NFC.String(w))
}

// strokes are the letters with a stroke, which no decomposition gives an
// accent to drop: Łódź is found as lodz, Ørsted as orsted.
var strokes = strings.NewReplacer("ł", "l", "ø", "o", "đ", "d", "ħ", "h")

// diacritic reports whether r is a combining mark that search ignores. The
// marks of Indic and other scripts, and the kana voicing marks, are letters
// of their words, not accents, so they stay.
func diacritic(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r <= 0x36F, 0x483 <= r && r <= 0x489, 0x591 <= r && r <= 0x5C7,
		0x610 <= r && r <= 0x61A, 0x64B <= r && r <= 0x65F, r == 0x670, 0x6D6 <= r && r <= 0x6ED,
		0x1AB0 <= r && r <= 0x1AFF, 0x1DC0 <= r && r <= 0x1DFF, 0x20D0 <= r && r <= 0x20FF,
		0xFE20 <= r && r <= 0xFE2F:
		return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r)
	}
	return false
}

// apostrophes drops an English possessive and every other apostrophe.
func apostrophes(w string) string {
	if !strings.ContainsAny(w, "'’") {
		return w
	}
	for _, s := range []string{"'s", "’s"} {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			w = w[:len(w)-len(s)]
		}
	}
	return strings.Map(func(r rune) rune {
		if r == '\'' || r == '’' {
			return -1
		}
		return r
	}, w)
}
