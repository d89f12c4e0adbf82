package graph_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/auditentry"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apitest"
)

// world is two programmes, A and B, with one person in each role, built
// directly in the database so the test only exercises reading rules.
type world struct {
	api                        *apitest.API
	roles                      map[string]*apitest.API
	progA, progB               *ent.Programme
	eventA, eventB             *ent.Event
	attA, attB, coA, hidden    *ent.Person
	invA, invCoA, invB         *ent.Invitation
	attendanceA                *ent.Attendance
	actionA, actionOwnedByAttA *ent.ActionItem
	commitA, commitB           *ent.Commitment
	org                        *ent.Organisation
	auditA                     int
	auditLedgerA               int // commitment and action history, which consultants read
	membershipAttA             *ent.Membership
}

func buildWorld(t *testing.T) *world {
	t.Helper()
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	w := &world{api: api}
	w.org = c.Organisation.Create().SetName("Northgate Mind").SetSector("VOLUNTARY").SaveX(ctx)
	w.progA = c.Programme.Create().SetName("A").SetSlug("prog-a").SaveX(ctx)
	w.progB = c.Programme.Create().SetName("B").SetSlug("prog-b").SaveX(ctx)
	newPerson := func(name, email string, group string) *ent.Person {
		return c.Person.Create().SetName(name).SetEmail(email).SetPhone("0161 000").
			SetStakeholderGroup(person.StakeholderGroup(group)).SetAccessNeeds("quiet room").SaveX(ctx)
	}
	orgA := newPerson("Olive Organiser", "olive@example.org", "SENIOR_MANAGER")
	consA := newPerson("Cai Consultant", "cai@example.org", "CONSULTANT")
	w.attA = newPerson("Ash Attendee", "ash@example.org", "LIVED_EXPERIENCE")
	w.coA = newPerson("Cora Colleague", "cora@example.org", "FRONTLINE")
	w.hidden = newPerson("Hana Hidden", "hana@example.org", "FRONTLINE")
	c.Person.UpdateOne(w.hidden).SetHideFromAttendeeLists(true).ExecX(ctx)
	w.attB = newPerson("Bo B-Attendee", "bo@example.org", "COMMISSIONER")
	admin := c.Person.Create().SetName("Ada Admin").SetIsAdmin(true).SaveX(ctx)
	c.ProgrammeRole.Create().SetProgramme(w.progA).SetPerson(orgA).SetRole("ORGANISER").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(w.progA).SetPerson(consA).SetRole("CONSULTANT").ExecX(ctx)
	w.membershipAttA = c.Membership.Create().SetPerson(w.attA).SetOrganisation(w.org).SetJobTitle("Peer").SaveX(ctx)

	start := time.Date(2027, 1, 12, 10, 0, 0, 0, time.UTC)
	w.eventA = c.Event.Create().SetProgramme(w.progA).SetKind("FORUM").SetTitle("Forum A").SetStartsAt(start).SetEndsAt(start.Add(2 * time.Hour)).SaveX(ctx)
	w.eventB = c.Event.Create().SetProgramme(w.progB).SetKind("FORUM").SetTitle("Forum B").SetStartsAt(start).SetEndsAt(start.Add(2 * time.Hour)).SaveX(ctx)
	w.invA = c.Invitation.Create().SetEvent(w.eventA).SetPerson(w.attA).SetAccessNeeds("step-free access").SaveX(ctx)
	w.invCoA = c.Invitation.Create().SetEvent(w.eventA).SetPerson(w.coA).SetAccessNeeds("hearing loop").SaveX(ctx)
	c.Invitation.Create().SetEvent(w.eventA).SetPerson(w.hidden).ExecX(ctx)
	w.invB = c.Invitation.Create().SetEvent(w.eventB).SetPerson(w.attB).SaveX(ctx)
	w.attendanceA = c.Attendance.Create().SetEvent(w.eventA).SetPerson(w.coA).SetOccurrenceStart(start).SaveX(ctx)
	w.actionA = c.ActionItem.Create().SetProgramme(w.progA).SetTitle("Map referral routes").SetOwnerOrganisation(w.org).SaveX(ctx)
	w.actionOwnedByAttA = c.ActionItem.Create().SetProgramme(w.progA).SetTitle("Share peer leaflet").SetOwnerPerson(w.attA).SaveX(ctx)
	w.commitA = c.Commitment.Create().SetProgramme(w.progA).SetOrganisation(w.org).SetKind("FUNDING").SetTitle("Grant A").SetStartsOn(start).SaveX(ctx)
	w.commitB = c.Commitment.Create().SetProgramme(w.progB).SetOrganisation(w.org).SetKind("FUNDING").SetTitle("Grant B").SetStartsOn(start).SaveX(ctx)

	w.auditA = c.AuditEntry.Query().Where(auditentry.ProgrammeID(w.progA.ID)).CountX(ctx)
	w.auditLedgerA = c.AuditEntry.Query().Where(auditentry.ProgrammeID(w.progA.ID), auditentry.EntityTypeIn("Commitment", "ActionItem")).CountX(ctx)
	if w.auditA == 0 || w.auditLedgerA == 0 || w.auditLedgerA == w.auditA {
		t.Fatal("fixture writes should have been audited")
	}
	w.roles = map[string]*apitest.API{
		"anonymous":   api.Anonymous(),
		"attendeeA":   api.As(w.attA.ID),
		"attendeeB":   api.As(w.attB.ID),
		"consultantA": api.As(consA.ID),
		"organiserA":  api.As(orgA.ID),
		"admin":       api.As(admin.ID),
	}
	return w
}

