package graph_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apitest"
)

// auditSubjectQuery asks for each entry's subject the way the audit log
// screen does: the name of the record, and for the records that belong to
// another (invitations) the names of those.
const auditSubjectQuery = `query($where: AuditEntryWhereInput, $first: Int) {
  auditLog(first: $first, where: $where) { totalCount edges { node {
    operation entityType entityID
    subject {
      __typename id
      ... on Event { title }
      ... on Programme { name }
      ... on Person { name }
      ... on Action { title }
      ... on Commitment { title }
      ... on Invitation { person { name } event { title } }
    }
  } } }
}`

type auditSubjectRow struct {
	Operation  string
	EntityType string
	EntityID   int
	Subject    *struct {
		Typename string `json:"__typename"`
		ID       string
		Title    string
		Name     string
		Person   *struct{ Name string }
		Event    *struct{ Title string }
	}
}

// auditSubjects runs auditSubjectQuery and returns the entries, failing on
// any error: a missing subject must be a null, never an error.
func auditSubjects(t *testing.T, a *apitest.API, where map[string]any, first int) []auditSubjectRow {
	rows, _ := auditSubjectPage(t, a, where, first)
	return rows
}

// auditSubjectPage is auditSubjects with the log's totalCount.
func auditSubjectPage(t *testing.T, a *apitest.API, where map[string]any, first int) ([]auditSubjectRow, int) {
	t.Helper()
	var out struct {
		AuditLog struct {
			TotalCount int
			Edges      []struct{ Node auditSubjectRow }
		}
	}
	a.For(t).MustDo(auditSubjectQuery, map[string]any{"where": where, "first": first}, &out)
	rows := make([]auditSubjectRow, 0, len(out.AuditLog.Edges))
	for _, e := range out.AuditLog.Edges {
		rows = append(rows, e.Node)
	}
	return rows, out.AuditLog.TotalCount
}

// entryAbout finds the entry of an operation on a record.
func entryAbout(t *testing.T, rows []auditSubjectRow, op, typ string, entityID int) auditSubjectRow {
	t.Helper()
	for _, r := range rows {
		if r.Operation == op && r.EntityType == typ && r.EntityID == entityID {
			return r
		}
	}
	t.Fatalf("no %s entry for %s %d among %d entries", op, typ, entityID, len(rows))
	return auditSubjectRow{}
}

