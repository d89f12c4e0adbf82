package recurrence

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	with := func(f func(*Series)) Series { s := weeklyMonday(t); f(&s); return s }
	tests := []struct {
		name    string
		s       Series
		wantIs  error  // nil: valid
		wantMsg string // substring of the message, or the whole of it
		// validateOnly marks problems only Validate reports: Expand ignores
		// overrides that target no occurrence.
		validateOnly bool
	}{
		{name: "valid weekly", s: weeklyMonday(t)},
		{name: "valid one-off", s: with(func(s *Series) { s.RRule = "" })},
		{name: "lower case and RRULE: prefix", s: with(func(s *Series) { s.RRule = "rrule:freq=weekly;byday=mo" })},
		{name: "valid override", s: with(func(s *Series) {
			s.Overrides = []Override{{RecurrenceID: at(t, "2027-01-04T10:00:00Z"), Cancelled: true}}
		})},
		{
			name: "invalid RRULE", s: with(func(s *Series) { s.RRule = "FREQ=SOMETIMES" }),
			wantIs: ErrInvalidRule, wantMsg: `invalid recurrence rule "FREQ=SOMETIMES": undefined frequency: SOMETIMES`,
		},
		{
			name: "not NAME=VALUE", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;MONDAYS" }),
			wantIs: ErrInvalidRule, wantMsg: `invalid recurrence rule "FREQ=WEEKLY;MONDAYS": "MONDAYS" is not a NAME=VALUE part`,
		},
		{
			name: "unknown part", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;SOMEDAY=MO" }),
			wantIs: ErrInvalidRule, wantMsg: "unknown RRULE property: SOMEDAY",
		},
		{
			name: "MINUTELY", s: with(func(s *Series) { s.RRule = "FREQ=MINUTELY;INTERVAL=30" }),
			wantIs: ErrInvalidRule, wantMsg: `invalid recurrence rule "FREQ=MINUTELY;INTERVAL=30": FREQ=MINUTELY is not supported; events can repeat at most daily`,
		},
		{name: "HOURLY", s: with(func(s *Series) { s.RRule = "FREQ=HOURLY" }), wantIs: ErrInvalidRule, wantMsg: "FREQ=HOURLY is not supported"},
		{name: "SECONDLY", s: with(func(s *Series) { s.RRule = "FREQ=SECONDLY" }), wantIs: ErrInvalidRule, wantMsg: "FREQ=SECONDLY is not supported"},
		{
			name: "DAILY emulating HOURLY", s: with(func(s *Series) { s.RRule = "FREQ=DAILY;BYHOUR=8,9,10,11,12;BYMINUTE=0,10,20,30,40" }),
			wantIs: ErrInvalidRule, wantMsg: "it starts 25 times a day; at most 24 are allowed",
		},
		{name: "COUNT=0", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;COUNT=0" }), wantIs: ErrInvalidRule, wantMsg: `COUNT must be a positive whole number, not "0"`},
		{name: "INTERVAL=0", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;INTERVAL=0" }), wantIs: ErrInvalidRule, wantMsg: "INTERVAL must be a positive whole number"},
		{
			name: "COUNT with UNTIL", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z" }),
			wantIs: ErrInvalidRule, wantMsg: "COUNT and UNTIL cannot both be given",
		},
		{name: "repeated part", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;BYDAY=MO;BYDAY=TU" }), wantIs: ErrInvalidRule, wantMsg: "BYDAY is given more than once"},
		{name: "DTSTART inside", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;DTSTART=20260105T100000Z" }), wantIs: ErrInvalidRule, wantMsg: "DTSTART does not belong in the rule"},
		{name: "two lines", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY\nEXDATE:20260112T100000Z" }), wantIs: ErrInvalidRule, wantMsg: "expected a single RRULE value"},
		{name: "out of range", s: with(func(s *Series) { s.RRule = "FREQ=YEARLY;BYMONTH=13" }), wantIs: ErrInvalidRule, wantMsg: "bymonth must be between 1 and 12"},
		{
			name: "no occurrences at all", s: with(func(s *Series) { s.RRule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }),
			wantIs: ErrInvalidRule, wantMsg: `invalid recurrence rule "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30": it produces no occurrences from the series start 2026-01-05T10:00:00Z`,
		},
		{
			name: "UNTIL before the start", s: with(func(s *Series) { s.RRule = "FREQ=WEEKLY;UNTIL=20260101T000000Z" }),
			wantIs: ErrInvalidRule, wantMsg: "it produces no occurrences",
		},
		{
			name: "start not on the rule", s: with(func(s *Series) { s.RRule = "FREQ=MONTHLY;BYDAY=2TU" }),
			wantIs: ErrInvalidSeries, wantMsg: `invalid series: start 2026-01-05T10:00:00Z is not an occurrence of the rule "FREQ=MONTHLY;BYDAY=2TU"; its first occurrence from there is 2026-01-13T10:00:00Z`,
		},
		{
			name: "unknown zone", s: with(func(s *Series) { s.TimeZone = "Mars/Olympus_Mons" }),
			wantIs: ErrInvalidSeries, wantMsg: `invalid series: unknown time zone "Mars/Olympus_Mons"`,
		},
		{name: "no zone", s: with(func(s *Series) { s.TimeZone = "" }), wantIs: ErrInvalidSeries, wantMsg: "a time zone is required"},
		{name: "server-local zone", s: with(func(s *Series) { s.TimeZone = "Local" }), wantIs: ErrInvalidSeries, wantMsg: "a time zone is required"},
		{
			name: "end before start", s: with(func(s *Series) { s.End = at(t, "2026-01-05T09:00:00Z") }),
			wantIs: ErrInvalidSeries, wantMsg: "invalid series: end 2026-01-05T09:00:00Z is not after start 2026-01-05T10:00:00Z",
		},
		{name: "end equals start", s: with(func(s *Series) { s.End = s.Start }), wantIs: ErrInvalidSeries, wantMsg: "is not after start"},
		{name: "no start", s: with(func(s *Series) { s.Start = time.Time{} }), wantIs: ErrInvalidSeries, wantMsg: "start and end are required"},
		{name: "fractional seconds", s: with(func(s *Series) { s.Start = s.Start.Add(time.Millisecond) }), wantIs: ErrInvalidSeries, wantMsg: "whole seconds"},
		{
			name: "all-day not at midnight", s: with(func(s *Series) { s.AllDay = true }),
			wantIs: ErrInvalidSeries, wantMsg: "an all-day event must start and end at midnight in Europe/London",
		},
		{
			name: "override of a non-existent occurrence", s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-13T10:00:00Z"), Cancelled: true}}
			}),
			wantIs: ErrNotAnOccurrence, wantMsg: "invalid series: override for 2026-01-13T10:00:00Z: not an occurrence of the series",
			validateOnly: true,
		},
		{
			name: "override of an EXDATE", s: with(func(s *Series) {
				s.ExDates = []time.Time{at(t, "2026-01-12T10:00:00Z")}
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), Cancelled: true}}
			}),
			wantIs: ErrInvalidSeries, wantMsg: "the occurrence is excluded", validateOnly: true,
		},
		{
			name: "two overrides of one occurrence", s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z")}, {RecurrenceID: at(t, "2026-01-12T05:00:00-05:00")}}
			}),
			wantIs: ErrInvalidSeries, wantMsg: "two overrides for 2026-01-12T10:00:00Z",
		},
		{
			name: "override ending before it starts", s: with(func(s *Series) {
				s.Overrides = []Override{{RecurrenceID: at(t, "2026-01-12T10:00:00Z"), End: ptr(at(t, "2026-01-12T09:00:00Z"))}}
			}),
			wantIs: ErrInvalidSeries, wantMsg: "override for 2026-01-12T10:00:00Z: end 2026-01-12T09:00:00Z is not after start 2026-01-12T10:00:00Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.s)
			if tt.wantIs == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate = nil, want %v", tt.wantIs)
			}
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("Validate = %v, want errors.Is %v", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("Validate = %q, want it to contain %q", err, tt.wantMsg)
			}
			if _, err := Expand(tt.s, tt.s.Start, tt.s.Start.Add(time.Hour)); (err == nil) != tt.validateOnly {
				t.Errorf("Expand: err = %v, validateOnly = %v", err, tt.validateOnly)
			}
		})
	}
}

