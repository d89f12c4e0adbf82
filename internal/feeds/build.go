package feeds

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/icalendar"
)

// errNotFound is every "no such feed": unknown or revoked token, private
// programme, missing event. Handlers answer 404 without saying which.
var errNotFound = errors.New("feed not found")

// PersonalOptions are the query parameters of a private feed.
type PersonalOptions struct {
	Declined bool // ?declined=1: include declined invitations (PARTSTAT=DECLINED)
	Todos    bool // ?todos=1: add the person's open actions as VTODOs
}

// All queries below run under the system viewer; each is scoped by its
// own predicates to the feed's rows (the token's person, a public
// programme). Each feed costs a constant number of queries, whatever the
// number of events: rows are loaded with ent's batched eager loading.

// withCalendarData loads what a VEVENT needs alongside events: overrides,
// and the programme with its organisers (for ORGANIZER).
func withCalendarData(q *ent.EventQuery) {
	q.WithOverrides()
	q.WithProgramme(func(pq *ent.ProgrammeQuery) {
		pq.WithRoles(func(rq *ent.ProgrammeRoleQuery) {
			rq.Where(programmerole.RoleEQ(programmerole.RoleORGANISER)).WithPerson()
		})
	})
}

func calData(q *ent.EventQuery) *ent.EventQuery {
	withCalendarData(q)
	return q
}

// current leaves out events cancelled more than CancelledRetention ago.
func (s *Service) current() predicate.Event {
	cutoff := s.day().Add(-CancelledRetention)
	return event.Or(event.StatusNEQ(event.StatusCANCELLED), event.CancelledAtGTE(cutoff),
		// cancelled without a recorded time: its last change stands in
		event.And(event.CancelledAtIsNil(), event.UpdatedAtGTE(cutoff)))
}

func (s *Service) calendar(name, description string) *icalendar.Calendar {
	day := s.day()
	until := time.Date(day.Year()+2, day.Month(), 1, 0, 0, 0, 0, time.UTC)
	return &icalendar.Calendar{
		ProdID:          icalendar.DefaultProdID,
		Name:            calendarName(name),
		Description:     description,
		RefreshInterval: RefreshInterval,
		Zones:           icalendar.ZoneOptions{Until: until},
	}
}

