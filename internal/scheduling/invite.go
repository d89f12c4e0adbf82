package scheduling

import (
	"context"
	"sort"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// InviteInput says who to invite to an event (the series by default, or one
// occurrence). The lists are combined; duplicates and people already
// invited are skipped, not errors.
type InviteInput struct {
	EventID           int
	Occurrence        *time.Time
	Role              invitation.Role
	PersonIDs         []int
	OrganisationIDs   []int
	StakeholderGroups []person.StakeholderGroup
	// FromEventIDs invites everyone who attended those events.
	FromEventIDs []int
}

// InviteResult reports what happened.
type InviteResult struct {
	Invitations []*ent.Invitation // created (or re-instated)
	Skipped     int               // already invited
	NotEmailed  int               // invited, but no email address on file
}

// Invite creates the invitations and queues one invitation email each, in
// one transaction.
func (s *Service) Invite(ctx context.Context, in InviteInput) (*InviteResult, error) {
	res := &InviteResult{}
	err := s.inTx(ctx, func(tx *ent.Client) error {
		ev, err := tx.Event.Get(ctx, in.EventID)
		if ent.IsNotFound(err) {
			return apperr.NotFoundf("event %d not found", in.EventID)
		} else if err != nil {
			return err
		}
		if ev.Status == event.StatusCANCELLED {
			return errEventCancelled
		}
		scope := ""
		if in.Occurrence != nil {
			rid := wholeSeconds(*in.Occurrence)
			in.Occurrence = &rid
			ovs, err := overridesOf(ctx, tx, ev.ID)
			if err != nil {
				return err
			}
			occ, err := findOccurrence(ev, ovs, rid)
			if err != nil {
				return err
			}
			if occ.Cancelled {
				return apperr.Invalid("occurrence", "the occurrence of %s is cancelled", stamp(rid, ev.TimeZone))
			}
			scope = rid.UTC().Format(time.RFC3339)
		}
		ids, err := s.inviteeIDs(ctx, tx, in)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return apperr.Invalid("input", "nobody to invite: give people, organisations, stakeholder groups or previous events")
		}
		sys := viewer.SystemContext(ctx)
		existing, err := tx.Invitation.Query().
			Where(invitation.EventID(ev.ID), invitation.ScopeKey(scope), invitation.PersonIDIn(ids...)).All(sys)
		if err != nil {
			return err
		}
		have := make(map[int]*ent.Invitation, len(existing))
		for _, e := range existing {
			have[e.PersonID] = e
		}
		role := in.Role
		if role == "" {
			role = invitation.RolePARTICIPANT
		}
		var fresh []*ent.Invitation
		var builders []*ent.InvitationCreate
		for _, pid := range ids {
			if old := have[pid]; old != nil {
				if old.WithdrawnAt == nil {
					res.Skipped++
					continue
				}
				// Invited again after being withdrawn: start afresh.
				re, err := tx.Invitation.UpdateOne(old).ClearWithdrawnAt().SetResponse(invitation.ResponsePENDING).
					ClearRespondedAt().ClearWaitlistPosition().SetRole(role).Save(ctx)
				if err != nil {
					return err
				}
				fresh = append(fresh, re)
				continue
			}
			b := tx.Invitation.Create().SetEventID(ev.ID).SetPersonID(pid).SetRole(role)
			if in.Occurrence != nil {
				b.SetOccurrenceStart(*in.Occurrence)
			}
			builders = append(builders, b)
		}
		if len(builders) > 0 {
			created, err := tx.Invitation.CreateBulk(builders...).Save(ctx)
			if err != nil {
				return err
			}
			fresh = append(fresh, created...)
		}
		if len(fresh) == 0 {
			return nil
		}
		people, err := tx.Person.Query().Where(person.IDIn(personIDs(fresh)...)).All(sys)
		if err != nil {
			return err
		}
		byID := make(map[int]*ent.Person, len(people))
		for _, p := range people {
			byID[p.ID] = p
		}
		for _, inv := range fresh {
			inv.Edges.Person = byID[inv.PersonID]
			if p := inv.Edges.Person; p == nil || p.Email == nil || *p.Email == "" {
				res.NotEmailed++
			}
		}
		res.Invitations = fresh
		return s.notifyInvitations(ctx, tx, ev, fresh, kindInvitation)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func personIDs(invs []*ent.Invitation) []int {
	out := make([]int, len(invs))
	for i, inv := range invs {
		out[i] = inv.PersonID
	}
	return out
}

// inviteeIDs resolves the input's people, organisations, groups and past
// events into distinct person ids (erased people excluded), in a stable
// order. Lists are read through the caller's privacy rules, so an
// organiser can only draw on what they may see.
func (s *Service) inviteeIDs(ctx context.Context, tx *ent.Client, in InviteInput) ([]int, error) {
	set := map[int]bool{}
	for _, id := range in.PersonIDs {
		set[id] = true
	}
	if len(in.OrganisationIDs) > 0 {
		var ids []int
		err := tx.Membership.Query().Where(membership.OrganisationIDIn(in.OrganisationIDs...)).
			Select(membership.FieldPersonID).Scan(ctx, &ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			set[id] = true
		}
	}
	if len(in.StakeholderGroups) > 0 {
		ids, err := tx.Person.Query().Where(person.StakeholderGroupIn(in.StakeholderGroups...), person.ErasedAtIsNil()).IDs(ctx)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			set[id] = true
		}
	}
	if len(in.FromEventIDs) > 0 {
		var ids []int
		err := tx.Attendance.Query().
			Where(attendance.EventIDIn(in.FromEventIDs...),
				attendance.StatusIn(attendance.StatusPRESENT, attendance.StatusLATE, attendance.StatusLEFT_EARLY)).
			Select(attendance.FieldPersonID).Scan(ctx, &ids)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			set[id] = true
		}
	}
	if len(set) == 0 {
		return nil, nil
	}
	all := make([]int, 0, len(set))
	for id := range set {
		all = append(all, id)
	}
	// Only people who exist, are visible and have not been erased.
	ids, err := tx.Person.Query().Where(person.IDIn(all...), person.ErasedAtIsNil()).IDs(ctx)
	if err != nil {
		return nil, err
	}
	if len(in.PersonIDs) > 0 {
		found := make(map[int]bool, len(ids))
		for _, id := range ids {
			found[id] = true
		}
		for _, id := range in.PersonIDs {
			if !found[id] {
				return nil, apperr.Invalid("personIds", "person %d not found", id)
			}
		}
	}
	sort.Ints(ids)
	return ids, nil
}

// WithdrawInvitation withdraws an invitation: its link stops working, its
// place (if any) goes to the next on the waitlist, and the person gets a
// cancellation for their calendar.
func (s *Service) WithdrawInvitation(ctx context.Context, id int) (*ent.Invitation, error) {
	var out *ent.Invitation
	err := s.inTx(ctx, func(tx *ent.Client) error {
		inv, err := tx.Invitation.Get(ctx, id)
		if err != nil {
			return err
		}
		ev, err := s.lockEvent(ctx, tx, inv.EventID)
		if err != nil {
			return err
		}
		if inv.WithdrawnAt != nil {
			out = inv
			return nil
		}
		wasAccepted := inv.Response == invitation.ResponseACCEPTED
		if out, err = tx.Invitation.UpdateOne(inv).SetWithdrawnAt(s.now()).ClearWaitlistPosition().Save(ctx); err != nil {
			return err
		}
		ovs, err := overridesOf(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		if err := s.sendAbout(ctx, tx, ev, ovs, out, kindCancellation, nil); err != nil {
			return err
		}
		if wasAccepted {
			return s.promote(ctx, tx, ev)
		}
		return nil
	})
	return out, err
}
