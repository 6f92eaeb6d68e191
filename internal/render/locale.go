package render

import "golang.org/x/text/language"

// ogLocale turns the site's language, a BCP 47 tag, into the form Open
// Graph's og:locale takes, language_TERRITORY: its own country when it
// names one (zh-Hant-TW: zh_TW), else the country where the language is
// most spoken (de: de_DE; es-419, a region of many countries: es_ES).
func ogLocale(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	if !region.IsCountry() {
		region, _ = language.Make(base.String()).Region()
	}
	return base.String() + "_" + region.String()
}
