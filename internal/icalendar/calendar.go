package icalendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
)

// DefaultProdID is written as PRODID when Calendar.ProdID is empty.
const DefaultProdID = "-//Convene//Convene Calendar//EN"

// iTIP methods (RFC 5546) accepted in Calendar.Method.
const (
	MethodPublish = "PUBLISH" // feeds and downloads; same as no METHOD for most clients
	MethodRequest = "REQUEST" // invitation or update, sent by the organizer
	MethodReply   = "REPLY"   // an attendee's answer
	MethodCancel  = "CANCEL"  // cancellation of an event or of one occurrence
)

// ErrInvalid is wrapped by every error Marshal and Encode return because the
// input cannot be represented correctly (as opposed to I/O failures), so
// handlers can tell a 4xx from a 5xx with errors.Is.
var ErrInvalid = errors.New("invalid calendar input")

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// Calendar is one iCalendar object (VCALENDAR).
type Calendar struct {
	// ProdID identifies the producer (PRODID); DefaultProdID if empty.
	ProdID string
	// Name is the calendar's display name, written both as RFC 7986 NAME
	// and as X-WR-CALNAME, which Apple and Google clients read instead.
	Name string
	// Description is written as RFC 7986 DESCRIPTION and X-WR-CALDESC.
	Description string
	// RefreshInterval, if non-zero, is the suggested polling interval for
	// subscribers: REFRESH-INTERVAL;VALUE=DURATION (RFC 7986) and
	// X-PUBLISHED-TTL (Outlook). Whole seconds, positive.
	RefreshInterval time.Duration
	// Method is the iTIP method: "" (none, for feeds and downloads),
	// MethodPublish, MethodRequest, MethodReply or MethodCancel. REQUEST,
	// REPLY and CANCEL require an Organizer on every event, REQUEST at
	// least one attendee, REPLY exactly one, and CANCEL a Status that is
	// empty (uninviting attendees) or CANCELLED (RFC 5546 §3.2).
	Method string
	// Events become VEVENTs and Todos VTODOs. Their order does not matter:
	// components are sorted by UID, then master before overrides, then
	// RECURRENCE-ID, so that a set of rows fetched without ORDER BY still
	// produces a stable body.
	Events []Event
	Todos  []Todo
	// Zones controls the span of the generated VTIMEZONEs.
	Zones ZoneOptions
}

// Address is a calendar user: an e-mail address and an optional display
// name (the CN parameter).
type Address struct {
	Email string
	Name  string
}

// Attendee is an ATTENDEE of an event.
type Attendee struct {
	Address
	// Role is CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT or NON-PARTICIPANT;
	// empty omits ROLE (meaning REQ-PARTICIPANT).
	Role string
	// PartStat is NEEDS-ACTION, ACCEPTED, TENTATIVE, DECLINED or
	// DELEGATED; empty omits PARTSTAT (meaning NEEDS-ACTION).
	PartStat string
	// RSVP asks the attendee to reply (RSVP=TRUE); false omits it.
	RSVP bool
}

// Marshal encodes cal as an iCalendar document: CRLF line ends, lines folded
// at 75 octets, one VTIMEZONE per TZID used (before the other components),
// DTSTAMP/CREATED/LAST-MODIFIED/COMPLETED in UTC. Identical input yields
// identical bytes.
//
// Invalid input is reported as an error wrapping ErrInvalid, never a panic;
// this includes an empty UID, a zero Start, End before Start, an unknown or
// "Local" time zone, an invalid RRULE, status, role, e-mail address or URL,
// and duplicate UID/RECURRENCE-ID pairs.
//
// A calendar without events or to-dos is still valid: RFC 5545 requires at
// least one component, and go-ical refuses to encode none, so such a
// calendar carries a single VTIMEZONE for UTC, which every client ignores.
func Marshal(cal *Calendar) ([]byte, error) {
	ic, err := build(cal)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(512 + 800*(len(cal.Events)+len(cal.Todos)))
	if err := ical.NewEncoder(&buf).Encode(ic); err != nil {
		return nil, fmt.Errorf("icalendar: encode: %w", err)
	}
	return FoldLines(buf.Bytes()), nil
}

