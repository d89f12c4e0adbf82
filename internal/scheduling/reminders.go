package scheduling

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// DefaultReminderLead is how long before an occurrence accepted invitees
// are reminded, unless configured (--reminder-lead).
const DefaultReminderLead = 24 * time.Hour

// SendReminders emails everyone who has not yet answered the event's
// invitation (optionally only those concerning one occurrence) with a
// fresh reply link. At most one such reminder per invitation per day.
// Returns how many were queued.
func (s *Service) SendReminders(ctx context.Context, eventID int, occurrence *time.Time) (int, error) {
	n := 0
	err := s.inTx(ctx, func(tx *ent.Client) error {
		ev, err := s.lockEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if ev.Status == event.StatusCANCELLED {
			return errEventCancelled
		}
		// Only organisers may do this: the invitation update below is
		// checked by the privacy rules under the caller's viewer.
		q := tx.Invitation.Query().Where(invitation.EventID(ev.ID), invitation.WithdrawnAtIsNil(),
			invitation.ResponseEQ(invitation.ResponsePENDING)).WithPerson()
		if occurrence != nil {
			rid := wholeSeconds(*occurrence)
			q.Where(invitation.Or(invitation.OccurrenceStartIsNil(), invitation.OccurrenceStart(rid)))
		}
		invs, err := q.All(ctx)
		if err != nil {
			return err
		}
		if len(invs) == 0 {
			return nil
		}
		ids := make([]int, len(invs))
		for i, inv := range invs {
			ids[i] = inv.ID
		}
		// One write, under the caller's rights: a non-organiser is refused.
		if len(invs) > 0 {
			if err := tx.Invitation.UpdateOne(invs[0]).SetRemindedAt(s.now()).Exec(ctx); err != nil {
				return err
			}
		}
		if _, err := tx.Invitation.Update().Where(invitation.IDIn(ids...)).SetRemindedAt(s.now()).Save(viewer.SystemContext(ctx)); err != nil {
			return err
		}
		ovs, err := overridesOf(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		day := s.now().Format("2006-01-02")
		for _, inv := range invs {
			if inv.Edges.Person == nil || inv.Edges.Person.Email == nil || *inv.Edges.Person.Email == "" {
				continue
			}
			key := fmt.Sprintf("nudge:%d:%s", inv.ID, day)
			if err := s.sendAboutKeyed(ctx, tx, ev, ovs, inv, kindNudge, nil, key); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// RunDueReminders queues the "coming up" reminder for every occurrence
// starting within the lead time, to each accepted invitee, once: the
// outbox dedupe key (invitation + occurrence) makes reruns and several
// replicas harmless. Returns how many reminders were queued or already
// queued.
func (s *Service) RunDueReminders(ctx context.Context) (int, error) {
	sys := viewer.SystemContext(ctx)
	lead := s.ReminderLead
	if lead <= 0 {
		lead = DefaultReminderLead
	}
	now := s.now()
	horizon := now.Add(lead)
	events, err := s.Client.Event.Query().Where(
		event.StatusEQ(event.StatusSCHEDULED),
		event.StartsAtLTE(horizon),
		event.Or(event.And(event.RruleNotNil(), event.RruleNEQ("")), event.EndsAtGT(now)),
	).All(sys)
	if err != nil {
		return 0, err
	}
	ids := make([]int, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	ovs, err := OverridesFor(sys, s.Client, ids)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, ev := range events {
		occs, err := Expand(ev, ovs[ev.ID], now, horizon)
		if err != nil {
			slog.WarnContext(ctx, "reminders: cannot expand event", "event", ev.ID, "err", err)
			continue
		}
		for _, occ := range occs {
			if occ.Cancelled || occ.StartsAt.Before(now) || occ.StartsAt.After(horizon) {
				continue
			}
			rid := occ.RecurrenceID
			err := s.inTxSys(sys, func(tx *ent.Client) error {
				invs, err := tx.Invitation.Query().Where(invitation.EventID(ev.ID), invitation.WithdrawnAtIsNil(),
					invitation.ResponseEQ(invitation.ResponseACCEPTED),
					invitation.Or(invitation.OccurrenceStartIsNil(), invitation.OccurrenceStart(rid))).
					WithPerson().All(sys)
				if err != nil {
					return err
				}
				for _, inv := range invs {
					key := fmt.Sprintf("reminder:%d:%s", inv.ID, rid.UTC().Format(time.RFC3339))
					if err := s.sendAboutKeyed(sys, tx, ev, ovs[ev.ID], inv, kindReminder, &rid, key); err != nil {
						return err
					}
					n++
				}
				return nil
			})
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// RunReminderLoop runs RunDueReminders every interval until ctx ends.
func (s *Service) RunReminderLoop(ctx context.Context, interval time.Duration, logger *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := s.RunDueReminders(ctx); err != nil && ctx.Err() == nil {
			logger.ErrorContext(ctx, "reminders", "err", err)
		} else if n > 0 {
			logger.DebugContext(ctx, "reminders queued", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

var _ = apperr.Invalid
