package icalendar

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

var stamp = time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC)

// baseEvent is a minimal valid UTC event.
func baseEvent(uid string) Event {
	return Event{
		UID:   uid,
		Stamp: stamp,
		Start: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC),
		End:   time.Date(2026, 2, 1, 11, 0, 0, 0, time.UTC),
	}
}

func TestTextRoundTrip(t *testing.T) {
	tests := []struct {
		name, in string
		raw      string // expected escaped form on the wire ("" = don't check)
		want     string // expected after Parse + Text(); defaults to in
	}{
		{name: "plain", in: "Board meeting", raw: "Board meeting"},
		{name: "comma", in: "Cardiff, Wales", raw: `Cardiff\, Wales`},
		{name: "semicolon", in: "a;b", raw: `a\;b`},
		{name: "backslash", in: `C:\path\n`, raw: `C:\\path\\n`},
		{name: "colon and quotes not escaped", in: `Time: "10:00"`, raw: `Time: "10:00"`},
		{name: "LF", in: "line1\nline2", raw: `line1\nline2`},
		{name: "CRLF normalised", in: "line1\r\nline2", raw: `line1\nline2`, want: "line1\nline2"},
		{name: "bare CR normalised", in: "line1\rline2", raw: `line1\nline2`, want: "line1\nline2"},
		{name: "all specials", in: "a,b;c\\d\ne", raw: `a\,b\;c\\d\ne`},
		{name: "controls dropped, tab kept", in: "a\x00b\x1bc\td", raw: "abc\td", want: "abc\td"},
		{name: "invalid UTF-8 replaced", in: "bad\xffbyte", want: "bad\uFFFDbyte"},
		{name: "non-ASCII", in: "Café ŵ 会议 🎉", raw: "Café ŵ 会议 🎉"},
		{name: "long multi-byte folded", in: strings.Repeat("Pwyllgor ŵ, 🎉; ", 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			e := baseEvent("text@convene")
			e.Summary, e.Description, e.Location = tt.in, tt.in, tt.in
			e.Categories = []string{tt.in, "second"}
			out := mustMarshal(t, &Calendar{Events: []Event{e}})
			checkWireFormat(t, out)
			if tt.raw != "" {
				requireLines(t, out, "SUMMARY:"+tt.raw, "DESCRIPTION:"+tt.raw, "LOCATION:"+tt.raw)
			}
			ev := mustParse(t, out).Events()
			if len(ev) != 1 {
				t.Fatalf("got %d events", len(ev))
			}
			for _, prop := range []string{ical.PropSummary, ical.PropDescription, ical.PropLocation} {
				got, err := ev[0].Props.Text(prop)
				if err != nil || got != want {
					t.Errorf("%s round trip = %q, %v; want %q", prop, got, err, want)
				}
			}
			cats, err := ev[0].Props.Get(ical.PropCategories).TextList()
			if err != nil || !slices.Equal(cats, []string{strings.TrimSpace(want), "second"}) {
				t.Errorf("CATEGORIES round trip = %q, %v", cats, err)
			}
		})
	}
}

func TestUTCStamps(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	completed := time.Date(2026, 3, 2, 18, 30, 0, 0, ny)
	e := baseEvent("stamps@convene")
	e.Stamp = time.Date(2026, 1, 10, 4, 0, 0, 123, ny) // 09:00:00Z
	e.Created = time.Date(2025, 12, 31, 20, 0, 0, 0, ny)
	e.LastModified = time.Date(2026, 1, 9, 8, 15, 30, 0, time.FixedZone("X", 5*3600+1800))
	cal := &Calendar{
		Events: []Event{e},
		Todos:  []Todo{{UID: "todo@convene", Stamp: e.Stamp, Completed: &completed, Status: "completed", PercentComplete: 100}},
	}
	out := mustMarshal(t, cal)
	requireLines(t, out,
		"DTSTAMP:20260110T090000Z",
		"CREATED:20260101T010000Z",
		"LAST-MODIFIED:20260109T024530Z",
		"COMPLETED:20260302T233000Z",
		"STATUS:COMPLETED",
		"PERCENT-COMPLETE:100",
	)
	for _, l := range contentLines(out) {
		for _, p := range []string{"DTSTAMP", "CREATED", "LAST-MODIFIED", "COMPLETED"} {
			if strings.HasPrefix(l, p) && (strings.Contains(l, "TZID") || !strings.HasSuffix(l, "Z")) {
				t.Errorf("%s is not in UTC form: %q", p, l)
			}
		}
	}
}

