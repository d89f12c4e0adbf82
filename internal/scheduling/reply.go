package scheduling

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/imip"
	"github.com/convene/convene/internal/recurrence"
	"github.com/convene/convene/internal/viewer"
)

// Reply is an invitee's answer.
type Reply struct {
	Response    invitation.Response // ACCEPTED, TENTATIVE or DECLINED
	AccessNeeds *string
}

// Respond records a signed-in invitee's (or an organiser's) reply to the
// invitation; the privacy rules decide who may.
func (s *Service) Respond(ctx context.Context, invitationID int, r Reply) (*ent.Invitation, error) {
	var out *ent.Invitation
	err := s.inTx(ctx, func(tx *ent.Client) error {
		var err error
		out, err = s.reply(ctx, tx, invitationID, r)
		return err
	})
	return out, err
}

// RespondByToken records a reply made through the emailed link. Holding
// the token is the authorization, for that one invitation only.
func (s *Service) RespondByToken(ctx context.Context, token string, r Reply) (*ent.Invitation, error) {
	sys := viewer.SystemContext(ctx)
	var out *ent.Invitation
	err := s.inTxSys(sys, func(tx *ent.Client) error {
		inv, err := tx.Invitation.Query().Where(invitation.TokenHash(auth.Hash(token))).Only(sys)
		if ent.IsNotFound(err) {
			return ErrBadToken
		} else if err != nil {
			return err
		}
		out, err = s.reply(sys, tx, inv.ID, r)
		return err
	})
	return out, err
}

