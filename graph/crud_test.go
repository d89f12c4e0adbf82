package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/convene/convene/internal/apitest"
)

// fixture creates, through the API, one of everything and returns their ids.
type fixture struct {
	org, person, membership, programme, role, event, invitation, attendance, action, actionUpdate, commitment string
}

func createFixture(t *testing.T, api *apitest.API) fixture {
	t.Helper()
	var f fixture
	var out map[string]struct {
		ID string `json:"id"`
	}
	api.MustDo(`mutation { o: createOrganisation(input: {name: "Northgate Mind", sector: VOLUNTARY, contactEmail: "hello@northgate.example.org"}) { id } }`, nil, &out)
	f.org = out["o"].ID
	api.MustDo(`mutation { p: createPerson(input: {name: "Sam Peer", email: "Sam.Peer@Example.org", stakeholderGroup: LIVED_EXPERIENCE, accessNeeds: "step-free access"}) { id } }`, nil, &out)
	f.person = out["p"].ID
	api.MustDo(`mutation($p: ID!, $o: ID!) { m: createMembership(input: {personID: $p, organisationID: $o, jobTitle: "Peer mentor"}) { id } }`, map[string]any{"p": f.person, "o": f.org}, &out)
	f.membership = out["m"].ID
	api.MustDo(`mutation { p: createProgramme(input: {name: "System change 2026", slug: "system-change-2026", timeZone: "Europe/London"}) { id } }`, nil, &out)
	f.programme = out["p"].ID
	api.MustDo(`mutation($prog: ID!, $p: ID!) { r: grantProgrammeRole(input: {programmeID: $prog, personID: $p, role: ORGANISER}) { id } }`, map[string]any{"prog": f.programme, "p": f.person}, &out)
	f.role = out["r"].ID
	api.MustDo(`mutation($prog: ID!) { e: createEvent(input: {programmeID: $prog, kind: FORUM, title: "Monthly forum", startsAt: "2026-12-08T10:00:00Z", endsAt: "2026-12-08T12:30:00Z", rrule: "FREQ=MONTHLY;BYDAY=2TU", capacity: 40, venueName: "Central Library"}) { id } }`, map[string]any{"prog": f.programme}, &out)
	f.event = out["e"].ID
	api.MustDo(`mutation($e: ID!, $p: ID!) { i: createInvitation(input: {eventID: $e, personID: $p, role: SPEAKER}) { id } }`, map[string]any{"e": f.event, "p": f.person}, &out)
	f.invitation = out["i"].ID
	api.MustDo(`mutation($e: ID!, $p: ID!) { a: createAttendance(input: {eventID: $e, personID: $p, occurrenceStart: "2026-12-08T10:00:00Z", status: PRESENT}) { id } }`, map[string]any{"e": f.event, "p": f.person}, &out)
	f.attendance = out["a"].ID
	api.MustDo(`mutation($prog: ID!, $e: ID!, $o: ID!) { a: createAction(input: {programmeID: $prog, eventID: $e, title: "Map referral routes", ownerOrganisationID: $o, dueDate: "2027-01-15T00:00:00Z"}) { id } }`, map[string]any{"prog": f.programme, "e": f.event, "o": f.org}, &out)
	f.action = out["a"].ID
	api.MustDo(`mutation($a: ID!) { u: createActionUpdate(input: {actionID: $a, note: "Started", newStatus: IN_PROGRESS}) { id } }`, map[string]any{"a": f.action}, &out)
	f.actionUpdate = out["u"].ID
	api.MustDo(`mutation($prog: ID!, $o: ID!) { c: createCommitment(input: {programmeID: $prog, organisationID: $o, kind: FUNDING, title: "Peer support grant", amount: "25000.50", currency: "GBP", startsOn: "2026-04-01T00:00:00Z", endsOn: "2027-03-31T00:00:00Z"}) { id } }`, map[string]any{"prog": f.programme, "o": f.org}, &out)
	f.commitment = out["c"].ID
	return f
}

