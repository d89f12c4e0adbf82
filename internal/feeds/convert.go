package feeds

import (
	"sort"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/icalendar"
)

// How Convene's rows become VEVENTs. One event row is one VEVENT (with
// RRULE for a series); its cancelled occurrences are EXDATEs; each moved or
// changed occurrence is an override VEVENT with the same UID and a
// RECURRENCE-ID; a cancelled event keeps its UID with STATUS:CANCELLED.

// partStat maps an invitation response to iCalendar PARTSTAT.
func partStat(r invitation.Response) string {
	switch r {
	case invitation.ResponseACCEPTED:
		return "ACCEPTED"
	case invitation.ResponseTENTATIVE:
		return "TENTATIVE"
	case invitation.ResponseDECLINED:
		return "DECLINED"
	default: // PENDING, WAITLISTED: not decided yet
		return "NEEDS-ACTION"
	}
}

// attendeeRole maps an invitation role to iCalendar ROLE.
func attendeeRole(r invitation.Role) string {
	switch r {
	case invitation.RoleFACILITATOR:
		return "CHAIR"
	case invitation.RoleOBSERVER:
		return "OPT-PARTICIPANT"
	default: // PARTICIPANT, SPEAKER
		return "REQ-PARTICIPANT"
	}
}

// organizer is the programme's first organiser (by appointment) with an
// email address: the person to contact about its events. Needs the
// programme loaded with its ORGANISER roles and their people.
func organizer(p *ent.Programme) *icalendar.Address {
	if p == nil {
		return nil
	}
	roles := append([]*ent.ProgrammeRole(nil), p.Edges.Roles...)
	sort.Slice(roles, func(i, j int) bool { return roles[i].ID < roles[j].ID })
	for _, r := range roles {
		pp := r.Edges.Person
		if r.Role != programmerole.RoleORGANISER || pp == nil || pp.Email == nil || *pp.Email == "" || pp.ErasedAt != nil {
			continue
		}
		return &icalendar.Address{Email: *pp.Email, Name: pp.Name}
	}
	return nil
}

// location joins venue name and address on one line.
func location(name, address string) string {
	var parts []string
	if n := strings.TrimSpace(name); n != "" {
		parts = append(parts, n)
	}
	for _, line := range strings.FieldsFunc(address, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l := strings.TrimSpace(line); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, ", ")
}

// occurrenceData is what may differ between occurrences.
type occurrenceData struct {
	title, venueName, venueAddress, onlineURL string
}

// vevents turns the event rows of one feed into VEVENTs. A feed repeats
// what its components share — a programme's organiser, a venue written as
// one line, an event's page address and description, the person's
// ATTENDEE line — so each is worked out once per feed (or per event)
// rather than once per component. The components it returns share these
// values and slices; icalendar.Marshal only reads them.
type vevents struct {
	s          *Service
	organizers map[int]*icalendar.Address // by programme
	locations  map[[2]string]string
	attendees  map[icalendar.Attendee][]icalendar.Attendee

	// The event converted last, its page and its descriptions by online
	// link: an event's components are converted one after another.
	event *ent.Event
	page  string
	descs map[string]string
}

func (s *Service) vevents() *vevents {
	return &vevents{
		s:          s,
		organizers: make(map[int]*icalendar.Address),
		locations:  make(map[[2]string]string),
		attendees:  make(map[icalendar.Attendee][]icalendar.Attendee),
		descs:      make(map[string]string),
	}
}

// organizer is organizer(p), once per programme.
func (m *vevents) organizer(p *ent.Programme) *icalendar.Address {
	if p == nil {
		return nil
	}
	a, ok := m.organizers[p.ID]
	if !ok {
		a = organizer(p)
		m.organizers[p.ID] = a
	}
	return a
}

// location is location(name, address), once per venue.
func (m *vevents) location(name, address string) string {
	k := [2]string{name, address}
	l, ok := m.locations[k]
	if !ok {
		l = location(name, address)
		m.locations[k] = l
	}
	return l
}

// attendee is the one-attendee list of a, shared by every component with
// the same attendee, role and reply.
func (m *vevents) attendee(a *icalendar.Attendee) []icalendar.Attendee {
	if a == nil {
		return nil
	}
	l, ok := m.attendees[*a]
	if !ok {
		l = []icalendar.Attendee{*a}
		m.attendees[*a] = l
	}
	return l
}

// of makes ev the event whose texts are remembered.
func (m *vevents) of(ev *ent.Event) {
	if m.event != ev {
		m.event, m.page = ev, m.s.EventPageURL(ev.ID)
		clear(m.descs)
	}
}

// description is the event's description, the online link and the access
// notes, and the event page; once per event and online link.
func (m *vevents) description(ev *ent.Event, onlineURL string) string {
	m.of(ev)
	if d, ok := m.descs[onlineURL]; ok {
		return d
	}
	const join, access, details = "Join online: ", "Access: ", "Details and replies: "
	text, notes := strings.TrimSpace(ev.Description), strings.TrimSpace(ev.VenueAccess)
	var b strings.Builder
	b.Grow(len(text) + 2 + len(join) + len(onlineURL) + 1 + len(access) + len(notes) + 1 + len(details) + len(m.page))
	if text != "" {
		b.WriteString(text)
		b.WriteString("\n\n")
	}
	if onlineURL != "" {
		b.WriteString(join)
		b.WriteString(onlineURL)
		b.WriteByte('\n')
	}
	if notes != "" {
		b.WriteString(access)
		b.WriteString(notes)
		b.WriteByte('\n')
	}
	b.WriteString(details)
	b.WriteString(m.page)
	d := b.String()
	m.descs[onlineURL] = d
	return d
}

