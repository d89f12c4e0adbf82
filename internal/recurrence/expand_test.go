package recurrence

import (
	"errors"
	"testing"
	"time"
)

// weeklyMonday is a London forum every Monday 10:00–11:00, starting in
// winter (GMT = UTC) so instants read as local times.
func weeklyMonday(t testing.TB) Series {
	return Series{
		Start:    at(t, "2026-01-05T10:00:00Z"),
		End:      at(t, "2026-01-05T11:00:00Z"),
		TimeZone: "Europe/London",
		RRule:    "FREQ=WEEKLY",
	}
}

// TestExpandDST checks wall-clock time is kept across clock changes: the
// UTC instant moves, the local time does not.
func TestExpandDST(t *testing.T) {
	londonSunday := Series{
		Start:    at(t, "2026-03-15T10:00:00Z"),
		End:      at(t, "2026-03-15T11:30:00Z"),
		TimeZone: "Europe/London",
		RRule:    "FREQ=WEEKLY;BYDAY=SU",
	}
	nyMonthly := Series{
		Start:    at(t, "2026-01-13T23:00:00Z"), // 18:00 EST
		End:      at(t, "2026-01-14T01:00:00Z"),
		TimeZone: "America/New_York",
		RRule:    "FREQ=MONTHLY;BYDAY=2TU",
	}
	londonMonthly := Series{
		Start:    at(t, "2026-01-13T10:00:00Z"),
		End:      at(t, "2026-01-13T12:00:00Z"),
		TimeZone: "Europe/London",
		RRule:    "FREQ=MONTHLY;BYDAY=2TU",
	}
	tests := []struct {
		name      string
		s         Series
		from, to  string
		want      []string
		wantLocal []string
	}{
		{
			name: "London weekly across 2026-03-29",
			s:    londonSunday, from: "2026-03-15T00:00:00Z", to: "2026-04-06T00:00:00Z",
			want: []string{
				"2026-03-15T10:00:00Z/2026-03-15T11:30:00Z",
				"2026-03-22T10:00:00Z/2026-03-22T11:30:00Z",
				"2026-03-29T09:00:00Z/2026-03-29T10:30:00Z", // the day of the change
				"2026-04-05T09:00:00Z/2026-04-05T10:30:00Z",
			},
			wantLocal: []string{
				"2026-03-15 10:00 GMT Sunday", "2026-03-22 10:00 GMT Sunday",
				"2026-03-29 10:00 BST Sunday", "2026-04-05 10:00 BST Sunday",
			},
		},
		{
			name: "London weekly across 2026-10-25",
			s:    londonSunday, from: "2026-10-17T00:00:00Z", to: "2026-11-03T00:00:00Z",
			want: []string{
				"2026-10-18T09:00:00Z/2026-10-18T10:30:00Z",
				"2026-10-25T10:00:00Z/2026-10-25T11:30:00Z", // the day of the change
				"2026-11-01T10:00:00Z/2026-11-01T11:30:00Z",
			},
			wantLocal: []string{"2026-10-18 10:00 BST Sunday", "2026-10-25 10:00 GMT Sunday", "2026-11-01 10:00 GMT Sunday"},
		},
		{
			name: "New York 2nd Tuesday across 2026-03-08",
			s:    nyMonthly, from: "2026-02-01T00:00:00Z", to: "2026-05-01T00:00:00Z",
			want: []string{
				"2026-02-10T23:00:00Z/2026-02-11T01:00:00Z",
				"2026-03-10T22:00:00Z/2026-03-11T00:00:00Z",
				"2026-04-14T22:00:00Z/2026-04-15T00:00:00Z",
			},
			wantLocal: []string{"2026-02-10 18:00 EST Tuesday", "2026-03-10 18:00 EDT Tuesday", "2026-04-14 18:00 EDT Tuesday"},
		},
		{
			name: "New York 2nd Tuesday across 2026-11-01",
			s:    nyMonthly, from: "2026-10-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-10-13T22:00:00Z/2026-10-14T00:00:00Z",
				"2026-11-10T23:00:00Z/2026-11-11T01:00:00Z",
				"2026-12-08T23:00:00Z/2026-12-09T01:00:00Z",
			},
			wantLocal: []string{"2026-10-13 18:00 EDT Tuesday", "2026-11-10 18:00 EST Tuesday", "2026-12-08 18:00 EST Tuesday"},
		},
		{
			// 10 March is after New York's change but before London's.
			name: "London 2nd Tuesday across 2026-03-29",
			s:    londonMonthly, from: "2026-02-01T00:00:00Z", to: "2026-05-01T00:00:00Z",
			want: []string{
				"2026-02-10T10:00:00Z/2026-02-10T12:00:00Z",
				"2026-03-10T10:00:00Z/2026-03-10T12:00:00Z",
				"2026-04-14T09:00:00Z/2026-04-14T11:00:00Z",
			},
		},
		{
			name: "London 2nd Tuesday across 2026-10-25",
			s:    londonMonthly, from: "2026-10-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-10-13T09:00:00Z/2026-10-13T11:00:00Z",
				"2026-11-10T10:00:00Z/2026-11-10T12:00:00Z",
				"2026-12-08T10:00:00Z/2026-12-08T12:00:00Z",
			},
		},
		{
			// Where 02:00–03:00 is skipped, 02:30 is read as EST (RFC 5545),
			// i.e. 03:30 EDT; the meeting keeps its exact one-hour length.
			name: "New York 02:30 on the skipped hour",
			s: Series{
				Start: at(t, "2026-03-01T07:30:00Z"), End: at(t, "2026-03-01T08:30:00Z"),
				TimeZone: "America/New_York", RRule: "FREQ=WEEKLY",
			},
			from: "2026-03-01T00:00:00Z", to: "2026-03-16T00:00:00Z",
			want: []string{
				"2026-03-01T07:30:00Z/2026-03-01T08:30:00Z",
				"2026-03-08T07:30:00Z/2026-03-08T08:30:00Z",
				"2026-03-15T06:30:00Z/2026-03-15T07:30:00Z",
			},
			wantLocal: []string{"2026-03-01 02:30 EST Sunday", "2026-03-08 03:30 EDT Sunday", "2026-03-15 02:30 EDT Sunday"},
		},
		{
			// 01:30 happens twice on 2026-10-25; RFC 5545 means the first.
			name: "London 01:30 on the repeated hour",
			s: Series{
				Start: at(t, "2026-10-18T00:30:00Z"), End: at(t, "2026-10-18T01:00:00Z"),
				TimeZone: "Europe/London", RRule: "FREQ=WEEKLY",
			},
			from: "2026-10-18T00:00:00Z", to: "2026-11-02T00:00:00Z",
			want: []string{
				"2026-10-18T00:30:00Z/2026-10-18T01:00:00Z",
				"2026-10-25T00:30:00Z/2026-10-25T01:00:00Z",
				"2026-11-01T01:30:00Z/2026-11-01T02:00:00Z",
			},
			wantLocal: []string{"2026-10-18 01:30 BST Sunday", "2026-10-25 01:30 BST Sunday", "2026-11-01 01:30 GMT Sunday"},
		},
		{
			// On 2026-03-08 both 02:30 (skipped, read as EST) and 03:30 EDT
			// are 07:30Z: one occurrence, not two.
			name: "two local times meeting at one instant",
			s: Series{
				Start: at(t, "2026-03-07T07:30:00Z"), End: at(t, "2026-03-07T08:00:00Z"),
				TimeZone: "America/New_York", RRule: "FREQ=DAILY;BYHOUR=2,3;BYMINUTE=30",
			},
			from: "2026-03-07T00:00:00Z", to: "2026-03-10T00:00:00Z",
			want: []string{
				"2026-03-07T07:30:00Z/2026-03-07T08:00:00Z",
				"2026-03-07T08:30:00Z/2026-03-07T09:00:00Z",
				"2026-03-08T07:30:00Z/2026-03-08T08:00:00Z",
				"2026-03-09T06:30:00Z/2026-03-09T07:00:00Z",
				"2026-03-09T07:30:00Z/2026-03-09T08:00:00Z",
			},
		},
		{
			// All-day occurrences run midnight to midnight local time, so
			// the day of the change is 23 hours long.
			name: "London all-day across 2026-03-29",
			s: Series{
				Start: at(t, "2026-03-22T00:00:00Z"), End: at(t, "2026-03-23T00:00:00Z"),
				TimeZone: "Europe/London", AllDay: true, RRule: "FREQ=WEEKLY",
			},
			from: "2026-03-22T00:00:00Z", to: "2026-04-06T00:00:00Z",
			want: []string{
				"2026-03-22T00:00:00Z/2026-03-23T00:00:00Z",
				"2026-03-29T00:00:00Z/2026-03-29T23:00:00Z",
				"2026-04-04T23:00:00Z/2026-04-05T23:00:00Z",
			},
		},
		{
			// Santiago skips from 00:00 to 01:00 on 2026-09-06, so that day
			// starts at 01:00 -03. (time.Date alone would give 23:00 on the 5th.)
			name: "Santiago all-day on a day without midnight",
			s: Series{
				Start: at(t, "2026-08-30T04:00:00Z"), End: at(t, "2026-08-31T04:00:00Z"),
				TimeZone: "America/Santiago", AllDay: true, RRule: "FREQ=WEEKLY",
			},
			from: "2026-08-30T00:00:00Z", to: "2026-09-14T00:00:00Z",
			want: []string{
				"2026-08-30T04:00:00Z/2026-08-31T04:00:00Z",
				"2026-09-06T04:00:00Z/2026-09-07T03:00:00Z",
				"2026-09-13T03:00:00Z/2026-09-14T03:00:00Z",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			occs := expand(t, tt.s, tt.from, tt.to)
			equalLines(t, summary(occs), tt.want)
			if tt.wantLocal != nil {
				equalLines(t, wallClocks(occs), tt.wantLocal)
			}
			for _, o := range occs {
				if o.Start.Location().String() != tt.s.TimeZone {
					t.Errorf("occurrence returned in %v, want the series zone %s", o.Start.Location(), tt.s.TimeZone)
				}
			}
		})
	}
}

