package icalendar

import (
	"bytes"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

type wantOnset struct {
	kind, dtstart, from, to, name string
}

func onsetsOf(t *testing.T, comp *ical.Component) []wantOnset {
	t.Helper()
	var got []wantOnset
	for _, c := range comp.Children {
		got = append(got, wantOnset{
			kind:    c.Name,
			dtstart: c.Props.Get(ical.PropDateTimeStart).Value,
			from:    c.Props.Get(ical.PropTimezoneOffsetFrom).Value,
			to:      c.Props.Get(ical.PropTimezoneOffsetTo).Value,
			name:    c.Props.Get(ical.PropTimezoneName).Value,
		})
	}
	return got
}

// TestTimeZoneTransitions pins the exact VTIMEZONE content for 2026-2027.
// DTSTART is the local time of the change in the offset being left: London
// goes to BST at 01:00 UTC = 01:00 GMT and back at 01:00 UTC = 02:00 BST; New
// York changes at 02:00 local both ways.
func TestTimeZoneTransitions(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC)
	const std, dst = ical.CompTimezoneStandard, ical.CompTimezoneDaylight
	tests := []struct {
		zone string
		want []wantOnset
	}{
		{"Europe/London", []wantOnset{
			{std, "20251026T020000", "+0100", "+0000", "GMT"}, // in effect on 1 Jan 2026
			{dst, "20260329T010000", "+0000", "+0100", "BST"},
			{std, "20261025T020000", "+0100", "+0000", "GMT"},
			{dst, "20270328T010000", "+0000", "+0100", "BST"},
			{std, "20271031T020000", "+0100", "+0000", "GMT"},
		}},
		{"America/New_York", []wantOnset{
			{std, "20251102T020000", "-0400", "-0500", "EST"},
			{dst, "20260308T020000", "-0500", "-0400", "EDT"},
			{std, "20261101T020000", "-0400", "-0500", "EST"},
			{dst, "20270314T020000", "-0500", "-0400", "EDT"},
			{std, "20271107T020000", "-0400", "-0500", "EST"},
		}},
		// Southern hemisphere: DST spans the new year.
		{"Australia/Sydney", []wantOnset{
			{dst, "20251005T020000", "+1000", "+1100", "AEDT"},
			{std, "20260405T030000", "+1100", "+1000", "AEST"},
			{dst, "20261004T020000", "+1000", "+1100", "AEDT"},
			{std, "20270404T030000", "+1100", "+1000", "AEST"},
			{dst, "20271003T020000", "+1000", "+1100", "AEDT"},
		}},
		// Fixed offset since 1945: a single STANDARD.
		{"Asia/Kolkata", []wantOnset{
			{std, "19451015T000000", "+0630", "+0530", "IST"},
		}},
		// Never changes: the 1970 placeholder with equal offsets.
		{"Etc/GMT+5", []wantOnset{
			{std, "19700101T000000", "-0500", "-0500", "-05"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			comp, err := TimeZoneComponent(mustLoc(t, tt.zone), from, to)
			if err != nil {
				t.Fatal(err)
			}
			if id := comp.Props.Get(ical.PropTimezoneID).Value; id != tt.zone {
				t.Errorf("TZID = %q", id)
			}
			got := onsetsOf(t, comp)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d sub-components %v, want %d %v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("sub-component %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestTimeZoneUTC(t *testing.T) {
	comp, err := TimeZoneComponent(time.UTC, stamp, stamp)
	if err != nil {
		t.Fatal(err)
	}
	got := onsetsOf(t, comp)
	want := wantOnset{ical.CompTimezoneStandard, "19700101T000000", "+0000", "+0000", "UTC"}
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %v, want [%v]", got, want)
	}
	for _, loc := range []*time.Location{time.Local, time.FixedZone("", 3600), nil} {
		if _, err := TimeZoneComponent(loc, stamp, stamp); err == nil {
			t.Errorf("location %v accepted", loc)
		}
	}
	if _, err := TimeZoneComponent(time.UTC, stamp, stamp.Add(-time.Second)); err == nil {
		t.Error("reversed span accepted")
	}
}

// TestTimeZoneMatchesGo checks, hour by hour, that a client interpreting
// only the generated VTIMEZONE computes the same UTC offset as Go. The
// zones cover the awkward cases: southern hemisphere, 30-minute DST (Lord
// Howe), negative DST (Dublin), DST suspended for Ramadan (Casablanca), DST
// abolished (Tehran 2022), 45-minute offsets (Chatham). Spans include 2040,
// where Go derives rules from the TZ string and reports year-clamped
// pseudo-boundaries, and leap years (2028, 2040), where those stall.
func TestTimeZoneMatchesGo(t *testing.T) {
	zones := []string{
		"Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
		"Europe/Dublin", "Africa/Casablanca", "Asia/Tehran", "Pacific/Chatham",
		"America/Santiago", "Asia/Kolkata", "America/Sao_Paulo", "Europe/Moscow",
	}
	spans := [][2]time.Time{
		{time.Date(2019, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(2029, 2, 1, 0, 0, 0, 0, time.UTC)},
		{time.Date(2040, 1, 10, 0, 0, 0, 0, time.UTC), time.Date(2042, 1, 10, 0, 0, 0, 0, time.UTC)},
	}
	for _, zone := range zones {
		loc := mustLoc(t, zone)
		for _, span := range spans {
			comp, err := TimeZoneComponent(loc, span[0], span[1])
			if err != nil {
				t.Fatalf("%s: %v", zone, err)
			}
			onsets := vtzOnsets(t, comp)
			for i := 1; i < len(onsets); i++ {
				if !onsets[i].at.After(onsets[i-1].at) {
					t.Fatalf("%s: onsets not strictly increasing at %d", zone, i)
				}
				if onsets[i].from != onsets[i-1].to {
					t.Errorf("%s: onset %s TZOFFSETFROM %d does not continue previous TZOFFSETTO %d",
						zone, onsets[i].dtstart, onsets[i].from, onsets[i-1].to)
				}
			}
			mismatches := 0
			for x := span[0]; !x.After(span[1]); x = x.Add(time.Hour) {
				got, ok := vtzOffsetAt(onsets, x)
				_, want := x.In(loc).Zone()
				if (!ok || got != want) && mismatches < 5 {
					mismatches++
					t.Errorf("%s at %s: VTIMEZONE offset %d (defined %v), Go %d", zone, x, got, ok, want)
				}
			}
			// Every onset, including the first (which lies before the
			// span), is a real change of offset in these zones, exact to
			// the second — not one of Go's year-clamped pseudo-boundaries.
			for _, o := range onsets {
				if o.from == o.to {
					t.Errorf("%s: onset %s does not change the offset", zone, o.dtstart)
				}
				if _, off := o.at.In(loc).Zone(); off != o.to {
					t.Errorf("%s: at onset %s Go offset %d, want %d", zone, o.at, off, o.to)
				}
				if _, off := o.at.Add(-time.Second).In(loc).Zone(); off != o.from {
					t.Errorf("%s: just before onset %s Go offset %d, want %d", zone, o.at, off, o.from)
				}
			}
		}
	}
}

// Dublin's tz data marks winter GMT as (negative) DST; clients expect the
// summer offset to be DAYLIGHT.
func TestTimeZoneDublinKinds(t *testing.T) {
	comp, err := TimeZoneComponent(mustLoc(t, "Europe/Dublin"),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range onsetsOf(t, comp) {
		want := ical.CompTimezoneStandard
		if o.to == "+0100" {
			want = ical.CompTimezoneDaylight
		}
		if o.kind != want {
			t.Errorf("%s → %s (%s) is %s, want %s", o.from, o.to, o.name, o.kind, want)
		}
	}
}

// TestRecurringLondonStaysLocal: a weekly 10:00 London meeting written with
// TZID must expand to 10:00 London time across both DST changes, whether the
// client uses its own zone data (go-ical + rrule-go below) or only the
// VTIMEZONE we wrote.
func TestRecurringLondonStaysLocal(t *testing.T) {
	lon := mustLoc(t, "Europe/London")
	e := baseEvent("weekly@convene")
	e.TimeZone = "Europe/London"
	e.Start = time.Date(2026, 1, 5, 10, 0, 0, 0, lon)
	e.End = e.Start.Add(time.Hour)
	e.RRule = "FREQ=WEEKLY;UNTIL=20261231T235959Z"
	out := mustMarshal(t, &Calendar{Events: []Event{e}})
	cal := mustParse(t, out)

	vtz := timezonesIn(t, cal)["Europe/London"]
	if vtz == nil {
		t.Fatal("no VTIMEZONE for Europe/London")
	}
	onsets := vtzOnsets(t, vtz)

	ev := cal.Events()[0]
	set, err := ev.RecurrenceSet(nil)
	if err != nil || set == nil {
		t.Fatalf("RecurrenceSet: %v", err)
	}
	occ := set.All()
	if len(occ) != 52 {
		t.Fatalf("got %d occurrences, want 52", len(occ))
	}
	var summer, winter int
	for _, o := range occ {
		if lt := o.In(lon); lt.Hour() != 10 || lt.Minute() != 0 {
			t.Errorf("occurrence %s is %s London time, want 10:00", o.UTC(), lt.Format("15:04"))
		}
		off, ok := vtzOffsetAt(onsets, o)
		if !ok {
			t.Fatalf("VTIMEZONE does not cover %s", o.UTC())
		}
		if h := o.UTC().Add(time.Duration(off) * time.Second).Hour(); h != 10 {
			t.Errorf("by the VTIMEZONE alone, occurrence %s is %02d:00 local, want 10:00", o.UTC(), h)
		}
		if off == 3600 {
			summer++
		} else {
			winter++
		}
	}
	if summer == 0 || winter == 0 {
		t.Errorf("series should span both BST (%d) and GMT (%d)", summer, winter)
	}
}

// The span must stretch to cover recurrences (up to UNTIL or the horizon)
// and honour ZoneOptions.
func TestZoneCoverage(t *testing.T) {
	lon := mustLoc(t, "Europe/London")
	lastOnset := func(cal *Calendar) time.Time {
		t.Helper()
		onsets := vtzOnsets(t, timezonesIn(t, mustParse(t, mustMarshal(t, cal)))["Europe/London"])
		return onsets[len(onsets)-1].at
	}
	single := func() *Calendar {
		e := baseEvent("cover@convene")
		e.TimeZone = "Europe/London"
		e.Start = time.Date(2026, 6, 1, 10, 0, 0, 0, lon)
		e.End = e.Start.Add(time.Hour)
		return &Calendar{Events: []Event{e}}
	}

	c := single()
	if got := lastOnset(c); got.Year() != 2026 || got.Month() != time.October {
		t.Errorf("single June event: last onset %s, want October 2026 (within the default margin)", got)
	}

	c = single()
	c.Events[0].RRule = "FREQ=WEEKLY"
	if got := lastOnset(c); got.Year() != 2031 {
		t.Errorf("open-ended series: last onset %s, want 2031 (5-year horizon)", got)
	}

	c = single()
	c.Events[0].RRule = "FREQ=WEEKLY"
	c.Zones.RecurrenceHorizon = 2 * 365 * 24 * time.Hour
	if got := lastOnset(c); got.Year() != 2028 {
		t.Errorf("2-year horizon: last onset %s, want 2028", got)
	}

	c = single()
	c.Events[0].RRule = "FREQ=WEEKLY;UNTIL=20270601T000000Z"
	if got := lastOnset(c); got.Year() != 2027 || got.Month() != time.October {
		t.Errorf("UNTIL 2027-06: last onset %s, want October 2027", got)
	}

	c = single()
	c.Zones.Margin = -1
	if got := lastOnset(c); got.Year() != 2026 || got.Month() != time.March {
		t.Errorf("no margin: only the observance in effect (BST from March 2026) expected, got %s", got)
	}

	c = single()
	c.Zones.Until = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := lastOnset(c); got.Year() != 2029 || got.Month() != time.October {
		t.Errorf("Until 2030: last onset %s, want October 2029", got)
	}
}

// EXDATEs and RECURRENCE-IDs are written with TZID too and must be covered.
func TestZoneCoversExdatesAndRecurrenceID(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	rid := time.Date(2020, 7, 1, 9, 0, 0, 0, ny) // far before Start
	e := baseEvent("rid@convene")
	e.TimeZone = "America/New_York"
	e.RecurrenceID = &rid
	e.Start = time.Date(2026, 7, 1, 9, 0, 0, 0, ny)
	e.End = e.Start.Add(time.Hour)
	out := mustMarshal(t, &Calendar{Events: []Event{e}, Zones: ZoneOptions{Margin: -1}})
	requireLines(t, out, "RECURRENCE-ID;TZID=America/New_York:20200701T090000")
	onsets := vtzOnsets(t, timezonesIn(t, mustParse(t, out))["America/New_York"])
	for _, x := range []time.Time{rid, e.Start, e.End} {
		if off, ok := vtzOffsetAt(onsets, x); !ok || off != -4*3600 {
			t.Errorf("VTIMEZONE gives %d, %v at %s; want EDT", off, ok, x)
		}
	}
	if bytes.Count(out, []byte("BEGIN:VTIMEZONE")) != 1 {
		t.Error("want one VTIMEZONE")
	}
}