// TestOverrideGuard is the intended use of Contains: refusing to create an
// override for an occurrence that does not exist.
func TestOverrideGuard(t *testing.T) {
	s := weeklyMonday(t)
	s.RRule = "FREQ=WEEKLY;COUNT=4"
	for id, want := range map[string]bool{
		"2026-01-26T10:00:00Z": true,  // 4th
		"2026-02-02T10:00:00Z": false, // 5th: past COUNT
		"2026-01-27T10:00:00Z": false, // a Tuesday
	} {
		if got := Contains(s, at(t, id)); got != want {
			t.Errorf("Contains(%s) = %v, want %v", id, got, want)
		}
	}
}

func TestParseRule(t *testing.T) {
	start := at(t, "2026-03-22T10:00:00Z")
	r, err := ParseRule("FREQ=WEEKLY;COUNT=3", start, "Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	if loc := r.GetDTStart().Location().String(); loc != "Europe/London" {
		t.Errorf("DTSTART location = %s, want Europe/London", loc)
	}
	// rrule-go computes in DTSTART's zone: 10:00 local on both sides of the
	// 29 March change.
	want := []string{"2026-03-22T10:00:00Z", "2026-03-29T09:00:00Z", "2026-04-05T09:00:00Z"}
	var got []string
	for _, v := range r.All() {
		got = append(got, v.UTC().Format(time.RFC3339))
	}
	equalLines(t, got, want)

	for _, tc := range []struct{ rule, tz, msg string }{
		{"FREQ=SOMETIMES", "Europe/London", `invalid recurrence rule "FREQ=SOMETIMES": undefined frequency: SOMETIMES`},
		{"FREQ=MINUTELY", "Europe/London", "FREQ=MINUTELY is not supported"},
		{"", "Europe/London", "the rule is empty"},
		{"FREQ=WEEKLY", "Europe/Atlantis", `unknown time zone "Europe/Atlantis"`},
	} {
		if _, err := ParseRule(tc.rule, start, tc.tz); err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("ParseRule(%q, %q) = %v, want %q", tc.rule, tc.tz, err, tc.msg)
		}
	}
}
