package scheduling_test

import (
	"strings"
	"testing"

	"github.com/convene/convene/internal/apitest"
)

// A 10:00 London forum stays at 10:00 local across the spring change (so
// 10:00Z becomes 09:00Z), and a monthly 2nd-Tuesday 18:00 New York meeting
// follows US daylight saving (which changes on different dates).
func TestOccurrencesAcrossDSTInTwoZones(t *testing.T) {
	w := newWorld(t, apitest.New(t), "dst")
	london := w.schedule(t, map[string]any{"kind": "FORUM", "title": "Peer forum",
		"startsAt": "2026-03-19T10:00:00Z", "endsAt": "2026-03-19T12:00:00Z", "rrule": "FREQ=WEEKLY;BYDAY=TH"})
	equal(t, "London weekly", starts(w.occurrences(t, london, "2026-03-01T00:00:00Z", "2026-04-10T00:00:00Z")), []string{
		"2026-03-19T10:00:00Z", "2026-03-26T10:00:00Z", "2026-04-02T09:00:00Z", "2026-04-09T09:00:00Z",
	})
	// Autumn: back to GMT after 25 October.
	equal(t, "London autumn", starts(w.occurrences(t, london, "2026-10-20T00:00:00Z", "2026-11-03T00:00:00Z")), []string{
		"2026-10-22T09:00:00Z", "2026-10-29T10:00:00Z",
	})

	ny := w.schedule(t, map[string]any{"kind": "WORKSHOP", "title": "Commissioners' call", "timeZone": "America/New_York",
		"startsAt": "2026-02-10T23:00:00Z", "endsAt": "2026-02-11T00:00:00Z", "rrule": "FREQ=MONTHLY;BYDAY=2TU"})
	equal(t, "New York monthly", starts(w.occurrences(t, ny, "2026-02-01T00:00:00Z", "2026-05-01T00:00:00Z")), []string{
		"2026-02-10T23:00:00Z", "2026-03-10T22:00:00Z", "2026-04-14T22:00:00Z",
	})
	equal(t, "New York autumn", starts(w.occurrences(t, ny, "2026-10-01T00:00:00Z", "2026-12-01T00:00:00Z")), []string{
		"2026-10-13T22:00:00Z", "2026-11-10T23:00:00Z",
	})
	// Its zone was kept, not the programme's.
	var ev struct {
		Node struct{ TimeZone, RecurrenceDescription string } `json:"node"`
	}
	w.organiser.MustDo(`query($id: ID!) { node(id: $id) { ... on Event { timeZone recurrenceDescription } } }`, map[string]any{"id": ny}, &ev)
	if ev.Node.TimeZone != "America/New_York" || !strings.Contains(ev.Node.RecurrenceDescription, "2nd Tuesday") {
		t.Errorf("event = %+v", ev.Node)
	}
}

