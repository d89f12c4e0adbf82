package scheduling_test

import (
	"testing"

	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/apitest"
)

// Organisers schedule and invite in their own programme only; an invitee
// answers their own invitation only; anonymous requests get nothing (the
// emailed token is their only way in).
func TestSchedulingAuthorization(t *testing.T) {
	api := apitest.New(t)
	a := newWorld(t, api, "prog-a")
	b := newWorld(t, api, "prog-b")
	evA := a.schedule(t, map[string]any{"kind": "FORUM", "title": "A forum", "startsAt": "2027-09-01T09:00:00Z", "endsAt": "2027-09-01T10:00:00Z"})
	evB := b.schedule(t, map[string]any{"kind": "FORUM", "title": "B forum", "startsAt": "2027-09-01T09:00:00Z", "endsAt": "2027-09-01T10:00:00Z"})

	// A's organiser cannot schedule in B or touch B's event.
	a.organiser.ErrorCode(`mutation($in: ScheduleEventInput!) { scheduleEvent(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"programmeID": id(b.programme.ID), "kind": "FORUM", "title": "Sneaky", "startsAt": "2027-09-01T09:00:00Z", "endsAt": "2027-09-01T10:00:00Z"}}, "NOT_FOUND")
	for _, q := range []string{
		`mutation($e: ID!) { rescheduleEvent(id: $e, input: {title: "Mine now"}) { id } }`,
		`mutation($e: ID!) { cancelEvent(id: $e) { id } }`,
		`mutation($e: ID!) { sendReminders(eventID: $e) }`,
	} {
		a.organiser.ErrorCode(q, map[string]any{"e": evB}, "NOT_FOUND")
	}
	p1 := a.newInvitee(t, "p1@example.org")
	p2 := a.newInvitee(t, "p2@example.org")
	a.organiser.ErrorCode(`mutation($e: ID!, $p: [ID!]) { invite(input: {eventID: $e, personIDs: $p}) { skipped } }`,
		map[string]any{"e": evB, "p": []string{id(p1)}}, "NOT_FOUND")
	a.organiser.MustDo(`mutation($e: ID!, $p: [ID!]) { invite(input: {eventID: $e, personIDs: $p}) { skipped } }`,
		map[string]any{"e": evA, "p": []string{id(p1), id(p2)}}, nil)

	// A consultant of A may read but not schedule.
	cons := a.newInvitee(t, "consultant@example.org")
	api.Client().ProgrammeRole.Create().SetProgrammeID(a.programme.ID).SetPersonID(cons).SetRole(programmerole.RoleCONSULTANT).ExecX(api.Ctx())
	api.As(cons).ErrorCode(`mutation($e: ID!) { cancelEvent(id: $e) { id } }`, map[string]any{"e": evA}, "FORBIDDEN")
	var counts struct {
		Node struct {
			ReplySummary struct{ Totals struct{ Total, Pending int } }
		}
	}
	api.As(cons).MustDo(`query($e: ID!) { node(id: $e) { ... on Event { replySummary { totals { total pending } } } } }`, map[string]any{"e": evA}, &counts)
	if counts.Node.ReplySummary.Totals.Total != 2 || counts.Node.ReplySummary.Totals.Pending != 2 {
		t.Errorf("consultant's reply counts = %+v", counts.Node.ReplySummary.Totals)
	}

	// An invitee replies to their own invitation, not someone else's, and
	// cannot see reply counts or schedule.
	inv1, inv2 := a.invitationOf(t, atoi(evA), p1), a.invitationOf(t, atoi(evA), p2)
	as1 := api.As(p1)
	as1.MustDo(`mutation($i: ID!) { respondToInvitation(id: $i, response: TENTATIVE) { response } }`, map[string]any{"i": id(inv1)}, nil)
	as1.ErrorCode(`mutation($i: ID!) { respondToInvitation(id: $i, response: DECLINED) { response } }`, map[string]any{"i": id(inv2)}, "FORBIDDEN")
	as1.ErrorCode(`query($e: ID!) { node(id: $e) { ... on Event { replySummary { totals { total } } } } }`, map[string]any{"e": evA}, "FORBIDDEN")
	as1.ErrorCode(`mutation($e: ID!) { cancelOccurrence(eventID: $e, recurrenceId: "2027-09-01T09:00:00Z") { cancelled } }`, map[string]any{"e": evA}, "BAD_USER_INPUT")
	as1.ErrorCode(`mutation($e: ID!) { cancelEvent(id: $e) { id } }`, map[string]any{"e": evA}, "FORBIDDEN")

	// Anonymous: nothing through GraphQL.
	a.api.ErrorCode(`mutation($i: ID!) { respondToInvitation(id: $i, response: ACCEPTED) { response } }`, map[string]any{"i": id(inv2)}, "UNAUTHENTICATED")
	a.api.ErrorCode(`query($e: ID!) { node(id: $e) { ... on Event { occurrences(from: "2027-01-01T00:00:00Z", to: "2027-12-31T00:00:00Z") { startsAt } } } }`, map[string]any{"e": evA}, "UNAUTHENTICATED")
}

// Occurrences of many events cost the same number of queries as of one:
// overrides are loaded for all events of a response at once.
func TestOccurrencesQueryCountDoesNotGrow(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, "n-plus-one")
	q := `query($p: ID!) { node(id: $p) { ... on Programme { events(first: 50) { edges { node { title occurrences(from: "2026-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z") { startsAt cancelled } } } } } } }`
	w.addWeeklies(t, 2, "2026-01-13T10:00:00Z")
	few := w.statements(api, q)
	w.addWeeklies(t, 10, "2026-01-13T10:00:00Z")
	many := w.statements(api, q)
	if many != few {
		t.Errorf("queries grew with events: %d for 2 events, %d for 12", few, many)
	}
	var prog struct {
		Node struct {
			Occurrences []gqlOccurrence `json:"occurrences"`
		} `json:"node"`
	}
	api.Counter.Reset()
	w.organiser.MustDo(`query($id: ID!) { node(id: $id) { ... on Programme { occurrences(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { `+occurrenceFields+` } } } }`,
		map[string]any{"id": id(w.programme.ID)}, &prog)
	if n := len(prog.Node.Occurrences); n != 12*4 {
		t.Errorf("%d programme occurrences in January, want 48", n)
	}
	cancelled := 0
	for _, o := range prog.Node.Occurrences {
		if o.Cancelled {
			cancelled++
		}
	}
	if cancelled != 12 {
		t.Errorf("%d cancelled, want 12", cancelled)
	}
	t.Logf("queries: %d for 2 events, %d for 12; programme occurrences: %d", few, many, api.Counter.Count())
}