// TestExpandEdits covers EXDATEs, overrides (moved, moved into and out of
// the window, cancelled), COUNT, UNTIL and the window boundaries.
func TestExpandEdits(t *testing.T) {
	with := func(f func(*Series)) Series { s := weeklyMonday(t); f(&s); return s }
	tests := []struct {
		name     string
		s        Series
		from, to string
		want     []string
	}{
		{
			name: "plain",
			s:    weeklyMonday(t), from: "2026-01-05T00:00:00Z", to: "2026-01-27T00:00:00Z",
			want: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z",
				"2026-01-19T10:00:00Z/2026-01-19T11:00:00Z",
				"2026-01-26T10:00:00Z/2026-01-26T11:00:00Z",
			},
		},
		{
			name: "EXDATE removes one",
			s:    with(func(s *Series) { s.ExDates = []time.Time{at(t, "2026-01-19T10:00:00Z")} }),
			from: "2026-01-05T00:00:00Z", to: "2026-01-27T00:00:00Z",
			want: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z",
				"2026-01-26T10:00:00Z/2026-01-26T11:00:00Z",
			},
		},
		{
			name: "EXDATE given in another zone matches the instant",
			s: with(func(s *Series) {
				s.ExDates = []time.Time{at(t, "2026-01-19T05:00:00-05:00")}
			}),
			from: "2026-01-18T00:00:00Z", to: "2026-01-20T00:00:00Z",
			want: nil,
		},
		{
			name: "override moves one to another day and time, keeping its length",
			s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), Start: ptr(at(t, "2026-01-14T15:00:00Z"))}}
			}),
			from: "2026-01-05T00:00:00Z", to: "2026-01-20T00:00:00Z",
			want: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-14T15:00:00Z/2026-01-14T16:00:00Z id=2026-01-12T10:00:00Z moved",
				"2026-01-19T10:00:00Z/2026-01-19T11:00:00Z",
			},
		},
		{
			name: "override with only an end lengthens",
			s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), End: ptr(at(t, "2026-01-12T12:30:00Z"))}}
			}),
			from: "2026-01-12T00:00:00Z", to: "2026-01-13T00:00:00Z",
			want: []string{"2026-01-12T10:00:00Z/2026-01-12T12:30:00Z moved"},
		},
		{
			name: "override changing only the payload is not a move",
			s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), Payload: "new title"}}
			}),
			from: "2026-01-12T00:00:00Z", to: "2026-01-13T00:00:00Z",
			want: []string{"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z"},
		},
		{
			name: "cancelled is kept and flagged",
			s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), Cancelled: true}}
			}),
			from: "2026-01-05T00:00:00Z", to: "2026-01-13T00:00:00Z",
			want: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z cancelled",
			},
		},
		{
			// 26 Jan (before the window) and 2 Mar (after it) are moved into
			// it; 9 Feb is moved out of it.
			name: "moved into and out of the window",
			s: with(func(s *Series) {
				s.Overrides = []Override{
					{RecurrenceID: at(t, "2026-01-26T10:00:00Z"), Start: ptr(at(t, "2026-02-04T10:00:00Z"))},
					{RecurrenceID: at(t, "2026-03-02T10:00:00Z"), Start: ptr(at(t, "2026-02-11T14:00:00Z")), End: ptr(at(t, "2026-02-11T15:30:00Z"))},
					{RecurrenceID: at(t, "2026-02-09T10:00:00Z"), Start: ptr(at(t, "2026-03-20T10:00:00Z"))},
				}
			}),
			from: "2026-02-01T00:00:00Z", to: "2026-02-15T00:00:00Z",
			want: []string{
				"2026-02-02T10:00:00Z/2026-02-02T11:00:00Z",
				"2026-02-04T10:00:00Z/2026-02-04T11:00:00Z id=2026-01-26T10:00:00Z moved",
				"2026-02-11T14:00:00Z/2026-02-11T15:30:00Z id=2026-03-02T10:00:00Z moved",
			},
		},
		{
			name: "moved out of the window is found at its new time",
			s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-02-09T10:00:00Z"), Start: ptr(at(t, "2026-03-20T10:00:00Z"))}}
			}),
			from: "2026-03-20T00:00:00Z", to: "2026-03-21T00:00:00Z",
			want: []string{"2026-03-20T10:00:00Z/2026-03-20T11:00:00Z id=2026-02-09T10:00:00Z moved"},
		},
		{
			name: "override of a non-existent occurrence is ignored",
			s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-13T10:00:00Z"), Start: ptr(at(t, "2026-01-14T10:00:00Z"))}}
			}),
			from: "2026-01-13T00:00:00Z", to: "2026-01-15T00:00:00Z",
			want: nil,
		},
		{
			name: "COUNT",
			s:    with(func(s *Series) { s.RRule = "FREQ=WEEKLY;COUNT=3" }),
			from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z",
				"2026-01-19T10:00:00Z/2026-01-19T11:00:00Z",
			},
		},
		{
			name: "UNTIL is inclusive",
			s:    with(func(s *Series) { s.RRule = "FREQ=WEEKLY;UNTIL=20260126T100000Z" }),
			from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z",
				"2026-01-19T10:00:00Z/2026-01-19T11:00:00Z",
				"2026-01-26T10:00:00Z/2026-01-26T11:00:00Z",
			},
		},
		{
			name: "UNTIL a second earlier",
			s:    with(func(s *Series) { s.RRule = "FREQ=WEEKLY;UNTIL=20260126T095959Z" }),
			from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			want: []string{
				"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z",
				"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z",
				"2026-01-19T10:00:00Z/2026-01-19T11:00:00Z",
			},
		},
		{
			// A UTC UNTIL in summer: the 10:00 BST occurrence is 09:00Z.
			name: "UTC UNTIL compared as an instant",
			s: Series{
				Start: at(t, "2026-06-01T09:00:00Z"), End: at(t, "2026-06-01T10:00:00Z"),
				TimeZone: "Europe/London", RRule: "FREQ=DAILY;UNTIL=20260603T090000Z",
			},
			from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z",
			want: []string{
				"2026-06-01T09:00:00Z/2026-06-01T10:00:00Z",
				"2026-06-02T09:00:00Z/2026-06-02T10:00:00Z",
				"2026-06-03T09:00:00Z/2026-06-03T10:00:00Z",
			},
		},
		{
			name: "DATE UNTIL on an all-day series",
			s: Series{
				Start: at(t, "2026-06-01T23:00:00Z"), End: at(t, "2026-06-02T23:00:00Z"), // 2 June, BST
				TimeZone: "Europe/London", AllDay: true, RRule: "FREQ=DAILY;UNTIL=20260604",
			},
			from: "2026-06-01T00:00:00Z", to: "2026-07-01T00:00:00Z",
			want: []string{
				"2026-06-01T23:00:00Z/2026-06-02T23:00:00Z",
				"2026-06-02T23:00:00Z/2026-06-03T23:00:00Z",
				"2026-06-03T23:00:00Z/2026-06-04T23:00:00Z",
			},
		},
		{
			name: "under way at from is included",
			s:    weeklyMonday(t), from: "2026-01-12T10:30:00Z", to: "2026-01-12T12:00:00Z",
			want: []string{"2026-01-12T10:00:00Z/2026-01-12T11:00:00Z"},
		},
		{
			name: "ending exactly at from is excluded",
			s:    weeklyMonday(t), from: "2026-01-12T11:00:00Z", to: "2026-01-12T12:00:00Z",
			want: nil,
		},
		{
			name: "starting exactly at to is excluded",
			s:    weeklyMonday(t), from: "2026-01-12T09:00:00Z", to: "2026-01-12T10:00:00Z",
			want: nil,
		},
		{
			name: "window before the series",
			s:    weeklyMonday(t), from: "2025-01-01T00:00:00Z", to: "2026-01-05T10:00:00Z",
			want: nil,
		},
		{
			name: "one-off",
			s:    with(func(s *Series) { s.RRule = "" }),
			from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			want: []string{"2026-01-05T10:00:00Z/2026-01-05T11:00:00Z"},
		},
		{
			name: "one-off moved",
			s: with(func(s *Series) {
				s.RRule = ""
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-05T10:00:00Z"), Start: ptr(at(t, "2026-01-06T10:00:00Z"))}}
			}),
			from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z",
			want: []string{"2026-01-06T10:00:00Z/2026-01-06T11:00:00Z id=2026-01-05T10:00:00Z moved"},
		},
		{
			name: "exact duration across a clock change",
			s: Series{
				// 00:30–03:30 local on the night London skips 01:00–02:00: three
				// hours long, so it ends at 04:30 BST.
				Start: at(t, "2026-03-22T00:30:00Z"), End: at(t, "2026-03-22T03:30:00Z"),
				TimeZone: "Europe/London", RRule: "FREQ=WEEKLY;COUNT=2",
			},
			from: "2026-03-01T00:00:00Z", to: "2026-04-01T00:00:00Z",
			want: []string{
				"2026-03-22T00:30:00Z/2026-03-22T03:30:00Z",
				"2026-03-29T00:30:00Z/2026-03-29T03:30:00Z",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			equalLines(t, summary(expand(t, tt.s, tt.from, tt.to)), tt.want)
		})
	}
}

