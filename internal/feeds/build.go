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
	"github.com/convene/convene/ent/occurrenceoverride"
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
	q.WithProgramme(withOrganisers)
}

// overrideColumns are what a VEVENT needs of an override (not its
// check-in code or creation time).
var overrideColumns = []string{
	occurrenceoverride.FieldEventID, occurrenceoverride.FieldRecurrenceID, occurrenceoverride.FieldStartsAt,
	occurrenceoverride.FieldEndsAt, occurrenceoverride.FieldCancelled, occurrenceoverride.FieldTitle,
	occurrenceoverride.FieldVenueName, occurrenceoverride.FieldVenueAddress, occurrenceoverride.FieldOnlineURL,
	occurrenceoverride.FieldSequence, occurrenceoverride.FieldUpdatedAt,
}

// withOrganisers loads a programme's organisers (for ORGANIZER).
func withOrganisers(q *ent.ProgrammeQuery) {
	q.WithRoles(func(rq *ent.ProgrammeRoleQuery) {
		rq.Where(programmerole.RoleEQ(programmerole.RoleORGANISER)).WithPerson()
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
	rows, err := s.loadPersonal(ctx, p, opts)
	if err != nil {
		return nil, err
	}
	return s.personalCalendar(rows), nil
}

// personalRows are what a personal feed is built from.
type personalRows struct {
	person      *ent.Person
	opts        PersonalOptions
	invitations []*ent.Invitation // with their events (calData)
	actions     []*ent.ActionItem // with ?todos=1: open, with their programmes
}

func (s *Service) loadPersonal(ctx context.Context, p *ent.Person, opts PersonalOptions) (*personalRows, error) {
	mine := []predicate.Invitation{invitation.PersonID(p.ID), invitation.WithdrawnAtIsNil()}
	// Only the columns a VEVENT needs: the table also holds token hashes,
	// access needs and bookkeeping times, and reading and parsing them for
	// every row was a visible share of a feed's cost.
	invs, err := s.Client.Invitation.Query().Where(append(mine, invitation.HasEventWith(s.current()))...).
		Select(invitation.FieldEventID, invitation.FieldOccurrenceStart, invitation.FieldRole, invitation.FieldResponse).
		Order(ent.Asc(invitation.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	// The events and their overrides are selected by the same condition
	// as subqueries rather than eager-loaded by id: a list of hundreds of
	// ids is a statement the database must parse anew on every request.
	evs, err := s.Client.Event.Query().Where(event.HasInvitationsWith(mine...), s.current()).
		WithProgramme(withOrganisers).All(ctx)
	if err != nil {
		return nil, err
	}
	ovs, err := s.Client.OccurrenceOverride.Query().
		Where(occurrenceoverride.HasEventWith(event.HasInvitationsWith(mine...), s.current())).
		Select(overrideColumns...).
		Order(ent.Asc(occurrenceoverride.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int]*ent.Event, len(evs))
	for _, ev := range evs {
		ev.Edges.Overrides = []*ent.OccurrenceOverride{} // loaded, possibly none
		byID[ev.ID] = ev
	}
	for _, ov := range ovs {
		if ev := byID[ov.EventID]; ev != nil {
			ev.Edges.Overrides = append(ev.Edges.Overrides, ov)
		}
	}
	for _, inv := range invs {
		inv.Edges.Event = byID[inv.EventID]
	}
	rows := &personalRows{person: p, opts: opts, invitations: invs}
	if opts.Todos {
		rows.actions, err = s.Client.ActionItem.Query().
			Where(actionitem.OwnerPersonID(p.ID), actionitem.StatusIn(actionitem.StatusOPEN, actionitem.StatusIN_PROGRESS)).
			WithProgramme().
			Order(ent.Asc(actionitem.FieldID)).All(ctx)
		if err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// personalCalendar maps a person's rows to their feed.
func (s *Service) personalCalendar(rows *personalRows) *icalendar.Calendar {
	p, opts := rows.person, rows.opts
	cal := s.calendar(fmt.Sprintf("Convene: %s", p.Name), "Your Convene forums, workshops and actions. Private: do not share this address.")
	if !opts.Todos {
		cal.Description = "Your Convene forums and workshops. Private: do not share this address."
	}
	byEvent := map[int][]*ent.Invitation{}
	var order []*ent.Event
	for _, inv := range rows.invitations {
		ev := inv.Edges.Event
		if ev == nil {
			continue
		}
		if _, seen := byEvent[ev.ID]; !seen {
			order = append(order, ev)
		}
		byEvent[ev.ID] = append(byEvent[ev.ID], inv)
	}
	// Room for every component: a master or single occurrence per
	// invitation and at most one per override.
	n := len(rows.invitations)
	for _, ev := range order {
		n += len(ev.Edges.Overrides)
	}
	cal.Events = make([]icalendar.Event, 0, n)
	m := s.vevents()
	for _, ev := range order {
		cal.Events = m.personalEvent(cal.Events, ev, p, byEvent[ev.ID], opts)
	}
	cal.Todos = s.todos(rows.actions)
	return cal
}

// personalEvent appends one event as the person sees it.
func (m *vevents) personalEvent(out []icalendar.Event, ev *ent.Event, p *ent.Person, invs []*ent.Invitation, opts PersonalOptions) []icalendar.Event {
	attendee := func(inv *ent.Invitation) []icalendar.Attendee {
		if p.Email == nil || *p.Email == "" {
			return nil
		}
		return m.attendee(&icalendar.Attendee{
			Address:  icalendar.Address{Email: *p.Email, Name: p.Name},
			Role:     attendeeRole(inv.Role),
			PartStat: partStat(inv.Response),
		})
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
	if whole != nil && shown(whole) {
		first := len(out)
		out = m.series(out, ev, attendee(whole))
		for _, inv := range single {
			master := &out[first]
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
			c := m.instance(ev, rid, ov)
			c.Attendees = attendee(inv)
			out = replaceInstance(out, first, c)
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
		c := m.instance(ev, rid, ov)
		if isExcluded(ev.Exdates, rid) {
			c.Status = "CANCELLED"
		}
		c.Attendees = attendee(inv)
		out = append(out, c)
	}
	return out
}

// replaceInstance puts c in place of an existing override of the same
// occurrence among evs[from:], or appends it.
func replaceInstance(evs []icalendar.Event, from int, c icalendar.Event) []icalendar.Event {
	for i := from; i < len(evs); i++ {
		if evs[i].RecurrenceID != nil && evs[i].RecurrenceID.Equal(*c.RecurrenceID) {
			evs[i] = c
			return evs
		}
	}
	return append(evs, c)
}

// todos are the person's open actions, due dates as all-day DUE.
func (s *Service) todos(acts []*ent.ActionItem) []icalendar.Todo {
	if len(acts) == 0 {
		return nil
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
	return out
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
	m := s.vevents()
	for _, ev := range evs {
		cal.Events = m.series(cal.Events, ev, nil)
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
	m := s.vevents()
	for _, ev := range evs {
		cal.Events = m.series(cal.Events, ev, nil)
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
	m := s.vevents()
	for _, ev := range evs {
		cal.Events = m.series(cal.Events, ev, nil)
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
	cal.Events = s.vevents().series(nil, full, nil)
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
