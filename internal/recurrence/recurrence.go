// Package recurrence expands recurring event series (RFC 5545 RRULE plus
// EXDATEs and per-occurrence overrides) into concrete occurrences, and splits
// series for "this and following" edits.
//
// Series repeat in their own IANA time zone, so a 10:00 Europe/London forum
// stays at 10:00 local time across clock changes and its UTC instant moves
// by an hour. rrule-go does the recurrence arithmetic on zone-less
// ("floating") wall-clock times; each result is then mapped to an instant
// with RFC 5545's rules for local times that are skipped or repeated by a
// DST change (see resolve). Everything is in memory; no database.
//
// All instants are compared as instants (time.Time.Equal), so callers may
// pass them in any location. Occurrence times are returned in the series'
// zone for convenient display.
package recurrence

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Guard rails protecting the server from rules that are legal RFC 5545 but
// make no sense for meetings and would be expensive to expand.
const (
	// MaxOccurrences is the most occurrences one Expand call returns; wider
	// windows fail with ErrTooManyOccurrences instead of being truncated, so
	// that a caller never mistakes a partial list for the whole.
	MaxOccurrences = 1000
	// MaxScanned bounds how many rule instances one call may iterate over,
	// including those before the query window (rrule-go cannot seek, so
	// every query walks from the series start). A daily series reaches it
	// after ~270 years, an hourly-ish one after ~11: only abuse hits it.
	MaxScanned = 100_000
	// MaxStartsPerDay caps the BYHOUR×BYMINUTE×BYSECOND combinations, which
	// would otherwise let FREQ=DAILY emulate the refused sub-daily
	// frequencies.
	MaxStartsPerDay = 24
)

// Errors, for errors.Is. Errors caused by bad input (which callers should
// report as such, e.g. apperr.BadInput) match ErrInvalidRule,
// ErrInvalidSeries, ErrNotAnOccurrence or ErrSplitAtFirst; their messages
// are written to be shown to the user.
var (
	ErrInvalidRule        = errors.New("invalid recurrence rule")
	ErrInvalidSeries      = errors.New("invalid series")
	ErrNotAnOccurrence    = errors.New("not an occurrence of the series")
	ErrTooManyOccurrences = errors.New("too many occurrences")
	// ErrSplitAtFirst is returned by SplitAt for the first occurrence (or a
	// one-off event): "this and following" then means the whole series,
	// which the caller should edit in place.
	ErrSplitAtFirst = errors.New("cannot split a series at its first occurrence")
)

// Series is a recurring (or one-off) event as stored.
type Series struct {
	// Start and End delimit the first occurrence. All-day series start and
	// end at local midnight in TimeZone, End exclusive (one day: End =
	// next midnight).
	Start, End time.Time
	// TimeZone is the IANA zone the series repeats in, e.g. "Europe/London".
	TimeZone string
	AllDay   bool
	// RRule is an RFC 5545 RRULE value without the "RRULE:" prefix, e.g.
	// "FREQ=MONTHLY;BYDAY=2TU". Empty means a one-off event. Start must be
	// the rule's first occurrence (RFC 5545 leaves the recurrence set
	// undefined otherwise, and calendar clients disagree about it).
	RRule string
	// ExDates are original occurrence starts removed from the series.
	ExDates []time.Time
	// Overrides change single occurrences, keyed by their original start.
	Overrides []Override
}

// Override changes one occurrence of a series (RFC 5545's RECURRENCE-ID).
type Override struct {
	// RecurrenceID is the original start of the occurrence it replaces.
	RecurrenceID time.Time
	// Start and End, when set, move the occurrence. If only Start is set
	// the occurrence keeps its length; if only End is set it keeps its start.
	Start, End *time.Time
	// Cancelled occurrences are still returned by Expand, flagged, so that
	// callers can show them struck through.
	Cancelled bool
	// Payload is opaque to this package: whatever else the caller
	// overrides (title, venue, ...). It is copied by assignment.
	Payload any
}

// Occurrence is one concrete instance of a series.
type Occurrence struct {
	// RecurrenceID is the original start (the event start for a one-off);
	// it identifies the occurrence even after it has been moved.
	RecurrenceID time.Time
	Start, End   time.Time
	Cancelled    bool
	// Moved reports that an override changed Start or End.
	Moved bool
	// Override is a copy of the override applied, if any.
	Override *Override
}