func TestAuditEntrySubject(t *testing.T) {
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	prog := c.Programme.Create().SetName("Safer Streets").SetSlug("safer-streets").SaveX(ctx)
	// Both the programme's creation and its changes belong to it.
	c.Programme.UpdateOne(prog).SetDescription("Crisis care in Northgate").ExecX(ctx)
	other := c.Programme.Create().SetName("Elsewhere").SetSlug("elsewhere").SaveX(ctx)
	olive := c.Person.Create().SetName("Olive Organiser").SaveX(ctx)
	c.ProgrammeRole.Create().SetProgramme(prog).SetPerson(olive).SetRole("ORGANISER").ExecX(ctx)
	org := c.Organisation.Create().SetName("Northgate Mind").SetSector("VOLUNTARY").SaveX(ctx)
	sam := c.Person.Create().SetName("Sam Service-User").SaveX(ctx)
	erin := c.Person.Create().SetName("Erin Erased").SaveX(ctx)

	start := time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC)
	newEvent := func(p *ent.Programme, title string) *ent.Event {
		return c.Event.Create().SetProgramme(p).SetKind("FORUM").SetTitle(title).
			SetStartsAt(start).SetEndsAt(start.Add(2 * time.Hour)).SaveX(ctx)
	}
	forum := newEvent(prog, "Crisis care forum")
	c.Event.UpdateOne(forum).SetVenueName("The Hub").ExecX(ctx)
	popUp := newEvent(prog, "Pop-up surgery")
	c.Event.DeleteOne(popUp).ExecX(ctx)
	elsewhere := newEvent(other, "A forum elsewhere")
	inv := c.Invitation.Create().SetEvent(forum).SetPerson(sam).SaveX(ctx)
	action := c.ActionItem.Create().SetProgramme(prog).SetTitle("Map referral routes").SetOwnerOrganisation(org).SaveX(ctx)
	commit := c.Commitment.Create().SetProgramme(prog).SetOrganisation(org).SetKind("FUNDING").
		SetTitle("Crisis café grant").SetStartsOn(start).SaveX(ctx)
	// An entry the organiser may read about a record they may not: the
	// record's own privacy rules decide, not the entry's.
	c.AuditEntry.Create().SetOperation("UPDATE").SetEntityType("Event").SetEntityID(elsewhere.ID).
		SetProgrammeID(prog.ID).SetChanges(map[string]any{}).ExecX(ctx)

	admin := api.AsNewAdmin()
	admin.MustDo(`mutation($id: ID!) { erasePerson(id: $id) { id } }`, map[string]any{"id": id(erin.ID)}, nil)

	t.Run("organiser", func(t *testing.T) {
		rows := auditSubjects(t, api.As(olive.ID), map[string]any{"programmeID": prog.ID}, 100)
		checks := []struct {
			op, typ, wantType, wantName string
			entityID                    int
		}{
			{"CREATE", "Event", "Event", "Crisis care forum", forum.ID},
			{"CREATE", "Programme", "Programme", "Safer Streets", prog.ID},
			{"UPDATE", "Programme", "Programme", "Safer Streets", prog.ID},
			{"CREATE", "ActionItem", "Action", "Map referral routes", action.ID},
			{"CREATE", "Commitment", "Commitment", "Crisis café grant", commit.ID},
		}
		for _, ch := range checks {
			r := entryAbout(t, rows, ch.op, ch.typ, ch.entityID)
			if r.Subject == nil {
				t.Errorf("%s %d: subject is null", ch.typ, ch.entityID)
				continue
			}
			name := r.Subject.Title + r.Subject.Name
			if r.Subject.Typename != ch.wantType || r.Subject.ID != id(ch.entityID) || name != ch.wantName {
				t.Errorf("%s %d: subject = %s %s %q, want %s %d %q", ch.typ, ch.entityID,
					r.Subject.Typename, r.Subject.ID, name, ch.wantType, ch.entityID, ch.wantName)
			}
		}
		// An invitation names its person and event (edges collected per batch).
		r := entryAbout(t, rows, "CREATE", "Invitation", inv.ID)
		if r.Subject == nil || r.Subject.Typename != "Invitation" || r.Subject.Person == nil || r.Subject.Person.Name != "Sam Service-User" ||
			r.Subject.Event == nil || r.Subject.Event.Title != "Crisis care forum" {
			t.Errorf("invitation subject = %+v", r.Subject)
		}
		// Deleted: the entry stays, the subject is null (and no error).
		if r := entryAbout(t, rows, "CREATE", "Event", popUp.ID); r.Subject != nil {
			t.Errorf("deleted event: subject = %+v, want null", r.Subject)
		}
		// Not visible to the organiser: null too.
		if r := entryAbout(t, rows, "UPDATE", "Event", elsewhere.ID); r.Subject != nil {
			t.Errorf("event of another programme: subject = %+v, want null", r.Subject)
		}
	})

	t.Run("two selections in one operation", func(t *testing.T) {
		// Subjects are read with only the columns a selection asks for, so
		// records read for one selection must not answer another.
		var out struct {
			A, B struct {
				Edges []struct {
					Node struct {
						EntityID int
						Subject  *struct{ Title, VenueName string }
					}
				}
			}
		}
		api.As(olive.ID).For(t).MustDo(`query($where: AuditEntryWhereInput) {
		  a: auditLog(first: 10, where: $where) { edges { node { entityID subject { ... on Event { title } } } } }
		  b: auditLog(first: 10, where: $where) { edges { node { entityID subject { ... on Event { venueName } } } } }
		}`, map[string]any{"where": map[string]any{"entityID": forum.ID}}, &out)
		if len(out.A.Edges) == 0 || len(out.A.Edges) != len(out.B.Edges) {
			t.Fatalf("entries: %d and %d", len(out.A.Edges), len(out.B.Edges))
		}
		for i := range out.A.Edges {
			a, b := out.A.Edges[i].Node.Subject, out.B.Edges[i].Node.Subject
			if a == nil || b == nil || a.Title != "Crisis care forum" || b.VenueName != "The Hub" {
				t.Errorf("entry %d: a = %+v, b = %+v", i, a, b)
			}
		}
	})

	t.Run("admin", func(t *testing.T) {
		// People belong to no programme, so their entries are the admins' to read.
		rows := auditSubjects(t, admin, map[string]any{"entityType": "Person", "entityIDIn": []int{sam.ID, erin.ID}}, 100)
		r := entryAbout(t, rows, "CREATE", "Person", sam.ID)
		if r.Subject == nil || r.Subject.Typename != "Person" || r.Subject.Name != "Sam Service-User" {
			t.Errorf("person subject = %+v", r.Subject)
		}
		// Erased: the row survives for the counts, but the person is gone.
		for _, r := range rows {
			if r.EntityID == erin.ID && r.Subject != nil {
				t.Errorf("erased person: %s entry has subject %+v, want null", r.Operation, r.Subject)
			}
		}
		if r := entryAbout(t, rows, "UPDATE", "Person", erin.ID); r.Subject != nil {
			t.Errorf("erased person: subject = %+v", r.Subject)
		}
		// The admin sees the other programme's event the organiser could not.
		rows = auditSubjects(t, admin, map[string]any{"entityID": elsewhere.ID}, 10)
		if r := entryAbout(t, rows, "UPDATE", "Event", elsewhere.ID); r.Subject == nil || r.Subject.Title != "A forum elsewhere" {
			t.Errorf("admin: subject = %+v", r.Subject)
		}
	})
}

