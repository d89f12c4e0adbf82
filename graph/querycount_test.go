package graph_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apitest"
)

// nestedQuery walks programme → events → invitations → person →
// memberships → organisation: the shape that turns into N+1 queries when
// edges are loaded per row instead of collected per level.
const nestedQuery = `query($n: Int!) {
  programmes(first: 1) { edges { node { name
    events(first: $n) { totalCount edges { node { title
      invitations(first: $n) { totalCount edges { node { response
        person { name memberships(first: 5) { edges { node { jobTitle organisation { name sector } } } } }
      } } }
    } } }
  } } }
}`

func seedNested(t *testing.T, api *apitest.API, n int) {
	t.Helper()
	ctx := api.Ctx()
	c := api.Client()
	orgs, err := c.Organisation.CreateBulk(
		c.Organisation.Create().SetName("Org A").SetSector("HEALTH"),
		c.Organisation.Create().SetName("Org B").SetSector("POLICE"),
	).Save(ctx)
	must(t, err)
	prog := c.Programme.Create().SetName("P").SetSlug(fmt.Sprintf("p-%d", n)).SaveX(ctx)
	people := make([]*ent.Person, n)
	for i := range people {
		people[i] = c.Person.Create().SetName(fmt.Sprintf("Person %d", i)).SaveX(ctx)
		for _, o := range orgs {
			c.Membership.Create().SetPerson(people[i]).SetOrganisation(o).SetJobTitle("Worker").SaveX(ctx)
		}
	}
	start := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for e := 0; e < n; e++ {
		ev := c.Event.Create().SetProgramme(prog).SetKind("FORUM").SetTitle(fmt.Sprintf("Event %d", e)).
			SetStartsAt(start.AddDate(0, 0, e)).SetEndsAt(start.AddDate(0, 0, e).Add(2 * time.Hour)).SaveX(ctx)
		bulk := make([]*ent.InvitationCreate, n)
		for i, p := range people {
			bulk[i] = c.Invitation.Create().SetEvent(ev).SetPerson(p)
		}
		_, err := c.Invitation.CreateBulk(bulk...).Save(ctx)
		must(t, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func countNested(t *testing.T, n int) (statements int64, invitations int) {
	api := apitest.New(t).AsNewAdmin()
	seedNested(t, api, n)
	api.Counter.Reset()
	var out struct {
		Programmes struct {
			Edges []struct {
				Node struct {
					Events struct {
						Edges []struct {
							Node struct {
								Invitations struct {
									Edges []struct {
										Node struct {
											Person struct {
												Memberships struct {
													Edges []struct {
														Node struct{ Organisation struct{ Name string } }
													}
												}
											}
										}
									}
								}
							}
						}
					}
				}
			}
		}
	}
	api.MustDo(nestedQuery, map[string]any{"n": n}, &out)
	statements = api.Counter.Count()
	for _, p := range out.Programmes.Edges {
		for _, e := range p.Node.Events.Edges {
			for _, inv := range e.Node.Invitations.Edges {
				if len(inv.Node.Person.Memberships.Edges) != 2 || inv.Node.Person.Memberships.Edges[0].Node.Organisation.Name == "" {
					t.Fatalf("memberships not loaded: %+v", inv.Node.Person)
				}
				invitations++
			}
		}
	}
	return statements, invitations
}

func TestNestedQueryCountDoesNotGrow(t *testing.T) {
	small, smallRows := countNested(t, 5)
	large, largeRows := countNested(t, 50)
	if smallRows != 25 || largeRows != 2500 {
		t.Fatalf("rows = %d / %d, want 25 / 2500", smallRows, largeRows)
	}
	if small != large {
		t.Fatalf("SQL statements: %d for N=5 but %d for N=50 (N+1 somewhere)", small, large)
	}
	t.Logf("%d statements for both N=5 and N=50", small)
}
