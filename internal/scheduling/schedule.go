package scheduling

import (
	"context"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/imip"
	"github.com/convene/convene/internal/recurrence"
	"github.com/convene/convene/internal/viewer"
)

// EventInput is a new event, or the changes to one (nil = unchanged).
type EventInput struct {
	ProgrammeID  int
	Kind         *event.Kind
	Title        *string
	Description  *string
	TimeZone     *string
	StartsAt     *time.Time
	EndsAt       *time.Time
	AllDay       *bool
	RRule        *string
	ExDates      *[]time.Time
	VenueName    *string
	VenueAddress *string
	VenueAccess  *string
	OnlineURL    *string
	Capacity     *int
	// ClearCapacity removes the limit.
	ClearCapacity bool
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

func wholeSeconds(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// validateSeries checks zone, times and rule with clear field-level errors.
func validateSeries(s recurrence.Series) error {
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "Local" {
			return apperr.Invalid("timeZone", "unknown time zone %q (use an IANA name such as \"Europe/London\")", s.TimeZone)
		}
	}
	if !s.End.After(s.Start) {
		return apperr.Invalid("endsAt", "the event must end after it starts (starts %s, ends %s)",
			stamp(s.Start, s.TimeZone), stamp(s.End, s.TimeZone))
	}
	return seriesError("startsAt", recurrence.Validate(s))
}

// ScheduleEvent creates an event (one-off or series) after validating its
// zone, times and rule. The caller's transaction is used if there is one.
func (s *Service) ScheduleEvent(ctx context.Context, in EventInput) (*ent.Event, error) {
	if in.Kind == nil || in.Title == nil || in.StartsAt == nil || in.EndsAt == nil {
		return nil, apperr.Invalid("input", "kind, title, startsAt and endsAt are required")
	}
	var out *ent.Event
	err := s.inTx(ctx, func(tx *ent.Client) error {
		prog, err := tx.Programme.Get(ctx, in.ProgrammeID)
		if ent.IsNotFound(err) {
			return apperr.NotFoundf("programme %d not found", in.ProgrammeID)
		} else if err != nil {
			return err
		}
		tz := str(in.TimeZone)
		if tz == "" {
			tz = prog.TimeZone
		}
		series := recurrence.Series{Start: wholeSeconds(*in.StartsAt), End: wholeSeconds(*in.EndsAt), TimeZone: tz, RRule: str(in.RRule)}
		if in.AllDay != nil {
			series.AllDay = *in.AllDay
		}
		if in.ExDates != nil {
			series.ExDates = *in.ExDates
		}
		if err := validateSeries(series); err != nil {
			return err
		}
		if series.RRule == "" && len(series.ExDates) > 0 {
			return apperr.Invalid("exdates", "only a repeating event can have excluded dates")
		}
		if in.Capacity != nil && *in.Capacity < 0 {
			return apperr.Invalid("capacity", "capacity cannot be negative")
		}
		c := tx.Event.Create().SetProgrammeID(prog.ID).SetKind(*in.Kind).SetTitle(strings.TrimSpace(*in.Title)).
			SetTimeZone(tz).SetStartsAt(series.Start).SetEndsAt(series.End).SetAllDay(series.AllDay).
			SetRrule(series.RRule).SetExdates(utcTimes(series.ExDates)).
			SetDescription(str(in.Description)).SetVenueName(str(in.VenueName)).SetVenueAddress(str(in.VenueAddress)).
			SetVenueAccess(str(in.VenueAccess)).SetNillableCapacity(in.Capacity)
		if u := str(in.OnlineURL); u != "" {
			c.SetOnlineURL(u)
		}
		out, err = c.Save(ctx)
		return err
	})
	return out, err
}

func utcTimes(ts []time.Time) []time.Time {
	out := make([]time.Time, 0, len(ts))
	for _, t := range ts {
		out = append(out, wholeSeconds(t))
	}
	return out
}

// RescheduleEvent changes an event (the whole series): times, rule,
// exceptions, zone, venue, capacity, title. Overrides of occurrences that
// the new rule no longer produces are dropped. A change calendars must see
// raises SEQUENCE (ent hook) and sends every invitee an updated REQUEST; a
// capacity increase promotes the waitlist.
func (s *Service) RescheduleEvent(ctx context.Context, id int, in EventInput) (*ent.Event, error) {
	var out *ent.Event
	err := s.inTx(ctx, func(tx *ent.Client) error {
		ev, err := s.lockEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		if ev.Status == event.StatusCANCELLED {
			return errEventCancelled
		}
		out, err = s.applyEventChanges(ctx, tx, ev, in, true)
		return err
	})
	return out, err
}

func (s *Service) applyEventChanges(ctx context.Context, tx *ent.Client, ev *ent.Event, in EventInput, notify bool) (*ent.Event, error) {
	overrides, err := tx.OccurrenceOverride.Query().Where(occurrenceoverride.EventID(ev.ID)).All(ctx)
	if err != nil {
		return nil, err
	}
	series := imip.SeriesOf(ev, nil)
	if in.StartsAt != nil {
		series.Start = wholeSeconds(*in.StartsAt)
	}
	if in.EndsAt != nil {
		series.End = wholeSeconds(*in.EndsAt)
	}
	if in.TimeZone != nil {
		series.TimeZone = str(in.TimeZone)
	}
	if in.AllDay != nil {
		series.AllDay = *in.AllDay
	}
	if in.RRule != nil {
		series.RRule = str(in.RRule)
	}
	if in.ExDates != nil {
		series.ExDates = utcTimes(*in.ExDates)
	}
	ruleChanged := !series.Start.Equal(ev.StartsAt) || series.TimeZone != ev.TimeZone || series.RRule != ev.Rrule || series.AllDay != ev.AllDay
	if ruleChanged {
		// Exceptions that the new rule no longer produces would be
		// rejected by calendar clients; drop them.
		var keep []time.Time
		for _, x := range series.ExDates {
			probe := series
			probe.ExDates = nil
			if recurrence.Contains(probe, x) {
				keep = append(keep, x)
			}
		}
		series.ExDates = keep
	}
	if err := validateSeries(series); err != nil {
		return nil, err
	}
	var orphaned []int
	for _, o := range overrides {
		if !recurrence.Contains(series, o.RecurrenceID) {
			orphaned = append(orphaned, o.ID)
		}
	}
	u := tx.Event.UpdateOne(ev)
	if in.Title != nil {
		u.SetTitle(str(in.Title))
	}
	if in.Kind != nil {
		u.SetKind(*in.Kind)
	}
	if in.Description != nil && str(in.Description) != ev.Description {
		u.SetDescription(str(in.Description))
	}
	if !series.Start.Equal(ev.StartsAt) {
		u.SetStartsAt(series.Start)
	}
	if !series.End.Equal(ev.EndsAt) {
		u.SetEndsAt(series.End)
	}
	if series.TimeZone != ev.TimeZone {
		u.SetTimeZone(series.TimeZone)
	}
	if series.AllDay != ev.AllDay {
		u.SetAllDay(series.AllDay)
	}
	if series.RRule != ev.Rrule {
		u.SetRrule(series.RRule)
	}
	if !sameTimes(series.ExDates, ev.Exdates) {
		u.SetExdates(utcTimes(series.ExDates))
	}
	if in.VenueName != nil && str(in.VenueName) != ev.VenueName {
		u.SetVenueName(str(in.VenueName))
	}
	if in.VenueAddress != nil && str(in.VenueAddress) != ev.VenueAddress {
		u.SetVenueAddress(str(in.VenueAddress))
	}
	if in.VenueAccess != nil && str(in.VenueAccess) != ev.VenueAccess {
		u.SetVenueAccess(str(in.VenueAccess))
	}
	if in.OnlineURL != nil && str(in.OnlineURL) != ev.OnlineURL {
		if v := str(in.OnlineURL); v == "" {
			u.ClearOnlineURL()
		} else {
			u.SetOnlineURL(v)
		}
	}
	capacityRaised := false
	switch {
	case in.ClearCapacity:
		if ev.Capacity != nil {
			u.ClearCapacity()
			capacityRaised = true
		}
	case in.Capacity != nil:
		if *in.Capacity < 0 {
			return nil, apperr.Invalid("capacity", "capacity cannot be negative")
		}
		accepted, err := s.acceptedForSeries(ctx, tx, ev.ID)
		if err != nil {
			return nil, err
		}
		if *in.Capacity < accepted {
			return nil, capacityError(*in.Capacity, accepted)
		}
		capacityRaised = ev.Capacity != nil && *in.Capacity > *ev.Capacity
		u.SetCapacity(*in.Capacity)
	}
	if len(u.Mutation().Fields()) == 0 && len(u.Mutation().ClearedFields()) == 0 && len(orphaned) == 0 {
		return ev, nil
	}
	if len(orphaned) > 0 {
		if _, err := tx.OccurrenceOverride.Delete().Where(occurrenceoverride.IDIn(orphaned...)).Exec(viewer.SystemContext(ctx)); err != nil {
			return nil, err
		}
		if _, seen := u.Mutation().AddedSequence(); !seen {
			u.AddSequence(1)
		}
	}
	updated, err := u.Save(ctx)
	if err != nil {
		return nil, err
	}
	if capacityRaised {
		if err := s.promote(ctx, tx, updated); err != nil {
			return nil, err
		}
	}
	if notify && updated.Sequence > ev.Sequence {
		if err := s.notifyUpdate(ctx, tx, updated, nil); err != nil {
			return nil, err
		}
	}
	return updated, nil
}

func sameTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}

// CancelEvent cancels the whole event (every occurrence) and sends each
// invitee who had not declined a METHOD:CANCEL.
func (s *Service) CancelEvent(ctx context.Context, id int) (*ent.Event, error) {
	var out *ent.Event
	err := s.inTx(ctx, func(tx *ent.Client) error {
		ev, err := s.lockEvent(ctx, tx, id)
		if err != nil {
			return err
		}
		if ev.Status == event.StatusCANCELLED {
			out = ev
			return nil
		}
		out, err = tx.Event.UpdateOne(ev).SetStatus(event.StatusCANCELLED).SetCancelledAt(s.now()).Save(ctx)
		if err != nil {
			return err
		}
		return s.notifyCancel(ctx, tx, out, nil)
	})
	return out, err
}
