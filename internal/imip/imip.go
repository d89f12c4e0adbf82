// Package imip builds the calendar parts of Convene's invitation emails
// (iMIP, RFC 6047): METHOD:REQUEST for invitations and updates, and
// METHOD:CANCEL for cancellations of a whole event or one occurrence. Every
// byte is produced by internal/icalendar (go-ical underneath).
//
// Identity rules, shared with the calendar feeds: a series invitation uses
// the event's UID; an invitation to a single occurrence is a stand-alone
// event whose UID is derived from the event UID and the occurrence's
// original start (OccurrenceUID), so that updates and cancellations of that
// occurrence reach the same calendar entry.
package imip

import (
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/icalendar"
	"github.com/convene/convene/internal/recurrence"
)

// Part is a ready-to-send calendar part.
type Part struct {
	Method string
	ICS    []byte
}

// Recipient is the invitee as written into ATTENDEE.
type Recipient struct {
	Email, Name string
	// PartStat is the attendee's current answer in iCalendar terms
	// (NEEDS-ACTION, ACCEPTED, TENTATIVE, DECLINED).
	PartStat string
	// Role is the iCalendar role (REQ-PARTICIPANT, CHAIR, ...).
	Role string
}

// Invite describes what the calendar part is about.
type Invite struct {
	Event     *ent.Event
	Overrides []*ent.OccurrenceOverride
	// Occurrence, if set, limits the invitation to the occurrence that
	// originally started then.
	Occurrence *time.Time
	Organizer  icalendar.Address
	Recipient  Recipient
	// URL is a link to the event (the RSVP page).
	URL string
	// Now is DTSTAMP.
	Now time.Time
}

// OccurrenceUID is the UID of the stand-alone calendar entry for an
// invitation to one occurrence.
func OccurrenceUID(eventUID string, recurrenceID time.Time) string {
	return recurrenceID.UTC().Format("20060102T150405Z") + "-" + eventUID
}

// PartStat maps an invitation response to iCalendar PARTSTAT.
func PartStat(response string) string {
	switch response {
	case "ACCEPTED":
		return "ACCEPTED"
	case "TENTATIVE":
		return "TENTATIVE"
	case "DECLINED":
		return "DECLINED"
	default: // PENDING, WAITLISTED: not yet a place
		return "NEEDS-ACTION"
	}
}

// Role maps an invitation role to the iCalendar ROLE parameter.
func Role(role string) string {
	switch role {
	case "FACILITATOR":
		return "CHAIR"
	case "OBSERVER":
		return "NON-PARTICIPANT"
	default:
		return "REQ-PARTICIPANT"
	}
}