func TestStampFallback(t *testing.T) {
	e := baseEvent("fallback@convene")
	e.Stamp = time.Time{}
	e.LastModified = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	requireLines(t, mustMarshal(t, &Calendar{Events: []Event{e}}), "DTSTAMP:20260102T030405Z")
}

func TestAddressParams(t *testing.T) {
	tests := []struct {
		name, cn, wantLine, wantCN string
	}{
		{"comma semicolon dquote", `Smith, Jo; "Dr"`, `ORGANIZER;CN="Smith, Jo; 'Dr'":mailto:jo@example.org`, `Smith, Jo; 'Dr'`},
		{"colon quoted", "Team: Ops", `ORGANIZER;CN="Team: Ops":mailto:jo@example.org`, "Team: Ops"},
		{"plain unquoted", "Jo Smith", `ORGANIZER;CN=Jo Smith:mailto:jo@example.org`, "Jo Smith"},
		{"newline becomes space", "Jo\r\nSmith", `ORGANIZER;CN=Jo Smith:mailto:jo@example.org`, "Jo Smith"},
		{"non-ASCII", "Siôn Ŵyn", `ORGANIZER;CN=Siôn Ŵyn:mailto:jo@example.org`, "Siôn Ŵyn"},
		{"empty omitted", "  ", `ORGANIZER:mailto:jo@example.org`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := baseEvent("cn@convene")
			e.Organizer = &Address{Email: "jo@example.org", Name: tt.cn}
			out := mustMarshal(t, &Calendar{Events: []Event{e}})
			requireLines(t, out, tt.wantLine)
			org := mustParse(t, out).Events()[0].Props.Get(ical.PropOrganizer)
			if got := org.Params.Get(ical.ParamCommonName); got != tt.wantCN {
				t.Errorf("parsed CN = %q, want %q", got, tt.wantCN)
			}
			if org.Value != "mailto:jo@example.org" {
				t.Errorf("parsed ORGANIZER = %q", org.Value)
			}
		})
	}
}

func TestMailtoEscaping(t *testing.T) {
	e := baseEvent("mailto@convene")
	e.Attendees = []Attendee{{Address: Address{Email: "a%b?c#d@example.org"}}}
	requireLines(t, mustMarshal(t, &Calendar{Events: []Event{e}}), "ATTENDEE:mailto:a%25b%3Fc%23d@example.org")
}

// invitation returns a REQUEST for a weekly London series plus an override
// of its second occurrence.
func invitation(t testing.TB) *Calendar {
	lon := mustLoc(t, "Europe/London")
	occ2 := time.Date(2026, 3, 9, 10, 0, 0, 0, lon)
	master := Event{
		UID: "series-1@convene", Sequence: 1, Stamp: stamp,
		Start: time.Date(2026, 3, 2, 10, 0, 0, 0, lon), End: time.Date(2026, 3, 2, 11, 0, 0, 0, lon),
		TimeZone: "Europe/London", Summary: "Cross-sector forum", RRule: "FREQ=WEEKLY;BYDAY=MO;COUNT=10",
		Status:    "confirmed",
		Organizer: &Address{Email: "chair@example.org", Name: "Chair"},
		Attendees: []Attendee{
			{Address: Address{Email: "zed@example.org", Name: "Zed"}, Role: "opt-participant", PartStat: "NEEDS-ACTION", RSVP: true},
			{Address: Address{Email: "amy@example.org", Name: "Amy"}, Role: "REQ-PARTICIPANT", PartStat: "NEEDS-ACTION", RSVP: true},
			{Address: Address{Email: "AMY@example.org"}}, // duplicate, dropped
		},
	}
	override := master
	override.RRule = ""
	override.RecurrenceID = &occ2
	override.Start = occ2.Add(2 * time.Hour)
	override.End = occ2.Add(3 * time.Hour)
	override.Location = "Room 2"
	// The override is listed first: output order must not depend on it.
	return &Calendar{Method: "request", Events: []Event{override, master}}
}

