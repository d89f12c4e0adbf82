package actions

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/minutes"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/recurrence"
	"github.com/convene/convene/internal/viewer"
)

// NewAction is an action recorded with the minutes.
type NewAction struct {
	Title               string
	Description         string
	OwnerPersonID       *int
	OwnerOrganisationID *int
	DueDate             *time.Time
	CommitmentIDs       []int
}

// MinutesInput is one save of the minutes of an occurrence.
type MinutesInput struct {
	EventID         int
	OccurrenceStart time.Time
	Body            string
	// BaseRevision is the revision the editor started from (0 for new
	// minutes); if someone saved a newer one meanwhile the save is refused
	// with CONFLICT rather than silently overwriting their text.
	BaseRevision *int
	Actions      []NewAction
}

// Saved is the outcome of SaveMinutes.
type Saved struct {
	Minutes *ent.Minutes
	Actions []*ent.ActionItem
}

// SaveMinutes adds a revision of an occurrence's minutes and records the
// actions taken there, all through client (the caller's transaction).
func SaveMinutes(ctx context.Context, client *ent.Client, in MinutesInput) (*Saved, error) {
	in.OccurrenceStart = in.OccurrenceStart.UTC()
	ev, series, err := loadSeries(ctx, client, in.EventID)
	if err != nil {
		return nil, err
	}
	if !recurrence.Contains(series, in.OccurrenceStart) {
		return nil, apperr.Invalid("occurrenceStart", "%s is not an occurrence of %q", in.OccurrenceStart.UTC().Format(time.RFC3339), ev.Title)
	}
	latest, err := client.Minutes.Query().
		Where(minutes.EventID(ev.ID), minutes.OccurrenceStart(in.OccurrenceStart)).
		Order(ent.Desc(minutes.FieldRevision)).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return nil, err
	}
	rev := 1
	if latest != nil {
		rev = latest.Revision + 1
	}
	if in.BaseRevision != nil && *in.BaseRevision != rev-1 {
		return nil, apperr.Conflictf("these minutes were changed by someone else (now at revision %d, you edited revision %d): reload and merge your changes", rev-1, *in.BaseRevision)
	}
	create := client.Minutes.Create().SetEventID(ev.ID).SetOccurrenceStart(in.OccurrenceStart.UTC()).SetRevision(rev).SetBody(in.Body)
	if v := viewer.FromContext(ctx); v != nil && v.PersonID != 0 {
		create.SetAuthorID(v.PersonID)
	}
	m, err := create.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, apperr.Conflictf("someone else saved these minutes at the same moment: reload and merge your changes")
	}
	if err != nil {
		return nil, err
	}
	out := &Saved{Minutes: m}
	for i, a := range in.Actions {
		if a.Title == "" {
			return nil, apperr.Invalid("actions", "action %d needs a title", i+1)
		}
		b := client.ActionItem.Create().
			SetProgrammeID(ev.ProgrammeID).SetEventID(ev.ID).SetOccurrenceStart(in.OccurrenceStart.UTC()).
			SetTitle(a.Title).SetDescription(a.Description).
			SetNillableOwnerPersonID(a.OwnerPersonID).SetNillableOwnerOrganisationID(a.OwnerOrganisationID).
			SetNillableDueDate(a.DueDate).AddCommitmentIDs(a.CommitmentIDs...)
		saved, err := b.Save(ctx)
		if err != nil {
			return nil, err
		}
		out.Actions = append(out.Actions, saved)
	}
	return out, nil
}

// OccurrenceMinutes is what was written and agreed at one occurrence.
type OccurrenceMinutes struct {
	EventID         int
	OccurrenceStart time.Time
	Revisions       []*ent.Minutes // newest first
	Actions         []*ent.ActionItem
	MattersArising  []*ent.ActionItem
}

// Current is the latest revision, nil before the first save.
func (o *OccurrenceMinutes) Current() *ent.Minutes {
	if len(o.Revisions) == 0 {
		return nil
	}
	return o.Revisions[0]
}