var roleOrder = []string{"anonymous", "attendeeA", "attendeeB", "consultantA", "organiserA", "admin"}

// outcome runs q as role and returns "ok" or the error code.
func outcome(t *testing.T, a *apitest.API, q string, vars map[string]any) (string, json.RawMessage) {
	t.Helper()
	res := a.For(t).Do(q, vars)
	if len(res.Errors) > 0 {
		return res.Errors[0].Code(), res.Data
	}
	return "ok", res.Data
}

func id(n int) string { return strconv.Itoa(n) }

func TestAuthorizationMatrixReads(t *testing.T) {
	w := buildWorld(t)
	const u = "UNAUTHENTICATED"
	const nf = "NOT_FOUND"
	nodeCases := []struct {
		name string
		id   int
		want [6]string // in roleOrder
	}{
		{"Programme A", w.progA.ID, [6]string{u, "ok", nf, "ok", "ok", "ok"}},
		{"Programme B", w.progB.ID, [6]string{u, nf, "ok", nf, nf, "ok"}},
		{"Event A", w.eventA.ID, [6]string{u, "ok", nf, "ok", "ok", "ok"}},
		{"Event B", w.eventB.ID, [6]string{u, nf, "ok", nf, nf, "ok"}},
		{"Invitation of attendee A", w.invA.ID, [6]string{u, "ok", nf, "ok", "ok", "ok"}},
		{"Co-invitee's invitation", w.invCoA.ID, [6]string{u, "ok", nf, "ok", "ok", "ok"}},
		{"Invitation B", w.invB.ID, [6]string{u, nf, "ok", nf, nf, "ok"}},
		{"Attendance of colleague", w.attendanceA.ID, [6]string{u, nf, nf, "ok", "ok", "ok"}},
		{"Action A (organisation-owned)", w.actionA.ID, [6]string{u, nf, nf, "ok", "ok", "ok"}},
		{"Action owned by attendee A", w.actionOwnedByAttA.ID, [6]string{u, "ok", nf, "ok", "ok", "ok"}},
		{"Commitment A", w.commitA.ID, [6]string{u, nf, nf, "ok", "ok", "ok"}},
		{"Commitment B", w.commitB.ID, [6]string{u, nf, nf, nf, nf, "ok"}},
		{"Person attendee A", w.attA.ID, [6]string{u, "ok", nf, "ok", "ok", "ok"}},
		{"Person who opted out", w.hidden.ID, [6]string{u, nf, nf, "ok", "ok", "ok"}},
		{"Person attendee B", w.attB.ID, [6]string{u, nf, "ok", "ok", "ok", "ok"}},
		{"Organisation", w.org.ID, [6]string{u, "ok", "ok", "ok", "ok", "ok"}},
		{"Membership of attendee A", w.membershipAttA.ID, [6]string{u, "ok", nf, "ok", "ok", "ok"}},
	}
	for _, c := range nodeCases {
		for i, role := range roleOrder {
			t.Run(fmt.Sprintf("node %s as %s", c.name, role), func(t *testing.T) {
				got, _ := outcome(t, w.roles[role], `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id(c.id)})
				if got != c.want[i] {
					t.Errorf("got %s, want %s", got, c.want[i])
				}
			})
		}
	}

	// Lists, totalCount and where: filters go through the same rules.
	listCases := []struct {
		name, query string
		want        [6]int // totalCount per role; -1 = UNAUTHENTICATED
	}{
		{"programmes", `{ x: programmes { totalCount } }`, [6]int{-1, 1, 1, 1, 1, 2}},
		{"events", `{ x: events { totalCount } }`, [6]int{-1, 1, 1, 1, 1, 2}},
		{"events filtered by title", `{ x: events(where: {titleContains: "Forum"}) { totalCount } }`, [6]int{-1, 1, 1, 1, 1, 2}},
		{"invitations", `{ x: invitations { totalCount } }`, [6]int{-1, 2, 1, 3, 3, 4}},
		{"attendances", `{ x: attendances { totalCount } }`, [6]int{-1, 0, 0, 1, 1, 1}},
		{"actions", `{ x: actions { totalCount } }`, [6]int{-1, 1, 0, 2, 2, 2}},
		{"commitments", `{ x: commitments { totalCount } }`, [6]int{-1, 0, 0, 1, 1, 2}},
		{"people", `{ x: people { totalCount } }`, [6]int{-1, 2, 1, 7, 7, 7}},
		{"audit log of programme A", fmt.Sprintf(`{ x: auditLog(where: {programmeID: %d}) { totalCount } }`, w.progA.ID), [6]int{-1, 0, 0, w.auditLedgerA, w.auditA, w.auditA}},
	}
	for _, c := range listCases {
		for i, role := range roleOrder {
			t.Run(fmt.Sprintf("list %s as %s", c.name, role), func(t *testing.T) {
				got, data := outcome(t, w.roles[role], c.query, nil)
				want := c.want[i]
				if want == -1 {
					if got != u {
						t.Errorf("got %s, want UNAUTHENTICATED", got)
					}
					return
				}
				var out struct{ X struct{ TotalCount int } }
				_ = json.Unmarshal(data, &out)
				if got != "ok" || out.X.TotalCount != want {
					t.Errorf("got %s totalCount=%d, want %d", got, out.X.TotalCount, want)
				}
			})
		}
	}
}

func TestSensitiveFieldsPerRole(t *testing.T) {
	w := buildWorld(t)
	const q = `query($id: ID!, $inv: ID!) {
		p: node(id: $id) { ... on Person { name email phone accessNeeds stakeholderGroup } }
		i: node(id: $inv) { ... on Invitation { accessNeeds } }
	}`
	type person struct {
		Name             string
		Email, Phone     *string
		AccessNeeds      *string
		StakeholderGroup *string
	}
	// Attendee A is LIVED_EXPERIENCE, invited to A: visible to themselves,
	// admins and organisers of A — not consultants, not co-invitees.
	cases := map[string]bool{"attendeeA": true, "consultantA": false, "organiserA": true, "admin": true}
	for role, sees := range cases {
		t.Run(role, func(t *testing.T) {
			var out struct {
				P person
				I struct{ AccessNeeds *string }
			}
			res := w.roles[role].For(t).Do(q, map[string]any{"id": id(w.attA.ID), "inv": id(w.invA.ID)})
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %s", res.Raw)
			}
			_ = json.Unmarshal(res.Data, &out)
			if out.P.Name != "Ash Attendee" {
				t.Fatalf("name = %q", out.P.Name)
			}
			has := func(s *string) bool { return s != nil && *s != "" }
			t.Logf("%s sees email=%v phone=%v needs=%v group=%v invitation needs=%v", role, str(out.P.Email), str(out.P.Phone), str(out.P.AccessNeeds), str(out.P.StakeholderGroup), str(out.I.AccessNeeds))
			if has(out.P.Email) != sees || has(out.P.Phone) != sees || has(out.P.AccessNeeds) != sees ||
				has(out.P.StakeholderGroup) != sees || has(out.I.AccessNeeds) != sees {
				t.Errorf("sees sensitive fields = %v; got %+v / invitation %v", sees, out.P, out.I.AccessNeeds)
			}
		})
	}
	// A co-invitee sees the name but not the contact details.
	var out struct{ P person }
	w.roles["attendeeA"].MustDo(q, map[string]any{"id": id(w.coA.ID), "inv": id(w.invCoA.ID)}, &out)
	if out.P.Name != "Cora Colleague" || out.P.Email != nil || (out.P.AccessNeeds != nil && *out.P.AccessNeeds != "") {
		t.Errorf("co-invitee view = %+v", out.P)
	}
	// Sensitive fields cannot be probed through filters or ordering.
	res := w.roles["consultantA"].Do(`{ people(where: {emailContains: "ash"}) { totalCount } }`, nil)
	if len(res.Errors) == 0 {
		t.Errorf("filtering people by email was accepted: %s", res.Raw)
	}
}

func TestAuthorizationMatrixWrites(t *testing.T) {
	w := buildWorld(t)
	const u, f, nf = "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"
	eventIn := func(p *ent.Programme) string {
		return fmt.Sprintf(`mutation { createEvent(input: {programmeID: "%d", kind: WORKSHOP, title: "W", startsAt: "2027-02-01T10:00:00Z", endsAt: "2027-02-01T12:00:00Z"}) { id } }`, p.ID)
	}
	cases := []struct {
		name  string
		query string
		want  [6]string
	}{
		{"create event in A", eventIn(w.progA), [6]string{u, f, f, f, "ok", "ok"}},
		{"create event in B", eventIn(w.progB), [6]string{u, f, f, f, f, "ok"}},
		{"update event A", fmt.Sprintf(`mutation { updateEvent(id: "%d", input: {description: "x"}) { id } }`, w.eventA.ID), [6]string{u, f, nf, f, "ok", "ok"}},
		{"update event B", fmt.Sprintf(`mutation { updateEvent(id: "%d", input: {description: "x"}) { id } }`, w.eventB.ID), [6]string{u, nf, f, nf, nf, "ok"}},
		{"invite to A", fmt.Sprintf(`mutation { createInvitation(input: {eventID: "%d", personID: "%d"}) { id } }`, w.eventA.ID, w.attB.ID), [6]string{u, f, nf, f, "ok", "CONFLICT"}},
		{"create commitment in A", fmt.Sprintf(`mutation { createCommitment(input: {programmeID: "%d", organisationID: "%d", kind: VENUE, title: "Room", startsOn: "2027-01-01T00:00:00Z"}) { id } }`, w.progA.ID, w.org.ID), [6]string{u, f, f, "ok", "ok", "ok"}},
		{"update commitment B", fmt.Sprintf(`mutation { updateCommitment(id: "%d", input: {title: "x"}) { id } }`, w.commitB.ID), [6]string{u, nf, nf, nf, nf, "ok"}},
		{"create action in A", fmt.Sprintf(`mutation { createAction(input: {programmeID: "%d", title: "Do"}) { id } }`, w.progA.ID), [6]string{u, f, f, "ok", "ok", "ok"}},
		{"owner reports progress", fmt.Sprintf(`mutation { updateAction(id: "%d", input: {progress: 40}) { id } }`, w.actionOwnedByAttA.ID), [6]string{u, "ok", nf, "ok", "ok", "ok"}},
		{"owner renames own action", fmt.Sprintf(`mutation { updateAction(id: "%d", input: {title: "Mine now"}) { id } }`, w.actionOwnedByAttA.ID), [6]string{u, f, nf, "ok", "ok", "ok"}},
		{"create organisation", `mutation { createOrganisation(input: {name: "New", sector: OTHER}) { id } }`, [6]string{u, f, f, f, "ok", "ok"}},
		{"edit own profile", fmt.Sprintf(`mutation { updatePerson(id: "%d", input: {phone: "07000"}) { id } }`, w.attA.ID), [6]string{u, "ok", f, f, "ok", "ok"}},
		{"grant role in A", fmt.Sprintf(`mutation { grantProgrammeRole(input: {programmeID: "%d", personID: "%d", role: CONSULTANT}) { id } }`, w.progA.ID, w.coA.ID), [6]string{u, f, f, f, "ok", "CONFLICT"}},
		{"delete membership", fmt.Sprintf(`mutation { deleteMembership(id: "%d") }`, w.membershipAttA.ID), [6]string{u, f, f, f, "ok", nf}},
	}
	for _, c := range cases {
		for i, role := range roleOrder {
			t.Run(fmt.Sprintf("%s as %s", c.name, role), func(t *testing.T) {
				got, _ := outcome(t, w.roles[role], c.query, nil)
				if got != c.want[i] {
					t.Errorf("got %s, want %s", got, c.want[i])
				}
			})
		}
	}
}

func str(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