func TestExpandOverridePayload(t *testing.T) {
	type patch struct{ Title string }
	s := weeklyMonday(t)
	s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), Payload: patch{"AGM"}}}
	occs := expand(t, s, "2026-01-12T00:00:00Z", "2026-01-13T00:00:00Z")
	if len(occs) != 1 || occs[0].Override == nil {
		t.Fatalf("got %v, want one overridden occurrence", summary(occs))
	}
	if p, ok := occs[0].Override.Payload.(patch); !ok || p.Title != "AGM" {
		t.Errorf("payload = %#v, want patch{AGM}", occs[0].Override.Payload)
	}
	// The occurrence carries a copy: editing it leaves the series alone.
	occs[0].Override.Cancelled = true
	if s.Overrides[0].Cancelled {
		t.Error("Occurrence.Override aliases the series' override")
	}
}

func TestExpandLimits(t *testing.T) {
	daily := weeklyMonday(t)
	daily.RRule = "FREQ=DAILY"
	if _, err := Expand(daily, at(t, "2026-01-01T00:00:00Z"), at(t, "2029-01-01T00:00:00Z")); !errors.Is(err, ErrTooManyOccurrences) {
		t.Errorf("three years of a daily series: err = %v, want ErrTooManyOccurrences", err)
	}
	if occs, err := Expand(daily, at(t, "2026-01-01T00:00:00Z"), at(t, "2027-01-01T00:00:00Z")); err != nil || len(occs) != 361 {
		t.Errorf("2026 of a daily series from 5 Jan: %d occurrences, %v; want 361, nil", len(occs), err)
	}
	// 24 starts a day since 2010: reaching 2026 means scanning ~140,000.
	dense := Series{
		Start: at(t, "2010-01-01T00:00:00Z"), End: at(t, "2010-01-01T00:30:00Z"), TimeZone: "UTC",
		RRule: "FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23",
	}
	if _, err := Expand(dense, at(t, "2026-01-01T00:00:00Z"), at(t, "2026-01-02T00:00:00Z")); !errors.Is(err, ErrTooManyOccurrences) {
		t.Errorf("dense series queried far from its start: err = %v, want ErrTooManyOccurrences", err)
	}
	if occs, err := Expand(dense, at(t, "2010-03-01T00:00:00Z"), at(t, "2010-03-02T00:00:00Z")); err != nil || len(occs) != 24 {
		t.Errorf("dense series near its start: %d occurrences, %v; want 24, nil", len(occs), err)
	}
	if _, err := Expand(daily, at(t, "2026-02-01T00:00:00Z"), at(t, "2026-01-01T00:00:00Z")); err == nil {
		t.Error("reversed window: want an error")
	}
}

func TestContains(t *testing.T) {
	s := weeklyMonday(t)
	s.ExDates = []time.Time{at(t, "2026-01-19T10:00:00Z")}
	s.RRule = "FREQ=WEEKLY;COUNT=10"
	tests := []struct {
		id   string
		want bool
	}{
		{"2026-01-05T10:00:00Z", true},
		{"2026-01-12T10:00:00Z", true},
		{"2026-01-12T05:00:00-05:00", true}, // same instant, other zone
		{"2026-01-12T10:00:01Z", false},
		{"2026-01-13T10:00:00Z", false},
		{"2026-01-19T10:00:00Z", false}, // EXDATE
		{"2025-12-29T10:00:00Z", false}, // before the start
		{"2026-03-09T10:00:00Z", true},  // 10th
		{"2026-03-16T10:00:00Z", false}, // past COUNT
	}
	for _, tt := range tests {
		if got := Contains(s, at(t, tt.id)); got != tt.want {
			t.Errorf("Contains(%s) = %v, want %v", tt.id, got, tt.want)
		}
	}
	oneOff := weeklyMonday(t)
	oneOff.RRule = ""
	if !Contains(oneOff, at(t, "2026-01-05T10:00:00Z")) || Contains(oneOff, at(t, "2026-01-12T10:00:00Z")) {
		t.Error("one-off: want only its start")
	}
	bad := weeklyMonday(t)
	bad.TimeZone = "Nowhere/Special"
	if Contains(bad, at(t, "2026-01-05T10:00:00Z")) {
		t.Error("invalid series: want false")
	}
}

func TestNext(t *testing.T) {
	s := weeklyMonday(t)
	s.RRule = "FREQ=WEEKLY;COUNT=6" // 5 Jan .. 9 Feb
	s.ExDates = []time.Time{at(t, "2026-01-19T10:00:00Z")}
	s.Overrides = []Override{
		{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), Cancelled: true},
		{RecurrenceID: at(t, "2026-02-02T10:00:00Z"), Start: ptr(at(t, "2026-01-21T09:00:00Z"))}, // moved much earlier
		{RecurrenceID: at(t, "2026-01-26T10:00:00Z"), Start: ptr(at(t, "2026-01-04T10:00:00Z"))}, // moved before its predecessor
	}
	tests := []struct {
		after, want, wantID string // want "" = none
	}{
		{"2026-01-01T00:00:00Z", "2026-01-04T10:00:00Z", "2026-01-26T10:00:00Z"},
		{"2026-01-04T10:00:00Z", "2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z"}, // strictly after
		{"2026-01-05T09:59:59Z", "2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z"},
		{"2026-01-05T10:00:00Z", "2026-01-21T09:00:00Z", "2026-02-02T10:00:00Z"}, // skips cancelled 12th and EXDATE 19th
		{"2026-01-21T09:00:00Z", "2026-02-09T10:00:00Z", "2026-02-09T10:00:00Z"},
		{"2026-02-09T10:00:00Z", "", ""},
	}
	for _, tt := range tests {
		got, err := Next(s, at(t, tt.after))
		if err != nil {
			t.Fatalf("Next(%s): %v", tt.after, err)
		}
		switch {
		case tt.want == "" && got != nil:
			t.Errorf("Next(%s) = %s, want none", tt.after, got.Start.UTC().Format(time.RFC3339))
		case tt.want == "":
		case got == nil:
			t.Errorf("Next(%s) = none, want %s", tt.after, tt.want)
		case !got.Start.Equal(at(t, tt.want)) || !got.RecurrenceID.Equal(at(t, tt.wantID)):
			t.Errorf("Next(%s) = %s (id %s), want %s (id %s)", tt.after,
				got.Start.UTC().Format(time.RFC3339), got.RecurrenceID.UTC().Format(time.RFC3339), tt.want, tt.wantID)
		}
	}

	// Unbounded series: the DST-shifted instant comes next.
	dst := Series{
		Start: at(t, "2026-03-22T10:00:00Z"), End: at(t, "2026-03-22T11:00:00Z"),
		TimeZone: "Europe/London", RRule: "FREQ=WEEKLY",
	}
	got, err := Next(dst, at(t, "2026-03-22T10:00:00Z"))
	if err != nil || got == nil || !got.Start.Equal(at(t, "2026-03-29T09:00:00Z")) {
		t.Errorf("Next across DST = %v, %v; want 2026-03-29T09:00:00Z", got, err)
	}
}