// EXDATE, a moved and a cancelled occurrence, and a "this and following"
// split, checked against expected instants through the programme's
// occurrences; SEQUENCE rises with each calendar-visible change.
func TestExceptionsMovesCancellationsAndSplit(t *testing.T) {
	w := newWorld(t, apitest.New(t), "exceptions")
	ev := w.schedule(t, map[string]any{"kind": "FORUM", "title": "Peer forum", "venueName": "Central Library",
		"startsAt": "2026-03-19T10:00:00Z", "endsAt": "2026-03-19T12:00:00Z", "rrule": "FREQ=WEEKLY;BYDAY=TH",
		"exdates": []string{"2026-03-26T10:00:00Z"}})
	seq := func() int {
		var out struct {
			Node struct{ Sequence int } `json:"node"`
		}
		w.organiser.MustDo(`query($id: ID!) { node(id: $id) { ... on Event { sequence } } }`, map[string]any{"id": ev}, &out)
		return out.Node.Sequence
	}
	if s := seq(); s != 0 {
		t.Fatalf("sequence after create = %d", s)
	}

	var moved struct{ MoveOccurrence gqlOccurrence }
	w.organiser.MustDo(`mutation($e: ID!) { moveOccurrence(eventID: $e, recurrenceId: "2026-04-02T09:00:00Z", startsAt: "2026-04-03T13:00:00Z") { `+occurrenceFields+` } }`,
		map[string]any{"e": ev}, &moved)
	if !moved.MoveOccurrence.Moved || utc(moved.MoveOccurrence.EndsAt).Sub(utc(moved.MoveOccurrence.StartsAt)).Hours() != 2 {
		t.Errorf("moved = %+v", moved.MoveOccurrence)
	}
	if s := seq(); s != 1 {
		t.Errorf("sequence after move = %d, want 1", s)
	}
	w.organiser.MustDo(`mutation($e: ID!) { cancelOccurrence(eventID: $e, recurrenceId: "2026-04-09T09:00:00Z") { cancelled } }`, map[string]any{"e": ev}, nil)
	w.organiser.MustDo(`mutation($e: ID!) { updateOccurrence(eventID: $e, recurrenceId: "2026-03-19T10:00:00Z", input: {venueName: "Town Hall, Room 2"}) { venueName } }`, map[string]any{"e": ev}, nil)
	if s := seq(); s != 3 {
		t.Errorf("sequence after cancel and venue change = %d, want 3", s)
	}
	// Cosmetic: a new description does not bump SEQUENCE.
	w.organiser.MustDo(`mutation($e: ID!) { rescheduleEvent(id: $e, input: {description: "Bring your ideas"}) { id } }`, map[string]any{"e": ev}, nil)
	if s := seq(); s != 3 {
		t.Errorf("sequence after a cosmetic change = %d, want 3", s)
	}

	var split struct{ SplitSeries struct{ ID string } }
	w.organiser.MustDo(`mutation($e: ID!) { splitSeries(eventID: $e, at: "2026-04-16T09:00:00Z", input: {venueName: "Community Hub"}) { id } }`,
		map[string]any{"e": ev}, &split)

	var prog struct {
		Node struct {
			Occurrences []gqlOccurrence `json:"occurrences"`
		} `json:"node"`
	}
	w.organiser.MustDo(`query($id: ID!) { node(id: $id) { ... on Programme { occurrences(from: "2026-03-01T00:00:00Z", to: "2026-05-01T00:00:00Z") { `+occurrenceFields+` } } } }`,
		map[string]any{"id": id(w.programme.ID)}, &prog)
	occs := prog.Node.Occurrences
	equal(t, "programme occurrences", starts(occs), []string{
		"2026-03-19T10:00:00Z",
		"2026-04-03T13:00:00Z moved-from 2026-04-02T09:00:00Z",
		"2026-04-09T09:00:00Z cancelled",
		"2026-04-16T09:00:00Z", "2026-04-23T09:00:00Z", "2026-04-30T09:00:00Z",
	})
	if occs[0].VenueName != "Town Hall, Room 2" || occs[1].VenueName != "Central Library" {
		t.Errorf("venues = %q, %q", occs[0].VenueName, occs[1].VenueName)
	}
	for _, o := range occs[3:] {
		if o.Event.ID != split.SplitSeries.ID || o.VenueName != "Community Hub" {
			t.Errorf("after the split: %+v", o)
		}
	}
	for _, o := range occs[:3] {
		if o.Event.ID != ev {
			t.Errorf("before the split: %+v", o)
		}
	}
}