func TestCreateReadUpdateEveryEntity(t *testing.T) {
	api := apitest.New(t).AsNewAdmin()
	f := createFixture(t, api)

	// Read everything back through node(id:), one per type.
	for typ, id := range map[string]string{
		"Organisation": f.org, "Person": f.person, "Membership": f.membership, "Programme": f.programme,
		"ProgrammeRole": f.role, "Event": f.event, "Invitation": f.invitation, "Attendance": f.attendance,
		"Action": f.action, "ActionUpdate": f.actionUpdate, "Commitment": f.commitment,
	} {
		var out struct {
			Node struct {
				Typename string `json:"__typename"`
				ID       string `json:"id"`
			} `json:"node"`
		}
		api.MustDo(`query($id: ID!) { node(id: $id) { __typename id } }`, map[string]any{"id": id}, &out)
		if out.Node.Typename != typ || out.Node.ID != id {
			t.Errorf("node(%s) = %+v, want %s", id, out.Node, typ)
		}
	}

	// Stored values round-trip, with normalisation (email lower-cased,
	// decimal exact, time zone defaulted from the programme).
	var read struct {
		Person struct{ Email, StakeholderGroup string } `json:"person"`
		Event  struct {
			TimeZone, Uid string
			Sequence      int
		} `json:"event"`
		Commitment struct{ Amount string } `json:"commitment"`
	}
	api.MustDo(`query($p: ID!, $e: ID!, $c: ID!) {
		person: node(id: $p) { ... on Person { email stakeholderGroup } }
		event: node(id: $e) { ... on Event { timeZone uid sequence } }
		commitment: node(id: $c) { ... on Commitment { amount } }
	}`, map[string]any{"p": f.person, "e": f.event, "c": f.commitment}, &read)
	if read.Person.Email != "sam.peer@example.org" || read.Person.StakeholderGroup != "LIVED_EXPERIENCE" {
		t.Errorf("person = %+v", read.Person)
	}
	if read.Event.TimeZone != "Europe/London" || read.Event.Uid == "" || read.Event.Sequence != 0 {
		t.Errorf("event = %+v", read.Event)
	}
	if read.Commitment.Amount != "25000.5" {
		t.Errorf("commitment amount = %q, want exact 25000.5", read.Commitment.Amount)
	}

	// Updates of every entity.
	updates := []string{
		`mutation($id: ID!) { x: updateOrganisation(id: $id, input: {name: "Northgate Mind (renamed)"}) { id name } }`,
		`mutation($id: ID!) { x: updatePerson(id: $id, input: {phone: "0161 000 0000"}) { id phone } }`,
		`mutation($id: ID!) { x: updateMembership(id: $id, input: {jobTitle: "Peer lead"}) { id jobTitle } }`,
		`mutation($id: ID!) { x: updateProgramme(id: $id, input: {description: "A stream of work"}) { id description } }`,
		`mutation($id: ID!) { x: updateInvitation(id: $id, input: {role: FACILITATOR}) { id role } }`,
		`mutation($id: ID!) { x: updateAttendance(id: $id, input: {status: LATE}) { id status } }`,
		`mutation($id: ID!) { x: updateAction(id: $id, input: {progress: 50, status: IN_PROGRESS}) { id progress status } }`,
		`mutation($id: ID!) { x: updateCommitment(id: $id, input: {status: AGREED}) { id status } }`,
	}
	ids := []string{f.org, f.person, f.membership, f.programme, f.invitation, f.attendance, f.action, f.commitment}
	for i, q := range updates {
		api.MustDo(q, map[string]any{"id": ids[i]}, nil)
	}

	// A cosmetic event change keeps SEQUENCE; a time change raises it.
	var ev struct {
		X struct{ Sequence int } `json:"x"`
	}
	api.MustDo(`mutation($id: ID!) { x: updateEvent(id: $id, input: {description: "Bring lunch"}) { sequence } }`, map[string]any{"id": f.event}, &ev)
	if ev.X.Sequence != 0 {
		t.Errorf("cosmetic change bumped sequence to %d", ev.X.Sequence)
	}
	api.MustDo(`mutation($id: ID!) { x: updateEvent(id: $id, input: {startsAt: "2026-12-08T10:30:00Z"}) { sequence } }`, map[string]any{"id": f.event}, &ev)
	if ev.X.Sequence != 1 {
		t.Errorf("time change left sequence at %d, want 1", ev.X.Sequence)
	}

	// Deletes.
	api.MustDo(`mutation($id: ID!) { deleteAttendance(id: $id) }`, map[string]any{"id": f.attendance}, nil)
	api.ErrorCode(`query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": f.attendance}, "NOT_FOUND")
}

func TestPaginationBothDirectionsWithFilterAndOrder(t *testing.T) {
	api := apitest.New(t).AsNewAdmin()
	names := []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf"}
	for i, n := range names {
		sector := "HEALTH"
		if i%2 == 1 {
			sector = "POLICE"
		}
		api.MustDo(fmt.Sprintf(`mutation { createOrganisation(input: {name: %q, sector: %s}) { id } }`, n, sector), nil, nil)
	}
	type page struct {
		Organisations struct {
			TotalCount int `json:"totalCount"`
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
				StartCursor, EndCursor       string
			} `json:"pageInfo"`
			Edges []struct {
				Node struct{ Name string } `json:"node"`
			} `json:"edges"`
		} `json:"organisations"`
	}
	const q = `query($first: Int, $after: Cursor, $last: Int, $before: Cursor, $where: OrganisationWhereInput) {
		organisations(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: {field: NAME, direction: ASC}) {
			totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { name } }
		}
	}`
	namesOf := func(p page) (out []string) {
		for _, e := range p.Organisations.Edges {
			out = append(out, e.Node.Name)
		}
		return out
	}
	var p1, p2, back page
	api.MustDo(q, map[string]any{"first": 3}, &p1)
	if got := namesOf(p1); fmt.Sprint(got) != "[Alpha Bravo Charlie]" || !p1.Organisations.PageInfo.HasNextPage || p1.Organisations.TotalCount != 7 {
		t.Fatalf("first page = %v %+v", got, p1.Organisations)
	}
	api.MustDo(q, map[string]any{"first": 3, "after": p1.Organisations.PageInfo.EndCursor}, &p2)
	if got := namesOf(p2); fmt.Sprint(got) != "[Delta Echo Foxtrot]" {
		t.Fatalf("second page = %v", got)
	}
	api.MustDo(q, map[string]any{"last": 2, "before": p2.Organisations.PageInfo.StartCursor}, &back)
	if got := namesOf(back); fmt.Sprint(got) != "[Bravo Charlie]" || !back.Organisations.PageInfo.HasPreviousPage {
		t.Fatalf("backwards page = %v %+v", got, back.Organisations.PageInfo)
	}
	var police page
	api.MustDo(q, map[string]any{"first": 10, "where": map[string]any{"sector": "POLICE", "nameContains": "o"}}, &police)
	if got := namesOf(police); fmt.Sprint(got) != "[Bravo Foxtrot]" || police.Organisations.TotalCount != 2 {
		t.Fatalf("filtered = %v (total %d)", got, police.Organisations.TotalCount)
	}
	var desc struct {
		Organisations struct {
			Edges []struct {
				Node struct{ Name string } `json:"node"`
			} `json:"edges"`
		} `json:"organisations"`
	}
	api.MustDo(`{ organisations(first: 2, orderBy: {field: NAME, direction: DESC}) { edges { node { name } } } }`, nil, &desc)
	if len(desc.Organisations.Edges) != 2 || desc.Organisations.Edges[0].Node.Name != "Golf" {
		t.Fatalf("descending = %+v", desc)
	}
}

func TestErrorCodes(t *testing.T) {
	api := apitest.New(t).AsNewAdmin()
	f := createFixture(t, api)
	vars := map[string]any{"prog": f.programme}
	event := func(fields string) string {
		return `mutation($prog: ID!) { createEvent(input: {programmeID: $prog, kind: WORKSHOP, ` + fields + `}) { id } }`
	}
	cases := []struct {
		name, query, code, mentions string
	}{
		{"ends before it starts", event(`title: "T", startsAt: "2026-12-08T12:00:00Z", endsAt: "2026-12-08T10:00:00Z"`), "BAD_USER_INPUT", "must end after it starts"},
		{"unknown time zone", event(`title: "T", timeZone: "Mars/Olympus", startsAt: "2026-12-08T10:00:00Z", endsAt: "2026-12-08T12:00:00Z"`), "BAD_USER_INPUT", "unknown time zone"},
		{"negative capacity", event(`title: "T", capacity: -1, startsAt: "2026-12-08T10:00:00Z", endsAt: "2026-12-08T12:00:00Z"`), "BAD_USER_INPUT", "capacity"},
		{"empty title", event(`title: "", startsAt: "2026-12-08T10:00:00Z", endsAt: "2026-12-08T12:00:00Z"`), "BAD_USER_INPUT", "title"},
		{"unknown enum", event(`title: "T", kind: PARTY, startsAt: "2026-12-08T10:00:00Z", endsAt: "2026-12-08T12:00:00Z"`), "BAD_USER_INPUT", "PARTY"},
		{"duplicate slug", `mutation { createProgramme(input: {name: "Again", slug: "system-change-2026"}) { id } }`, "CONFLICT", "already exists"},
		{"missing node", `{ node(id: "4294967296999") { id } }`, "NOT_FOUND", "could not resolve"},
		{"dangling reference", `mutation { createMembership(input: {personID: "64424509999", organisationID: "55834579999"}) { id } }`, "CONFLICT", "does not exist"},
		{"garbled cursor", `{ organisations(first: 5, after: "not-a-cursor!") { edges { node { id } } } }`, "BAD_USER_INPUT", "cursor is not valid"},
		{"cursor of another shape", `{ organisations(first: 5, after: "AAAA") { edges { node { id } } } }`, "BAD_USER_INPUT", "cursor is not valid"},
		// Values of the custom scalars that cannot be read are the client's
		// mistake, in arguments, input objects and filters alike.
		{"id that is not one", `{ node(id: "abc") { id } }`, "BAD_USER_INPUT", "not an ID"},
		{"time that is not one", event(`title: "T", startsAt: "next Tuesday", endsAt: "2026-12-08T12:00:00Z"`), "BAD_USER_INPUT", "not a time"},
		{"time in a filter", `{ events(first: 5, where: {lastEndsAtGTE: "soon"}) { totalCount } }`, "BAD_USER_INPUT", "RFC 3339"},
		{"time argument", `{ viewer { upcomingOccurrences(from: "today") { totalCount } } }`, "BAD_USER_INPUT", "not a time"},
		{"decimal that is not one", `mutation($prog: ID!) { createCommitment(input: {programmeID: $prog, organisationID: "55834574848", kind: FUNDING, title: "x", startsOn: "2026-01-01T00:00:00Z", amount: "lots"}) { id } }`, "BAD_USER_INPUT", "not a decimal"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := api.For(t).ErrorCode(c.query, vars, c.code)
			if c.mentions != "" && !contains(e.Message, c.mentions) {
				t.Errorf("message %q does not mention %q", e.Message, c.mentions)
			}
		})
	}
	// Nothing half-written: the failed creates left no events behind.
	var out struct {
		Events struct{ TotalCount int } `json:"events"`
	}
	api.MustDo(`{ events { totalCount } }`, nil, &out)
	if out.Events.TotalCount != 1 {
		t.Fatalf("events after failed creates = %d, want 1", out.Events.TotalCount)
	}
}

func contains(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }
