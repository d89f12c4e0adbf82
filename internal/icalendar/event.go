package icalendar

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/teambition/rrule-go"
)

// Event is one VEVENT: a whole series (with RRule), a single event, or — with
// RecurrenceID — an override of one occurrence of a series.
type Event struct {
	UID      string // required; stable across updates
	Sequence int    // revision number for iTIP; written even when 0

	// Stamp is DTSTAMP: when this representation was created (for iTIP,
	// when the message was sent). If zero, LastModified, then Created, is
	// used; one of the three is required. Created and LastModified are
	// optional. All three are written in UTC whatever their location.
	Stamp, Created, LastModified time.Time

	// Start is required. End is optional (zero omits DTEND) and must not
	// be before Start.
	Start, End time.Time

	// TimeZone is the IANA zone the event is anchored to. "" or "UTC"
	// writes UTC date-times; any other zone writes TZID=zone local times
	// (so a weekly 10:00 Europe/London meeting stays at 10:00 across DST)
	// and adds the zone's VTIMEZONE.
	TimeZone string

	// AllDay writes DTSTART/DTEND/EXDATE/RECURRENCE-ID as VALUE=DATE. The
	// dates are those of the instants as seen in TimeZone if set, otherwise
	// in the instants' own locations. DTEND is exclusive: End's date if End
	// is at midnight, otherwise the following day (so both "05-03 00:00"
	// and "05-02 23:59:59" end after 2 May), and at least the day after
	// Start.
	AllDay bool

	Summary, Description, Location string
	URL                            string // absolute URI

	// Status is CONFIRMED, TENTATIVE, CANCELLED or empty.
	Status string

	// RRule is an RFC 5545 RECUR value such as "FREQ=WEEKLY;BYDAY=MO"
	// (an "RRULE:" prefix is tolerated). UNTIL must be a UTC date-time
	// ("...T235959Z") for timed events and a DATE for all-day ones, as
	// RFC 5545 §3.3.10 requires.
	RRule string
	// ExDates are excluded occurrences (their original start times), each
	// written as its own EXDATE line in the event's zone; sorted and
	// de-duplicated.
	ExDates []time.Time
	// RecurrenceID, if set, makes this event the override of the
	// occurrence of series UID that originally started at *RecurrenceID.
	RecurrenceID *time.Time

	Organizer  *Address
	Attendees  []Attendee // sorted by e-mail; duplicates (case-insensitive) dropped
	Categories []string   // one CATEGORIES property, in the given order
}

// Todo is one VTODO.
type Todo struct {
	UID      string
	Sequence int
	// Stamp, Created, LastModified: as for Event.
	Stamp, Created, LastModified time.Time

	Summary, Description string
	URL                  string

	// Due is optional. With DueAllDay it is written as a DATE (its date in
	// TimeZone, or in its own location if TimeZone is empty); otherwise as
	// a date-time in TimeZone ("" or "UTC": UTC).
	Due       *time.Time
	DueAllDay bool
	TimeZone  string

	// Status is NEEDS-ACTION, IN-PROCESS, COMPLETED, CANCELLED or empty.
	Status string
	// PercentComplete is 0-100; 0 is omitted.
	PercentComplete int
	// Completed, if set, is written in UTC.
	Completed *time.Time
}

var (
	eventStatuses = []string{"TENTATIVE", "CONFIRMED", "CANCELLED"}
	todoStatuses  = []string{"NEEDS-ACTION", "IN-PROCESS", "COMPLETED", "CANCELLED"}
	roles         = []string{"CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"}
	partStats     = []string{"NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED"}
)

// enumValue normalises an enumerated value and checks it against allowed.
func enumValue(what, v string, allowed []string) (string, error) {
	v = strings.ToUpper(strings.TrimSpace(v))
	if v != "" && !slices.Contains(allowed, v) {
		return "", invalidf("%s %q is not one of %s", what, v, strings.Join(allowed, ", "))
	}
	return v, nil
}

// checkTime rejects instants that RFC 5545's four-digit years cannot
// express. Such values come from bugs (uninitialised or overflowed times),
// and formatting them would produce unparseable output.
func checkTime(what string, t time.Time) error {
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return invalidf("%s %s is outside years 0001-9999", what, t)
	}
	return nil
}