// ParseRule checks rule (an RRULE value) against RFC 5545 and this
// package's guard rails, and returns it as an rrule-go rule whose DTSTART is
// start in zone tz, so that it computes in local wall-clock time.
//
// It is meant for callers that need the rule itself (for instance to print
// it). For occurrence instants use Expand, Next or Contains: they also apply
// RFC 5545's reading of local times that fall in a DST gap or overlap, which
// rrule-go leaves to time.Date. ParseRule does not check that start is the
// first occurrence; Validate does.
func ParseRule(rule string, start time.Time, tz string) (*rrule.RRule, error) {
	loc, err := loadZone(tz)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(rule) == "" {
		return nil, fmt.Errorf("%w: the rule is empty", ErrInvalidRule)
	}
	spec, err := parseSpec(rule)
	if err != nil {
		return nil, err
	}
	// Re-read the rule in loc so that a DATE or local UNTIL means local time.
	opt, err := rrule.StrToROptionInLocation(spec.text, loc)
	if err != nil {
		return nil, spec.errorf("%v", err)
	}
	opt.Dtstart = start.In(loc)
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, spec.errorf("%v", err)
	}
	return r, nil
}

// Validate reports whether s is a well-formed series: known zone, end after
// start, a valid rule within the guard rails whose first occurrence is
// Start, and overrides that each target a distinct, existing, non-excluded
// occurrence with a consistent new time.
func Validate(s Series) error {
	c, err := compile(s)
	if err != nil {
		return err
	}
	if len(c.overrides) == 0 {
		return nil
	}
	// One pass over the rule checks every override target exists.
	var last time.Time
	for k := range c.overrides {
		if k.After(last) {
			last = k
		}
	}
	found := make(map[time.Time]bool, len(c.overrides))
	err = c.walk(func(in instant) bool {
		if k := key(in.at); c.overrides[k] != nil {
			found[k] = true
		}
		return in.at.Before(last.Add(zoneSlack))
	})
	if err != nil {
		return err
	}
	for _, o := range s.Overrides {
		k := key(o.RecurrenceID)
		if !found[k] {
			return fmt.Errorf("%w: override for %s: %w", ErrInvalidSeries, stamp(o.RecurrenceID, c.loc), ErrNotAnOccurrence)
		}
		if c.exdates[k] {
			return fmt.Errorf("%w: override for %s: the occurrence is excluded (EXDATE)", ErrInvalidSeries, stamp(o.RecurrenceID, c.loc))
		}
	}
	return nil
}

// ruleSpec is a parsed RRULE that passed the guard rails.
type ruleSpec struct {
	orig  string        // as given, for error messages
	text  string        // normalised: upper case, no "RRULE:" prefix
	parts []string      // text split into NAME=VALUE parts, in order
	opt   rrule.ROption // local (non-Z) date-times read as floating UTC
	// untilUTC reports an UNTIL written in UTC ("...Z"), which is an
	// instant; a DATE or local UNTIL is a floating wall-clock bound.
	untilUTC bool
}

func (r *ruleSpec) errorf(format string, args ...any) error {
	return fmt.Errorf("%w %q: %s", ErrInvalidRule, r.orig, fmt.Sprintf(format, args...))
}

