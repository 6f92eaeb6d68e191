package content

import (
	"strings"
	"testing"
	"time"
)

// Every day from 1970 to 2040, in zones whose clocks change at midnight
// (ahead of UTC and behind it) and in some that change at night, is read
// as its first moment: on that day, with the moment before it on the day
// before. A day that a zone skipped whole is an error.
func TestEveryDayStarts(t *testing.T) {
	zones := []string{
		"America/Santiago", "America/Havana", "America/Asuncion", "America/Sao_Paulo", "America/Godthab",
		"Africa/Cairo", "Africa/Algiers", "Africa/Casablanca", "Asia/Beirut", "Asia/Damascus", "Asia/Amman",
		"Asia/Gaza", "Asia/Tehran", "Europe/Lisbon", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia",
	}
	if testing.Short() {
		zones = zones[:6]
	}
	for _, name := range zones {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		for day := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2041; day = day.AddDate(0, 0, 1) {
			s := day.Format(time.DateOnly)
			got, err := parseDate(s, loc)
			if err != nil {
				if name == "Pacific/Apia" && s == "2011-12-30" && strings.Contains(err.Error(), "skip that day") {
					continue
				}
				t.Fatalf("%s %s: %v", name, s, err)
			}
			if got.Format(time.DateOnly) != s || got.Add(-time.Second).Format(time.DateOnly) == s {
				t.Fatalf("%s %s: %s, not the first moment of that day", name, s, got.Format(time.RFC3339))
			}
		}
	}
}
