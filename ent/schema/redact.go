package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/viewer"
)

// A person's email, phone, access needs and a LIVED_EXPERIENCE stakeholder
// group are visible only to themselves, admins, and organisers of
// programmes they are invited to. Rows may be visible while these fields are
// not, so they are blanked after loading, by interceptors on every Person
// and Invitation query (including eager-loaded edges). One extra query per
// batch finds who the viewer organises — never one per row.

func redactPeopleInterceptor() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			value, err := next.Query(ctx, q)
			if err != nil {
				return value, err
			}
			people, ok := value.([]*gen.Person)
			if !ok || len(people) == 0 {
				return value, nil
			}
			v := viewer.FromContext(ctx)
			if v != nil && (v.IsSystem() || v.Admin) {
				return value, nil
			}
			cleared, err := organisedPeople(ctx, v, personIDs(people))
			if err != nil {
				return nil, err
			}
			for _, p := range people {
				if v != nil && p.ID == v.PersonID || cleared[p.ID] {
					continue
				}
				p.Email = nil
				p.Phone = ""
				p.AccessNeeds = ""
				if p.StakeholderGroup != nil && *p.StakeholderGroup == person.StakeholderGroupLIVED_EXPERIENCE {
					p.StakeholderGroup = nil
				}
			}
			return value, nil
		})
	})
}

func redactInvitationsInterceptor() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			value, err := next.Query(ctx, q)
			if err != nil {
				return value, err
			}
			invs, ok := value.([]*gen.Invitation)
			if !ok || len(invs) == 0 {
				return value, nil
			}
			v := viewer.FromContext(ctx)
			if v != nil && (v.IsSystem() || v.Admin) {
				return value, nil
			}
			owners, err := invitationOwners(ctx, invs)
			if err != nil {
				return nil, err
			}
			ids := make([]int, 0, len(invs))
			for _, inv := range invs {
				ids = append(ids, owners[inv.ID])
			}
			cleared, err := organisedPeople(ctx, v, ids)
			if err != nil {
				return nil, err
			}
			for _, inv := range invs {
				if owner := owners[inv.ID]; v != nil && owner == v.PersonID || cleared[owner] {
					continue
				}
				inv.AccessNeeds = ""
			}
			return value, nil
		})
	})
}

// invitationOwners maps invitation id → person id. GraphQL field
// collection may not have selected person_id, so missing ones are looked up
// (one query for the batch).
func invitationOwners(ctx context.Context, invs []*gen.Invitation) (map[int]int, error) {
	owners := make(map[int]int, len(invs))
	var missing []int
	for _, inv := range invs {
		if inv.PersonID != 0 {
			owners[inv.ID] = inv.PersonID
		} else {
			missing = append(missing, inv.ID)
		}
	}
	client := gen.FromContext(ctx)
	if len(missing) == 0 || client == nil {
		return owners, nil
	}
	var rows []struct {
		ID       int `json:"id"`
		PersonID int `json:"person_id"`
	}
	err := client.Invitation.Query().Where(invitation.IDIn(missing...)).
		Select(invitation.FieldID, invitation.FieldPersonID).Scan(viewer.SystemContext(ctx), &rows)
	for _, r := range rows {
		owners[r.ID] = r.PersonID
	}
	return owners, err
}

func personIDs(people []*gen.Person) []int {
	ids := make([]int, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	return ids
}

// organisedPeople returns which of ids are invited to an event of a
// programme the viewer organises.
func organisedPeople(ctx context.Context, v *viewer.Viewer, ids []int) (map[int]bool, error) {
	out := map[int]bool{}
	if v == nil {
		return out, nil
	}
	organised := v.ProgrammesWith(viewer.Organiser)
	if len(organised) == 0 {
		return out, nil
	}
	// The server puts the ent client in every request's context (and
	// entgql's Transactioner the transaction's); without one, nothing is
	// cleared and every sensitive field stays redacted.
	client := gen.FromContext(ctx)
	if client == nil {
		return out, nil
	}
	var rows []struct {
		PersonID int `json:"person_id"`
	}
	err := client.Invitation.Query().
		Where(invitation.PersonIDIn(ids...), invitation.HasEventWith(event.ProgrammeIDIn(organised...))).
		Unique(true).
		Select(invitation.FieldPersonID).
		Scan(viewer.SystemContext(ctx), &rows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.PersonID] = true
	}
	return out, nil
}
