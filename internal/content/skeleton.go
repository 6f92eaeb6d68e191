package content

import (
	"bytes"
	"strconv"
	"time"
)

// Skeleton is a new digest, as `signal new` writes it: complete, valid
// front matter with placeholders, and the sections of a digest to fill in,
// their lines to replace (placeholders). It starts as a draft.
func Skeleton(title string, day time.Time) []byte {
	return []byte(`---
title: ` + strconv.Quote(title) + `
date: ` + day.Format(time.DateOnly) + `
consensus: "Neutral"    # bullish, bearish, neutral or mixed, with an optional scope: "Bearish (for pure-play AI labs)"
conviction: Medium      # low, medium or high
tags: []                # the digest's themes, like [Compute, Open Models]
sources: []             # optional: "@handle", or {handle: "@handle", note: "what they argued"}
summary: ""             # optional: one or two sentences; empty means the first item or paragraph
draft: true             # remove when it is ready to publish
---

## What's Moving

` + placeholders[0] + `

## Blind Spot

` + placeholders[1] + `

## One Actionable Idea

` + placeholders[2] + `
`)
}

// placeholders are the lines of Skeleton that an author replaces.
var placeholders = []string{
	"- **Headline** — What moved and why it matters. (via @…) The takeaway.",
	"What nobody is pricing in.",
	"One thing to do about it.",
}

// placeholder warns about each line of Skeleton's placeholders left in the
// body of a digest that is no longer a draft: it would be published.
func (p *parser) placeholder(body []byte, bodyLine int) {
	for i, l := range bytes.Split(body, []byte("\n")) {
		for _, ph := range placeholders {
			if string(bytes.TrimSpace(l)) == ph {
				p.problems.Warn(p.path, bodyLine+i, 0, "this line is a placeholder of signal new, and the digest is no longer a draft: write its own, or put back draft: true")
			}
		}
	}
}
