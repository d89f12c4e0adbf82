package scheduling

import (
	"context"
	"sort"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/imip"
	"github.com/convene/convene/internal/recurrence"
)

// MaxWindow bounds an occurrences query, so one request cannot ask for
// decades of a daily series.
const MaxWindow = 2 * 366 * 24 * time.Hour

// Occurrence is one concrete instance of an event, with its override
// (moved, relocated, renamed, cancelled) applied.
type Occurrence struct {
	Event        *ent.Event
	RecurrenceID time.Time
	StartsAt     time.Time
	EndsAt       time.Time
	Cancelled    bool
	Moved        bool
	Title        string
	VenueName    string
	VenueAddress string
	OnlineURL    string
	Override     *ent.OccurrenceOverride
}

func eventID(id int) predicateEvent { return event.ID(id) }

// CheckWindow validates an occurrences window.
func CheckWindow(from, to time.Time) error {
	if !to.After(from) {
		return apperr.Invalid("to", "the window must end after it starts (from %s, to %s)", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	if to.Sub(from) > MaxWindow {
		return apperr.Invalid("to", "the window is too long: ask for at most two years at a time")
	}
	return nil
}

// OverridesFor loads the overrides of all the given events in one query.
func OverridesFor(ctx context.Context, client *ent.Client, eventIDs []int) (map[int][]*ent.OccurrenceOverride, error) {
	out := make(map[int][]*ent.OccurrenceOverride, len(eventIDs))
	if len(eventIDs) == 0 {
		return out, nil
	}
	rows, err := client.OccurrenceOverride.Query().
		Where(occurrenceoverride.EventIDIn(eventIDs...)).
		Order(ent.Asc(occurrenceoverride.FieldRecurrenceID)).
		All(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.EventID] = append(out[r.EventID], r)
	}
	return out, nil
}

// Expand returns ev's occurrences overlapping [from, to), overrides applied.
func Expand(ev *ent.Event, overrides []*ent.OccurrenceOverride, from, to time.Time) ([]Occurrence, error) {
	occs, err := recurrence.Expand(imip.SeriesOf(ev, overrides), from, to)
	if err != nil {
		return nil, seriesError("to", err)
	}
	out := make([]Occurrence, 0, len(occs))
	for _, o := range occs {
		out = append(out, fromRecurrence(ev, o))
	}
	return out, nil
}

func fromRecurrence(ev *ent.Event, o recurrence.Occurrence) Occurrence {
	occ := Occurrence{
		Event: ev, RecurrenceID: o.RecurrenceID.UTC(), StartsAt: o.Start.UTC(), EndsAt: o.End.UTC(),
		Cancelled: o.Cancelled || ev.Status == event.StatusCANCELLED, Moved: o.Moved,
		Title: ev.Title, VenueName: ev.VenueName, VenueAddress: ev.VenueAddress, OnlineURL: ev.OnlineURL,
	}
	if o.Override != nil {
		if row, _ := o.Override.Payload.(*ent.OccurrenceOverride); row != nil {
			occ.Override = row
			if row.Title != "" {
				occ.Title = row.Title
			}
			if row.VenueName != "" || row.VenueAddress != "" || row.OnlineURL != "" {
				occ.VenueName, occ.VenueAddress, occ.OnlineURL = row.VenueName, row.VenueAddress, row.OnlineURL
			}
		}
	}
	return occ
}

// Next is the first occurrence of ev starting after the instant after that
// is not cancelled (moves applied), or nil when none is left; a cancelled
// event has none.
func Next(ev *ent.Event, overrides []*ent.OccurrenceOverride, after time.Time) (*Occurrence, error) {
	if ev.Status == event.StatusCANCELLED {
		return nil, nil
	}
	o, err := recurrence.Next(imip.SeriesOf(ev, overrides), after)
	if err != nil {
		return nil, seriesError("to", err)
	}
	if o == nil {
		return nil, nil
	}
	occ := fromRecurrence(ev, *o)
	return &occ, nil
}

// ExpandAll expands several events with their preloaded overrides and
// returns the occurrences sorted by start.
func ExpandAll(events []*ent.Event, overrides map[int][]*ent.OccurrenceOverride, from, to time.Time) ([]Occurrence, error) {
	var out []Occurrence
	for _, ev := range events {
		occs, err := Expand(ev, overrides[ev.ID], from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, occs...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].StartsAt.Equal(out[j].StartsAt) {
			return out[i].StartsAt.Before(out[j].StartsAt)
		}
		return out[i].Event.ID < out[j].Event.ID
	})
	return out, nil
}

// ProgrammeOccurrences expands every event of a programme in the window:
// one query for the events, one for all their overrides.
func ProgrammeOccurrences(ctx context.Context, client *ent.Client, programmeID int, from, to time.Time) ([]Occurrence, error) {
	if err := CheckWindow(from, to); err != nil {
		return nil, err
	}
	events, err := client.Event.Query().
		Where(event.ProgrammeID(programmeID), event.StartsAtLT(to),
			event.Or(event.And(event.RruleNotNil(), event.RruleNEQ("")), event.EndsAtGT(from))).
		All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	ovs, err := OverridesFor(ctx, client, ids)
	if err != nil {
		return nil, err
	}
	return ExpandAll(events, ovs, from, to)
}

// findOccurrence returns the occurrence of ev that originally started at
// rid, or a BAD_USER_INPUT error naming it.
func findOccurrence(ev *ent.Event, overrides []*ent.OccurrenceOverride, rid time.Time) (Occurrence, error) {
	s := imip.SeriesOf(ev, overrides)
	if !recurrence.Contains(s, rid) {
		return Occurrence{}, notAnOccurrence(ev, rid)
	}
	// Expand around the original start, widened so a moved occurrence is
	// still found by its recurrence id.
	occs, err := recurrence.Expand(s, rid.Add(-time.Second), rid.Add(time.Second))
	if err == nil {
		for _, o := range occs {
			if o.RecurrenceID.Equal(rid) {
				return fromRecurrence(ev, o), nil
			}
		}
	}
	for _, ov := range overrides {
		if ov.RecurrenceID.Equal(rid) {
			st, en := rid, rid.Add(ev.EndsAt.Sub(ev.StartsAt))
			if ov.StartsAt != nil {
				st = *ov.StartsAt
				en = st.Add(ev.EndsAt.Sub(ev.StartsAt))
			}
			if ov.EndsAt != nil {
				en = *ov.EndsAt
			}
			o := recurrence.Occurrence{RecurrenceID: rid, Start: st, End: en, Cancelled: ov.Cancelled, Moved: true,
				Override: &recurrence.Override{RecurrenceID: rid, Start: ov.StartsAt, End: ov.EndsAt, Cancelled: ov.Cancelled, Payload: ov}}
			return fromRecurrence(ev, o), nil
		}
	}
	return Occurrence{}, notAnOccurrence(ev, rid)
}

type predicateEvent = predicate.Event

// FindOccurrence is findOccurrence for callers outside the package.
func FindOccurrence(ev *ent.Event, overrides []*ent.OccurrenceOverride, rid time.Time) (Occurrence, error) {
	return findOccurrence(ev, overrides, rid)
}

// Describe says in words how ev repeats ("" if it cannot).
func Describe(ev *ent.Event) string {
	d, err := recurrence.Describe(imip.SeriesOf(ev, nil))
	if err != nil {
		return ""
	}
	return d
}