// stampOf picks DTSTAMP: required by RFC 5545 but only meaningful as "when
// was this produced". Falling back to the modification time keeps output
// deterministic, which time.Now would not.
func stampOf(stamp, lastModified, created time.Time) (time.Time, error) {
	for _, t := range []time.Time{stamp, lastModified, created} {
		if !t.IsZero() {
			return t, checkTime("stamp", t)
		}
	}
	return time.Time{}, invalidf("no DTSTAMP: Stamp, LastModified and Created are all zero")
}

// common holds the validated properties VEVENT and VTODO share.
type common struct {
	uid                      string
	seq                      int
	stamp, created, modified time.Time
	summary, desc            string
	url                      string // as go-ical's SetURI writes it
}

// prepareCommon validates the properties VEVENT and VTODO share.
func (b *builder) prepareCommon(uid string, seq int, stamp, created, modified time.Time, summary, desc, rawURL string) (common, error) {
	c := common{seq: seq, created: created, modified: modified, summary: summary, desc: desc}
	var err error
	if c.uid, err = normUID(uid); err != nil {
		return c, err
	}
	if seq < 0 {
		return c, invalidf("negative SEQUENCE %d", seq)
	}
	if c.stamp, err = stampOf(stamp, modified, created); err != nil {
		return c, err
	}
	for _, t := range []struct {
		what string
		t    time.Time
	}{{"created", created}, {"last-modified", modified}} {
		if !t.t.IsZero() {
			if err := checkTime(t.what, t.t); err != nil {
				return c, err
			}
		}
	}
	if rawURL != "" {
		if c.url, err = b.uri(rawURL); err != nil {
			return c, err
		}
	}
	return c, nil
}

// uri validates an absolute URI and returns it as go-ical's SetURI writes
// it. A feed gives every component of a series the same URL, so each is
// parsed once.
func (b *builder) uri(raw string) (string, error) {
	if u, ok := b.uris[raw]; ok {
		return u, nil
	}
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || strings.ContainsAny(s, " \t\r\n\"<>") {
		return "", invalidf("URL %q is not an absolute URI", raw)
	}
	b.uris[raw] = u.String()
	return u.String(), nil
}

// fill writes the shared properties.
func (c *common) fill(pb *propBuf) {
	pb.text(ical.PropUID, c.uid)
	stamp := pb.utc(ical.PropDateTimeStamp, c.stamp, "")
	if !c.created.IsZero() {
		pb.utc(ical.PropCreated, c.created, "")
	}
	if !c.modified.IsZero() {
		// Usually the stamp itself (stampOf).
		same := ""
		if c.modified.Equal(c.stamp) {
			same = stamp
		}
		pb.utc(ical.PropLastModified, c.modified, same)
	}
	pb.raw(ical.PropSequence, strconv.Itoa(c.seq))
	pb.text(ical.PropSummary, c.summary)
	pb.text(ical.PropDescription, c.desc)
	if c.url != "" {
		p := pb.set(ical.PropURL)
		pb.valueType(p, ical.ValueURI)
		p.Value = c.url
	}
}

func normUID(uid string) (string, error) {
	uid = strings.TrimSpace(cleanText(uid))
	if uid == "" {
		return "", invalidf("empty UID")
	}
	return uid, nil
}

// civilDate returns t's calendar date in loc (t's own location if loc is
// nil) as midnight UTC, so that it formats and compares as a plain date, and
// whether t was exactly midnight there.
func civilDate(t time.Time, loc *time.Location) (time.Time, bool) {
	if loc != nil {
		t = t.In(loc)
	}
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), h == 0 && mi == 0 && s == 0 && t.Nanosecond() == 0
}

// preparedEvent is an Event that has passed validation, with everything
// derived from it that writing needs. Marshal prepares every component
// first (so that errors come before any output, and so that components can
// be sorted and the VTIMEZONEs sized), then fills and encodes them one at a
// time.
type preparedEvent struct {
	e *Event
	common
	key       sortKey
	loc       *time.Location
	dateLoc   *time.Location // for VALUE=DATE values; nil: each instant's own
	status    string
	rule      string
	exdates   []time.Time
	organizer *address
	attendees []attendee
}

// address is a validated ORGANIZER or ATTENDEE.
type address struct {
	uri, cn string
}

