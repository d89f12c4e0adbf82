package scheduling

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/internal/apperr"
)

// OccurrenceChange is what to change on one occurrence (nil = unchanged).
type OccurrenceChange struct {
	StartsAt     *time.Time
	EndsAt       *time.Time
	Cancel       bool
	Title        *string
	VenueName    *string
	VenueAddress *string
	OnlineURL    *string
}

// MoveOccurrence moves one occurrence of a series (RECURRENCE-ID override).
func (s *Service) MoveOccurrence(ctx context.Context, eventID int, rid, start time.Time, end *time.Time) (Occurrence, error) {
	return s.ChangeOccurrence(ctx, eventID, rid, OccurrenceChange{StartsAt: &start, EndsAt: end})
}

// CancelOccurrence cancels one occurrence; it stays listed, flagged.
func (s *Service) CancelOccurrence(ctx context.Context, eventID int, rid time.Time) (Occurrence, error) {
	return s.ChangeOccurrence(ctx, eventID, rid, OccurrenceChange{Cancel: true})
}

// ChangeOccurrence applies an override to the occurrence of eventID that
// originally started at rid, raising the event's SEQUENCE when calendars
// must see it, and emails invitees: an updated REQUEST for a move or new
// venue, a CANCEL with RECURRENCE-ID for a cancellation.
func (s *Service) ChangeOccurrence(ctx context.Context, eventID int, rid time.Time, ch OccurrenceChange) (Occurrence, error) {
	rid = wholeSeconds(rid)
	var out Occurrence
	err := s.inTx(ctx, func(tx *ent.Client) error {
		ev, err := s.lockEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if ev.Status == event.StatusCANCELLED {
			return errEventCancelled
		}
		if ev.Rrule == "" {
			return apperr.Invalid("eventId", "%q does not repeat: change the event itself (rescheduleEvent or cancelEvent)", ev.Title)
		}
		overrides, err := tx.OccurrenceOverride.Query().Where(occurrenceoverride.EventID(ev.ID)).All(ctx)
		if err != nil {
			return err
		}
		occ, err := findOccurrence(ev, overrides, rid)
		if err != nil {
			return err
		}
		if occ.Override != nil && occ.Override.Cancelled && !ch.Cancel {
			return apperr.Invalid("recurrenceId", "the occurrence of %s is cancelled", stamp(rid, ev.TimeZone))
		}
		start, end := occ.StartsAt, occ.EndsAt
		timesChanged := false
		if ch.StartsAt != nil {
			ns := wholeSeconds(*ch.StartsAt)
			if ch.EndsAt == nil {
				end = ns.Add(end.Sub(start))
			}
			timesChanged = !ns.Equal(start)
			start = ns
		}
		if ch.EndsAt != nil {
			ne := wholeSeconds(*ch.EndsAt)
			timesChanged = timesChanged || !ne.Equal(end)
			end = ne
		}
		if !end.After(start) {
			return apperr.Invalid("endsAt", "the occurrence must end after it starts (starts %s, ends %s)", stamp(start, ev.TimeZone), stamp(end, ev.TimeZone))
		}
		visible := timesChanged || (ch.Cancel && !occ.Cancelled)
		var row *ent.OccurrenceOverride
		if occ.Override != nil {
			u := tx.OccurrenceOverride.UpdateOne(occ.Override)
			if timesChanged {
				u.SetStartsAt(start).SetEndsAt(end)
			}
			if ch.Cancel {
				u.SetCancelled(true)
			}
			visible = applyOverrideText(u.Mutation(), occ.Override, ch) || visible
			if visible {
				u.SetSequence(ev.Sequence + 1)
			}
			if row, err = u.Save(ctx); err != nil {
				return err
			}
		} else {
			c := tx.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(rid).SetCancelled(ch.Cancel)
			if timesChanged {
				c.SetStartsAt(start).SetEndsAt(end)
			}
			visible = applyOverrideText(c.Mutation(), nil, ch) || visible
			if visible {
				c.SetSequence(ev.Sequence + 1)
			}
			if row, err = c.Save(ctx); err != nil {
				return err
			}
		}
		if visible {
			// An exception changed: the whole series' SEQUENCE goes up
			// (and its last-modified time with it).
			if ev, err = tx.Event.UpdateOne(ev).AddSequence(1).Save(ctx); err != nil {
				return err
			}
		}
		overrides, err = tx.OccurrenceOverride.Query().Where(occurrenceoverride.EventID(ev.ID)).All(ctx)
		if err != nil {
			return err
		}
		if out, err = findOccurrence(ev, overrides, rid); err != nil {
			return err
		}
		_ = row
		if !visible {
			return nil
		}
		if ch.Cancel {
			return s.notifyCancel(ctx, tx, ev, &rid)
		}
		return s.notifyUpdate(ctx, tx, ev, &rid)
	})
	return out, err
}

type overrideTextSetter interface {
	SetTitle(string)
	SetVenueName(string)
	SetVenueAddress(string)
	SetOnlineURL(string)
	ClearOnlineURL()
}

// applyOverrideText sets the text fields; it reports whether the location
// (which calendars show) changed. Title changes are cosmetic.
func applyOverrideText(m overrideTextSetter, old *ent.OccurrenceOverride, ch OccurrenceChange) bool {
	var prev ent.OccurrenceOverride
	if old != nil {
		prev = *old
	}
	changed := false
	if ch.Title != nil && str(ch.Title) != prev.Title {
		m.SetTitle(str(ch.Title))
	}
	if ch.VenueName != nil && str(ch.VenueName) != prev.VenueName {
		m.SetVenueName(str(ch.VenueName))
		changed = true
	}
	if ch.VenueAddress != nil && str(ch.VenueAddress) != prev.VenueAddress {
		m.SetVenueAddress(str(ch.VenueAddress))
		changed = true
	}
	if ch.OnlineURL != nil && str(ch.OnlineURL) != prev.OnlineURL {
		if v := str(ch.OnlineURL); v == "" {
			m.ClearOnlineURL()
		} else {
			m.SetOnlineURL(v)
		}
		changed = true
	}
	return changed
}