// Bad input gets BAD_USER_INPUT with a message that says what is wrong.
func TestSchedulingBadInput(t *testing.T) {
	w := newWorld(t, apitest.New(t), "bad-input")
	ev := w.schedule(t, map[string]any{"kind": "FORUM", "title": "Forum", "capacity": 1,
		"startsAt": "2026-03-19T10:00:00Z", "endsAt": "2026-03-19T12:00:00Z", "rrule": "FREQ=WEEKLY"})
	mut := `mutation($in: ScheduleEventInput!) { scheduleEvent(input: $in) { id } }`
	base := func(extra map[string]any) map[string]any {
		in := map[string]any{"programmeID": id(w.programme.ID), "kind": "FORUM", "title": "X",
			"startsAt": "2026-03-19T10:00:00Z", "endsAt": "2026-03-19T12:00:00Z"}
		for k, v := range extra {
			in[k] = v
		}
		return map[string]any{"in": in}
	}
	for name, c := range map[string]struct {
		vars map[string]any
		want string
	}{
		"invalid rrule":  {base(map[string]any{"rrule": "FREQ=FORTNIGHTLY"}), "FORTNIGHTLY"},
		"unknown zone":   {base(map[string]any{"timeZone": "Mars/Olympus"}), "Mars/Olympus"},
		"end before":     {base(map[string]any{"endsAt": "2026-03-19T09:00:00Z"}), "end after it starts"},
		"start off-rule": {base(map[string]any{"rrule": "FREQ=WEEKLY;BYDAY=MO"}), "not an occurrence"},
	} {
		e := w.organiser.ErrorCode(mut, c.vars, "BAD_USER_INPUT")
		if !strings.Contains(e.Message, c.want) {
			t.Errorf("%s: message %q does not mention %q", name, e.Message, c.want)
		}
	}
	e := w.organiser.ErrorCode(`mutation($e: ID!) { moveOccurrence(eventID: $e, recurrenceId: "2026-03-20T10:00:00Z", startsAt: "2026-03-21T10:00:00Z") { moved } }`,
		map[string]any{"e": ev}, "BAD_USER_INPUT")
	if !strings.Contains(e.Message, "not an occurrence") {
		t.Errorf("nonexistent occurrence: %q", e.Message)
	}
	// Capacity below the number already accepted is refused with the count.
	p1 := w.newInvitee(t, "cap1@example.org")
	p2 := w.newInvitee(t, "cap2@example.org")
	w.organiser.MustDo(`mutation($e: ID!, $p: [ID!]) { invite(input: {eventID: $e, personIDs: $p}) { skipped } }`, map[string]any{"e": ev, "p": []string{id(p1), id(p2)}}, nil)
	for _, p := range []int{p1, p2} {
		inv := w.invitationOf(t, atoi(ev), p)
		w.api.As(p).MustDo(`mutation($i: ID!) { respondToInvitation(id: $i, response: ACCEPTED) { response } }`, map[string]any{"i": id(inv)}, nil)
	}
	w.organiser.MustDo(`mutation($e: ID!) { rescheduleEvent(id: $e, input: {capacity: 1}) { capacity } }`, map[string]any{"e": ev}, nil)
	e = w.organiser.ErrorCode(`mutation($e: ID!) { rescheduleEvent(id: $e, input: {capacity: 0}) { capacity } }`, map[string]any{"e": ev}, "BAD_USER_INPUT")
	if !strings.Contains(e.Message, "1 people who have already accepted") {
		t.Errorf("capacity: %q", e.Message)
	}
	// Nothing half-applied: a failed mutation leaves the event as it was.
	var out struct {
		Node struct{ Capacity int } `json:"node"`
	}
	w.organiser.MustDo(`query($e: ID!) { node(id: $e) { ... on Event { capacity } } }`, map[string]any{"e": ev}, &out)
	if out.Node.Capacity != 1 {
		t.Errorf("capacity = %d after a refused change", out.Node.Capacity)
	}
	// Replies to a cancelled event are refused.
	w.organiser.MustDo(`mutation($e: ID!) { cancelEvent(id: $e) { status } }`, map[string]any{"e": ev}, nil)
	inv := w.invitationOf(t, atoi(ev), p2)
	e = w.api.As(p2).ErrorCode(`mutation($i: ID!) { respondToInvitation(id: $i, response: DECLINED) { response } }`, map[string]any{"i": id(inv)}, "BAD_USER_INPUT")
	if !strings.Contains(e.Message, "cancelled") {
		t.Errorf("reply to cancelled: %q", e.Message)
	}
}

// nextOccurrence skips cancelled dates and applies moves, is null once a
// series is over or the event cancelled, and in a list of events reads
// the overrides once, however many events there are.
func TestNextOccurrence(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, "next")
	ev := w.schedule(t, map[string]any{"kind": "FORUM", "title": "Peer forum",
		"startsAt": "2026-03-19T10:00:00Z", "endsAt": "2026-03-19T12:00:00Z", "rrule": "FREQ=WEEKLY;BYDAY=TH;COUNT=4"})
	w.organiser.MustDo(`mutation($e: ID!) { cancelOccurrence(eventID: $e, recurrenceId: "2026-03-26T10:00:00Z") { cancelled } }`, map[string]any{"e": ev}, nil)
	w.organiser.MustDo(`mutation($e: ID!) { moveOccurrence(eventID: $e, recurrenceId: "2026-04-02T09:00:00Z", startsAt: "2026-04-01T13:00:00Z") { moved } }`,
		map[string]any{"e": ev}, nil)
	next := func(after string) *gqlOccurrence {
		t.Helper()
		var out struct {
			Node struct {
				NextOccurrence *gqlOccurrence `json:"nextOccurrence"`
			} `json:"node"`
		}
		w.organiser.MustDo(`query($e: ID!, $after: Time) { node(id: $e) { ... on Event { nextOccurrence(after: $after) { `+occurrenceFields+` } } } }`,
			map[string]any{"e": ev, "after": after}, &out)
		return out.Node.NextOccurrence
	}
	for _, c := range []struct{ after, start, recurrence string }{
		{"2026-03-01T00:00:00Z", "2026-03-19T10:00:00Z", "2026-03-19T10:00:00Z"},
		// 26 March is cancelled; 2 April was moved to 1 April.
		{"2026-03-20T00:00:00Z", "2026-04-01T13:00:00Z", "2026-04-02T09:00:00Z"},
		{"2026-04-01T13:00:00Z", "2026-04-09T09:00:00Z", "2026-04-09T09:00:00Z"},
	} {
		o := next(c.after)
		if o == nil || o.StartsAt != c.start || o.RecurrenceID != c.recurrence || o.Cancelled {
			t.Errorf("next after %s = %+v, want start %s (recurrence %s)", c.after, o, c.start, c.recurrence)
		}
	}
	if o := next("2026-04-09T09:00:00Z"); o != nil {
		t.Errorf("next after the last date = %+v, want null", o)
	}

	// Many events in a list: the statement count does not grow.
	q := `query($p: ID!) { node(id: $p) { ... on Programme { events(first: 50) { edges { node { title nextOccurrence(after: "2026-01-01T00:00:00Z") { startsAt } } } } } } }`
	w.addWeeklies(t, 2, "2026-01-06T10:00:00Z")
	few := w.statements(api, q)
	w.addWeeklies(t, 10, "2026-01-06T10:00:00Z")
	many := w.statements(api, q)
	if many != few {
		t.Errorf("queries grew with events: %d for 3 events, %d for 13", few, many)
	}
	t.Logf("nextOccurrence in a list: %d statements for 3 events, %d for 13", few, many)
	var list struct {
		Node struct {
			Events struct {
				Edges []struct {
					Node struct {
						Title          string
						NextOccurrence *struct{ StartsAt string } `json:"nextOccurrence"`
					}
				}
			}
		} `json:"node"`
	}
	w.organiser.MustDo(q, map[string]any{"p": id(w.programme.ID)}, &list)
	for _, e := range list.Node.Events.Edges {
		if e.Node.Title == "Weekly" && (e.Node.NextOccurrence == nil || e.Node.NextOccurrence.StartsAt != "2026-01-13T10:00:00Z") {
			t.Errorf("weekly with its first date cancelled: next = %+v, want 13 January", e.Node.NextOccurrence)
		}
	}
}

