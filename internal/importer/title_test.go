package importer

import "testing"

// The title is the first sentence if short, else the first clauses that
// fit, else the first words; it never ends on punctuation that dangles.
func TestShortTitle(t *testing.T) {
	for _, c := range []struct{ summary, want string }{
		{"Rates whipsaw again.", "Rates whipsaw again"},
		{"Rates whipsaw again. Banks shrug.", "Rates whipsaw again"},
		{"Is the rally over? Maybe not.", "Is the rally over?"},
		{"Chips vs. power: which runs out first in the build-out. More soon.", "Chips vs. power: which runs out first in the build-out"},
		{"GPT-5.5 beats the field on evals. Cheap models follow.", "GPT-5.5 beats the field on evals"},
		{"Sam admits smarter models matter more than cheaper/faster ones, but compute bottlenecks are strangling labs while hyperscalers hoard capacity.",
			"Sam admits smarter models matter more than cheaper/faster ones"},
		{"Grid operators ration hookups; chip lead times shrink; power, not compute, is now the constraint on every new campus.",
			"Grid operators ration hookups"},
		{"Short, then a second clause that runs on and on well past the point where any title should end it.",
			"Short, then a second clause that runs on and on well past the point…"},
		{"Supercalifragilisticexpialidocious-hyphenated-compound-words-without-any-spaces-at-all-go-on-forever",
			"Supercalifragilisticexpialidocious-hyphenated-compound-words-without…"},
		{"Política industrial: Europa recorta sus fábricas de chips, y Asia toma nota del giro que viene.",
			"Política industrial: Europa recorta sus fábricas de chips"},
		{"半導体の供給網が再編され、各国が補助金競争に入り、電力の確保が次の課題となっており、投資家は慎重な姿勢を崩さずに様子を見ている状況で、結論はまだ出ていないが、少なくとも来年までは続く見込みである。",
			"半導体の供給網が再編され、各国が補助金競争に入り"},
		{"電力が足りない。データセンターは待つ。", "電力が足りない"},
		{"Compute — the choke point — and who owns it.", "Compute — the choke point — and who owns it"},
		// A citation is left to the summary.
		{"Oil spikes (via @opec_watch).", "Oil spikes"},
		{"Oil spikes (via @opec_watch, @crude_desk) as OPEC cuts. Tankers idle.", "Oil spikes as OPEC cuts"},
		{"...", "..."},
		{"—", "—"},
	} {
		if got := shortTitle(c.summary); got != c.want {
			t.Errorf("shortTitle(%q)\n = %q\nwant %q", c.summary, got, c.want)
		}
	}
}
