package icalendar

import (
	"errors"
	"fmt"
	"time"

	ical "github.com/emersion/go-ical"
)

// ZoneOptions controls how much time each generated VTIMEZONE covers.
//
// A VTIMEZONE written here lists the zone's actual transitions (no RRULE),
// so it is exact inside its span and, to a client that only has this
// definition, its last observance extends forever after the span. The span
// for a zone runs from the earliest to the latest instant the calendar writes
// in that zone (DTSTART, DTEND, EXDATE, RECURRENCE-ID, DUE, and the assumed
// end of each recurring series), widened by Margin on both sides and
// extended to Until. Major clients (Google, Apple, Outlook, Thunderbird)
// resolve well-known IANA TZIDs from their own databases anyway; the span
// matters for the rest.
type ZoneOptions struct {
	// Margin widens the span on both sides. Zero means DefaultZoneMargin;
	// a negative value means no margin.
	Margin time.Duration

	// RecurrenceHorizon is how long after its first occurrence a
	// recurring series is assumed to run for coverage purposes; an RRULE
	// whose UNTIL comes earlier is covered only up to UNTIL. (COUNT is not
	// evaluated: finding the last occurrence means expanding the rule.)
	// Zero means DefaultRecurrenceHorizon.
	RecurrenceHorizon time.Duration

	// Until, if non-zero, extends every VTIMEZONE to at least this
	// instant. A feed can pass "now + 2 years" so that open-ended series
	// which started long ago are still covered; truncate it (to the
	// month, say) so the body, and the ETag derived from it, does not
	// change on every request.
	Until time.Time
}

const (
	// DefaultZoneMargin is half a year and a bit: a window of twice this
	// length always contains both transitions of an annual DST cycle, so a
	// single event in a DST zone gets both a STANDARD and a DAYLIGHT
	// definition (some clients reject a DST zone with only one).
	DefaultZoneMargin = 183 * 24 * time.Hour

	// DefaultRecurrenceHorizon is the assumed length of a series without
	// UNTIL: five years.
	DefaultRecurrenceHorizon = 5 * 365 * 24 * time.Hour
)

func (o ZoneOptions) margin() time.Duration {
	switch {
	case o.Margin < 0:
		return 0
	case o.Margin == 0:
		return DefaultZoneMargin
	}
	return o.Margin
}

func (o ZoneOptions) horizon() time.Duration {
	if o.RecurrenceHorizon <= 0 {
		return DefaultRecurrenceHorizon
	}
	return o.RecurrenceHorizon
}

// maxTransitions bounds the size of one VTIMEZONE. A DST zone has two
// transitions a year, so this allows spans of several centuries; beyond that
// the input is unreasonable and an error beats a megabyte of definitions.
const maxTransitions = 1000

// observance is what a zone says about one instant: the abbreviation, the
// offset in seconds east of UTC and whether the tz database marks it as DST.
type observance struct {
	name   string
	offset int
	isDST  bool
}

func observeAt(loc *time.Location, t time.Time) observance {
	lt := t.In(loc)
	name, offset := lt.Zone()
	return observance{name: name, offset: offset, isDST: lt.IsDST()}
}

// transition is a change of observance: from applies before at, to from at
// (inclusive) onwards.
type transition struct {
	at       time.Time
	from, to observance
}

// TimeZoneComponent builds a VTIMEZONE for loc (TZID = loc.String()) that is
// exact for every instant in [from, to].
//
// The first sub-component is the observance in effect at from, dated at its
// real onset; then there is one sub-component per transition in (from, to],
// in chronological order. Each has DTSTART as the local time of the onset in
// the offset being left (RFC 5545 §3.6.5), TZOFFSETFROM, TZOFFSETTO and
// TZNAME. A zone that never changes (UTC, Etc/GMT+5) gets one STANDARD with
// DTSTART 19700101T000000 and equal offsets. The result depends only on the
// arguments and the tz database, so it is deterministic.
//
// loc must have an IANA name: not time.Local (named "Local") nor an unnamed
// time.FixedZone, neither of which is a TZID any client understands.
func TimeZoneComponent(loc *time.Location, from, to time.Time) (*ical.Component, error) {
	switch {
	case loc == nil:
		return nil, errors.New("icalendar: nil time zone")
	case loc == time.Local || loc.String() == "Local" || loc.String() == "":
		return nil, fmt.Errorf("%w: location %q has no IANA name to use as TZID", ErrInvalid, loc.String())
	case to.Before(from):
		return nil, fmt.Errorf("%w: time zone span ends (%s) before it starts (%s)", ErrInvalid, to, from)
	}

	first, ok := lastTransition(loc, from)
	if !ok {
		// No onset is known: the zone has always been like this. 1970 is
		// the customary placeholder; go earlier only if asked to.
		cur := observeAt(loc, from)
		at := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(cur.offset) * time.Second)
		if from.Before(at) {
			at = from.Truncate(time.Second)
		}
		first = transition{at: at, from: cur, to: cur}
	}
	rest, err := zoneTransitions(loc, from, to)
	if err != nil {
		return nil, err
	}

	comp := ical.NewComponent(ical.CompTimezone)
	pb := newPropBuf(1)
	pb.text(ical.PropTimezoneID, loc.String())
	comp.Props = pb.finish()
	comp.Children = make([]*ical.Component, 0, 1+len(rest))
	comp.Children = append(comp.Children, observanceComponent(first))
	for _, tr := range rest {
		comp.Children = append(comp.Children, observanceComponent(tr))
	}
	return comp, nil
}