// Load returns the minutes, actions and matters arising of an occurrence.
func Load(ctx context.Context, client *ent.Client, eventID int, occurrenceStart time.Time) (*OccurrenceMinutes, error) {
	occurrenceStart = occurrenceStart.UTC()
	arising, err := MattersArising(ctx, client, eventID, occurrenceStart)
	if err != nil {
		return nil, err
	}
	revs, err := client.Minutes.Query().
		Where(minutes.EventID(eventID), minutes.OccurrenceStart(occurrenceStart)).
		Order(ent.Desc(minutes.FieldRevision)).All(ctx)
	if err != nil {
		return nil, err
	}
	acts, err := client.ActionItem.Query().
		Where(actionitem.EventID(eventID), actionitem.OccurrenceStart(occurrenceStart)).
		Order(ent.Asc(actionitem.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	return &OccurrenceMinutes{EventID: eventID, OccurrenceStart: occurrenceStart, Revisions: revs, Actions: acts, MattersArising: arising}, nil
}

// MattersArising lists the actions still open from earlier occurrences of
// the series (including the series it was split from by a "this and
// following" edit), oldest due first, for the agenda of the occurrence
// starting at occurrenceStart.
func MattersArising(ctx context.Context, client *ent.Client, eventID int, occurrenceStart time.Time) ([]*ent.ActionItem, error) {
	occurrenceStart = occurrenceStart.UTC()
	ev, series, err := loadSeries(ctx, client, eventID)
	if err != nil {
		return nil, err
	}
	if !recurrence.Contains(series, occurrenceStart) {
		return nil, apperr.Invalid("occurrenceStart", "%s is not an occurrence of %q", occurrenceStart.UTC().Format(time.RFC3339), ev.Title)
	}
	ids := []int{ev.ID}
	for cur := ev; cur.SplitFromID != nil && len(ids) < 50; {
		prev, err := client.Event.Get(ctx, *cur.SplitFromID)
		if err != nil {
			break // not visible or gone: its actions are not ours to show
		}
		ids = append(ids, prev.ID)
		cur = prev
	}
	return client.ActionItem.Query().
		Where(
			actionitem.EventIDIn(ids...),
			actionitem.StatusIn(OpenStatuses...),
			actionitem.Or(
				actionitem.OccurrenceStartLT(occurrenceStart),
				actionitem.And(actionitem.OccurrenceStartIsNil(), actionitem.CreatedAtLT(occurrenceStart)),
			),
		).
		Order(actionitem.ByDueDate(), ent.Asc(actionitem.FieldID)).
		All(ctx)
}

// ArisesAt is the start of the occurrence after the one an action was
// recorded at — the meeting where it comes up as a matter arising — or nil
// for actions not recorded at a series, or when the series has ended. For
// lists, load the series once with SeriesFor and call NextMeeting.
func ArisesAt(ctx context.Context, client *ent.Client, a *ent.ActionItem) (*time.Time, error) {
	if a.EventID == nil {
		return nil, nil
	}
	_, series, err := loadSeries(ctx, client, *a.EventID)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return NextMeeting(series, a)
}

// NextMeeting is ArisesAt for an action recorded at series.
func NextMeeting(series recurrence.Series, a *ent.ActionItem) (*time.Time, error) {
	after := a.CreatedAt
	if a.OccurrenceStart != nil {
		after = *a.OccurrenceStart
	}
	next, err := recurrence.Next(series, after)
	if err != nil || next == nil {
		return nil, err
	}
	return &next.Start, nil
}

// SeriesFor loads the events with the given IDs and their overrides as
// recurrence series in two queries, whatever the number of events. Events
// the viewer may not read are left out of the map.
func SeriesFor(ctx context.Context, client *ent.Client, eventIDs []int) (map[int]recurrence.Series, error) {
	evs, err := client.Event.Query().Where(event.IDIn(eventIDs...)).
		WithOverrides(func(q *ent.OccurrenceOverrideQuery) { q.Order(ent.Asc(occurrenceoverride.FieldRecurrenceID)) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]recurrence.Series, len(evs))
	for _, ev := range evs {
		out[ev.ID] = SeriesOf(ev, ev.Edges.Overrides)
	}
	return out, nil
}

// loadSeries reads an event (through privacy) and its overrides as a
// recurrence.Series.
func loadSeries(ctx context.Context, client *ent.Client, eventID int) (*ent.Event, recurrence.Series, error) {
	ev, err := client.Event.Query().Where(event.ID(eventID)).
		WithOverrides(func(q *ent.OccurrenceOverrideQuery) { q.Order(ent.Asc(occurrenceoverride.FieldRecurrenceID)) }).
		Only(ctx)
	if err != nil {
		return nil, recurrence.Series{}, err
	}
	return ev, SeriesOf(ev, ev.Edges.Overrides), nil
}

// SeriesOf converts a stored event and its overrides for internal/recurrence.
func SeriesOf(ev *ent.Event, overrides []*ent.OccurrenceOverride) recurrence.Series {
	s := recurrence.Series{
		Start: ev.StartsAt, End: ev.EndsAt, TimeZone: ev.TimeZone, AllDay: ev.AllDay,
		RRule: ev.Rrule, ExDates: ev.Exdates,
	}
	if s.TimeZone == "" {
		s.TimeZone = "UTC"
	}
	for _, o := range overrides {
		s.Overrides = append(s.Overrides, recurrence.Override{RecurrenceID: o.RecurrenceID, Start: o.StartsAt, End: o.EndsAt, Cancelled: o.Cancelled})
	}
	return s
}
