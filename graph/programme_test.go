package graph_test

import (
	"testing"

	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/apitest"
)

// An organiser who creates a programme becomes its organiser in the same
// transaction, so they can go on to edit it; an admin who creates one is
// not added (admins may do everything anyway).
func TestCreatorOfAProgrammeOrganisesIt(t *testing.T) {
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	first := c.Programme.Create().SetName("First").SetSlug("first").SaveX(ctx)
	jo := api.NewPerson("Jo Organiser", false)
	c.ProgrammeRole.Create().SetProgrammeID(first.ID).SetPersonID(jo.ID).SetRole(programmerole.RoleORGANISER).ExecX(ctx)

	var created struct {
		CreateProgramme struct{ ID string }
	}
	asJo := api.As(jo.ID)
	asJo.MustDo(`mutation { createProgramme(input: {name: "Housing pathways 2027", slug: "housing-2027"}) { id } }`, nil, &created)
	asJo.MustDo(`mutation($id: ID!) { updateProgramme(id: $id, input: {description: "Move-on from supported housing"}) { id } }`,
		map[string]any{"id": created.CreateProgramme.ID}, nil)
	roles := c.ProgrammeRole.Query().Where(programmerole.PersonID(jo.ID), programmerole.RoleEQ(programmerole.RoleORGANISER)).CountX(ctx)
	if roles != 2 {
		t.Fatalf("Jo organises %d programmes, want 2 (the one they created included)", roles)
	}

	admin := api.AsNewAdmin()
	admin.MustDo(`mutation { createProgramme(input: {name: "Admin's", slug: "admins"}) { id } }`, nil, nil)
	if n := c.ProgrammeRole.Query().CountX(ctx); n != 2 {
		t.Fatalf("%d roles after an admin created a programme, want still 2", n)
	}
}
