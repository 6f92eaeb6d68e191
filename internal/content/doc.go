// Package content reads a site's content/ folder from an fs.FS and returns
// an Archive: every digest with its front matter checked against the rules
// of the spec (§2), its body rendered to HTML once, its themes and the
// handles it cites.
//
// Every problem in every file is collected, with its line, so that a run
// reports them all at once. Load never panics on any input.
//
// A digest is UTF-8 text: a file, or a front matter value written with a
// YAML escape, that holds a control character other than tab and line ends,
// or a noncharacter such as U+FFFE, is an error at its line and column
// (the first of each line; the rest of the file is still read, for its
// other problems). Pages could show them, but XML, and so the feeds,
// cannot hold them.
//
// Front matter dates take one of four forms:
//
//	2026-11-24                  a day, at midnight in the site's timezone
//	2026-11-24T07:30:00Z        RFC 3339, with a zone (Z or ±hh:mm) and an optional fraction
//	                            of a second, dropped (pages and feeds show whole seconds);
//	                            "t" and "z" in lower case, or a space for the T, too;
//	                            and YAML's timestamp, as Hugo reads it: spaces before the
//	                            zone, an offset of hours alone (2026-11-24 07:30:00 -5)
//	2026-11-24T07:30:00         a time in the site's timezone ("T" or a space)
//	2026-11-24 07:30            the same without seconds ("T" or a space)
//
// A date-time with a zone is shown in the site's timezone, and its day there
// is the digest's day: a site's archive has one calendar. When that is not
// the day written, a warning at the date says so.
//
// A time without a zone that the site's clocks skip, as they go forward, is
// an error; one they pass twice, as they go back, is the first of the two.
// A day whose midnight they skip (Santiago, Havana) starts when they stop.
//
// A digest's summary, when its front matter has none, is the text of the
// first paragraph of its body (or of its first list item, when a list comes
// first), cut on a word at about 300 characters.
package content
