package schema

import (
	"context"
	"slices"
	"time"

	"entgo.io/ent"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/internal/audit"
	"github.com/convene/convene/internal/recurrence"
	"github.com/convene/convene/internal/viewer"
)

// lastEndHook keeps Event.last_ends_at right: after any change to an
// event's timing (start, end, zone, all-day, rule, removed dates) and after
// any change to one of its occurrence overrides, it works out when the
// event's last occurrence ends and stores it if it changed, in the same
// transaction. The write runs as the system and is neither audited nor a
// feed change of its own (the change that caused it already is).
func lastEndHook(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if feedTouching(ctx) {
			return next.Mutate(ctx, m)
		}
		sys := audit.Skip(context.WithValue(viewer.SystemContext(ctx), feedTouchKey{}, true))
		var events []int
		switch m := m.(type) {
		case *gen.OccurrenceOverrideMutation:
			// Deleted overrides must be found before they are gone.
			if m.Op().Is(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate | ent.OpUpdateOne) {
				ids, err := m.IDs(sys)
				if err != nil {
					return nil, err
				}
				events, err = m.Client().OccurrenceOverride.Query().Where(occurrenceoverride.IDIn(ids...)).
					Select(occurrenceoverride.FieldEventID).Ints(sys)
				if err != nil {
					return nil, err
				}
			}
		case *gen.EventMutation:
			if m.Op().Is(ent.OpCreate) {
				// Everything is in the mutation: no statement of its own.
				if last, ok := lastEnd(seriesOfNew(m), nil); ok {
					m.SetLastEndsAt(last)
				}
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpDelete|ent.OpDeleteOne) || !timingChanged(m) {
				return next.Mutate(ctx, m)
			}
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return v, err
		}
		switch x := v.(type) {
		case *gen.Event:
			events = append(events, x.ID)
		case *gen.OccurrenceOverride:
			events = append(events, x.EventID)
		default:
			if em, ok := m.(*gen.EventMutation); ok { // bulk update
				ids, err := em.IDs(sys)
				if err != nil {
					return nil, err
				}
				events = append(events, ids...)
			}
		}
		var client *gen.Client
		switch m := m.(type) {
		case *gen.EventMutation:
			client = m.Client()
		case *gen.OccurrenceOverrideMutation:
			client = m.Client()
		}
		for _, id := range slices.Compact(slices.Sorted(slices.Values(events))) {
			if err := storeLastEnd(sys, client, id); err != nil {
				return nil, err
			}
		}
		return v, nil
	})
}

// timingFields are the event fields an occurrence's dates depend on.
var timingFields = []string{
	event.FieldStartsAt, event.FieldEndsAt, event.FieldTimeZone, event.FieldAllDay, event.FieldRrule, event.FieldExdates,
}

func timingChanged(m *gen.EventMutation) bool {
	for _, f := range timingFields {
		if _, set := m.Field(f); set || m.FieldCleared(f) {
			return true
		}
	}
	return false
}

// seriesOfNew is the series an event being created describes.
func seriesOfNew(m *gen.EventMutation) recurrence.Series {
	s := recurrence.Series{}
	s.Start, _ = m.StartsAt()
	s.End, _ = m.EndsAt()
	s.TimeZone, _ = m.TimeZone()
	s.AllDay, _ = m.AllDay()
	s.RRule, _ = m.Rrule()
	s.ExDates, _ = m.Exdates()
	return s
}

// lastEnd is recurrence.LastEnd of s with overrides ovs; false when the
// series has no end. A series that cannot be expanded (its rule was
// checked when saved, so this means a bug or a hand-edited row) is treated
// as having no end: it stays "upcoming" rather than vanishing.
func lastEnd(s recurrence.Series, ovs []*gen.OccurrenceOverride) (time.Time, bool) {
	if s.TimeZone == "" {
		s.TimeZone = "UTC"
	}
	for _, o := range ovs {
		s.Overrides = append(s.Overrides, recurrence.Override{RecurrenceID: o.RecurrenceID, Start: o.StartsAt, End: o.EndsAt, Cancelled: o.Cancelled})
	}
	last, bounded, err := recurrence.LastEnd(s)
	return last, bounded && err == nil
}

// storeLastEnd recomputes one event's last end and writes it if it changed.
func storeLastEnd(ctx context.Context, client *gen.Client, id int) error {
	ev, err := client.Event.Query().Where(event.ID(id)).WithOverrides().Only(ctx)
	if gen.IsNotFound(err) {
		return nil // deleted in this transaction
	}
	if err != nil {
		return err
	}
	last, bounded := lastEnd(recurrence.Series{Start: ev.StartsAt, End: ev.EndsAt, TimeZone: ev.TimeZone, AllDay: ev.AllDay,
		RRule: ev.Rrule, ExDates: ev.Exdates}, ev.Edges.Overrides)
	switch {
	case !bounded && ev.LastEndsAt == nil:
		return nil
	case bounded && ev.LastEndsAt != nil && ev.LastEndsAt.Equal(last):
		return nil
	case !bounded:
		return client.Event.UpdateOneID(id).ClearLastEndsAt().Exec(ctx)
	default:
		return client.Event.UpdateOneID(id).SetLastEndsAt(last).Exec(ctx)
	}
}