// inTxSys always opens its own transaction (token flows run outside
// GraphQL).
func (s *Service) inTxSys(ctx context.Context, fn func(tx *ent.Client) error) error {
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// ErrBadToken is returned for an unknown (mistyped, replaced or forged)
// RSVP token.
var ErrBadToken = apperr.NotFoundf("this invitation link is not valid: it may have been replaced by a newer email, or the invitation withdrawn")

// reply decides the new state with the event locked, so concurrent replies
// are decided one after another and capacity is never exceeded:
//
//   - accept: a place if one is free in the invitation's scope, else the
//     end of the waitlist (arrival order); an accepted or waitlisted
//     invitee keeps their place or position;
//   - tentative/decline: a place given up goes to the waitlist, in order,
//     and the promoted person is emailed — all in this transaction.
func (s *Service) reply(ctx context.Context, tx *ent.Client, invitationID int, r Reply) (*ent.Invitation, error) {
	switch r.Response {
	case invitation.ResponseACCEPTED, invitation.ResponseTENTATIVE, invitation.ResponseDECLINED:
	default:
		return nil, apperr.Invalid("response", "reply ACCEPTED, TENTATIVE or DECLINED, not %s", r.Response)
	}
	// The invitee may see (and so lock) their event; the row lock is
	// taken before the invitation is read, so its state is current.
	pre, err := tx.Invitation.Get(ctx, invitationID)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("invitation %d not found", invitationID)
	} else if err != nil {
		return nil, err
	}
	ev, err := s.lockEvent(ctx, tx, pre.EventID)
	if err != nil {
		return nil, err
	}
	sys := viewer.SystemContext(ctx)
	inv, err := tx.Invitation.Get(sys, invitationID)
	if err != nil {
		return nil, err
	}
	if err := s.canReply(ctx, tx, ev, inv); err != nil {
		return nil, err
	}
	now := s.now()
	u := tx.Invitation.UpdateOne(inv).SetRespondedAt(now)
	if r.AccessNeeds != nil {
		u.SetAccessNeeds(str(r.AccessNeeds))
	}
	freed := false
	switch r.Response {
	case invitation.ResponseACCEPTED:
		switch inv.Response {
		case invitation.ResponseACCEPTED, invitation.ResponseWAITLISTED:
			// Keep the place or the position in the queue.
		default:
			counts, err := acceptedCounts(sys, tx, ev.ID)
			if err != nil {
				return nil, err
			}
			if fits(ev, counts, inv.ScopeKey) {
				u.SetResponse(invitation.ResponseACCEPTED).ClearWaitlistPosition()
			} else {
				pos, err := nextWaitlistPosition(sys, tx, ev.ID)
				if err != nil {
					return nil, err
				}
				u.SetResponse(invitation.ResponseWAITLISTED).SetWaitlistPosition(pos)
			}
		}
	default:
		freed = inv.Response == invitation.ResponseACCEPTED
		u.SetResponse(r.Response).ClearWaitlistPosition()
	}
	out, err := u.Save(ctx)
	if err != nil {
		return nil, err
	}
	if freed {
		if err := s.promote(ctx, tx, ev); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// canReply refuses replies to withdrawn invitations, cancelled events or
// occurrences, and events that are over.
func (s *Service) canReply(ctx context.Context, tx *ent.Client, ev *ent.Event, inv *ent.Invitation) error {
	if inv.WithdrawnAt != nil {
		return apperr.Invalid("invitation", "this invitation has been withdrawn")
	}
	if ev.Status == event.StatusCANCELLED {
		return apperr.Invalid("invitation", "%q has been cancelled", ev.Title)
	}
	over, cancelled, err := s.finished(ctx, tx, ev, inv)
	if err != nil {
		return err
	}
	if cancelled {
		return apperr.Invalid("invitation", "that meeting of %q has been cancelled", ev.Title)
	}
	if over {
		return apperr.Invalid("invitation", "%q is over", ev.Title)
	}
	return nil
}

// finished reports whether what inv is about has ended (no occurrence
// still to finish), and whether its single occurrence is cancelled.
func (s *Service) finished(ctx context.Context, tx *ent.Client, ev *ent.Event, inv *ent.Invitation) (over, cancelled bool, err error) {
	now := s.now()
	ovs, err := overridesOf(ctx, tx, ev.ID)
	if err != nil {
		return false, false, err
	}
	if inv.OccurrenceStart != nil {
		occ, err := findOccurrence(ev, ovs, *inv.OccurrenceStart)
		if err != nil {
			return true, false, nil // the occurrence no longer exists
		}
		return !occ.EndsAt.After(now), occ.Cancelled, nil
	}
	if ev.Rrule == "" {
		return !ev.EndsAt.After(now), false, nil
	}
	// Any occurrence still to end: one starting after now minus its length
	// (moved ones are taken at their new time).
	next, err := recurrence.Next(imip.SeriesOf(ev, ovs), now.Add(-ev.EndsAt.Sub(ev.StartsAt)))
	if err != nil {
		return false, false, seriesError("event", err)
	}
	return next == nil, false, nil
}

// acceptedCounts counts accepted, active invitations per scope (""=series,
// else one occurrence): one GROUP BY query.
func acceptedCounts(ctx context.Context, tx *ent.Client, eventID int) (map[string]int, error) {
	var rows []struct {
		ScopeKey string `json:"scope_key"`
		Count    int    `json:"count"`
	}
	err := tx.Invitation.Query().
		Where(invitation.EventID(eventID), invitation.ResponseEQ(invitation.ResponseACCEPTED), invitation.WithdrawnAtIsNil()).
		GroupBy(invitation.FieldScopeKey).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.ScopeKey] = r.Count
	}
	return out, nil
}

// seatsTaken is how many places are taken in a scope: series acceptances
// count towards every occurrence; the series itself is as full as its
// fullest occurrence.
func seatsTaken(counts map[string]int, scope string) int {
	if scope != "" {
		return counts[""] + counts[scope]
	}
	busiest := 0
	for k, n := range counts {
		if k != "" && n > busiest {
			busiest = n
		}
	}
	return counts[""] + busiest
}

func fits(ev *ent.Event, counts map[string]int, scope string) bool {
	return ev.Capacity == nil || seatsTaken(counts, scope) < *ev.Capacity
}

