package recurrence

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func instants(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.UTC().Format(time.RFC3339)
	}
	return out
}

func overrideIDs(os []Override) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.RecurrenceID.UTC().Format(time.RFC3339)
	}
	return out
}

func TestSplitAt(t *testing.T) {
	tests := []struct {
		name                  string
		s                     Series
		at                    string
		from, to              string   // window for the expansions compared
		wantBeforeRule        string   // before.RRule
		wantAfterRule         string   // after.RRule
		wantAfterStart        string   // after.Start/End
		wantBeforeEx          []string // partitioned EXDATEs
		wantAfterEx           []string
		wantBeforeOv          []string // partitioned override IDs
		wantAfterOv           []string
		wantBefore, wantAfter []string // expansions of the halves
	}{
		{
			name: "weekly with edits on both sides",
			s: func() Series {
				s := weeklyMonday(t)
				s.ExDates = []time.Time{at(t, "2026-01-19T10:00:00Z"), at(t, "2026-02-16T10:00:00Z")}
				s.Overrides = []Override{
					{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), Cancelled: true},
					{RecurrenceID: at(t, "2026-02-09T10:00:00Z"), Start: ptr(at(t, "2026-02-10T10:00:00Z"))},
					// Goes with its original start, though moved past the split.
					{RecurrenceID: at(t, "2026-01-26T10:00:00Z"), Start: ptr(at(t, "2026-02-03T10:00:00Z"))},
				}
				return s
			}(),
			at: "2026-02-02T10:00:00Z", from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z",
			wantBeforeRule: "FREQ=WEEKLY;UNTIL=20260202T095959Z",
			wantAfterRule:  "FREQ=WEEKLY",
			wantAfterStart: "2026-02-02T10:00:00Z/2026-02-02T11:00:00Z",
			wantBeforeEx:   []string{"2026-01-19T10:00:00Z"},
			wantAfterEx:    []string{"2026-02-16T10:00:00Z"},
			wantBeforeOv:   []string{"2026-01-12T10:00:00Z", "2026-01-26T10:00:00Z"},
			wantAfterOv:    []string{"2026-02-09T10:00:00Z"},
			wantBefore: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z cancelled",
				"2026-02-03T10:00:00Z/2026-02-03T11:00:00Z id=2026-01-26T10:00:00Z moved",
			},
			wantAfter: []string{
				"2026-02-02T10:00:00Z/2026-02-02T11:00:00Z",
				"2026-02-10T10:00:00Z/2026-02-10T11:00:00Z id=2026-02-09T10:00:00Z moved",
				"2026-02-23T10:00:00Z/2026-02-23T11:00:00Z",
			},
		},
		{
			// Mo/Th × 6: 5, 8 (EXDATE'd, still counted), 12 | 15, 19, 22 Jan.
			name: "COUNT: the after series gets the rest",
			s: func() Series {
				s := weeklyMonday(t)
				s.RRule = "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6"
				s.ExDates = []time.Time{at(t, "2026-01-08T10:00:00Z")}
				return s
			}(),
			at: "2026-01-15T10:00:00Z", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			wantBeforeRule: "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260115T095959Z",
			wantAfterRule:  "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=3",
			wantAfterStart: "2026-01-15T10:00:00Z/2026-01-15T11:00:00Z",
			wantBeforeEx:   []string{"2026-01-08T10:00:00Z"},
			wantAfterEx:    []string{},
			wantBeforeOv:   []string{},
			wantAfterOv:    []string{},
			wantBefore: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z",
			},
			wantAfter: []string{
				"2026-01-15T10:00:00Z/2026-01-15T11:00:00Z",
				"2026-01-19T10:00:00Z/2026-01-19T11:00:00Z",
				"2026-01-22T10:00:00Z/2026-01-22T11:00:00Z",
			},
		},
		{
			name: "UNTIL is kept by the after series; split in summer time",
			s: Series{
				Start: at(t, "2026-03-15T10:00:00Z"), End: at(t, "2026-03-15T11:30:00Z"),
				TimeZone: "Europe/London", RRule: "FREQ=WEEKLY;UNTIL=20260412T090000Z",
			},
			at: "2026-04-05T09:00:00Z", from: "2026-03-01T00:00:00Z", to: "2026-05-01T00:00:00Z",
			wantBeforeRule: "FREQ=WEEKLY;UNTIL=20260405T085959Z",
			wantAfterRule:  "FREQ=WEEKLY;UNTIL=20260412T090000Z",
			wantAfterStart: "2026-04-05T09:00:00Z/2026-04-05T10:30:00Z",
			wantBeforeEx:   []string{}, wantAfterEx: []string{}, wantBeforeOv: []string{}, wantAfterOv: []string{},
			wantBefore: []string{
				"2026-03-15T10:00:00Z/2026-03-15T11:30:00Z",
				"2026-03-22T10:00:00Z/2026-03-22T11:30:00Z",
				"2026-03-29T09:00:00Z/2026-03-29T10:30:00Z",
			},
			wantAfter: []string{
				"2026-04-05T09:00:00Z/2026-04-05T10:30:00Z",
				"2026-04-12T09:00:00Z/2026-04-12T10:30:00Z",
			},
		},
		{
			// RFC 5545: UNTIL has DTSTART's type, a DATE for all-day series.
			name: "all-day: UNTIL is a DATE",
			s: Series{
				Start: at(t, "2026-03-22T00:00:00Z"), End: at(t, "2026-03-23T00:00:00Z"),
				TimeZone: "Europe/London", AllDay: true, RRule: "FREQ=WEEKLY;COUNT=4",
			},
			at: "2026-04-04T23:00:00Z", from: "2026-03-01T00:00:00Z", to: "2026-05-01T00:00:00Z",
			wantBeforeRule: "FREQ=WEEKLY;UNTIL=20260404",
			wantAfterRule:  "FREQ=WEEKLY;COUNT=2",
			wantAfterStart: "2026-04-04T23:00:00Z/2026-04-05T23:00:00Z",
			wantBeforeEx:   []string{}, wantAfterEx: []string{}, wantBeforeOv: []string{}, wantAfterOv: []string{},
			wantBefore: []string{
				"2026-03-22T00:00:00Z/2026-03-23T00:00:00Z",
				"2026-03-29T00:00:00Z/2026-03-29T23:00:00Z",
			},
			wantAfter: []string{
				"2026-04-04T23:00:00Z/2026-04-05T23:00:00Z",
				"2026-04-11T23:00:00Z/2026-04-12T23:00:00Z",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, after, err := SplitAt(tt.s, at(t, tt.at))
			if err != nil {
				t.Fatalf("SplitAt: %v", err)
			}
			if before.RRule != tt.wantBeforeRule || after.RRule != tt.wantAfterRule {
				t.Errorf("rules = %q | %q, want %q | %q", before.RRule, after.RRule, tt.wantBeforeRule, tt.wantAfterRule)
			}
			if got := summary([]Occurrence{{RecurrenceID: after.Start, Start: after.Start, End: after.End}}); got[0] != tt.wantAfterStart {
				t.Errorf("after series = %s, want %s", got[0], tt.wantAfterStart)
			}
			if !before.Start.Equal(tt.s.Start) || !before.End.Equal(tt.s.End) {
				t.Errorf("before series moved to %v–%v", before.Start, before.End)
			}
			equalLines(t, instants(before.ExDates), tt.wantBeforeEx)
			equalLines(t, instants(after.ExDates), tt.wantAfterEx)
			equalLines(t, overrideIDs(before.Overrides), tt.wantBeforeOv)
			equalLines(t, overrideIDs(after.Overrides), tt.wantAfterOv)
			for _, half := range []Series{before, after} {
				if err := Validate(half); err != nil {
					t.Errorf("half %q invalid: %v", half.RRule, err)
				}
			}

			gotBefore := expand(t, before, tt.from, tt.to)
			gotAfter := expand(t, after, tt.from, tt.to)
			equalLines(t, summary(gotBefore), tt.wantBefore)
			equalLines(t, summary(gotAfter), tt.wantAfter)

			// Together the halves are exactly the original series.
			union := append(gotBefore, gotAfter...)
			slices.SortFunc(union, func(a, b Occurrence) int { return a.Start.Compare(b.Start) })
			equalLines(t, summary(union), summary(expand(t, tt.s, tt.from, tt.to)))
		})
	}
}