func TestMethodRequest(t *testing.T) {
	out := mustMarshal(t, invitation(t))
	checkWireFormat(t, out)
	requireLines(t, out,
		"METHOD:REQUEST",
		"DTSTART;TZID=Europe/London:20260302T100000",
		"RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10",
		"RECURRENCE-ID;TZID=Europe/London:20260309T100000",
		"DTSTART;TZID=Europe/London:20260309T120000",
		"ORGANIZER;CN=Chair:mailto:chair@example.org",
		"ATTENDEE;CN=Amy;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:amy@example.org",
		"ATTENDEE;CN=Zed;PARTSTAT=NEEDS-ACTION;ROLE=OPT-PARTICIPANT;RSVP=TRUE:mailto:zed@example.org",
		"SEQUENCE:1",
		"STATUS:CONFIRMED",
	)
	lines := contentLines(out)
	// Master before override, attendees sorted and de-duplicated.
	if i, j := slices.Index(lines, "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10"), slices.Index(lines, "RECURRENCE-ID;TZID=Europe/London:20260309T100000"); i < 0 || j < i {
		t.Errorf("master (line %d) should precede override (line %d)", i, j)
	}
	if n := strings.Count(string(unfold(out)), "mailto:amy@example.org"); n != 2 {
		t.Errorf("amy appears %d times, want once per VEVENT (2)", n)
	}
	cal := mustParse(t, out)
	if tz := timezonesIn(t, cal); len(tz) != 1 || tz["Europe/London"] == nil {
		t.Errorf("want exactly one VTIMEZONE for Europe/London, got %v", tz)
	}
	events := cal.Events()
	if len(events) != 2 {
		t.Fatalf("got %d events", len(events))
	}
	rid, err := events[1].Props.DateTime(ical.PropRecurrenceID, nil)
	if err != nil || !rid.Equal(time.Date(2026, 3, 9, 10, 0, 0, 0, time.UTC)) { // GMT in March
		t.Errorf("RECURRENCE-ID parses as %v, %v", rid, err)
	}
}

func TestMethodCancelOccurrence(t *testing.T) {
	cal := invitation(t)
	cal.Method = MethodCancel
	occ := cal.Events[0] // the override
	occ.Status = "CANCELLED"
	occ.Sequence = 2
	cal.Events = []Event{occ}
	out := mustMarshal(t, cal)
	requireLines(t, out,
		"METHOD:CANCEL",
		"STATUS:CANCELLED",
		"SEQUENCE:2",
		"RECURRENCE-ID;TZID=Europe/London:20260309T100000",
		"ATTENDEE;CN=Zed;PARTSTAT=NEEDS-ACTION;ROLE=OPT-PARTICIPANT;RSVP=TRUE:mailto:zed@example.org",
	)
	forbidLines(t, out, "RRULE")
	mustParse(t, out)
}