// BenchmarkExpandWeeklyFiveYears expands a weekly London series over five
// years (261 Mondays, one of them EXDATE'd, one moved; ten clock changes).
func BenchmarkExpandWeeklyFiveYears(b *testing.B) {
	s := weeklyMonday(b)
	s.ExDates = []time.Time{at(b, "2027-01-04T10:00:00Z")}
	s.Overrides = []Override{{RecurrenceID: at(b, "2028-01-03T10:00:00Z"), Start: ptr(at(b, "2028-01-04T10:00:00Z"))}}
	from, to := at(b, "2026-01-01T00:00:00Z"), at(b, "2031-01-01T00:00:00Z")
	b.ReportAllocs()
	for b.Loop() {
		occs, err := Expand(s, from, to)
		if err != nil || len(occs) != 260 {
			b.Fatalf("got %d occurrences, %v; want 260", len(occs), err)
		}
	}
}

func TestLastEnd(t *testing.T) {
	london := "Europe/London"
	weekly := Series{Start: at(t, "2026-03-19T10:00:00Z"), End: at(t, "2026-03-19T12:00:00Z"), TimeZone: london}
	cases := []struct {
		name    string
		edit    func(s *Series)
		want    string // "" for no end
		bounded bool
	}{
		{"one-off", func(s *Series) {}, "2026-03-19T12:00:00Z", true},
		{"endless", func(s *Series) { s.RRule = "FREQ=WEEKLY" }, "", false},
		// 19, 26 Mar, 2 Apr (BST: 09:00Z), 9 Apr.
		{"count across the clock change", func(s *Series) { s.RRule = "FREQ=WEEKLY;COUNT=4" }, "2026-04-09T11:00:00Z", true},
		{"until", func(s *Series) { s.RRule = "FREQ=WEEKLY;UNTIL=20260402T090000Z" }, "2026-04-02T11:00:00Z", true},
		{"last date removed", func(s *Series) {
			s.RRule = "FREQ=WEEKLY;COUNT=4"
			s.ExDates = []time.Time{at(t, "2026-04-09T09:00:00Z")}
		}, "2026-04-02T11:00:00Z", true},
		{"an earlier date moved past the last", func(s *Series) {
			s.RRule = "FREQ=WEEKLY;COUNT=4"
			s.Overrides = []Override{{RecurrenceID: at(t, "2026-03-26T10:00:00Z"), Start: ptr(at(t, "2026-05-01T13:00:00Z"))}}
		}, "2026-05-01T15:00:00Z", true},
		{"a cancelled last date still bounds it", func(s *Series) {
			s.RRule = "FREQ=WEEKLY;COUNT=4"
			s.Overrides = []Override{{RecurrenceID: at(t, "2026-04-09T09:00:00Z"), Cancelled: true}}
		}, "2026-04-09T11:00:00Z", true},
		{"one-off moved", func(s *Series) {
			s.Overrides = []Override{{RecurrenceID: s.Start, Start: ptr(at(t, "2026-03-20T10:00:00Z"))}}
		}, "2026-03-20T12:00:00Z", true},
	}
	for _, c := range cases {
		s := weekly
		c.edit(&s)
		got, bounded, err := LastEnd(s)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if bounded != c.bounded || (bounded && !got.Equal(at(t, c.want))) {
			t.Errorf("%s: LastEnd = %s, %v; want %s, %v", c.name, got.Format(time.RFC3339), bounded, c.want, c.bounded)
		}
	}
	if _, _, err := LastEnd(Series{Start: weekly.Start, End: weekly.Start, TimeZone: london}); err == nil {
		t.Error("an invalid series gave no error")
	}
}