// seedAuditSubjects writes n records of each kind an organiser's log is
// about (events, invitations, actions, commitments) plus n people, so the
// log has entries with subjects in several tables.
func seedAuditSubjects(t *testing.T, api *apitest.API, n int) (prog *ent.Programme, organiser *ent.Person) {
	t.Helper()
	ctx, c := api.Ctx(), api.Client()
	prog = c.Programme.Create().SetName("P").SetSlug(fmt.Sprintf("p-%d", n)).SaveX(ctx)
	organiser = c.Person.Create().SetName("Olive Organiser").SaveX(ctx)
	c.ProgrammeRole.Create().SetProgramme(prog).SetPerson(organiser).SetRole("ORGANISER").ExecX(ctx)
	org := c.Organisation.Create().SetName("Northgate Mind").SetSector("VOLUNTARY").SaveX(ctx)
	start := time.Date(2027, 3, 2, 10, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		p := c.Person.Create().SetName(fmt.Sprintf("Person %d", i)).SaveX(ctx)
		ev := c.Event.Create().SetProgramme(prog).SetKind("FORUM").SetTitle(fmt.Sprintf("Event %d", i)).
			SetStartsAt(start.AddDate(0, 0, i)).SetEndsAt(start.AddDate(0, 0, i).Add(time.Hour)).SaveX(ctx)
		c.Invitation.Create().SetEvent(ev).SetPerson(p).ExecX(ctx)
		c.ActionItem.Create().SetProgramme(prog).SetTitle(fmt.Sprintf("Action %d", i)).SetOwnerOrganisation(org).ExecX(ctx)
		c.Commitment.Create().SetProgramme(prog).SetOrganisation(org).SetKind("FUNDING").
			SetTitle(fmt.Sprintf("Grant %d", i)).SetStartsOn(start).ExecX(ctx)
	}
	return prog, organiser
}

// countAuditSubjects lists every entry of the log with its subject and
// returns the statements it cost and how many subjects came back.
func countAuditSubjects(t *testing.T, n int) (organiserStatements, adminStatements int64, subjects int) {
	api := apitest.New(t)
	prog, organiser := seedAuditSubjects(t, api, n)
	for _, role := range []struct {
		api        *apitest.API
		where      map[string]any
		statements *int64
	}{
		{api.As(organiser.ID), map[string]any{"programmeID": prog.ID}, &organiserStatements},
		// Everything, people and organisations included.
		{api.AsNewAdmin(), nil, &adminStatements},
	} {
		api.Counter.Reset()
		rows, total := auditSubjectPage(t, role.api, role.where, 100)
		*role.statements = api.Counter.Count()
		// The whole log on one page, so both sizes read the same tables.
		if len(rows) != total {
			t.Fatalf("N=%d: %d of %d entries on the page; keep N small enough for one page", n, len(rows), total)
		}
		for _, r := range rows {
			if r.Subject == nil {
				t.Fatalf("N=%d: %s %d has no subject", n, r.EntityType, r.EntityID)
			}
			if r.EntityType == "Invitation" && (r.Subject.Person == nil || r.Subject.Event == nil) {
				t.Fatalf("N=%d: invitation %d without its person or event", n, r.EntityID)
			}
		}
		if len(rows) < 4*n {
			t.Fatalf("N=%d: %d entries, want at least %d", n, len(rows), 4*n)
		}
		subjects += len(rows)
	}
	return organiserStatements, adminStatements, subjects
}

// The largest page is 100 entries; N=18 fills most of one (5 entries per
// N for the admin, 4 for the organiser, plus the fixtures').
func TestAuditSubjectQueryCountDoesNotGrow(t *testing.T) {
	const small, large = 2, 18
	smallOrg, smallAdmin, smallRows := countAuditSubjects(t, small)
	largeOrg, largeAdmin, largeRows := countAuditSubjects(t, large)
	if largeRows < smallRows*3 {
		t.Fatalf("subjects = %d for N=%d, %d for N=%d: the larger log should list far more", smallRows, small, largeRows, large)
	}
	if smallOrg != largeOrg {
		t.Errorf("organiser: %d SQL statements for N=%d but %d for N=%d (N+1 somewhere)", smallOrg, small, largeOrg, large)
	}
	if smallAdmin != largeAdmin {
		t.Errorf("admin: %d SQL statements for N=%d but %d for N=%d (N+1 somewhere)", smallAdmin, small, largeAdmin, large)
	}
	t.Logf("organiser: %d statements for %d and %d entries; admin: %d", smallOrg, smallRows, largeRows, smallAdmin)
}