// Event.lastEndsAt follows the series: the end of its last occurrence with
// moves applied, null while the rule has no end, a one-off's own end; and
// it can be filtered on, which is how lists tell upcoming from past.
func TestLastEndsAtFollowsTheSeries(t *testing.T) {
	w := newWorld(t, apitest.New(t), "last-end")
	lastEnd := func(id string) *string {
		t.Helper()
		var out struct {
			Node struct {
				LastEndsAt *string `json:"lastEndsAt"`
			} `json:"node"`
		}
		w.organiser.MustDo(`query($e: ID!) { node(id: $e) { ... on Event { lastEndsAt } } }`, map[string]any{"e": id}, &out)
		return out.Node.LastEndsAt
	}
	want := func(what, id string, wantEnd string) {
		t.Helper()
		got := lastEnd(id)
		switch {
		case wantEnd == "" && got != nil:
			t.Errorf("%s: lastEndsAt = %s, want null", what, *got)
		case wantEnd != "" && (got == nil || *got != wantEnd):
			t.Errorf("%s: lastEndsAt = %v, want %s", what, got, wantEnd)
		}
	}
	series := w.schedule(t, map[string]any{"kind": "FORUM", "title": "Peer forum",
		"startsAt": "2026-03-19T10:00:00Z", "endsAt": "2026-03-19T12:00:00Z", "rrule": "FREQ=WEEKLY;BYDAY=TH;COUNT=4"})
	want("four Thursdays", series, "2026-04-09T11:00:00Z")
	w.organiser.MustDo(`mutation($e: ID!) { moveOccurrence(eventID: $e, recurrenceId: "2026-03-26T10:00:00Z", startsAt: "2026-05-01T13:00:00Z") { moved } }`,
		map[string]any{"e": series}, nil)
	want("a date moved past the last", series, "2026-05-01T15:00:00Z")
	w.organiser.MustDo(`mutation($e: ID!) { rescheduleEvent(id: $e, input: {rrule: "FREQ=WEEKLY;BYDAY=TH"}) { id } }`, map[string]any{"e": series}, nil)
	want("made endless", series, "")
	oneOff := w.schedule(t, map[string]any{"kind": "WORKSHOP", "title": "Data sharing workshop",
		"startsAt": "2026-02-10T10:00:00Z", "endsAt": "2026-02-10T12:00:00Z"})
	want("one-off", oneOff, "2026-02-10T12:00:00Z")
	w.organiser.MustDo(`mutation($e: ID!) { rescheduleEvent(id: $e, input: {endsAt: "2026-02-10T13:00:00Z"}) { id } }`, map[string]any{"e": oneOff}, nil)
	want("one-off ends later", oneOff, "2026-02-10T13:00:00Z")
	ended := w.schedule(t, map[string]any{"kind": "FORUM", "title": "Last year's forum",
		"startsAt": "2025-01-07T10:00:00Z", "endsAt": "2025-01-07T11:00:00Z", "rrule": "FREQ=MONTHLY;BYDAY=1TU;COUNT=3"})

	var out struct {
		Events struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	w.organiser.MustDo(`{ events(first: 10, where: {lastEndsAtLT: "2026-01-01T00:00:00Z"}) { edges { node { id } } } }`, nil, &out)
	if len(out.Events.Edges) != 1 || out.Events.Edges[0].Node.ID != ended {
		t.Errorf("events over before 2026 = %+v, want only %s", out.Events.Edges, ended)
	}
}
