package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/audit"
	"github.com/convene/convene/internal/viewer"
)

// Calendar feeds answer conditional GETs (304 Not Modified) from cheap
// change markers, without reading the events table or building the
// calendar (internal/feeds/validators.go). The markers are the updated_at
// columns the rows already have:
//
//   - a personal feed depends on its person's invitations (and, with to-dos,
//     the actions they own) and on the person row itself;
//   - a public feed depends on its programme row.
//
// feedTouchHook keeps those markers honest: whenever something a feed shows
// changes elsewhere (an event or one of its occurrences, the organisers of a
// programme, an organiser's name or address) it bumps updated_at on the
// invitations of the affected events and on their programmes, and when rows
// leave a person's feed by deletion or reassignment it bumps that person, so
// that max(updated_at) — the Last-Modified of the feed — moves too. Each
// touch is one UPDATE statement in the mutation's own transaction, run as
// the system and not audited (it is bookkeeping, not a change anyone made).
// So Invitation.updatedAt and Programme.updatedAt mean "last time anything
// a calendar shows for it changed".
func feedTouchHook(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if feedTouching(ctx) {
			return next.Mutate(ctx, m)
		}
		sys := audit.Skip(context.WithValue(viewer.SystemContext(ctx), feedTouchKey{}, true))
		plan, err := planFeedTouch(sys, m)
		if err != nil {
			return nil, err
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return v, err
		}
		if e, ok := v.(*gen.Event); ok && m.Op().Is(ent.OpCreate) {
			plan.programmeRows = append(plan.programmeRows, e.ProgrammeID)
		}
		return v, plan.apply(sys)
	})
}

type feedTouchKey struct{}

// feedTouching is true inside the hook's own writes, which must not
// trigger it again.
func feedTouching(ctx context.Context) bool { v, _ := ctx.Value(feedTouchKey{}).(bool); return v }

// feedTouch is what one mutation invalidates.
type feedTouch struct {
	client     *gen.Client
	events     []int // their invitations and programmes
	programmes []int // the programme rows and all their invitations
	// programmeRows: only the programme rows (a new or deleted event has
	// no invitations to touch).
	programmeRows []int
	persons       []int
	organised     []int // persons whose organised programmes change (name/email)
}

func (t *feedTouch) apply(ctx context.Context) error {
	c := t.client
	if c == nil {
		return nil
	}
	if len(t.events) > 0 {
		if err := c.Invitation.Update().Where(invitation.EventIDIn(t.events...)).Exec(ctx); err != nil {
			return err
		}
		if err := c.Programme.Update().Where(programme.HasEventsWith(event.IDIn(t.events...))).Exec(ctx); err != nil {
			return err
		}
	}
	progs := programme.IDIn(t.programmes...)
	if len(t.organised) > 0 {
		progs = programme.Or(progs, programme.HasRolesWith(
			programmerole.PersonIDIn(t.organised...), programmerole.RoleEQ(programmerole.RoleORGANISER)))
	}
	if len(t.programmes) > 0 || len(t.organised) > 0 {
		if err := c.Invitation.Update().Where(invitation.HasEventWith(event.HasProgrammeWith(progs))).Exec(ctx); err != nil {
			return err
		}
		if err := c.Programme.Update().Where(progs).Exec(ctx); err != nil {
			return err
		}
	}
	if len(t.programmeRows) > 0 {
		if err := c.Programme.Update().Where(programme.IDIn(t.programmeRows...)).Exec(ctx); err != nil {
			return err
		}
	}
	if len(t.persons) > 0 {
		if err := c.Person.Update().Where(person.IDIn(t.persons...)).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// planFeedTouch looks up, before the mutation runs, the rows it will
// affect (deleted rows cannot be found afterwards).
func planFeedTouch(ctx context.Context, m ent.Mutation) (*feedTouch, error) {
	isUpdate := m.Op().Is(ent.OpUpdate) || m.Op().Is(ent.OpUpdateOne)
	isDelete := m.Op().Is(ent.OpDelete) || m.Op().Is(ent.OpDeleteOne)
	switch m := m.(type) {
	case *gen.EventMutation:
		t := &feedTouch{client: m.Client()}
		if isUpdate || isDelete {
			ids, err := m.IDs(ctx)
			if err != nil {
				return nil, err
			}
			if isDelete { // its invitations are gone by then: touch the programmes
				t.programmeRows, err = m.Client().Event.Query().Where(event.IDIn(ids...)).Select(event.FieldProgrammeID).Ints(ctx)
				return t, err
			}
			t.events = ids
		}
		return t, nil
	case *gen.OccurrenceOverrideMutation:
		t := &feedTouch{client: m.Client()}
		if id, ok := m.EventID(); ok {
			t.events = []int{id}
			return t, nil
		}
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		t.events, err = m.Client().OccurrenceOverride.Query().Where(occurrenceoverride.IDIn(ids...)).
			Select(occurrenceoverride.FieldEventID).Ints(ctx)
		return t, err
	case *gen.InvitationMutation:
		if !isDelete {
			return &feedTouch{}, nil // the invitation's own updated_at moves
		}
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		rows, err := m.Client().Invitation.Query().Where(invitation.IDIn(ids...)).
			Select(invitation.FieldPersonID, invitation.FieldEventID).All(ctx)
		if err != nil {
			return nil, err
		}
		t := &feedTouch{client: m.Client()}
		for _, r := range rows {
			t.persons = append(t.persons, r.PersonID)
			t.events = append(t.events, r.EventID)
		}
		return t, nil
	case *gen.ActionItemMutation:
		_, newOwner := m.OwnerPersonID()
		if !isDelete && !(isUpdate && (newOwner || m.OwnerPersonIDCleared())) {
			return &feedTouch{}, nil // the action's own updated_at moves
		}
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		t := &feedTouch{client: m.Client()}
		t.persons, err = m.Client().ActionItem.Query().Where(actionitem.IDIn(ids...), actionitem.OwnerPersonIDNotNil()).
			Select(actionitem.FieldOwnerPersonID).Ints(ctx)
		return t, err
	case *gen.ProgrammeRoleMutation:
		t := &feedTouch{client: m.Client()}
		if id, ok := m.ProgrammeID(); ok {
			t.programmes = []int{id}
			return t, nil
		}
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		t.programmes, err = m.Client().ProgrammeRole.Query().Where(programmerole.IDIn(ids...)).
			Select(programmerole.FieldProgrammeID).Ints(ctx)
		return t, err
	case *gen.PersonMutation:
		_, name := m.Name()
		_, email := m.Email()
		if !isUpdate || !(name || email || m.EmailCleared()) {
			return &feedTouch{}, nil
		}
		ids, err := m.IDs(ctx)
		if err != nil {
			return nil, err
		}
		return &feedTouch{client: m.Client(), organised: ids}, nil
	}
	return &feedTouch{}, nil
}