type attendee struct {
	address
	role, partStat string
	rsvp           bool
}

func (b *builder) prepareEvent(e *Event) (preparedEvent, error) {
	pe := preparedEvent{e: e}
	if e.Start.IsZero() {
		return pe, invalidf("start time is zero")
	}
	if err := checkTime("start", e.Start); err != nil {
		return pe, err
	}
	if !e.End.IsZero() {
		if e.End.Before(e.Start) {
			return pe, invalidf("end %s is before start %s", e.End.Format(time.RFC3339), e.Start.Format(time.RFC3339))
		}
		if err := checkTime("end", e.End); err != nil {
			return pe, err
		}
	}
	var err error
	if pe.loc, err = loadLocation(e.TimeZone); err != nil {
		return pe, err
	}
	if pe.common, err = b.prepareCommon(e.UID, e.Sequence, e.Stamp, e.Created, e.LastModified, e.Summary, e.Description, e.URL); err != nil {
		return pe, err
	}
	pe.key.uid = pe.uid
	if pe.status, err = enumValue("STATUS", e.Status, eventStatuses); err != nil {
		return pe, err
	}
	if err := b.preparePeople(&pe); err != nil {
		return pe, err
	}
	// Date-valued properties of all-day events are read in the event's
	// zone if it has one, else in each instant's own location.
	if strings.TrimSpace(e.TimeZone) != "" {
		pe.dateLoc = pe.loc
	}

	// Everything written with TZID must be covered by the VTIMEZONE.
	var used [4]time.Time
	instants := used[:0]
	if !e.AllDay {
		instants = append(instants, e.Start)
		if !e.End.IsZero() {
			instants = append(instants, e.End)
		}
	}
	if strings.TrimSpace(e.RRule) != "" {
		rule, until, err := b.rrule(e.RRule, e.Start, e.AllDay)
		if err != nil {
			return pe, err
		}
		pe.rule = rule
		if !e.AllDay {
			// Cover the series up to UNTIL or the horizon, whichever
			// is sooner, plus the last occurrence's duration.
			last := e.Start.Add(b.zones.horizon())
			if !until.IsZero() && until.Before(last) {
				last = until
			}
			if !e.End.IsZero() {
				last = last.Add(e.End.Sub(e.Start))
			}
			instants = append(instants, last)
		}
	}
	if pe.exdates, err = sortedTimes(e.ExDates, e.AllDay, pe.dateLoc); err != nil {
		return pe, err
	}
	if !e.AllDay {
		b.cover(pe.loc, pe.exdates...)
	}
	if e.RecurrenceID != nil {
		rid := *e.RecurrenceID
		if rid.IsZero() {
			return pe, invalidf("RecurrenceID is set but zero")
		}
		if err := checkTime("recurrence-id", rid); err != nil {
			return pe, err
		}
		pe.key.isOverr = true
		if e.AllDay {
			pe.key.recur, _ = civilDate(rid, pe.dateLoc)
		} else {
			pe.key.recur = rid.Truncate(time.Second)
			instants = append(instants, rid)
		}
	}
	b.cover(pe.loc, instants...)
	return pe, nil
}

// fill writes the VEVENT's properties.
func (pe *preparedEvent) fill(pb *propBuf) {
	e := pe.e
	pe.common.fill(pb)
	pb.text(ical.PropLocation, e.Location)
	pb.text(ical.PropStatus, pe.status)
	if cats := cleanList(e.Categories); len(cats) > 0 {
		pb.textList(ical.PropCategories, cats)
	}
	if o := pe.organizer; o != nil {
		o.fill(pb, pb.set(ical.PropOrganizer))
	}
	for i := range pe.attendees {
		a := &pe.attendees[i]
		p := pb.add(ical.PropAttendee)
		a.fill(pb, p)
		if a.role != "" {
			pb.param(p, ical.ParamRole, a.role)
		}
		if a.partStat != "" {
			pb.param(p, ical.ParamParticipationStatus, a.partStat)
		}
		if a.rsvp {
			pb.param(p, ical.ParamRSVP, "TRUE")
		}
	}

	// dt writes one DTSTART/DTEND/EXDATE/RECURRENCE-ID value.
	dt := func(name string, t time.Time) {
		if e.AllDay {
			d, _ := civilDate(t, pe.dateLoc)
			pb.date(name, d)
		} else {
			pb.dateTime(name, t, pe.loc)
		}
	}
	dt(ical.PropDateTimeStart, e.Start)
	if !e.End.IsZero() {
		if e.AllDay {
			start, _ := civilDate(e.Start, pe.dateLoc)
			end, midnight := civilDate(e.End, pe.dateLoc)
			if !midnight {
				end = end.AddDate(0, 0, 1)
			}
			if !end.After(start) {
				end = start.AddDate(0, 0, 1)
			}
			pb.date(ical.PropDateTimeEnd, end)
		} else {
			dt(ical.PropDateTimeEnd, e.End)
		}
	}
	if pe.rule != "" {
		pb.raw(ical.PropRecurrenceRule, pe.rule)
	}
	for _, x := range pe.exdates {
		dt(ical.PropExceptionDates, x)
	}
	if e.RecurrenceID != nil {
		dt(ical.PropRecurrenceID, *e.RecurrenceID)
	}
}

