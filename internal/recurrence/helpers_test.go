package recurrence

import (
	"fmt"
	"strings"
	"testing"
	"time"

	// Fall back to embedded zone data where the host has none, so the DST
	// expectations below do not depend on the machine.
	_ "time/tzdata"
)

// at parses an RFC 3339 instant written out in a test table.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad test instant %q: %v", s, err)
	}
	return v
}

func ptr(t time.Time) *time.Time { return &t }

// summary renders occurrences as "start/end" in UTC plus flags, one per
// element, so that tables can list expectations literally.
func summary(occs []Occurrence) []string {
	out := make([]string, len(occs))
	for i, o := range occs {
		s := o.Start.UTC().Format(time.RFC3339) + "/" + o.End.UTC().Format(time.RFC3339)
		if !o.RecurrenceID.Equal(o.Start) {
			s += " id=" + o.RecurrenceID.UTC().Format(time.RFC3339)
		}
		if o.Moved {
			s += " moved"
		}
		if o.Cancelled {
			s += " cancelled"
		}
		out[i] = s
	}
	return out
}

func expand(t testing.TB, s Series, from, to string) []Occurrence {
	t.Helper()
	occs, err := Expand(s, at(t, from), at(t, to))
	if err != nil {
		t.Fatalf("Expand(%q, %s, %s): %v", s.RRule, from, to, err)
	}
	return occs
}

func equalLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// wallClocks renders starts as local wall-clock times in the series zone.
func wallClocks(occs []Occurrence) []string {
	out := make([]string, len(occs))
	for i, o := range occs {
		out[i] = fmt.Sprintf("%s %s", o.Start.Format("2006-01-02 15:04 MST"), o.Start.Weekday())
	}
	return out
}