// parseSpec parses and checks an RRULE value. It adds the checks rrule-go
// leaves out (it accepts COUNT=0 as "unlimited", duplicate parts, COUNT with
// UNTIL, and DTSTART inside the rule) and the meeting guard rails.
func parseSpec(rule string) (*ruleSpec, error) {
	r := &ruleSpec{orig: rule}
	// RFC 5545 names and values are case-insensitive; rrule-go wants upper.
	r.text = strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(rule)), "RRULE:")
	if r.text == "" {
		return nil, r.errorf("the rule is empty")
	}
	if strings.ContainsAny(r.text, "\r\n") {
		return nil, r.errorf("expected a single RRULE value, without DTSTART or EXDATE lines")
	}
	r.parts = strings.Split(r.text, ";")
	seen := make(map[string]bool, len(r.parts))
	for _, p := range r.parts {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name == "" || value == "" {
			return nil, r.errorf("%q is not a NAME=VALUE part", p)
		}
		if seen[name] {
			return nil, r.errorf("%s is given more than once", name)
		}
		seen[name] = true
		switch name {
		case "DTSTART":
			return nil, r.errorf("DTSTART does not belong in the rule; the series start is used")
		case "COUNT", "INTERVAL":
			if n, err := strconv.Atoi(value); err != nil || n < 1 {
				return nil, r.errorf("%s must be a positive whole number, not %q", name, value)
			}
		case "UNTIL":
			r.untilUTC = strings.HasSuffix(value, "Z")
		}
	}
	if seen["COUNT"] && seen["UNTIL"] {
		return nil, r.errorf("COUNT and UNTIL cannot both be given")
	}
	opt, err := rrule.StrToROptionInLocation(r.text, time.UTC)
	if err != nil {
		return nil, r.errorf("%v", err)
	}
	switch opt.Freq {
	case rrule.HOURLY, rrule.MINUTELY, rrule.SECONDLY:
		return nil, r.errorf("FREQ=%v is not supported; events can repeat at most daily", opt.Freq)
	}
	if n := max(1, len(opt.Byhour)) * max(1, len(opt.Byminute)) * max(1, len(opt.Bysecond)); n > MaxStartsPerDay {
		return nil, r.errorf("it starts %d times a day; at most %d are allowed", n, MaxStartsPerDay)
	}
	// NewRRule checks the BY* bounds (BYMONTH=13 and the like).
	check := *opt
	check.Dtstart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := rrule.NewRRule(check); err != nil {
		return nil, r.errorf("%v", err)
	}
	r.opt = *opt
	return r, nil
}

// compiled is a checked series, ready to iterate.
type compiled struct {
	loc       *time.Location
	start     time.Time // Series.Start in loc
	allDay    bool
	dur       time.Duration // timed series: exact length of each occurrence
	days      int           // all-day series: length in calendar days
	spec      *ruleSpec     // nil for a one-off
	rule      *rrule.RRule  // on floating times; nil for a one-off
	until     time.Time     // UTC UNTIL, applied after resolving; zero if none
	exdates   map[time.Time]bool
	overrides map[time.Time]*Override
}

// key normalises an instant for use as a map key (== on time.Time also
// compares location and monotonic reading).
func key(t time.Time) time.Time { return t.Round(0).UTC() }

// stamp formats an instant for error messages, in the series zone.
func stamp(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.RFC3339)
}

func loadZone(tz string) (*time.Location, error) {
	// "" and "Local" would silently mean UTC or the server's own zone.
	if tz == "" || tz == "Local" {
		return nil, fmt.Errorf("%w: a time zone is required (an IANA name such as \"Europe/London\")", ErrInvalidSeries)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("%w: unknown time zone %q", ErrInvalidSeries, tz)
	}
	return loc, nil
}

