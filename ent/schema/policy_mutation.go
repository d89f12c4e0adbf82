package schema

import (
	"context"

	"entgo.io/ent"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/ent/privacy"
	"github.com/convene/convene/internal/viewer"
)

// Mutation rules. Creates are judged on the values being written; updates
// and deletes on the rows they touch, which are looked up through the query
// rules above — a row the viewer cannot see cannot be changed (NOT_FOUND).

// targetIDs returns the ids an update/delete touches, through privacy.
func targetIDs(ctx context.Context, m interface {
	IDs(context.Context) ([]int, error)
}) ([]int, error) {
	ids, err := m.IDs(ctx)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, &gen.NotFoundError{}
	}
	return ids, nil
}

// denyBulk refuses multi-row updates/deletes to non-privileged viewers.
func denyBulk() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m gen.Mutation) error {
		if m.Op().Is(ent.OpUpdate) || m.Op().Is(ent.OpDelete) {
			return errDenied
		}
		return privacy.Skip
	})
}

func decide(ok bool) error {
	if ok {
		return privacy.Allow
	}
	return errDenied
}

// directoryMutationRule: organisations and memberships are managed by
// organisers (of any programme) and admins.
func directoryMutationRule() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, _ gen.Mutation) error {
		return decide(isDirectoryEditor(viewer.FromContext(ctx)))
	})
}

// personMutationRule: organisers manage the directory; anyone may edit
// their own profile.
func personMutationRule() privacy.MutationRule {
	return privacy.PersonMutationRuleFunc(func(ctx context.Context, m *gen.PersonMutation) error {
		v := viewer.FromContext(ctx)
		if isDirectoryEditor(v) {
			return privacy.Allow
		}
		if m.Op().Is(ent.OpUpdateOne) {
			if id, ok := m.ID(); ok && id == v.PersonID {
				return privacy.Allow
			}
		}
		return errDenied
	})
}

func programmeMutationRule() privacy.MutationRule {
	return privacy.ProgrammeMutationRuleFunc(func(ctx context.Context, m *gen.ProgrammeMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpCreate) {
			return decide(isDirectoryEditor(v))
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		return decide(allOrganised(v, ids))
	})
}

func allOrganised(v *viewer.Viewer, programmeIDs []int) bool {
	for _, id := range programmeIDs {
		if !v.Has(id, viewer.Organiser) {
			return false
		}
	}
	return true
}

func organisesOrConsults(v *viewer.Viewer, programmeID int) bool {
	return v.Has(programmeID, viewer.Organiser) || v.Has(programmeID, viewer.Consultant)
}