func TestSplitAtErrors(t *testing.T) {
	s := weeklyMonday(t)
	s.ExDates = []time.Time{at(t, "2026-01-19T10:00:00Z")}
	oneOff := weeklyMonday(t)
	oneOff.RRule = ""
	nySkipped := Series{ // 02:30 does not exist on 2026-03-08 in New York
		Start: at(t, "2026-03-01T07:30:00Z"), End: at(t, "2026-03-01T08:30:00Z"),
		TimeZone: "America/New_York", RRule: "FREQ=WEEKLY",
	}
	badZone := weeklyMonday(t)
	badZone.TimeZone = "Nowhere/Special"
	tests := []struct {
		name string
		s    Series
		at   string
		want error
	}{
		{"first occurrence", s, "2026-01-05T10:00:00Z", ErrSplitAtFirst},
		{"one-off", oneOff, "2026-01-05T10:00:00Z", ErrSplitAtFirst},
		{"not on the rule", s, "2026-01-13T10:00:00Z", ErrNotAnOccurrence},
		{"EXDATE'd", s, "2026-01-19T10:00:00Z", ErrNotAnOccurrence},
		{"before the series", s, "2025-12-29T10:00:00Z", ErrNotAnOccurrence},
		{"local time skipped by DST", nySkipped, "2026-03-08T07:30:00Z", ErrInvalidSeries},
		{"invalid series", badZone, "2026-01-12T10:00:00Z", ErrInvalidSeries},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := SplitAt(tt.s, at(t, tt.at))
			if !errors.Is(err, tt.want) {
				t.Errorf("SplitAt = %v, want %v", err, tt.want)
			}
		})
	}
	// The occurrence after the skipped one splits fine.
	if _, _, err := SplitAt(nySkipped, at(t, "2026-03-15T06:30:00Z")); err != nil {
		t.Errorf("SplitAt after the gap: %v", err)
	}
}