func TestDeterministic(t *testing.T) {
	a := mustMarshal(t, benchCalendar(60))
	b := mustMarshal(t, benchCalendar(60))
	if !bytes.Equal(a, b) {
		t.Fatal("two runs over identical input differ")
	}
	// Input order of events, attendees and EXDATEs must not matter either.
	cal := benchCalendar(60)
	slices.Reverse(cal.Events)
	for i := range cal.Events {
		slices.Reverse(cal.Events[i].Attendees)
		slices.Reverse(cal.Events[i].ExDates)
	}
	if c := mustMarshal(t, cal); !bytes.Equal(a, c) {
		t.Fatal("output depends on input order")
	}
	checkWireFormat(t, a)
}

func TestEmptyCalendar(t *testing.T) {
	out := mustMarshal(t, &Calendar{})
	checkWireFormat(t, out)
	lines := contentLines(out)
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("not a VCALENDAR: %q", lines)
	}
	requireLines(t, out, "VERSION:2.0", "PRODID:"+DefaultProdID, "CALSCALE:GREGORIAN")
	cal := mustParse(t, out)
	if len(cal.Events()) != 0 || len(cal.Children) != 1 || cal.Children[0].Name != ical.CompTimezone {
		t.Errorf("empty calendar should hold only the placeholder VTIMEZONE, got %d children", len(cal.Children))
	}

	out = mustMarshal(t, &Calendar{ProdID: "-//Example//Test//EN", Name: "Empty"})
	requireLines(t, out, "PRODID:-//Example//Test//EN", "NAME:Empty", "X-WR-CALNAME:Empty")
}

func TestCalendarProps(t *testing.T) {
	out := mustMarshal(t, &Calendar{
		Name: "Forum, 2026", Description: "All sessions", RefreshInterval: 6 * time.Hour,
		Events: []Event{baseEvent("x@convene")},
	})
	requireLines(t, out,
		`NAME:Forum\, 2026`, `X-WR-CALNAME:Forum\, 2026`,
		"DESCRIPTION:All sessions", "X-WR-CALDESC:All sessions",
		"REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H",
	)
	forbidLines(t, out, "METHOD")
}

func TestFormatHelpers(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	x := time.Date(2026, 3, 8, 1, 59, 59, 999, ny)
	if got := FormatDate(x); got != "20260308" {
		t.Errorf("FormatDate = %s", got)
	}
	if got := FormatUTC(x); got != "20260308T065959Z" {
		t.Errorf("FormatUTC = %s", got)
	}
	if got := FormatLocal(x); got != "20260308T015959" {
		t.Errorf("FormatLocal = %s", got)
	}
	for sec, want := range map[int]string{0: "+0000", 3600: "+0100", -16200: "-0430", 19800 + 28*60 + 8: "+055808", -75: "-000115"} {
		if got := formatUTCOffset(sec); got != want {
			t.Errorf("formatUTCOffset(%d) = %s, want %s", sec, got, want)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{time.Second, "PT1S"},
		{90 * time.Second, "PT1M30S"},
		{time.Hour, "PT1H"},
		{26*time.Hour + 30*time.Minute, "P1DT2H30M"},
		{24 * time.Hour, "P1D"},
		{14 * 24 * time.Hour, "P2W"},
		{8 * 24 * time.Hour, "P8D"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.d); got != tt.want {
			t.Errorf("formatDuration(%s) = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestUTCEventsHaveNoTZID(t *testing.T) {
	for _, tz := range []string{"", "UTC"} {
		e := baseEvent("utc@convene")
		e.TimeZone = tz
		e.Start = time.Date(2026, 2, 1, 10, 0, 0, 0, mustLoc(t, "Europe/Paris"))
		e.End = e.Start.Add(time.Hour)
		out := mustMarshal(t, &Calendar{Events: []Event{e}})
		requireLines(t, out, "DTSTART:20260201T090000Z", "DTEND:20260201T100000Z")
		forbidLines(t, out, "BEGIN:VTIMEZONE")
	}
}

func TestAllDay(t *testing.T) {
	lon := mustLoc(t, "Europe/London")
	tests := []struct {
		name       string
		tz         string
		start, end time.Time
		wantStart  string
		wantEnd    string // "" = no DTEND
	}{
		{"exclusive midnight end", "", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC), "20260501", "20260503"},
		{"end of last day", "", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 2, 23, 59, 59, 0, time.UTC), "20260501", "20260503"},
		{"same day end", "", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), "20260501", "20260502"},
		{"no end", "", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), time.Time{}, "20260501", ""},
		// Midnight in London (BST) is 23:00 UTC the day before: the
		// date must come from the event's zone.
		{"date in event zone", "Europe/London", time.Date(2026, 5, 1, 0, 0, 0, 0, lon).UTC(), time.Date(2026, 5, 2, 0, 0, 0, 0, lon).UTC(), "20260501", "20260502"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := baseEvent("allday@convene")
			e.AllDay, e.TimeZone, e.Start, e.End = true, tt.tz, tt.start, tt.end
			e.RRule = "FREQ=YEARLY;UNTIL=20300501"
			e.ExDates = []time.Time{tt.start.AddDate(1, 0, 0)}
			out := mustMarshal(t, &Calendar{Events: []Event{e}})
			requireLines(t, out, "DTSTART;VALUE=DATE:"+tt.wantStart, "EXDATE;VALUE=DATE:2027"+tt.wantStart[4:])
			if tt.wantEnd != "" {
				requireLines(t, out, "DTEND;VALUE=DATE:"+tt.wantEnd)
			} else {
				forbidLines(t, out, "DTEND")
			}
			// All-day values carry no TZID, so no VTIMEZONE is needed.
			forbidLines(t, out, "BEGIN:VTIMEZONE", "DTSTART;TZID")
		})
	}
}