func programmeRoleMutationRule() privacy.MutationRule {
	return privacy.ProgrammeRoleMutationRuleFunc(func(ctx context.Context, m *gen.ProgrammeRoleMutation) error {
		v := viewer.FromContext(ctx)
		if pid, ok := m.ProgrammeID(); ok && m.Op().Is(ent.OpCreate) {
			return decide(v.Has(pid, viewer.Organiser))
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		for _, id := range ids {
			r, err := m.Client().ProgrammeRole.Get(ctx, id)
			if err != nil {
				return err
			}
			if !v.Has(r.ProgrammeID, viewer.Organiser) {
				return errDenied
			}
		}
		return privacy.Allow
	})
}

// eventProgramme finds the programme of an event the viewer can see.
func eventProgramme(ctx context.Context, c *gen.Client, eventID int) (int, error) {
	ev, err := c.Event.Get(ctx, eventID)
	if err != nil {
		return 0, err
	}
	return ev.ProgrammeID, nil
}

func eventMutationRule() privacy.MutationRule {
	return privacy.EventMutationRuleFunc(func(ctx context.Context, m *gen.EventMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpCreate) {
			pid, _ := m.ProgrammeID()
			return decide(v.Has(pid, viewer.Organiser))
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		for _, id := range ids {
			pid, err := eventProgramme(ctx, m.Client(), id)
			if err != nil {
				return err
			}
			if !v.Has(pid, viewer.Organiser) {
				return errDenied
			}
		}
		return privacy.Allow
	})
}

// byEventOrganiser covers rows that hang off an event (overrides, minutes,
// attendance): the organisers of the event's programme manage them. The
// events are loaded in one query, through the viewer's privacy rules: an
// event the viewer cannot see is NOT_FOUND.
func byEventOrganiser(ctx context.Context, c *gen.Client, eventIDs ...int) error {
	v := viewer.FromContext(ctx)
	events, err := c.Event.Query().Where(event.IDIn(eventIDs...)).All(ctx)
	if err != nil {
		return err
	}
	found := make(map[int]bool, len(events))
	for _, ev := range events {
		found[ev.ID] = true
		if !v.Has(ev.ProgrammeID, viewer.Organiser) {
			return errDenied
		}
	}
	for _, id := range eventIDs {
		if !found[id] {
			return &gen.NotFoundError{}
		}
	}
	return privacy.Allow
}

func overrideMutationRule() privacy.MutationRule {
	return privacy.OccurrenceOverrideMutationRuleFunc(func(ctx context.Context, m *gen.OccurrenceOverrideMutation) error {
		if eid, ok := m.EventID(); ok && m.Op().Is(ent.OpCreate) {
			return byEventOrganiser(ctx, m.Client(), eid)
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		events, err := m.Client().OccurrenceOverride.Query().Where(occurrenceoverride.IDIn(ids...)).
			Unique(true).Select(occurrenceoverride.FieldEventID).Ints(ctx)
		if err != nil {
			return err
		}
		return byEventOrganiser(ctx, m.Client(), events...)
	})
}

func minutesMutationRule() privacy.MutationRule {
	return privacy.MinutesMutationRuleFunc(func(ctx context.Context, m *gen.MinutesMutation) error {
		if eid, ok := m.EventID(); ok && m.Op().Is(ent.OpCreate) {
			v := viewer.FromContext(ctx)
			pid, err := eventProgramme(ctx, m.Client(), eid)
			if err != nil {
				return err
			}
			return decide(organisesOrConsults(v, pid))
		}
		return errDenied // minutes revisions are append-only
	})
}

// inviteeEditableFields are what an invitee may change on their own
// invitation (their reply); everything else is the organisers'.
var inviteeEditableFields = map[string]bool{
	"response": true, "responded_at": true, "access_needs": true, "waitlist_position": true, "updated_at": true,
}

func invitationMutationRule() privacy.MutationRule {
	return privacy.InvitationMutationRuleFunc(func(ctx context.Context, m *gen.InvitationMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpCreate) {
			eid, _ := m.EventID()
			return byEventOrganiser(ctx, m.Client(), eid)
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		for _, id := range ids {
			inv, err := m.Client().Invitation.Get(ctx, id)
			if err != nil {
				return err
			}
			pid, err := eventProgramme(ctx, m.Client(), inv.EventID)
			if err != nil {
				return err
			}
			if v.Has(pid, viewer.Organiser) {
				continue
			}
			if inv.PersonID == v.PersonID && m.Op().Is(ent.OpUpdateOne) && onlyFields(m.Fields(), inviteeEditableFields) {
				continue
			}
			return errDenied
		}
		return privacy.Allow
	})
}

func onlyFields(fields []string, allowed map[string]bool) bool {
	for _, f := range fields {
		if !allowed[f] {
			return false
		}
	}
	return true
}

func attendanceMutationRule() privacy.MutationRule {
	return privacy.AttendanceMutationRuleFunc(func(ctx context.Context, m *gen.AttendanceMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpCreate) {
			eid, _ := m.EventID()
			// Self check-in: an invitee records their own arrival; the
			// check-in service has verified the code and the time window.
			if pid, ok := m.PersonID(); ok && pid == v.PersonID {
				if method, ok := m.Method(); ok && method == "SELF" {
					return privacy.Allow
				}
			}
			return byEventOrganiser(ctx, m.Client(), eid)
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		events, err := m.Client().Attendance.Query().Where(attendance.IDIn(ids...)).
			Unique(true).Select(attendance.FieldEventID).Ints(ctx)
		if err != nil {
			return err
		}
		return byEventOrganiser(ctx, m.Client(), events...)
	})
}

// ownerEditableActionFields: an action's owner reports progress.
var ownerEditableActionFields = map[string]bool{
	"status": true, "progress": true, "completed_at": true, "updated_at": true,
}

func actionMutationRule() privacy.MutationRule {
	return privacy.ActionItemMutationRuleFunc(func(ctx context.Context, m *gen.ActionItemMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpCreate) {
			pid, _ := m.ProgrammeID()
			return decide(organisesOrConsults(v, pid))
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		for _, id := range ids {
			a, err := m.Client().ActionItem.Get(ctx, id)
			if err != nil {
				return err
			}
			if organisesOrConsults(v, a.ProgrammeID) {
				continue
			}
			if a.OwnerPersonID != nil && *a.OwnerPersonID == v.PersonID && m.Op().Is(ent.OpUpdateOne) && onlyFields(m.Fields(), ownerEditableActionFields) {
				continue
			}
			return errDenied
		}
		return privacy.Allow
	})
}

func actionUpdateMutationRule() privacy.MutationRule {
	return privacy.ActionUpdateMutationRuleFunc(func(ctx context.Context, m *gen.ActionUpdateMutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return errDenied // history is append-only
		}
		v := viewer.FromContext(ctx)
		aid, _ := m.ActionID()
		a, err := m.Client().ActionItem.Get(ctx, aid)
		if err != nil {
			return err
		}
		owner := a.OwnerPersonID != nil && *a.OwnerPersonID == v.PersonID
		return decide(organisesOrConsults(v, a.ProgrammeID) || owner)
	})
}

func commitmentMutationRule() privacy.MutationRule {
	return privacy.CommitmentMutationRuleFunc(func(ctx context.Context, m *gen.CommitmentMutation) error {
		v := viewer.FromContext(ctx)
		if m.Op().Is(ent.OpCreate) {
			pid, _ := m.ProgrammeID()
			return decide(organisesOrConsults(v, pid))
		}
		ids, err := targetIDs(ctx, m)
		if err != nil {
			return err
		}
		for _, id := range ids {
			c, err := m.Client().Commitment.Get(ctx, id)
			if err != nil {
				return err
			}
			if !organisesOrConsults(v, c.ProgrammeID) {
				return errDenied
			}
		}
		return privacy.Allow
	})
}

// credentialMutation is what the session, API-token and feed-token
// mutations share.
type credentialMutation interface {
	Op() ent.Op
	PersonID() (int, bool)
	IDs(context.Context) ([]int, error)
}

// ownCredential: people create credentials for themselves only; updates
// and deletes reach only their own rows (the query rules see to that).
func ownCredential(ctx context.Context, m credentialMutation) error {
	if m.Op().Is(ent.OpCreate) {
		pid, _ := m.PersonID()
		return decide(pid == viewer.FromContext(ctx).PersonID)
	}
	if _, err := targetIDs(ctx, m); err != nil {
		return err
	}
	return privacy.Allow
}

func sessionMutationRule() privacy.MutationRule {
	return privacy.SessionMutationRuleFunc(func(ctx context.Context, m *gen.SessionMutation) error {
		return ownCredential(ctx, m)
	})
}

func apiTokenMutationRule() privacy.MutationRule {
	return privacy.APITokenMutationRuleFunc(func(ctx context.Context, m *gen.APITokenMutation) error {
		return ownCredential(ctx, m)
	})
}

func feedTokenMutationRule() privacy.MutationRule {
	return privacy.FeedTokenMutationRuleFunc(func(ctx context.Context, m *gen.FeedTokenMutation) error {
		return ownCredential(ctx, m)
	})
}
