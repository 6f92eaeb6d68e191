package importer

import (
	"strings"

	"github.com/signaldigest/signal/internal/content"
)

// wantConsensus is the Consensus line that errors show.
const wantConsensus = `"Consensus: Stance (scope) | Conviction: Level"`

// consensus reads "Stance (scope) | Conviction: Level", checked as front
// matter is checked.
func (p *parser) consensus(n int, rest string) {
	if p.consensusAt != 0 {
		p.errorf(n, "a second Consensus line (the first is line %d)", p.consensusAt)
		return
	}
	p.consensusAt = n
	rest = strings.ReplaceAll(rest, "**", "") // "**Bearish** (scope) | Conviction: **High**"
	rest = strings.ReplaceAll(rest, "｜", "|") // full-width, as Chinese and Japanese input writes it
	i := strings.LastIndex(rest, "|")
	if i < 0 {
		// "Bearish, Conviction: High", "Bearish · Conviction: High": a
		// separator other than |, or none, before the Conviction label.
		if m := convictionAfter.FindAllStringSubmatchIndex(rest, -1); m != nil {
			at := m[len(m)-1] // the separator at[0], the label at[2]
			if conviction, ok := cutLabel(rest[at[2]:], convictionLabel); ok {
				p.setConsensus(n, strings.Join(strings.Fields(rest[:at[0]]), " "), conviction)
				return
			}
		}
		// The conviction may be on the next line.
		if p.stance = strings.Join(strings.Fields(rest), " "); p.stance == "" {
			p.errorf(n, "Consensus line without a stance: want %s", wantConsensus)
		}
		return
	}
	stance := strings.Join(strings.Fields(rest[:i]), " ")
	conviction, ok := cutLabel(strings.TrimSpace(rest[i+1:]), convictionLabel)
	if !ok {
		p.errorf(n, `Consensus line: want "Conviction: Level" after the |, as in %s`, wantConsensus)
		return
	}
	p.setConsensus(n, stance, conviction)
}

// setConsensus checks a stance and a conviction, as front matter is
// checked, and keeps them.
func (p *parser) setConsensus(n int, stance, conviction string) {
	conviction = strings.TrimRight(strings.TrimSpace(conviction), ".!;,") // "High."
	if conviction == "" {
		p.errorf(n, `Consensus line: want "Conviction: Level" after the |, as in %s`, wantConsensus)
		return
	}
	if stance == "" {
		p.errorf(n, "Consensus line without a stance: want %s", wantConsensus)
		return
	}
	if open := strings.LastIndex(stance, "("); open >= 0 && strings.Count(stance, "(") > strings.Count(stance, ")") {
		p.errorAt(n, stance[open:], false, "consensus: the scope's ( has no closing )")
	} else if _, _, err := content.ParseConsensus(stance); err != nil {
		p.errorAt(n, strings.Fields(stance)[0], false, "consensus: %v", err)
	}
	if _, err := content.ParseConviction(conviction); err != nil {
		p.errorAt(n, conviction, true, "conviction: %v", err)
	}
	p.d.consensus, p.d.conviction = stance, conviction
}
