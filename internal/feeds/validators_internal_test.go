package feeds

import (
	"testing"
	"time"
)

// max(updated_at) comes back as text on SQLite, in whatever form the
// driver wrote it, and as RFC 3339 from PostgreSQL: every form must parse,
// or Last-Modified silently stops moving.
func TestParseDBTimeReadsEveryStoredForm(t *testing.T) {
	want := time.Date(2026, 11, 25, 1, 30, 50, 252745350, time.UTC)
	for _, s := range []string{
		"2026-11-25 01:30:50.25274535 +0000 UTC", // modernc: time.Time.String()
		"2026-11-25 01:30:50.25274535 +0000 UTC m=+0.012345678",
		"2026-11-25T01:30:50.25274535Z",
		"2026-11-25 01:30:50.25274535+00:00",
		"2026-11-25 02:30:50.25274535 +0100 CET",
	} {
		got, ok := parseDBTime(s)
		if !ok || !got.Equal(want) {
			t.Errorf("parseDBTime(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	if _, ok := parseDBTime("yesterday"); ok {
		t.Error("parseDBTime accepted nonsense")
	}
}