// Personal builds a person's private feed: their invitations (series and
// single occurrences) with their own PARTSTAT, and optionally their open
// actions as to-dos.
func (s *Service) Personal(ctx context.Context, p *ent.Person, opts PersonalOptions) (*icalendar.Calendar, error) {
	preds := []predicate.Invitation{
		invitation.PersonID(p.ID),
		invitation.WithdrawnAtIsNil(),
		invitation.HasEventWith(s.current()),
	}
	// Only the columns a VEVENT needs: the table also holds token hashes,
	// access needs and bookkeeping times, and reading and parsing them for
	// every row was a visible share of a feed's cost.
	invs, err := s.Client.Invitation.Query().Where(preds...).
		Select(invitation.FieldEventID, invitation.FieldOccurrenceStart, invitation.FieldRole, invitation.FieldResponse).
		WithEvent(withCalendarData).
		Order(ent.Asc(invitation.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	cal := s.calendar(fmt.Sprintf("Convene: %s", p.Name), "Your Convene forums, workshops and actions. Private: do not share this address.")
	if !opts.Todos {
		cal.Description = "Your Convene forums and workshops. Private: do not share this address."
	}
	byEvent := map[int][]*ent.Invitation{}
	var order []*ent.Event
	for _, inv := range invs {
		ev := inv.Edges.Event
		if ev == nil {
			continue
		}
		if _, seen := byEvent[ev.ID]; !seen {
			order = append(order, ev)
		}
		byEvent[ev.ID] = append(byEvent[ev.ID], inv)
	}
	for _, ev := range order {
		cal.Events = append(cal.Events, s.personalEvent(ev, p, byEvent[ev.ID], opts)...)
	}
	if opts.Todos {
		todos, err := s.todos(ctx, p)
		if err != nil {
			return nil, err
		}
		cal.Todos = todos
	}
	return cal, nil
}

// personalEvent is one event as the person sees it.
func (s *Service) personalEvent(ev *ent.Event, p *ent.Person, invs []*ent.Invitation, opts PersonalOptions) []icalendar.Event {
	org := organizer(ev.Edges.Programme)
	attendee := func(inv *ent.Invitation) *icalendar.Attendee {
		if p.Email == nil || *p.Email == "" {
			return nil
		}
		return &icalendar.Attendee{
			Address:  icalendar.Address{Email: *p.Email, Name: p.Name},
			Role:     attendeeRole(inv.Role),
			PartStat: partStat(inv.Response),
		}
	}
	shown := func(inv *ent.Invitation) bool {
		return opts.Declined || inv.Response != invitation.ResponseDECLINED
	}
	var whole *ent.Invitation
	var single []*ent.Invitation
	for _, inv := range invs {
		// A one-off event has a single occurrence: an invitation to it
		// is an invitation to the event.
		if inv.OccurrenceStart == nil || ev.Rrule == "" {
			if whole == nil {
				whole = inv
			}
		} else {
			single = append(single, inv)
		}
	}
	var out []icalendar.Event
	if whole != nil && shown(whole) {
		out = s.series(ev, org, attendee(whole))
		master := &out[0]
		for _, inv := range single {
			rid := *inv.OccurrenceStart
			ov := overrideAt(ev, rid)
			if (ov != nil && ov.Cancelled) || isExcluded(ev.Exdates, rid) {
				continue // already an EXDATE
			}
			if !shown(inv) {
				master.ExDates = append(master.ExDates, rid) // declined this one
				continue
			}
			// This occurrence carries the person's own reply to it.
			c := s.instance(ev, org, rid, ov)
			if a := attendee(inv); a != nil {
				c.Attendees = []icalendar.Attendee{*a}
			}
			out = replaceInstance(out, c)
		}
		return out
	}
	// Invited to single occurrences only: each is an instance of the
	// series (same UID, RECURRENCE-ID) without the master, as iTIP sends
	// an invitation to one occurrence.
	for _, inv := range single {
		if !shown(inv) {
			continue
		}
		rid := *inv.OccurrenceStart
		ov := overrideAt(ev, rid)
		c := s.instance(ev, org, rid, ov)
		if isExcluded(ev.Exdates, rid) {
			c.Status = "CANCELLED"
		}
		if a := attendee(inv); a != nil {
			c.Attendees = []icalendar.Attendee{*a}
		}
		out = append(out, c)
	}
	return out
}

// replaceInstance puts c in place of an existing override of the same
// occurrence, or appends it.
func replaceInstance(evs []icalendar.Event, c icalendar.Event) []icalendar.Event {
	for i := range evs {
		if evs[i].RecurrenceID != nil && evs[i].RecurrenceID.Equal(*c.RecurrenceID) {
			evs[i] = c
			return evs
		}
	}
	return append(evs, c)
}

// todos are the person's open actions, due dates as all-day DUE.
func (s *Service) todos(ctx context.Context, p *ent.Person) ([]icalendar.Todo, error) {
	acts, err := s.Client.ActionItem.Query().
		Where(actionitem.OwnerPersonID(p.ID), actionitem.StatusIn(actionitem.StatusOPEN, actionitem.StatusIN_PROGRESS)).
		WithProgramme().
		Order(ent.Asc(actionitem.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]icalendar.Todo, 0, len(acts))
	for _, a := range acts {
		t := icalendar.Todo{
			UID:             fmt.Sprintf("action-%d@convene", a.ID),
			Created:         a.CreatedAt,
			LastModified:    a.UpdatedAt,
			Summary:         a.Title,
			Description:     a.Description,
			URL:             s.base() + fmt.Sprintf("/actions/%d", a.ID),
			Status:          "NEEDS-ACTION",
			PercentComplete: a.Progress,
		}
		if a.Status == actionitem.StatusIN_PROGRESS {
			t.Status = "IN-PROCESS"
		}
		if a.DueDate != nil {
			due := *a.DueDate
			t.Due = &due
			t.DueAllDay = true
			if pr := a.Edges.Programme; pr != nil {
				t.TimeZone = pr.TimeZone
			}
		}
		if t.Description == "" {
			t.Description = "Details and updates: " + t.URL
		} else {
			t.Description += "\n\nDetails and updates: " + t.URL
		}
		out = append(out, t)
	}
	return out, nil
}

// publicProgramme finds a public programme by slug.
func (s *Service) publicProgramme(ctx context.Context, slug string) (*ent.Programme, error) {
	p, err := s.Client.Programme.Query().Where(programme.Slug(slug), programme.Public(true)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound
	}
	return p, err
}

// ProgrammeFeed is every current event of a public programme.
func (s *Service) ProgrammeFeed(ctx context.Context, p *ent.Programme) (*icalendar.Calendar, error) {
	evs, err := calData(s.Client.Event.Query()).Where(event.ProgrammeID(p.ID), s.current()).
		Order(ent.Asc(event.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	cal := s.calendar(p.Name, firstLine(p.Description))
	for _, ev := range evs {
		cal.Events = append(cal.Events, s.series(ev, organizer(ev.Edges.Programme), nil)...)
	}
	return cal, nil
}

// seriesEvent is an event of a public programme, with its programme.
func (s *Service) seriesEvent(ctx context.Context, id int) (*ent.Event, error) {
	ev, err := s.Client.Event.Query().Where(event.ID(id), event.HasProgrammeWith(programme.Public(true))).
		WithProgramme().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, errNotFound
	}
	return ev, err
}

// SeriesFeed is one series and the series split off it by "this and
// following" edits, which continue it under new UIDs.
func (s *Service) SeriesFeed(ctx context.Context, root *ent.Event) (*icalendar.Calendar, error) {
	ids := []int{root.ID}
	frontier := []int{root.ID}
	for depth := 0; depth < 50 && len(frontier) > 0; depth++ {
		next, err := s.Client.Event.Query().Where(event.SplitFromIDIn(frontier...)).IDs(ctx)
		if err != nil {
			return nil, err
		}
		ids = append(ids, next...)
		frontier = next
	}
	evs, err := calData(s.Client.Event.Query()).Where(event.IDIn(ids...), s.current()).
		Order(ent.Asc(event.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	name := root.Title
	if p := root.Edges.Programme; p != nil {
		name = p.Name + ": " + root.Title
	}
	cal := s.calendar(name, firstLine(root.Description))
	for _, ev := range evs {
		cal.Events = append(cal.Events, s.series(ev, organizer(ev.Edges.Programme), nil)...)
	}
	return cal, nil
}

// OrganisationFeed: events of public programmes where the organisation's
// members are invited or it owns actions.
func (s *Service) OrganisationFeed(ctx context.Context, o *ent.Organisation) (*icalendar.Calendar, error) {
	evs, err := calData(s.Client.Event.Query()).Where(
		event.HasProgrammeWith(programme.Public(true)),
		s.current(),
		event.Or(
			event.HasInvitationsWith(invitation.WithdrawnAtIsNil(),
				invitation.HasPersonWith(person.HasMembershipsWith(membership.OrganisationID(o.ID)))),
			event.HasActionsWith(actionitem.OwnerOrganisationID(o.ID)),
		),
	).Order(ent.Asc(event.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	cal := s.calendar(o.Name+" (Convene)", "Public forums and workshops "+o.Name+" takes part in.")
	for _, ev := range evs {
		cal.Events = append(cal.Events, s.series(ev, organizer(ev.Edges.Programme), nil)...)
	}
	return cal, nil
}

// EventDownload is one event as a standalone .ics (no METHOD): the same
// UID and components as in the feeds.
func (s *Service) EventDownload(ctx context.Context, ev *ent.Event) (*icalendar.Calendar, error) {
	full, err := calData(s.Client.Event.Query()).Where(event.ID(ev.ID)).Only(ctx)
	if err != nil {
		return nil, err
	}
	cal := s.calendar(full.Title, "")
	cal.Events = s.series(full, organizer(full.Edges.Programme), nil)
	return cal, nil
}

// calendarName keeps characters that need TEXT escaping out of the
// calendar's name: X-WR-CALNAME is not a registered property, and some
// parsers (ical.js, hence Thunderbird) show its value raw, backslashes
// included. "Ada Lovelace, FRS" becomes "Ada Lovelace FRS".
func calendarName(s string) string {
	return strings.Join(strings.Fields(strings.NewReplacer(",", " ", ";", " ", `\`, " ").Replace(s)), " ")
}

func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' || r == '\r' {
			return s[:i]
		}
	}
	return s
}
