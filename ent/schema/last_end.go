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
	"github.com/convene/convene/internal/imip"
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
			// A new title, venue or check-in code moves no date.
			if m.Op().Is(ent.OpUpdate|ent.OpUpdateOne) && !changedAny(m, overrideTimingFields) {
				return next.Mutate(ctx, m)
			}
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
				if last, ok := lastEnd(newEvent(m), nil); ok {
					m.SetLastEndsAt(last)
				}
				return next.Mutate(ctx, m)
			}
			if m.Op().Is(ent.OpDelete|ent.OpDeleteOne) || !changedAny(m, eventTimingFields) {
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

// eventTimingFields and overrideTimingFields are the fields an event's
// dates depend on.
var (
	eventTimingFields = []string{
		event.FieldStartsAt, event.FieldEndsAt, event.FieldTimeZone, event.FieldAllDay, event.FieldRrule, event.FieldExdates,
	}
	overrideTimingFields = []string{
		occurrenceoverride.FieldRecurrenceID, occurrenceoverride.FieldStartsAt, occurrenceoverride.FieldEndsAt,
		occurrenceoverride.FieldCancelled,
	}
)

// changedAny reports whether the mutation sets or clears one of fields.
func changedAny(m ent.Mutation, fields []string) bool {
	for _, f := range fields {
		if _, set := m.Field(f); set || m.FieldCleared(f) {
			return true
		}
	}
	return false
}

// newEvent is the event a create mutation describes, as far as its dates go.
func newEvent(m *gen.EventMutation) *gen.Event {
	ev := &gen.Event{}
	ev.StartsAt, _ = m.StartsAt()
	ev.EndsAt, _ = m.EndsAt()
	ev.TimeZone, _ = m.TimeZone()
	ev.AllDay, _ = m.AllDay()
	ev.Rrule, _ = m.Rrule()
	ev.Exdates, _ = m.Exdates()
	return ev
}

// lastEnd is when ev's last occurrence ends with overrides ovs; false when
// the series has no end. A series that cannot be expanded (its rule was
// checked when saved, so this means a bug or a hand-edited row) is treated
// as having no end: it stays "upcoming" rather than vanishing.
func lastEnd(ev *gen.Event, ovs []*gen.OccurrenceOverride) (time.Time, bool) {
	last, bounded, err := recurrence.LastEnd(imip.SeriesOf(ev, ovs))
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
	last, bounded := lastEnd(ev, ev.Edges.Overrides)
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