func kindLabel(k event.Kind) string {
	if k == event.KindFORUM {
		return "Forum"
	}
	return "Workshop"
}

// categories are an event's CATEGORIES, one shared list per kind.
var categories = map[event.Kind][]string{
	event.KindFORUM:    {kindLabel(event.KindFORUM)},
	event.KindWORKSHOP: {kindLabel(event.KindWORKSHOP)},
}

// component is the VEVENT of an occurrence with data d; master fields
// (RRULE, EXDATE) are the caller's business.
func (m *vevents) component(ev *ent.Event, d occurrenceData) icalendar.Event {
	status := "CONFIRMED"
	if ev.Status == event.StatusCANCELLED {
		status = "CANCELLED"
	}
	cats, ok := categories[ev.Kind]
	if !ok {
		cats = []string{kindLabel(ev.Kind)}
	}
	desc := m.description(ev, d.onlineURL)
	return icalendar.Event{
		UID:          ev.UID,
		Sequence:     ev.Sequence,
		Created:      ev.CreatedAt,
		LastModified: ev.UpdatedAt,
		Start:        ev.StartsAt,
		End:          ev.EndsAt,
		TimeZone:     ev.TimeZone,
		AllDay:       ev.AllDay,
		Summary:      d.title,
		Description:  desc,
		Location:     m.location(d.venueName, d.venueAddress),
		URL:          m.page,
		Status:       status,
		Organizer:    m.organizer(ev.Edges.Programme),
		Categories:   cats,
	}
}

func baseData(ev *ent.Event) occurrenceData {
	return occurrenceData{title: ev.Title, venueName: ev.VenueName, venueAddress: ev.VenueAddress, onlineURL: ev.OnlineURL}
}

// overrideData applies an override's changes to the series' data.
func overrideData(ev *ent.Event, ov *ent.OccurrenceOverride) occurrenceData {
	d := baseData(ev)
	if ov == nil {
		return d
	}
	if ov.Title != "" {
		d.title = ov.Title
	}
	if ov.VenueName != "" || ov.VenueAddress != "" {
		d.venueName, d.venueAddress = ov.VenueName, ov.VenueAddress
	}
	if ov.OnlineURL != "" {
		d.onlineURL = ov.OnlineURL
	}
	return d
}

// visible reports whether an override changes anything a calendar shows
// (a check-in code alone does not).
func visible(ov *ent.OccurrenceOverride) bool {
	return ov.StartsAt != nil || ov.EndsAt != nil || ov.Title != "" || ov.VenueName != "" ||
		ov.VenueAddress != "" || ov.OnlineURL != ""
}

// occurrenceTimes is where the occurrence originally at rid now is: an
// override may move its start (keeping the length) and/or its end.
func occurrenceTimes(ev *ent.Event, rid time.Time, ov *ent.OccurrenceOverride) (time.Time, time.Time) {
	length := ev.EndsAt.Sub(ev.StartsAt)
	start, end := rid, rid.Add(length)
	if ov != nil && ov.StartsAt != nil {
		start = *ov.StartsAt
		end = start.Add(length)
	}
	if ov != nil && ov.EndsAt != nil {
		end = *ov.EndsAt
	}
	return start, end
}

// instance is the VEVENT of one occurrence with RECURRENCE-ID rid.
func (m *vevents) instance(ev *ent.Event, rid time.Time, ov *ent.OccurrenceOverride) icalendar.Event {
	c := m.component(ev, overrideData(ev, ov))
	c.Start, c.End = occurrenceTimes(ev, rid, ov)
	r := rid
	c.RecurrenceID = &r
	if ov != nil {
		// Monotonic in both: raising either the series' or the
		// occurrence's revision raises the instance's.
		c.Sequence = ev.Sequence + ov.Sequence
		if ov.UpdatedAt.After(c.LastModified) {
			c.LastModified = ov.UpdatedAt
		}
		if ov.Cancelled {
			c.Status = "CANCELLED"
		}
	}
	return c
}

// series appends the event as a whole to out: the master VEVENT (RRULE,
// one EXDATE per removed or cancelled occurrence) plus one override VEVENT
// per changed occurrence. attendees, if any, go on every component.
func (m *vevents) series(out []icalendar.Event, ev *ent.Event, attendees []icalendar.Attendee) []icalendar.Event {
	master := m.component(ev, baseData(ev))
	master.Attendees = attendees
	if ev.Rrule == "" {
		return append(out, master)
	}
	master.RRule = ev.Rrule
	master.ExDates = append([]time.Time(nil), ev.Exdates...)
	at := len(out)
	out = append(out, icalendar.Event{}) // the master's place, filled below
	for _, ov := range ev.Edges.Overrides {
		switch {
		case ov.Cancelled:
			master.ExDates = append(master.ExDates, ov.RecurrenceID)
		case visible(ov) && !isExcluded(ev.Exdates, ov.RecurrenceID):
			c := m.instance(ev, ov.RecurrenceID, ov)
			c.Attendees = attendees
			out = append(out, c)
		}
	}
	out[at] = master
	return out
}

func isExcluded(exdates []time.Time, t time.Time) bool {
	for _, x := range exdates {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

func overrideAt(ev *ent.Event, rid time.Time) *ent.OccurrenceOverride {
	for _, ov := range ev.Edges.Overrides {
		if ov.RecurrenceID.Equal(rid) {
			return ov
		}
	}
	return nil
}
