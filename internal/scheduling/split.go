package scheduling

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/internal/imip"
	"github.com/convene/convene/internal/recurrence"
	"github.com/convene/convene/internal/viewer"
)

// SplitSeries is a "this and following" edit: the series ends before the
// occurrence that originally started at `at`, and a new series (pointing
// back through split_from) starts there with the same rule, carrying the
// later exceptions, overrides and invitations, and then the changes in
// `in`. Invitees get an updated REQUEST for the shortened series and a new
// invitation for the continuation.
func (s *Service) SplitSeries(ctx context.Context, eventID int, at time.Time, in EventInput) (*ent.Event, error) {
	at = wholeSeconds(at)
	var out *ent.Event
	err := s.inTx(ctx, func(tx *ent.Client) error {
		ev, err := s.lockEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if ev.Status == event.StatusCANCELLED {
			return errEventCancelled
		}
		overrides, err := tx.OccurrenceOverride.Query().Where(occurrenceoverride.EventID(ev.ID)).All(ctx)
		if err != nil {
			return err
		}
		if !recurrence.Contains(imip.SeriesOf(ev, overrides), at) {
			return notAnOccurrence(ev, at)
		}
		before, after, err := recurrence.SplitAt(imip.SeriesOf(ev, overrides), at)
		if err != nil {
			return seriesError("at", err)
		}
		sys := viewer.SystemContext(ctx)
		// The new series first (the organiser's rights are checked on it),
		// then the original is shortened.
		c := tx.Event.Create().SetProgrammeID(ev.ProgrammeID).SetKind(ev.Kind).SetTitle(ev.Title).
			SetDescription(ev.Description).SetTimeZone(ev.TimeZone).SetStartsAt(after.Start).SetEndsAt(after.End).
			SetAllDay(ev.AllDay).SetRrule(after.RRule).SetExdates(utcTimes(after.ExDates)).
			SetVenueName(ev.VenueName).SetVenueAddress(ev.VenueAddress).SetVenueAccess(ev.VenueAccess).
			SetNillableCapacity(ev.Capacity).SetSplitFromID(ev.ID)
		if ev.OnlineURL != "" {
			c.SetOnlineURL(ev.OnlineURL)
		}
		next, err := c.Save(ctx)
		if err != nil {
			return err
		}
		// Overrides of the later half move to the new series.
		var moved []int
		for _, o := range after.Overrides {
			row := o.Payload.(*ent.OccurrenceOverride)
			oc := tx.OccurrenceOverride.Create().SetEventID(next.ID).SetRecurrenceID(row.RecurrenceID).
				SetNillableStartsAt(row.StartsAt).SetNillableEndsAt(row.EndsAt).SetCancelled(row.Cancelled).
				SetTitle(row.Title).SetVenueName(row.VenueName).SetVenueAddress(row.VenueAddress)
			if row.OnlineURL != "" {
				oc.SetOnlineURL(row.OnlineURL)
			}
			if err := oc.Exec(ctx); err != nil {
				return err
			}
			moved = append(moved, row.ID)
		}
		if len(moved) > 0 {
			if _, err := tx.OccurrenceOverride.Delete().Where(occurrenceoverride.IDIn(moved...)).Exec(sys); err != nil {
				return err
			}
		}
		if ev, err = tx.Event.UpdateOne(ev).SetRrule(before.RRule).SetExdates(utcTimes(before.ExDates)).Save(ctx); err != nil {
			return err
		}
		// Invitations: series invitations continue with their answers;
		// invitations to a later occurrence move to the new series.
		invs, err := tx.Invitation.Query().Where(invitation.EventID(ev.ID), invitation.WithdrawnAtIsNil()).All(sys)
		if err != nil {
			return err
		}
		for _, inv := range invs {
			if inv.OccurrenceStart != nil && inv.OccurrenceStart.Before(at) {
				continue
			}
			ic := tx.Invitation.Create().SetEventID(next.ID).SetPersonID(inv.PersonID).SetRole(inv.Role).
				SetResponse(inv.Response).SetNillableRespondedAt(inv.RespondedAt).
				SetNillableWaitlistPosition(inv.WaitlistPosition).SetAccessNeeds(inv.AccessNeeds).
				SetNillableOccurrenceStart(inv.OccurrenceStart)
			if err := ic.Exec(sys); err != nil {
				return err
			}
			if inv.OccurrenceStart != nil {
				if err := tx.Invitation.UpdateOne(inv).SetWithdrawnAt(s.now()).Exec(sys); err != nil {
					return err
				}
			}
		}
		if err := s.notifyUpdate(ctx, tx, ev, nil); err != nil {
			return err
		}
		if in != (EventInput{}) {
			in.ProgrammeID = 0
			if next, err = s.applyEventChanges(ctx, tx, next, in, false); err != nil {
				return err
			}
		}
		out = next
		return s.notifyInvitations(ctx, tx, next, nil, kindInvitation)
	})
	return out, err
}
