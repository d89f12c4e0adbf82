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

func (s *Service) description(ev *ent.Event, d occurrenceData) string {
	var b strings.Builder
	if t := strings.TrimSpace(ev.Description); t != "" {
		b.WriteString(t)
		b.WriteString("\n\n")
	}
	if d.onlineURL != "" {
		b.WriteString("Join online: " + d.onlineURL + "\n")
	}
	if a := strings.TrimSpace(ev.VenueAccess); a != "" {
		b.WriteString("Access: " + a + "\n")
	}
	b.WriteString("Details and replies: " + s.EventPageURL(ev.ID))
	return b.String()
}

func kindLabel(k event.Kind) string {
	if k == event.KindFORUM {
		return "Forum"
	}
	return "Workshop"
}

// component is the VEVENT of an occurrence with data d; master fields
// (RRULE, EXDATE) are the caller's business.
func (s *Service) component(ev *ent.Event, org *icalendar.Address, d occurrenceData) icalendar.Event {
	status := "CONFIRMED"
	if ev.Status == event.StatusCANCELLED {
		status = "CANCELLED"
	}
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
		Description:  s.description(ev, d),
		Location:     location(d.venueName, d.venueAddress),
		URL:          s.EventPageURL(ev.ID),
		Status:       status,
		Organizer:    org,
		Categories:   []string{kindLabel(ev.Kind)},
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
func (s *Service) instance(ev *ent.Event, org *icalendar.Address, rid time.Time, ov *ent.OccurrenceOverride) icalendar.Event {
	c := s.component(ev, org, overrideData(ev, ov))
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

// series is the event as a whole: the master VEVENT (RRULE, one EXDATE per
// removed or cancelled occurrence) plus one override VEVENT per changed
// occurrence. att, if set, is added to every component.
func (s *Service) series(ev *ent.Event, org *icalendar.Address, att *icalendar.Attendee) []icalendar.Event {
	master := s.component(ev, org, baseData(ev))
	if att != nil {
		master.Attendees = []icalendar.Attendee{*att}
	}
	if ev.Rrule == "" {
		return []icalendar.Event{master}
	}
	master.RRule = ev.Rrule
	master.ExDates = append([]time.Time(nil), ev.Exdates...)
	out := []icalendar.Event{}
	for _, ov := range ev.Edges.Overrides {
		switch {
		case ov.Cancelled:
			master.ExDates = append(master.ExDates, ov.RecurrenceID)
		case visible(ov) && !isExcluded(ev.Exdates, ov.RecurrenceID):
			c := s.instance(ev, org, ov.RecurrenceID, ov)
			c.Attendees = master.Attendees
			out = append(out, c)
		}
	}
	return append([]icalendar.Event{master}, out...)
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
