package attendance

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/recurrence"
)

// Occurrence is one concrete occurrence of an event.
type Occurrence struct {
	Event *ent.Event
	// Start is the original start (the key attendance rows use); Begins and
	// Ends are when it actually takes place, after any override.
	Start, Begins, Ends time.Time
	Title               string
	Cancelled           bool
}

// Key identifies the occurrence in invitations' scope_key.
func (o *Occurrence) Key() string { return o.Start.UTC().Format(time.RFC3339) }

// Ended reports whether the occurrence is over at now.
func (o *Occurrence) Ended(now time.Time) bool { return !now.Before(o.Ends) }

// LoadOccurrence loads the event through the caller's privacy context
// (NOT_FOUND when invisible) and checks that start is one of its
// occurrences. With lock on PostgreSQL the event row is locked until the
// transaction ends, serialising check-ins for the event.
func (s *Service) LoadOccurrence(ctx context.Context, c *ent.Client, eventID int, start time.Time, lock bool) (*Occurrence, error) {
	q := c.Event.Query().Where(event.ID(eventID))
	if lock && isPostgres(s.Dialect) && ent.TxFromContext(ctx) != nil {
		q = q.ForUpdate()
	}
	ev, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("event not found")
	}
	if err != nil {
		return nil, err
	}
	overrides, err := c.OccurrenceOverride.Query().Where(occurrenceoverride.EventID(ev.ID)).All(ctx)
	if err != nil {
		return nil, err
	}
	return occurrenceOf(ev, overrides, start)
}

// SeriesOf builds the recurrence series of an event with its overrides.
func SeriesOf(ev *ent.Event, overrides []*ent.OccurrenceOverride) recurrence.Series {
	tz := ev.TimeZone
	if tz == "" {
		tz = "UTC"
	}
	s := recurrence.Series{
		Start: ev.StartsAt, End: ev.EndsAt, TimeZone: tz, AllDay: ev.AllDay,
		RRule: ev.Rrule, ExDates: ev.Exdates,
	}
	for _, o := range overrides {
		s.Overrides = append(s.Overrides, recurrence.Override{
			RecurrenceID: o.RecurrenceID, Start: o.StartsAt, End: o.EndsAt, Cancelled: o.Cancelled, Payload: o,
		})
	}
	return s
}

func occurrenceOf(ev *ent.Event, overrides []*ent.OccurrenceOverride, start time.Time) (*Occurrence, error) {
	start = start.UTC()
	series := SeriesOf(ev, overrides)
	if !recurrence.Contains(series, start) {
		return nil, apperr.Invalid("occurrenceStart", "the event has no occurrence starting at %s", start.Format(time.RFC3339))
	}
	occ := &Occurrence{Event: ev, Start: start, Begins: start, Ends: start.Add(ev.EndsAt.Sub(ev.StartsAt)), Title: ev.Title,
		Cancelled: ev.Status == event.StatusCANCELLED}
	// Expand gives the exact (DST-correct, override-applied) times.
	if found, err := recurrence.Expand(series, start, start.Add(time.Second)); err == nil {
		for _, o := range found {
			if o.RecurrenceID.Equal(start) {
				occ.Begins, occ.Ends = o.Start, o.End
			}
		}
	}
	for _, o := range overrides {
		if o.RecurrenceID.Equal(start) {
			if o.StartsAt != nil {
				occ.Begins = o.StartsAt.UTC()
			}
			if o.EndsAt != nil {
				occ.Ends = o.EndsAt.UTC()
			} else if o.StartsAt != nil {
				occ.Ends = occ.Begins.Add(ev.EndsAt.Sub(ev.StartsAt))
			}
			if o.Title != "" {
				occ.Title = o.Title
			}
			occ.Cancelled = occ.Cancelled || o.Cancelled
		}
	}
	occ.Begins, occ.Ends = occ.Begins.UTC(), occ.Ends.UTC()
	return occ, nil
}

// PastOccurrences lists the occurrences of ev that began before now, most
// recent last, at most limit of them (the latest).
func PastOccurrences(ev *ent.Event, overrides []*ent.OccurrenceOverride, now time.Time, limit int) ([]recurrence.Occurrence, error) {
	series := SeriesOf(ev, overrides)
	if !ev.StartsAt.Before(now) {
		return nil, nil
	}
	// Expand in windows backwards would be faster for very long series;
	// MaxOccurrences bounds the work either way.
	from := now.AddDate(-5, 0, 0)
	if ev.StartsAt.After(from) {
		from = ev.StartsAt.Add(-time.Second)
	}
	occs, err := recurrence.Expand(series, from, now)
	if err != nil {
		return nil, err
	}
	out := occs[:0]
	for _, o := range occs {
		if !o.Cancelled && o.Start.Before(now) {
			out = append(out, o)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, nil
}