// preparePeople validates ORGANIZER and ATTENDEEs and enforces the iTIP
// rules that make invitations processable (RFC 5546 §3.2).
func (b *builder) preparePeople(pe *preparedEvent) error {
	e := pe.e
	switch b.method {
	case MethodRequest, MethodReply, MethodCancel:
		if e.Organizer == nil {
			return invalidf("METHOD:%s requires an organizer", b.method)
		}
	}
	switch {
	case b.method == MethodRequest && len(e.Attendees) == 0:
		return invalidf("METHOD:REQUEST requires at least one attendee")
	case b.method == MethodReply && len(e.Attendees) != 1:
		return invalidf("METHOD:REPLY requires exactly one attendee, got %d", len(e.Attendees))
	case b.method == MethodCancel && pe.status != "" && pe.status != "CANCELLED":
		return invalidf("METHOD:CANCEL requires STATUS CANCELLED or none, got %s", pe.status)
	}

	if o := e.Organizer; o != nil {
		a, err := b.address(*o)
		if err != nil {
			return invalidf("organizer: %w", err)
		}
		pe.organizer = &a
	}
	if len(e.Attendees) == 0 {
		return nil
	}
	// Feeds hand the same attendee list to many events (the subscriber,
	// with one reply): it is validated once.
	list := attendeeList{&e.Attendees[0], len(e.Attendees)}
	atts, ok := b.attendees[list]
	if !ok {
		var err error
		if atts, err = b.prepareAttendees(e.Attendees); err != nil {
			return err
		}
		b.attendees[list] = atts
	}
	pe.attendees = atts
	return nil
}

// prepareAttendees validates ATTENDEEs, sorted by address so that the
// order rows come back from the database in does not change the output.
func (b *builder) prepareAttendees(atts []Attendee) ([]attendee, error) {
	if len(atts) > 1 {
		atts = slices.Clone(atts)
		slices.SortStableFunc(atts, func(a, b Attendee) int {
			return strings.Compare(strings.ToLower(strings.TrimSpace(a.Email)), strings.ToLower(strings.TrimSpace(b.Email)))
		})
	}
	out := make([]attendee, 0, len(atts))
	for i, a := range atts {
		if i > 0 && strings.EqualFold(strings.TrimSpace(a.Email), strings.TrimSpace(atts[i-1].Email)) {
			continue // sorted, so duplicates are neighbours
		}
		addr, err := b.address(a.Address)
		if err != nil {
			return nil, invalidf("attendee: %w", err)
		}
		role, err := enumValue("ROLE", a.Role, roles)
		if err != nil {
			return nil, err
		}
		partStat, err := enumValue("PARTSTAT", a.PartStat, partStats)
		if err != nil {
			return nil, err
		}
		out = append(out, attendee{address: addr, role: role, partStat: partStat, rsvp: a.RSVP})
	}
	return out, nil
}

// attendeeList identifies an Event.Attendees slice: Marshal does not
// modify its input, so the same slice validates to the same attendees.
type attendeeList struct {
	first *Attendee
	n     int
}

