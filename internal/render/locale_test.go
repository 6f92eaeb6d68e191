package render

import "testing"

func TestOGLocale(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "en_US", "en-GB": "en_GB", "pt-BR": "pt_BR", "de": "de_DE",
		"zh-Hant-TW": "zh_TW", "sr-Latn": "sr_RS", "es-419": "es_ES", "fr-CA": "fr_CA",
	} {
		if got := ogLocale(lang); got != want {
			t.Errorf("ogLocale(%q) = %q, want %q", lang, got, want)
		}
	}
}