func observanceComponent(tr transition) *ical.Component {
	kind := ical.CompTimezoneStandard
	if isDaylight(tr.from, tr.to) {
		kind = ical.CompTimezoneDaylight
	}
	c := ical.NewComponent(kind)
	pb := newPropBuf(4)
	// DTSTART is the onset as a local time in the offset in effect just
	// before it: London's 01:00 UTC spring change is 20260329T010000
	// (from +0000), New York's 06:00 UTC autumn change 20261101T020000
	// (from -0400).
	onset := tr.at.Add(time.Duration(tr.from.offset) * time.Second).UTC()
	pb.raw(ical.PropDateTimeStart, FormatLocal(onset))
	pb.raw(ical.PropTimezoneOffsetFrom, formatUTCOffset(tr.from.offset))
	pb.raw(ical.PropTimezoneOffsetTo, formatUTCOffset(tr.to.offset))
	pb.text(ical.PropTimezoneName, tr.to.name)
	c.Props = pb.finish()
	return c
}

// isDaylight decides STANDARD vs DAYLIGHT for the observance that starts
// with a transition. Go's isDST flag alone is not enough: the tz database's
// main format gives Europe/Dublin (and a few others) "negative DST" — winter
// GMT is flagged DST, summer IST is standard — which calendar clients would
// show upside down. So a DST-flagged observance that lowers the offset from
// a non-DST one is treated as standard time, and a non-DST observance that
// raises the offset when leaving a DST-flagged one as daylight time. For
// ordinary zones this is exactly the isDST flag.
func isDaylight(prev, cur observance) bool {
	if cur.isDST {
		return prev.isDST || cur.offset >= prev.offset
	}
	return prev.isDST && cur.offset > prev.offset
}

// lastTransition returns the transition that started the observance in
// effect at t, or ok=false if the zone has been that way since the
// beginning of its data.
//
// Time.ZoneBounds gives the start of the period containing t in O(log n), but
// for instants governed by a zone's POSIX TZ rule (typically after 2037) Go
// reports period boundaries clamped to calendar years, which are not real
// transitions. Such pseudo-boundaries are recognised (same observance on both
// sides) and skipped.
func lastTransition(loc *time.Location, t time.Time) (transition, bool) {
	cur := observeAt(loc, t)
	probe := t
	for range maxTransitions {
		start, _ := probe.In(loc).ZoneBounds()
		if start.IsZero() || start.After(probe) {
			return transition{}, false
		}
		before := observeAt(loc, start.Add(-time.Second))
		if before != cur {
			return transition{at: start.UTC(), from: before, to: cur}, true
		}
		probe = start.Add(-time.Second)
	}
	return transition{}, false
}

// zoneTransitions returns every change of observance in (from, to], oldest
// first, each located to the second.
//
// It walks forward period by period with Time.ZoneBounds as the step. Steps
// that land on pseudo-boundaries (see lastTransition) just continue; a step
// that makes no progress — Go's rule-based bounds can stall at 31 December in
// leap years — is replaced by a one-day step. Whenever the observance at the
// end of a step differs, firstChange bisects the step to find the exact
// second, so a wrong hint costs time, not correctness.
func zoneTransitions(loc *time.Location, from, to time.Time) ([]transition, error) {
	var out []transition
	cur := observeAt(loc, from)
	t := from
	for t.Before(to) {
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() {
			break // the current observance lasts forever
		}
		if !end.After(t) {
			end = t.Add(24 * time.Hour)
		}
		if end.After(to) {
			end = to
		}
		next := observeAt(loc, end)
		if next == cur {
			t = end
			continue
		}
		at := firstChange(loc, t, end, cur)
		next = observeAt(loc, at)
		out = append(out, transition{at: at, from: cur, to: next})
		if len(out) > maxTransitions {
			return nil, fmt.Errorf("%w: time zone %s has more than %d transitions between %s and %s",
				ErrInvalid, loc, maxTransitions, from.UTC().Format(time.DateOnly), to.UTC().Format(time.DateOnly))
		}
		cur, t = next, at
	}
	return out, nil
}

// firstChange returns the first whole second in (lo, hi] whose observance
// differs from cur, given that hi's does. When hi is an exact period boundary
// (the usual case) that is confirmed with one lookup; otherwise it bisects.
func firstChange(loc *time.Location, lo, hi time.Time, cur observance) time.Time {
	hiSec := hi.Unix()
	if hi.Nanosecond() != 0 {
		hiSec++ // the change is at or before hi; round up to whole seconds
	}
	if observeAt(loc, time.Unix(hiSec-1, 0)) == cur {
		return time.Unix(hiSec, 0).UTC()
	}
	loSec := lo.Unix()
	for hiSec-loSec > 1 {
		mid := loSec + (hiSec-loSec)/2
		if observeAt(loc, time.Unix(mid, 0)) == cur {
			loSec = mid
		} else {
			hiSec = mid
		}
	}
	return time.Unix(hiSec, 0).UTC()
}