// compile checks everything about s that needs no scan beyond the first
// occurrence, and prepares it for iteration. Overrides whose occurrence does
// not exist are tolerated (Expand ignores them); Validate rejects them.
func compile(s Series) (*compiled, error) {
	loc, err := loadZone(s.TimeZone)
	if err != nil {
		return nil, err
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrInvalidSeries, fmt.Sprintf(format, args...))
	}
	if s.Start.IsZero() || s.End.IsZero() {
		return nil, bad("start and end are required")
	}
	if !s.End.After(s.Start) {
		return nil, bad("end %s is not after start %s", stamp(s.End, loc), stamp(s.Start, loc))
	}
	// rrule-go works in whole seconds; a fractional start would never match.
	if s.Start.Nanosecond() != 0 || s.End.Nanosecond() != 0 {
		return nil, bad("start and end must be whole seconds")
	}
	c := &compiled{loc: loc, start: s.Start.In(loc), allDay: s.AllDay, dur: s.End.Sub(s.Start)}

	// wallStart is the DTSTART rrule-go iterates from.
	wallStart := floating(s.Start, loc)
	if s.AllDay {
		// Compare with resolve(midnight), not a 00:00 clock reading: where
		// DST starts at midnight (e.g. America/Santiago) that day's
		// midnight does not exist and the day starts at 01:00.
		sd, ed := dateOf(wallStart), dateOf(floating(s.End, loc))
		if !s.Start.Equal(resolve(sd, loc)) || !s.End.Equal(resolve(ed, loc)) {
			return nil, bad("an all-day event must start and end at midnight in %s", s.TimeZone)
		}
		wallStart = sd
		c.days = int(ed.Sub(sd) / (24 * time.Hour)) // floating dates: exact whole days
	}

	if strings.TrimSpace(s.RRule) != "" {
		if c.spec, err = parseSpec(s.RRule); err != nil {
			return nil, err
		}
		opt := c.spec.opt
		opt.Dtstart = wallStart
		if c.spec.untilUTC {
			// An instant bound is applied to resolved instants (walk); rrule-go
			// only needs a floating bound to stop iterating, a little later.
			c.until = opt.Until
			opt.Until = floating(c.until, loc).Add(zoneSlack)
		}
		if c.rule, err = rrule.NewRRule(opt); err != nil {
			return nil, c.spec.errorf("%v", err)
		}
	}

	c.exdates = make(map[time.Time]bool, len(s.ExDates))
	for _, t := range s.ExDates {
		c.exdates[key(t)] = true
	}
	c.overrides = make(map[time.Time]*Override, len(s.Overrides))
	for i := range s.Overrides {
		o := s.Overrides[i] // a private copy: callers may reuse their slice
		if o.RecurrenceID.IsZero() {
			return nil, bad("override without a recurrence ID (the original start)")
		}
		k := key(o.RecurrenceID)
		if c.overrides[k] != nil {
			return nil, bad("two overrides for %s", stamp(o.RecurrenceID, loc))
		}
		c.overrides[k] = &o
		if occ := c.occurrence(o.RecurrenceID); !occ.End.After(occ.Start) {
			return nil, bad("override for %s: end %s is not after start %s",
				stamp(o.RecurrenceID, loc), stamp(occ.End, loc), stamp(occ.Start, loc))
		}
	}

	// Start must be the first occurrence; this also rejects rules that
	// produce none at all (e.g. BYMONTH=2;BYMONTHDAY=30, or UNTIL before
	// the start).
	var first time.Time
	if err := c.walk(func(in instant) bool { first = in.at; return false }); err != nil {
		return nil, err
	}
	switch {
	case first.IsZero():
		return nil, c.spec.errorf("it produces no occurrences from the series start %s", stamp(s.Start, loc))
	case !first.Equal(s.Start):
		return nil, bad("start %s is not an occurrence of the rule %q; its first occurrence from there is %s",
			stamp(s.Start, loc), s.RRule, stamp(first, loc))
	}
	return c, nil
}

// endFor is the end of an occurrence starting at start. Timed occurrences
// keep the series' exact duration (RFC 5545 §3.8.5.3 for DTEND), so a 2-hour
// meeting lasts 2 hours even if it straddles a clock change; only then does
// its end's wall-clock time differ from the first occurrence's. All-day
// occurrences keep their length in calendar days instead (a day can be 23
// or 25 hours long) and end at local midnight.
func (c *compiled) endFor(start time.Time) time.Time {
	if c.allDay {
		return resolve(dateOf(floating(start, c.loc)).AddDate(0, 0, c.days), c.loc)
	}
	return start.Add(c.dur).In(c.loc)
}

// occurrence builds the occurrence whose original start is id, applying its
// override if there is one. It does not check that id is an occurrence.
func (c *compiled) occurrence(id time.Time) Occurrence {
	id = id.In(c.loc)
	occ := Occurrence{RecurrenceID: id, Start: id, End: c.endFor(id)}
	o := c.overrides[key(id)]
	if o == nil {
		return occ
	}
	origStart, origEnd := occ.Start, occ.End
	if o.Start != nil {
		occ.Start = o.Start.In(c.loc)
		occ.End = c.endFor(occ.Start)
	}
	if o.End != nil {
		occ.End = o.End.In(c.loc)
	}
	occ.Moved = !occ.Start.Equal(origStart) || !occ.End.Equal(origEnd)
	occ.Cancelled = o.Cancelled
	cp := *o
	occ.Override = &cp
	return occ
}