// Encode writes Marshal(cal) to w. Nothing is written if cal is invalid, so
// an HTTP handler can still answer with an error status.
func Encode(w io.Writer, cal *Calendar) error {
	b, err := Marshal(cal)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// builder carries per-Marshal state: loaded zones and the span of instants
// written in each, from which VTIMEZONEs are generated at the end.
type builder struct {
	method string
	zones  ZoneOptions
	locs   map[string]*time.Location
	spans  map[string]*zoneSpan // by TZID
	mailto map[string]string    // e-mail address -> validated mailto: URI
}

type zoneSpan struct {
	loc         *time.Location
	first, last time.Time
}

// location resolves an IANA zone name. "" and "UTC" mean UTC, which is
// written as "Z" date-times without TZID or VTIMEZONE. Zones are loaded once
// per Marshal because time.LoadLocation reads and parses a file every call.
func (b *builder) location(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if loc, ok := b.locs[name]; ok {
		return loc, nil
	}
	// LoadLocation("Local") returns the server's zone, named "Local",
	// which is not a TZID anyone else can resolve.
	if strings.EqualFold(name, "Local") {
		return nil, invalidf("time zone %q is not an IANA zone name", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, invalidf("unknown time zone %q", name)
	}
	b.locs[name] = loc
	return loc, nil
}

// cover records that instants are written with TZID=loc, so its VTIMEZONE
// must describe them.
func (b *builder) cover(loc *time.Location, instants ...time.Time) {
	if loc == time.UTC || len(instants) == 0 {
		return
	}
	s, ok := b.spans[loc.String()]
	if !ok {
		s = &zoneSpan{loc: loc, first: instants[0], last: instants[0]}
		b.spans[loc.String()] = s
	}
	for _, t := range instants {
		if t.Before(s.first) {
			s.first = t
		}
		if t.After(s.last) {
			s.last = t
		}
	}
}

// sortKey orders components so output does not depend on input order:
// by UID, the master (no RECURRENCE-ID) before its overrides, overrides by
// RECURRENCE-ID.
type sortKey struct {
	uid     string
	isOverr bool
	recur   time.Time
}

func (k sortKey) compare(o sortKey) int {
	if c := strings.Compare(k.uid, o.uid); c != 0 {
		return c
	}
	if k.isOverr != o.isOverr {
		if !k.isOverr {
			return -1
		}
		return 1
	}
	return k.recur.Compare(o.recur)
}

type keyedComponent struct {
	key  sortKey
	comp *ical.Component
}

// build turns cal into a go-ical calendar ready for go-ical's encoder.
func build(cal *Calendar) (*ical.Calendar, error) {
	if cal == nil {
		return nil, invalidf("nil calendar")
	}
	b := &builder{
		zones:  cal.Zones,
		locs:   make(map[string]*time.Location),
		spans:  make(map[string]*zoneSpan),
		mailto: make(map[string]string),
	}
	ic := ical.NewCalendar()
	if err := b.calendarProps(ic.Props, cal); err != nil {
		return nil, fmt.Errorf("icalendar: %w", err)
	}

	comps := make([]keyedComponent, 0, len(cal.Events)+len(cal.Todos))
	for i := range cal.Events {
		e := &cal.Events[i]
		comp, key, err := b.event(e)
		if err != nil {
			return nil, fmt.Errorf("icalendar: event %d (UID %q): %w", i, e.UID, err)
		}
		comps = append(comps, keyedComponent{key, comp})
	}
	nEvents := len(comps)
	for i := range cal.Todos {
		t := &cal.Todos[i]
		comp, key, err := b.todo(t)
		if err != nil {
			return nil, fmt.Errorf("icalendar: to-do %d (UID %q): %w", i, t.UID, err)
		}
		comps = append(comps, keyedComponent{key, comp})
	}
	byKey := func(a, b keyedComponent) int { return a.key.compare(b.key) }
	events, todos := comps[:nEvents], comps[nEvents:]
	slices.SortStableFunc(events, byKey)
	slices.SortStableFunc(todos, byKey)
	for _, list := range [][]keyedComponent{events, todos} {
		for i := 1; i < len(list); i++ {
			if list[i].key.compare(list[i-1].key) == 0 {
				k := list[i].key
				if k.isOverr {
					return nil, fmt.Errorf("icalendar: %w", invalidf("duplicate UID %q with RECURRENCE-ID %s", k.uid, k.recur.UTC().Format(time.RFC3339)))
				}
				return nil, fmt.Errorf("icalendar: %w", invalidf("duplicate UID %q", k.uid))
			}
		}
	}

	tzs, err := b.timezones()
	if err != nil {
		return nil, fmt.Errorf("icalendar: %w", err)
	}
	ic.Children = make([]*ical.Component, 0, len(tzs)+len(comps))
	ic.Children = append(ic.Children, tzs...)
	for _, kc := range comps {
		ic.Children = append(ic.Children, kc.comp)
	}
	if len(ic.Children) == 0 {
		epoch := time.Unix(0, 0)
		utc, err := TimeZoneComponent(time.UTC, epoch, epoch)
		if err != nil {
			return nil, fmt.Errorf("icalendar: %w", err)
		}
		ic.Children = append(ic.Children, utc)
	}
	return ic, nil
}

func (b *builder) calendarProps(props ical.Props, cal *Calendar) error {
	prodID := strings.TrimSpace(cleanText(cal.ProdID))
	if prodID == "" {
		prodID = DefaultProdID
	}
	setText(props, ical.PropProductID, prodID)
	setText(props, ical.PropVersion, "2.0")
	setText(props, ical.PropCalendarScale, "GREGORIAN")

	b.method = strings.ToUpper(strings.TrimSpace(cal.Method))
	switch b.method {
	case "", MethodPublish, MethodRequest, MethodReply, MethodCancel:
	default:
		return invalidf("unsupported METHOD %q", cal.Method)
	}
	setText(props, ical.PropMethod, b.method)

	setText(props, ical.PropName, cal.Name)
	setText(props, "X-WR-CALNAME", cal.Name)
	setText(props, ical.PropDescription, cal.Description)
	setText(props, "X-WR-CALDESC", cal.Description)

	if d := cal.RefreshInterval; d != 0 {
		if d < time.Second || d%time.Second != 0 {
			return invalidf("refresh interval %s is not a positive whole number of seconds", d)
		}
		// RFC 7986 §5.7 makes VALUE=DURATION mandatory, but go-ical's
		// SetDuration drops it because DURATION is the property's default
		// type in its table; so the parameter is set by hand.
		p := ical.NewProp(ical.PropRefreshInterval)
		p.Params.Set(ical.ParamValue, string(ical.ValueDuration))
		p.Value = formatDuration(d)
		props.Set(p)
		setRaw(props, "X-PUBLISHED-TTL", formatDuration(d))
	}
	return nil
}

// timezones returns one VTIMEZONE per TZID used, sorted by TZID.
func (b *builder) timezones() ([]*ical.Component, error) {
	ids := make([]string, 0, len(b.spans))
	for id := range b.spans {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	margin := b.zones.margin()
	out := make([]*ical.Component, 0, len(ids))
	for _, id := range ids {
		s := b.spans[id]
		from, to := s.first.Add(-margin), s.last.Add(margin)
		if u := b.zones.Until; !u.IsZero() && u.After(to) {
			to = u
		}
		// Margins and horizons must not push local DTSTARTs out of
		// the four-digit years RFC 5545 can write; a day's slack
		// absorbs any UTC offset.
		from = maxTime(from, time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC))
		to = minTime(to, time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC))
		if to.Before(from) {
			to = from
		}
		comp, err := TimeZoneComponent(s.loc, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, comp)
	}
	return out, nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