func (s *Service) acceptedForSeries(ctx context.Context, tx *ent.Client, eventID int) (int, error) {
	counts, err := acceptedCounts(viewer.SystemContext(ctx), tx, eventID)
	if err != nil {
		return 0, err
	}
	return seatsTaken(counts, ""), nil
}

// nextWaitlistPosition is one past the event's highest position: with the
// event locked, positions only grow, so the queue is in arrival order.
func nextWaitlistPosition(ctx context.Context, tx *ent.Client, eventID int) (int64, error) {
	var rows []struct {
		Max *int64 `json:"max"`
	}
	err := tx.Invitation.Query().Where(invitation.EventID(eventID)).
		Aggregate(ent.Max(invitation.FieldWaitlistPosition)).Scan(ctx, &rows)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 || rows[0].Max == nil {
		return 1, nil
	}
	return *rows[0].Max + 1, nil
}

// promote gives free places to the waitlist in order (lowest position
// first; someone whose occurrence is still full is passed over, not
// dropped) and emails each promoted person. The caller holds the event lock.
func (s *Service) promote(ctx context.Context, tx *ent.Client, ev *ent.Event) error {
	sys := viewer.SystemContext(ctx)
	queue, err := tx.Invitation.Query().
		Where(invitation.EventID(ev.ID), invitation.ResponseEQ(invitation.ResponseWAITLISTED), invitation.WithdrawnAtIsNil()).
		Order(ent.Asc(invitation.FieldWaitlistPosition), ent.Asc(invitation.FieldID)).
		WithPerson().All(sys)
	if err != nil || len(queue) == 0 {
		return err
	}
	counts, err := acceptedCounts(sys, tx, ev.ID)
	if err != nil {
		return err
	}
	var ovs []*ent.OccurrenceOverride
	now := s.now()
	for _, inv := range queue {
		if !fits(ev, counts, inv.ScopeKey) {
			if inv.ScopeKey == "" && ev.Capacity != nil && counts[""] >= *ev.Capacity {
				break // the series is full: nobody further back fits either
			}
			continue
		}
		promoted, err := tx.Invitation.UpdateOne(inv).SetResponse(invitation.ResponseACCEPTED).
			ClearWaitlistPosition().Save(sys)
		if err != nil {
			return err
		}
		counts[inv.ScopeKey]++
		promoted.Edges.Person = inv.Edges.Person
		if ovs == nil {
			if ovs, err = overridesOf(ctx, tx, ev.ID); err != nil {
				return err
			}
		}
		_ = now
		if err := s.sendAbout(sys, tx, ev, ovs, promoted, kindPromotion, nil); err != nil {
			return err
		}
	}
	return nil
}

// InvitationByToken returns the invitation behind an RSVP token with its
// event and person, for the reply page (system context: the token is the
// authorization, and only this invitation's rows are read).
func (s *Service) InvitationByToken(ctx context.Context, token string) (*ent.Invitation, error) {
	if len(token) < 20 || len(token) > 200 {
		return nil, ErrBadToken
	}
	sys := viewer.SystemContext(ctx)
	inv, err := s.Client.Invitation.Query().Where(invitation.TokenHash(auth.Hash(token))).
		WithEvent().WithPerson().Only(sys)
	if ent.IsNotFound(err) {
		return nil, ErrBadToken
	}
	return inv, err
}

// TokenState says whether an invitation can still be answered.
func (s *Service) TokenState(ctx context.Context, inv *ent.Invitation) error {
	sys := viewer.SystemContext(ctx)
	return s.canReply(sys, s.Client, inv.Edges.Event, inv)
}

// OverridesOf exposes an event's overrides (system context) for pages.
func (s *Service) OverridesOf(ctx context.Context, eventID int) ([]*ent.OccurrenceOverride, error) {
	return overridesOf(ctx, s.Client, eventID)
}

var _ = time.Second
