// Package chart takes the digests of a term, or of the whole site, and
// returns inline SVG charts of their stances as HTML: the timeline that opens
// a theme or source page, the consensus board of the home page with its
// sparklines, and the monthly shares of a stance or conviction page.
//
// Charts are drawn at build time by pure functions from a small input
// ([]Point: dates, stances, convictions, titles, links) to bytes, with no
// script. Each chart is a <figure>: an <svg> whose drawing is one element
// with role="img" and a label that sums it up, a caption in words, and the
// same data as a table inside a <details>. Stance is carried by shape (▲
// bullish, ▼ bearish, ● neutral, ◆ mixed), by position and by colour, never
// by colour alone; colours come from CSS classes (st-bullish, cv-high, …)
// that the theme's stylesheet fills for light and dark.
//
// A timeline draws one mark per digest, placed by date. The marks are links
// to the digests for pointer users; they are kept out of the tab order and
// the accessibility tree, because the table holds the same links, and a
// chart of hundreds of tab stops would stand between a keyboard user and
// the page. Past GroupAbove digests, the marks become a stacked bar per week
// or month. Every "recent" window ends at the newest digest given, never at
// the clock, so the same input always gives the same bytes.
package chart