func TestTodo(t *testing.T) {
	due := time.Date(2026, 4, 1, 17, 0, 0, 0, mustLoc(t, "America/New_York"))
	out := mustMarshal(t, &Calendar{Todos: []Todo{
		{UID: "t1@convene", Stamp: stamp, Summary: "Send agenda", Due: &due, TimeZone: "America/New_York", Status: "in-process", PercentComplete: 40},
		{UID: "t0@convene", Stamp: stamp, Summary: "Book room", Due: &due, DueAllDay: true},
	}})
	requireLines(t, out,
		"DUE;TZID=America/New_York:20260401T170000",
		"DUE;VALUE=DATE:20260401",
		"STATUS:IN-PROCESS",
		"PERCENT-COMPLETE:40",
	)
	cal := mustParse(t, out)
	if timezonesIn(t, cal)["America/New_York"] == nil {
		t.Error("to-do DUE with TZID needs a VTIMEZONE")
	}
	var uids []string
	for _, c := range cal.Children {
		if c.Name == ical.CompToDo {
			uids = append(uids, c.Props.Get(ical.PropUID).Value)
		}
	}
	if !slices.Equal(uids, []string{"t0@convene", "t1@convene"}) {
		t.Errorf("to-dos in order %v, want sorted by UID", uids)
	}
}

func TestVTimezonePlacement(t *testing.T) {
	var events []Event
	for i, tz := range []string{"Europe/London", "Asia/Tokyo", "America/New_York", "Europe/London", ""} {
		e := baseEvent(string(rune('a'+i)) + "@convene")
		e.TimeZone = tz
		events = append(events, e)
	}
	out := mustMarshal(t, &Calendar{Events: events})
	var tzids []string
	firstEvent, lastTZ := -1, -1
	for i, l := range contentLines(out) {
		switch {
		case strings.HasPrefix(l, "TZID:"):
			tzids = append(tzids, strings.TrimPrefix(l, "TZID:"))
		case l == "BEGIN:VEVENT" && firstEvent < 0:
			firstEvent = i
		case l == "END:VTIMEZONE":
			lastTZ = i
		}
	}
	if want := []string{"America/New_York", "Asia/Tokyo", "Europe/London"}; !slices.Equal(tzids, want) {
		t.Errorf("VTIMEZONEs %v, want one each, sorted: %v", tzids, want)
	}
	if lastTZ > firstEvent {
		t.Errorf("VTIMEZONE after VEVENT (line %d > %d)", lastTZ, firstEvent)
	}
}

