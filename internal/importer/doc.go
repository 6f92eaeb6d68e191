// Package importer takes plain-text digests, as authors paste them from
// their newsletter tool, and returns Markdown digests with front matter that
// content.Load accepts. Import is a pure function of a file's name, its bytes
// and the Options: it touches no file system, so the command line does the
// reading, the choice of the date and the writing.
//
// The plain-text format, line by line (blank lines anywhere are ignored, and
// so are rules: lines of one character drawn three times or more, such as
// --- or ———, which tools put around a digest and between its sections):
//
//	The Signal — Summary sentence. More of it.
//	Consensus: Bearish (for pure-play AI labs) | Conviction: High
//	What's Moving
//	- Headline — What happened. (via @a, @b) The takeaway.
//	Blind Spot — What nobody is pricing in.
//	One Actionable Idea — One thing to do.
//	Sources: @a (a note, which may hold commas (and parentheses)), @b
//
// Labels may be decorated as newsletters decorate headings ("📡 The
// Signal —", "## What's Moving", "**Blind Spot**:", "What's Moving 📈"), and
// a section's label may say when or how many ("What's Moving Today", "Blind
// Spot of the day:", "One Actionable Idea (2)"). "The Signal" alone on its
// line has the summary on the next. Lines before the one
// that starts "The Signal", such as a date or a subject line, follow it as
// paragraphs. A "Source:" line (singular) that names no @handle is a line
// of its section, not the Sources line; "Sources:" always is one. A
// Sources label alone on its line has its list on the lines after it, on
// one line or a handle a line.
//
// The Consensus line's conviction may follow a |, a comma, a semicolon, a
// slash, a dot or a bullet, or a space alone ("Bearish, Conviction: High."),
// or be a line of its own right after it; "Conviction: High | Consensus:
// Bearish" is read too, and a full-width colon or bar (： ｜).
//
// The first line gives the summary (its text after "The Signal —") and the
// title (its first sentence, or as many of its first clauses as fit in about
// 70 characters, else its first words). The Consensus line is required; its
// stance and conviction are checked as front matter checks them, and the
// scope is kept as written. Items under What's Moving (lines starting with
// -, *, •, –, an arrow or a small shape such as ◦ ▪ 🔹, or a number) become
// a Markdown list with the headline in bold; a bullet elsewhere is an item
// of a plain list. A numbered list keeps its numbers. A Markdown heading
// (## Chart of the Day) is a heading, of level two at least, unless its #
// reads as a number sign ("# of GPUs shipped doubled."); under a section,
// one deeper than two leaves its items going on. Blind Spot and One
// Actionable Idea become sections; the Sources line
// becomes the sources of the front matter, with their notes. Every other
// line is kept as a paragraph where it stands. An indented line right after
// an item or a paragraph continues it: it was wrapped. So does any line
// right after an item that goes on with its sentence (it starts in lower
// case, or the item ends on a comma) or gives its "(via @a)", unless it is
// a bullet or a label; an indented bullet starts an item. So does one
// after the Sources line, and any line after a Sources line that ends with
// a comma or leaves a note's ( open.
//
// A paste may be hard-wrapped, as plain-text e-mail is at 72 or 78
// columns: when its longest line (a long link aside) is 40 to 100 columns
// (or bytes) wide, most of its long lines come near that width, and three
// of those end mid-sentence before a line that goes on, a line that is not
// a label continues the line before it if its first word would not have
// fit there. This joins the first line, the Consensus line, the Sources
// line, items and paragraphs back together, and an item's "— text" cut
// off from its headline; a bullet continues only a paragraph. A word cut
// at its hyphen is joined without a space, and Chinese or Japanese without
// one. A headline in ** and a stance or level in ** lose them.
//
// Separators may be —, – or a spaced -, files may start with a byte order
// mark and use CRLF line ends. Any space may be a no-break one, as pasted
// text often has. Text is read composed (NFC), without zero-width spaces,
// word joiners and byte order marks, and without the indentation that all
// its lines share. Text is escaped so that Markdown reads it as
// text, except @handles, which are kept so that they link to source pages,
// and words in ** (strong) whose marks touch no letter or digit outside
// them (not 2**10), which stay strong in the body and lose their marks in
// the title and summary.
//
// Problems are reported as name:line: message; a file with an error gives
// no digest.
package importer