// Location renders the venue (and online link) as one LOCATION value.
func Location(venueName, venueAddress, onlineURL string) string {
	var parts []string
	for _, s := range []string{venueName, strings.ReplaceAll(strings.TrimSpace(venueAddress), "\n", ", "), onlineURL} {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

func (in Invite) attendee() icalendar.Attendee {
	ps := in.Recipient.PartStat
	if ps == "" {
		ps = "NEEDS-ACTION"
	}
	return icalendar.Attendee{
		Address:  icalendar.Address{Email: in.Recipient.Email, Name: in.Recipient.Name},
		Role:     in.Recipient.Role,
		PartStat: ps,
		RSVP:     true,
	}
}

func (in Invite) base() icalendar.Event {
	ev := in.Event
	org := in.Organizer
	return icalendar.Event{
		UID:          ev.UID,
		Sequence:     ev.Sequence,
		Stamp:        in.Now,
		Created:      ev.CreatedAt,
		LastModified: ev.UpdatedAt,
		Start:        ev.StartsAt,
		End:          ev.EndsAt,
		TimeZone:     ev.TimeZone,
		AllDay:       ev.AllDay,
		Summary:      ev.Title,
		Description:  description(ev.Description, in.URL),
		Location:     Location(ev.VenueName, ev.VenueAddress, ev.OnlineURL),
		URL:          in.URL,
		Organizer:    &org,
		Attendees:    []icalendar.Attendee{in.attendee()},
	}
}

func description(text, url string) string {
	text = strings.TrimSpace(text)
	if url == "" {
		return text
	}
	if text != "" {
		text += "\n\n"
	}
	return text + "Reply: " + url
}

// Request builds METHOD:REQUEST — a first invitation or an update (same UID,
// the event's current SEQUENCE). A series carries its RRULE, EXDATEs (the
// event's own plus cancelled occurrences) and one VEVENT per changed
// occurrence; an occurrence invitation is one stand-alone VEVENT.
func Request(in Invite) (Part, error) {
	cal, err := requestCalendar(in)
	if err != nil {
		return Part{}, err
	}
	b, err := icalendar.Marshal(cal)
	if err != nil {
		return Part{}, err
	}
	return Part{Method: icalendar.MethodRequest, ICS: b}, nil
}

func requestCalendar(in Invite) (*icalendar.Calendar, error) {
	cal := &icalendar.Calendar{Method: icalendar.MethodRequest}
	ev := in.Event
	master := in.base()
	master.Status = "CONFIRMED"
	if in.Occurrence != nil {
		occ, err := occurrenceOf(ev, in.Overrides, *in.Occurrence)
		if err != nil {
			return nil, err
		}
		one := master
		one.UID = OccurrenceUID(ev.UID, *in.Occurrence)
		one.Start, one.End = occ.Start, occ.End
		applyOverride(&one, occ.Override)
		cal.Events = []icalendar.Event{one}
	} else {
		master.RRule = ev.Rrule
		master.ExDates = append([]time.Time(nil), ev.Exdates...)
		cal.Events = []icalendar.Event{master}
		if ev.Rrule != "" {
			for _, o := range in.Overrides {
				if o.Cancelled {
					master.ExDates = append(master.ExDates, o.RecurrenceID)
					continue
				}
				occ, err := occurrenceOf(ev, in.Overrides, o.RecurrenceID)
				if err != nil {
					return nil, err
				}
				x := in.base()
				x.Status = "CONFIRMED"
				rid := o.RecurrenceID
				x.RecurrenceID = &rid
				x.Start, x.End = occ.Start, occ.End
				applyOverride(&x, occ.Override)
				cal.Events = append(cal.Events, x)
			}
			cal.Events[0] = master
		}
	}
	return cal, nil
}

// Cancel builds METHOD:CANCEL for the whole event (occurrence nil) or for
// the occurrence that originally started at *occurrence. For an occurrence
// of a series the VEVENT carries RECURRENCE-ID; for an invitation that was
// to that occurrence only (standAlone) it is the occurrence's own UID.
func Cancel(in Invite, occurrence *time.Time, standAlone bool) (Part, error) {
	ev := in.Event
	x := in.base()
	x.Status = "CANCELLED"
	switch {
	case occurrence != nil:
		occ, err := occurrenceOf(ev, in.Overrides, *occurrence)
		if err != nil {
			return Part{}, err
		}
		x.Start, x.End = occ.Start, occ.End
		if standAlone {
			x.UID = OccurrenceUID(ev.UID, *occurrence)
		} else {
			rid := *occurrence
			x.RecurrenceID = &rid
		}
	case in.Occurrence != nil: // whole event cancelled, invitee had one occurrence
		occ, err := occurrenceOf(ev, in.Overrides, *in.Occurrence)
		if err != nil {
			return Part{}, err
		}
		x.UID = OccurrenceUID(ev.UID, *in.Occurrence)
		x.Start, x.End = occ.Start, occ.End
	default:
		x.RRule = ev.Rrule
		x.ExDates = append([]time.Time(nil), ev.Exdates...)
	}
	b, err := icalendar.Marshal(&icalendar.Calendar{Method: icalendar.MethodCancel, Events: []icalendar.Event{x}})
	if err != nil {
		return Part{}, err
	}
	return Part{Method: icalendar.MethodCancel, ICS: b}, nil
}

// Download builds a plain (method-less) .ics of what the invitee is invited
// to, for the "add to calendar" link: clients import it as an ordinary
// event rather than as a pending invitation.
func Download(in Invite) ([]byte, error) {
	cal, err := requestCalendar(in)
	if err != nil {
		return nil, err
	}
	cal.Method = ""
	return icalendar.Marshal(cal)
}

func applyOverride(e *icalendar.Event, o *recurrence.Override) {
	if o == nil {
		return
	}
	row, _ := o.Payload.(*ent.OccurrenceOverride)
	if row == nil {
		return
	}
	if row.Title != "" {
		e.Summary = row.Title
	}
	if row.VenueName != "" || row.VenueAddress != "" || row.OnlineURL != "" {
		e.Location = Location(row.VenueName, row.VenueAddress, row.OnlineURL)
	}
}

// SeriesOf turns a stored event and its overrides into a recurrence series.
func SeriesOf(ev *ent.Event, overrides []*ent.OccurrenceOverride) recurrence.Series {
	s := recurrence.Series{
		Start: ev.StartsAt, End: ev.EndsAt, TimeZone: ev.TimeZone, AllDay: ev.AllDay,
		RRule: ev.Rrule, ExDates: ev.Exdates,
	}
	if s.TimeZone == "" {
		s.TimeZone = "UTC"
	}
	for _, o := range overrides {
		s.Overrides = append(s.Overrides, recurrence.Override{
			RecurrenceID: o.RecurrenceID, Start: o.StartsAt, End: o.EndsAt, Cancelled: o.Cancelled, Payload: o,
		})
	}
	return s
}

func occurrenceOf(ev *ent.Event, overrides []*ent.OccurrenceOverride, rid time.Time) (recurrence.Occurrence, error) {
	s := SeriesOf(ev, overrides)
	occs, err := recurrence.Expand(s, rid.Add(-time.Second), rid.Add(time.Second))
	if err == nil {
		for _, o := range occs {
			if o.RecurrenceID.Equal(rid) {
				return o, nil
			}
		}
	}
	// A moved occurrence may no longer overlap its original slot; look for
	// it by its override.
	for _, o := range overrides {
		if o.RecurrenceID.Equal(rid) {
			occ := recurrence.Occurrence{RecurrenceID: rid, Start: rid, End: rid.Add(ev.EndsAt.Sub(ev.StartsAt)), Cancelled: o.Cancelled}
			if o.StartsAt != nil {
				occ.Start = *o.StartsAt
				occ.End = occ.Start.Add(ev.EndsAt.Sub(ev.StartsAt))
			}
			if o.EndsAt != nil {
				occ.End = *o.EndsAt
			}
			occ.Override = &recurrence.Override{RecurrenceID: rid, Start: o.StartsAt, End: o.EndsAt, Cancelled: o.Cancelled, Payload: o}
			return occ, nil
		}
	}
	if err != nil {
		return recurrence.Occurrence{}, err
	}
	return recurrence.Occurrence{}, recurrence.ErrNotAnOccurrence
}

// DownloadWithoutAttendee is Download for an invitee without an email
// address (ATTENDEE needs one): the event alone.
func DownloadWithoutAttendee(in Invite) ([]byte, error) {
	cal, err := requestCalendar(in)
	if err != nil {
		return nil, err
	}
	cal.Method = ""
	for i := range cal.Events {
		cal.Events[i].Attendees = nil
	}
	return icalendar.Marshal(cal)
}
