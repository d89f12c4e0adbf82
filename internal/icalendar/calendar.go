package icalendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
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
	b, items, err := prepare(cal)
	if err != nil {
		return nil, err
	}
	tzs, err := b.timezones()
	if err != nil {
		return nil, fmt.Errorf("icalendar: %w", err)
	}
	return b.encode(tzs, items)
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
	method    string
	zones     ZoneOptions
	spans     map[string]*zoneSpan // by TZID
	addresses map[Address]address  // validated ORGANIZERs and ATTENDEEs
	attendees map[attendeeList][]attendee
	uris      map[string]string      // URL -> as written
	rules     map[ruleKey]parsedRule // RRULE value -> its validation
	header    *propBuf               // the VCALENDAR's own properties
}

type zoneSpan struct {
	loc         *time.Location
	first, last time.Time
}

// zones caches time.LoadLocation, which reads and parses a zoneinfo file on
// every call; the zone data cannot change while the process runs.
var zones sync.Map // name -> *time.Location

// loadLocation resolves an IANA zone name. "" and "UTC" mean UTC, which is
// written as "Z" date-times without TZID or VTIMEZONE.
func loadLocation(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
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
	zones.Store(name, loc)
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

// item is one prepared VEVENT or VTODO.
type item struct {
	key   sortKey
	event *preparedEvent
	todo  *preparedTodo
}

// prepare validates cal and orders its components, without building any
// of them: VEVENTs by sortKey, then VTODOs by sortKey.
func prepare(cal *Calendar) (*builder, []item, error) {
	if cal == nil {
		return nil, nil, invalidf("nil calendar")
	}
	b := &builder{
		zones:     cal.Zones,
		spans:     make(map[string]*zoneSpan),
		addresses: make(map[Address]address),
		attendees: make(map[attendeeList][]attendee),
		uris:      make(map[string]string),
		rules:     make(map[ruleKey]parsedRule),
		header:    newPropBuf(12),
	}
	if err := b.calendarProps(cal); err != nil {
		return nil, nil, fmt.Errorf("icalendar: %w", err)
	}
	events := make([]preparedEvent, len(cal.Events))
	todos := make([]preparedTodo, len(cal.Todos))
	items := make([]item, 0, len(events)+len(todos))
	for i := range cal.Events {
		pe, err := b.prepareEvent(&cal.Events[i])
		if err != nil {
			return nil, nil, fmt.Errorf("icalendar: event %d (UID %q): %w", i, cal.Events[i].UID, err)
		}
		events[i] = pe
		items = append(items, item{key: pe.key, event: &events[i]})
	}
	nEvents := len(items)
	for i := range cal.Todos {
		pt, err := b.prepareTodo(&cal.Todos[i])
		if err != nil {
			return nil, nil, fmt.Errorf("icalendar: to-do %d (UID %q): %w", i, cal.Todos[i].UID, err)
		}
		todos[i] = pt
		items = append(items, item{key: pt.key, todo: &todos[i]})
	}
	// Unstable sorting is enough: equal keys are an error below.
	byKey := func(a, b item) int { return a.key.compare(b.key) }
	for _, list := range [][]item{items[:nEvents], items[nEvents:]} {
		slices.SortFunc(list, byKey)
		for i := 1; i < len(list); i++ {
			if list[i].key.compare(list[i-1].key) == 0 {
				k := list[i].key
				if k.isOverr {
					return nil, nil, fmt.Errorf("icalendar: %w", invalidf("duplicate UID %q with RECURRENCE-ID %s", k.uid, k.recur.UTC().Format(time.RFC3339)))
				}
				return nil, nil, fmt.Errorf("icalendar: %w", invalidf("duplicate UID %q", k.uid))
			}
		}
	}
	return b, items, nil
}

// calendarEnd is the line go-ical ends a VCALENDAR with.
const calendarEnd = "END:VCALENDAR\r\n"

// encode writes the calendar with go-ical's encoder, folding lines as they
// are written. go-ical can only encode a whole component tree, so the
// document is encoded in pieces, every byte still by go-ical: first the
// VCALENDAR with its properties and VTIMEZONEs (its END line held back),
// then each VEVENT and VTODO as its own go-ical Calendar whose root is that
// component, built in a reused propBuf just before it is encoded, then the
// held-back END line. Building the whole tree first would allocate a map,
// property slices and parameter maps for every component and keep them all
// alive until the end.
func (b *builder) encode(tzs []*ical.Component, items []item) ([]byte, error) {
	w := &foldingWriter{out: make([]byte, 0, 1024+1100*len(items))}
	enc := ical.NewEncoder(w)
	eventProps, todoProps := newPropBuf(24), newPropBuf(16)
	// One arena for every event's values (escaped texts, date-times):
	// about 350 octets each in a typical feed.
	eventProps.vals.Grow(384 * len(items))
	vevent := &ical.Component{Name: ical.CompEvent, Props: eventProps.props}
	vtodo := &ical.Component{Name: ical.CompToDo, Props: todoProps.props}
	component := func(it item) *ical.Component {
		if it.event != nil {
			eventProps.reset()
			it.event.fill(eventProps)
			eventProps.finish()
			return vevent
		}
		todoProps.reset()
		it.todo.fill(todoProps)
		todoProps.finish()
		return vtodo
	}

	root := &ical.Component{Name: ical.CompCalendar, Props: b.header.finish(), Children: tzs}
	if len(root.Children) == 0 {
		// go-ical refuses a VCALENDAR without components.
		if len(items) > 0 {
			root.Children = []*ical.Component{component(items[0])}
			items = items[1:]
		} else {
			// RFC 5545 requires at least one component: a VTIMEZONE
			// for UTC, which every client ignores.
			epoch := time.Unix(0, 0)
			utc, err := TimeZoneComponent(time.UTC, epoch, epoch)
			if err != nil {
				return nil, fmt.Errorf("icalendar: %w", err)
			}
			root.Children = []*ical.Component{utc}
		}
	}
	if err := enc.Encode(&ical.Calendar{Component: root}); err != nil {
		return nil, fmt.Errorf("icalendar: encode: %w", err)
	}
	if !bytes.HasSuffix(w.out, []byte(calendarEnd)) {
		return nil, fmt.Errorf("icalendar: encode: go-ical did not end the calendar with %q", calendarEnd)
	}
	end := bytes.Clone(w.out[len(w.out)-len(calendarEnd):])
	w.out = w.out[:len(w.out)-len(end)]
	for _, it := range items {
		if err := enc.Encode(&ical.Calendar{Component: component(it)}); err != nil {
			return nil, fmt.Errorf("icalendar: encode: %w", err)
		}
	}
	w.out = append(w.out, end...)
	return w.bytes(), nil
}

func (b *builder) calendarProps(cal *Calendar) error {
	props := b.header
	prodID := strings.TrimSpace(cleanText(cal.ProdID))
	if prodID == "" {
		prodID = DefaultProdID
	}
	props.text(ical.PropProductID, prodID)
	props.text(ical.PropVersion, "2.0")
	props.text(ical.PropCalendarScale, "GREGORIAN")

	b.method = strings.ToUpper(strings.TrimSpace(cal.Method))
	switch b.method {
	case "", MethodPublish, MethodRequest, MethodReply, MethodCancel:
	default:
		return invalidf("unsupported METHOD %q", cal.Method)
	}
	props.text(ical.PropMethod, b.method)

	props.text(ical.PropName, cal.Name)
	props.text("X-WR-CALNAME", cal.Name)
	props.text(ical.PropDescription, cal.Description)
	props.text("X-WR-CALDESC", cal.Description)

	if d := cal.RefreshInterval; d != 0 {
		if d < time.Second || d%time.Second != 0 {
			return invalidf("refresh interval %s is not a positive whole number of seconds", d)
		}
		// RFC 7986 §5.7 makes VALUE=DURATION mandatory, but go-ical's
		// SetDuration drops it because DURATION is the property's default
		// type in its table; so the parameter is set by hand.
		props.raw(ical.PropRefreshInterval, formatDuration(d)).Params.Set(ical.ParamValue, string(ical.ValueDuration))
		props.raw("X-PUBLISHED-TTL", formatDuration(d))
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