func TestValidation(t *testing.T) {
	lon := mustLoc(t, "Europe/London")
	zero := time.Time{}
	tests := []struct {
		name   string
		mutate func(*Calendar)
		want   string
	}{
		{"nil event UID", func(c *Calendar) { c.Events[0].UID = " \r\n" }, "empty UID"},
		{"zero start", func(c *Calendar) { c.Events[0].Start = time.Time{} }, "start time is zero"},
		{"end before start", func(c *Calendar) { c.Events[0].End = c.Events[0].Start.Add(-time.Minute) }, "before start"},
		{"unknown zone", func(c *Calendar) { c.Events[0].TimeZone = "Mars/Olympus_Mons" }, "unknown time zone"},
		{"Local zone", func(c *Calendar) { c.Events[0].TimeZone = "Local" }, "not an IANA zone name"},
		{"no stamp", func(c *Calendar) { c.Events[0].Stamp = time.Time{} }, "no DTSTAMP"},
		{"year 10000", func(c *Calendar) { c.Events[0].End = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, "outside years"},
		{"negative sequence", func(c *Calendar) { c.Events[0].Sequence = -1 }, "negative SEQUENCE"},
		{"bad status", func(c *Calendar) { c.Events[0].Status = "DONE" }, "STATUS"},
		{"bad rrule part", func(c *Calendar) { c.Events[0].RRule = "FREQ=WEEKLY;DTSTART=20260101T000000Z" }, "unknown part DTSTART"},
		{"rrule without freq", func(c *Calendar) { c.Events[0].RRule = "BYDAY=MO" }, "no FREQ"},
		{"rrule bad freq", func(c *Calendar) { c.Events[0].RRule = "FREQ=FORTNIGHTLY" }, "RRULE"},
		{"rrule count zero", func(c *Calendar) { c.Events[0].RRule = "FREQ=DAILY;COUNT=0" }, "positive integer"},
		{"rrule out of range", func(c *Calendar) { c.Events[0].RRule = "FREQ=YEARLY;BYMONTH=13" }, "bymonth"},
		{"rrule until and count", func(c *Calendar) { c.Events[0].RRule = "FREQ=DAILY;COUNT=2;UNTIL=20260301T000000Z" }, "both UNTIL and COUNT"},
		{"rrule local until", func(c *Calendar) { c.Events[0].RRule = "FREQ=DAILY;UNTIL=20260301T000000" }, "UTC date-time"},
		{"rrule injection", func(c *Calendar) { c.Events[0].RRule = "FREQ=DAILY\r\nX-EVIL:1" }, "contains"},
		{"all-day rrule datetime until", func(c *Calendar) {
			c.Events[0].AllDay = true
			c.Events[0].RRule = "FREQ=DAILY;UNTIL=20260301T000000Z"
		}, "must be a DATE"},
		{"zero exdate", func(c *Calendar) { c.Events[0].ExDates = []time.Time{zero} }, "zero EXDATE"},
		{"zero recurrence-id", func(c *Calendar) { c.Events[0].RecurrenceID = &zero }, "RecurrenceID"},
		{"bad email", func(c *Calendar) { c.Events[0].Organizer = &Address{Email: "Jo <jo@example.org>"} }, "bare e-mail"},
		{"empty attendee email", func(c *Calendar) { c.Events[0].Attendees = []Attendee{{}} }, "empty e-mail"},
		{"bad role", func(c *Calendar) {
			c.Events[0].Attendees = []Attendee{{Address: Address{Email: "a@example.org"}, Role: "BOSS"}}
		}, "ROLE"},
		{"bad url", func(c *Calendar) { c.Events[0].URL = "/relative/path" }, "absolute URI"},
		{"duplicate uid", func(c *Calendar) { c.Events = append(c.Events, c.Events[0]) }, "duplicate UID"},
		{"duplicate override", func(c *Calendar) {
			rid := time.Date(2026, 2, 8, 10, 0, 0, 0, lon)
			c.Events[0].RecurrenceID = &rid
			c.Events = append(c.Events, c.Events[0])
		}, "duplicate UID"},
		{"bad method", func(c *Calendar) { c.Method = "PUBLISH-ALL" }, "unsupported METHOD"},
		{"request without organizer", func(c *Calendar) { c.Method = "REQUEST" }, "requires an organizer"},
		{"request without attendees", func(c *Calendar) {
			c.Method = "REQUEST"
			c.Events[0].Organizer = &Address{Email: "o@example.org"}
		}, "at least one attendee"},
		{"cancel confirmed", func(c *Calendar) {
			c.Method = "CANCEL"
			c.Events[0].Organizer = &Address{Email: "o@example.org"}
			c.Events[0].Status = "CONFIRMED"
		}, "STATUS CANCELLED"},
		{"refresh sub-second", func(c *Calendar) { c.RefreshInterval = 1500 * time.Millisecond }, "refresh interval"},
		{"refresh negative", func(c *Calendar) { c.RefreshInterval = -time.Hour }, "refresh interval"},
		{"todo percent", func(c *Calendar) { c.Todos = []Todo{{UID: "t", Stamp: stamp, PercentComplete: 101}} }, "PERCENT-COMPLETE"},
		{"todo status", func(c *Calendar) { c.Todos = []Todo{{UID: "t", Stamp: stamp, Status: "CONFIRMED"}} }, "STATUS"},
		{"todo zero due", func(c *Calendar) { c.Todos = []Todo{{UID: "t", Stamp: stamp, Due: &zero}} }, "Due"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal := &Calendar{Events: []Event{baseEvent("v@convene")}}
			cal.Events[0].TimeZone = "Europe/London"
			tt.mutate(cal)
			out, err := Marshal(cal)
			if err == nil {
				t.Fatalf("Marshal succeeded, want error containing %q:\n%s", tt.want, out)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			var buf bytes.Buffer
			if err := Encode(&buf, cal); err == nil || buf.Len() != 0 {
				t.Errorf("Encode wrote %d bytes and returned %v; want nothing written and an error", buf.Len(), err)
			}
		})
	}
	if _, err := Marshal(nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("Marshal(nil) = %v, want ErrInvalid", err)
	}
}

// Extreme but valid years must not produce five-digit or zero years in
// VTIMEZONE DTSTARTs through margins and horizons.
func TestExtremeYears(t *testing.T) {
	for _, start := range []time.Time{
		time.Date(9999, 6, 1, 10, 0, 0, 0, time.UTC),
		time.Date(1, 6, 1, 10, 0, 0, 0, time.UTC),
	} {
		e := baseEvent("extreme@convene")
		e.TimeZone = "Europe/London"
		e.Start, e.End = start, start.Add(time.Hour)
		e.RRule = "FREQ=YEARLY"
		out := mustMarshal(t, &Calendar{Events: []Event{e}})
		checkWireFormat(t, out)
		for _, l := range contentLines(out) {
			if v, ok := strings.CutPrefix(l, "DTSTART:"); ok && len(v) != len("20060102T150405") {
				t.Errorf("malformed VTIMEZONE DTSTART %q", l)
			}
		}
		mustParse(t, out)
	}
}

func TestEncodeWrites(t *testing.T) {
	cal := &Calendar{Events: []Event{baseEvent("w@convene")}}
	var buf bytes.Buffer
	if err := Encode(&buf, cal); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), mustMarshal(t, cal)) {
		t.Error("Encode and Marshal disagree")
	}
}
