package gdpr_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
)

func TestExportAndErase(t *testing.T) {
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	org := c.Organisation.Create().SetName("Northgate Mind").SetSector("VOLUNTARY").SaveX(ctx)
	prog := c.Programme.Create().SetName("P").SetSlug("p").SaveX(ctx)
	sam := c.Person.Create().SetName("Sam Sensitive").SetEmail("sam@example.org").SetPhone("07700 900123").
		SetAccessNeeds("BSL interpreter").SetStakeholderGroup("LIVED_EXPERIENCE").SaveX(ctx)
	c.Membership.Create().SetPerson(sam).SetOrganisation(org).SetJobTitle("Peer mentor").ExecX(ctx)
	start := time.Date(2026, 10, 13, 9, 0, 0, 0, time.UTC)
	ev := c.Event.Create().SetProgramme(prog).SetKind("FORUM").SetTitle("Forum").SetStartsAt(start).SetEndsAt(start.Add(time.Hour)).SaveX(ctx)
	c.Invitation.Create().SetEvent(ev).SetPerson(sam).SetAccessNeeds("BSL interpreter").SetResponse("ACCEPTED").ExecX(ctx)
	c.Attendance.Create().SetEvent(ev).SetPerson(sam).SetOccurrenceStart(start).ExecX(ctx)
	samAPI := api.As(sam.ID)
	other := api.As(api.NewPerson("Someone Else", false).ID)
	admin := api.AsNewAdmin()
	vars := map[string]any{"id": strconv.Itoa(sam.ID)}

	// Export: the person themselves (or an admin); nobody else.
	var exp struct{ PersonExport map[string]any }
	samAPI.MustDo(`query($id: ID!) { personExport(id: $id) }`, vars, &exp)
	raw, _ := json.Marshal(exp.PersonExport)
	for _, want := range []string{"sam@example.org", "07700 900123", "BSL interpreter", "Peer mentor", "ACCEPTED"} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("export lacks %q", want)
		}
	}
	other.ErrorCode(`query($id: ID!) { personExport(id: $id) }`, vars, "FORBIDDEN")
	admin.MustDo(`query($id: ID!) { personExport(id: $id) }`, vars, nil)

	countsBefore := [2]int{
		c.Attendance.Query().Where(attendance.EventID(ev.ID)).CountX(ctx),
		c.Invitation.Query().Where(invitation.EventID(ev.ID), invitation.ResponseEQ("ACCEPTED")).CountX(ctx),
	}
	other.ErrorCode(`mutation($id: ID!) { erasePerson(id: $id) { id } }`, vars, "FORBIDDEN")
	admin.MustDo(`mutation($id: ID!) { erasePerson(id: $id) { id } }`, vars, nil)

	// Nothing personal can be found by any query, even by an admin...
	var after struct {
		Node struct {
			Name, Phone, AccessNeeds string
			Email                    *string
		}
		People   struct{ TotalCount int }
		AuditLog struct {
			Edges []struct {
				Node struct{ Changes map[string]any }
			}
		}
	}
	admin.MustDo(`query($id: ID!) {
		node(id: $id) { ... on Person { name email phone accessNeeds } }
		people(where: {nameContains: "Sam"}) { totalCount }
		auditLog(first: 50, where: {entityType: "Person"}) { edges { node { changes } } }
	}`, vars, &after)
	if strings.Contains(after.Node.Name, "Sam") || after.Node.Email != nil || after.Node.Phone != "" || after.Node.AccessNeeds != "" || after.People.TotalCount != 0 {
		t.Errorf("after erasure: %+v", after)
	}
	logged, _ := json.Marshal(after.AuditLog)
	if strings.Contains(string(logged), "Sam") || strings.Contains(string(logged), "BSL") {
		t.Errorf("audit log still holds personal data: %s", logged)
	}
	var exp2 struct{ PersonExport map[string]any }
	admin.MustDo(`query($id: ID!) { personExport(id: $id) }`, vars, &exp2)
	raw2, _ := json.Marshal(exp2.PersonExport)
	for _, gone := range []string{"sam@example.org", "07700", "BSL interpreter", "Peer mentor", "Sam Sensitive"} {
		if strings.Contains(string(raw2), gone) {
			t.Errorf("export after erasure still holds %q", gone)
		}
	}
	// ...sign-ins stop working...
	if res := samAPI.Do(`{ viewer { person { name } } }`, nil); res.Status != 401 {
		t.Errorf("erased person's token still works: %d", res.Status)
	}
	// ...and the anonymous counts are unchanged.
	countsAfter := [2]int{
		c.Attendance.Query().Where(attendance.EventID(ev.ID)).CountX(ctx),
		c.Invitation.Query().Where(invitation.EventID(ev.ID), invitation.ResponseEQ("ACCEPTED")).CountX(ctx),
	}
	if countsAfter != countsBefore {
		t.Errorf("counts changed by erasure: %v → %v", countsBefore, countsAfter)
	}
}