// address validates an ORGANIZER/ATTENDEE: a mailto: URI with the display
// name as CN. Validated addresses are memoised because a feed repeats the
// same organizer and attendees on every event, and net/mail's parser and
// cleaning the name are comparatively costly.
func (b *builder) address(a Address) (address, error) {
	if addr, ok := b.addresses[a]; ok {
		return addr, nil
	}
	uri, err := mailtoURI(a.Email)
	if err != nil {
		return address{}, err
	}
	addr := address{uri: uri, cn: cleanParam(a.Name)}
	b.addresses[a] = addr
	return addr, nil
}

// fill writes the address into p. Setting Value directly is deliberate:
// go-ical's SetURI would add VALUE=URI, although the properties' type is
// CAL-ADDRESS.
func (a *address) fill(pb *propBuf, p *ical.Prop) {
	p.Value = a.uri
	if a.cn != "" {
		pb.param(p, ical.ParamCommonName, a.cn)
	}
}

// cleanList cleans list items and drops empty ones; a list that needs
// neither is returned as it is.
func cleanList(in []string) []string {
	for i, s := range in {
		if c := strings.TrimSpace(cleanText(s)); c == "" || c != s {
			out := slices.Clone(in[:i])
			for _, s := range in[i:] {
				if s = strings.TrimSpace(cleanText(s)); s != "" {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return in
}

// sortedTimes validates, sorts and de-duplicates EXDATEs: by date for
// all-day events, by second otherwise (the output has no finer resolution, so
// finer duplicates would become identical lines).
func sortedTimes(in []time.Time, allDay bool, dateLoc *time.Location) ([]time.Time, error) {
	if len(in) == 0 {
		return nil, nil
	}
	out := make([]time.Time, 0, len(in))
	for _, t := range in {
		if t.IsZero() {
			return nil, invalidf("zero EXDATE")
		}
		if err := checkTime("exdate", t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	norm := func(t time.Time) time.Time {
		if allDay {
			d, _ := civilDate(t, dateLoc)
			return d
		}
		return t.Truncate(time.Second)
	}
	slices.SortFunc(out, func(a, b time.Time) int { return norm(a).Compare(norm(b)) })
	return slices.CompactFunc(out, func(a, b time.Time) bool { return norm(a).Equal(norm(b)) }), nil
}

type ruleKey struct {
	rule   string
	allDay bool
}

type parsedRule struct {
	rule  string
	until time.Time
}

// rrule is parseRRule memoised per Marshal: a feed repeats the same few
// rules ("FREQ=WEEKLY;COUNT=10") on many series, and rrule-go's validation
// is costly. The result does not depend on the start: UNTIL is UTC or a
// DATE, and BYxxx ranges are absolute.
func (b *builder) rrule(s string, start time.Time, allDay bool) (string, time.Time, error) {
	k := ruleKey{s, allDay}
	if r, ok := b.rules[k]; ok {
		return r.rule, r.until, nil
	}
	rule, until, err := parseRRule(s, start, allDay)
	if err != nil {
		return "", time.Time{}, err
	}
	b.rules[k] = parsedRule{rule, until}
	return rule, until, nil
}

// rrule parts defined by RFC 5545 §3.3.10.
var rrulePartNames = []string{
	"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR",
	"BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
}

// parseRRule validates an RRULE value and returns it normalised (upper
// case, without "RRULE:" prefix) and its UNTIL, if any. The caller's rule is
// written as given rather than re-serialised from rrule-go, which would
// rewrite parts (e.g. a DATE UNTIL as a date-time) and change their meaning.
// rrule-go is used for what it is good at: checking values and ranges.
func parseRRule(s string, start time.Time, allDay bool) (string, time.Time, error) {
	rule := strings.ToUpper(strings.TrimSpace(s))
	rule = strings.TrimPrefix(rule, "RRULE:")
	for i := 0; i < len(rule); i++ {
		c := rule[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("=;,+-", c) >= 0) {
			return "", time.Time{}, invalidf("RRULE %q contains %q", s, c)
		}
	}
	seen := make(map[string]bool)
	var until string
	for part := range strings.SplitSeq(rule, ";") {
		k, v, ok := strings.Cut(part, "=")
		switch {
		case !ok || v == "":
			return "", time.Time{}, invalidf("RRULE %q: malformed part %q", s, part)
		case !slices.Contains(rrulePartNames, k):
			return "", time.Time{}, invalidf("RRULE %q: unknown part %s", s, k)
		case seen[k]:
			return "", time.Time{}, invalidf("RRULE %q: repeated part %s", s, k)
		}
		seen[k] = true
		switch k {
		case "UNTIL":
			until = v
		case "COUNT", "INTERVAL":
			// rrule-go silently treats COUNT<=0 as "forever" and
			// INTERVAL<=0 as 1; RFC 5545 wants positive integers.
			if n, err := strconv.Atoi(v); err != nil || n < 1 {
				return "", time.Time{}, invalidf("RRULE %q: %s must be a positive integer", s, k)
			}
		}
	}
	switch {
	case !seen["FREQ"]:
		return "", time.Time{}, invalidf("RRULE %q has no FREQ", s)
	case seen["UNTIL"] && seen["COUNT"]:
		return "", time.Time{}, invalidf("RRULE %q has both UNTIL and COUNT", s)
	case until != "" && allDay && len(until) != len(dateLayout):
		return "", time.Time{}, invalidf("RRULE %q: UNTIL must be a DATE (YYYYMMDD) for an all-day event", s)
	case until != "" && !allDay && (len(until) != len(utcDateTimeLayout) || !strings.HasSuffix(until, "Z")):
		return "", time.Time{}, invalidf("RRULE %q: UNTIL must be a UTC date-time (YYYYMMDDTHHMMSSZ) for a timed event", s)
	}
	opt, err := rrule.StrToROption(rule)
	if err != nil {
		return "", time.Time{}, invalidf("RRULE %q: %v", s, err)
	}
	// NewRRule range-checks BYxxx values. A fixed DTSTART keeps rrule-go
	// from calling time.Now.
	opt.Dtstart = start
	if _, err := rrule.NewRRule(*opt); err != nil {
		return "", time.Time{}, invalidf("RRULE %q: %v", s, err)
	}
	return rule, opt.Until, nil
}

// preparedTodo is a validated Todo (see preparedEvent).
type preparedTodo struct {
	t *Todo
	common
	key     sortKey
	loc     *time.Location
	dateLoc *time.Location
	status  string
}

func (b *builder) prepareTodo(t *Todo) (preparedTodo, error) {
	pt := preparedTodo{t: t}
	var err error
	if pt.common, err = b.prepareCommon(t.UID, t.Sequence, t.Stamp, t.Created, t.LastModified, t.Summary, t.Description, t.URL); err != nil {
		return pt, err
	}
	pt.key.uid = pt.uid
	if pt.status, err = enumValue("STATUS", t.Status, todoStatuses); err != nil {
		return pt, err
	}
	if t.PercentComplete < 0 || t.PercentComplete > 100 {
		return pt, invalidf("PERCENT-COMPLETE %d is outside 0-100", t.PercentComplete)
	}
	if pt.loc, err = loadLocation(t.TimeZone); err != nil {
		return pt, err
	}
	if strings.TrimSpace(t.TimeZone) != "" {
		pt.dateLoc = pt.loc
	}
	if t.Completed != nil {
		if err := checkTime("completed", *t.Completed); err != nil || t.Completed.IsZero() {
			return pt, invalidf("invalid COMPLETED %s", t.Completed)
		}
	}
	if t.Due != nil {
		due := *t.Due
		if due.IsZero() {
			return pt, invalidf("Due is set but zero")
		}
		if err := checkTime("due", due); err != nil {
			return pt, err
		}
		if !t.DueAllDay {
			b.cover(pt.loc, due)
		}
	}
	return pt, nil
}

// fill writes the VTODO's properties.
func (pt *preparedTodo) fill(pb *propBuf) {
	t := pt.t
	pt.common.fill(pb)
	pb.text(ical.PropStatus, pt.status)
	if t.PercentComplete > 0 {
		pb.raw(ical.PropPercentComplete, strconv.Itoa(t.PercentComplete))
	}
	if t.Completed != nil {
		pb.utc(ical.PropCompleted, *t.Completed, "")
	}
	if t.Due != nil {
		if t.DueAllDay {
			d, _ := civilDate(*t.Due, pt.dateLoc)
			pb.date(ical.PropDue, d)
		} else {
			pb.dateTime(ical.PropDue, *t.Due, pt.loc)
		}
	}
}
