package recurrence

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// instant is one start produced by the rule, before EXDATEs and overrides.
type instant struct {
	at time.Time // in the series zone
	// nonexistent reports that the rule asked for a local time skipped by a
	// DST change, so at's wall clock differs from the rule's (see resolve).
	nonexistent bool
}

// walk calls yield with the series' rule instances in order, from the
// first, until yield returns false or the rule ends. EXDATEs and overrides
// are not applied. It fails once MaxScanned instances have been produced.
//
// Instances come in wall-clock order; a local time inside a DST gap can put
// an instant up to zoneSlack out of order, so callers that stop "once past
// X" stop at X+zoneSlack.
func (c *compiled) walk(yield func(instant) bool) error {
	if c.rule == nil {
		yield(instant{at: c.start})
		return nil
	}
	next := c.rule.Iterator()
	// Two local times in a DST gap can resolve to the same instant (02:30
	// and 03:30 on the day 02:00–03:00 is skipped); an occurrence is
	// identified by its start, so the second is the same occurrence.
	var recent []time.Time
	for scanned := 0; ; scanned++ {
		if scanned == MaxScanned {
			return fmt.Errorf("%w: more than %d rule instances to scan; the series is too dense or the query too far from its start",
				ErrTooManyOccurrences, MaxScanned)
		}
		w, ok := next()
		if !ok {
			return nil
		}
		at := resolve(w, c.loc)
		if !c.until.IsZero() && at.After(c.until) {
			continue // rrule-go stops zoneSlack later; see compile
		}
		for len(recent) > 0 && at.Sub(recent[0]) > zoneSlack {
			recent = recent[1:]
		}
		if slices.ContainsFunc(recent, at.Equal) {
			continue
		}
		recent = append(recent, at)
		if !yield(instant{at: at, nonexistent: !floating(at, c.loc).Equal(w)}) {
			return nil
		}
	}
}

// Expand returns the occurrences of s that overlap [from, to), sorted by
// start (then by original start).
//
// An occurrence overlaps the window if it starts before to and ends after
// from, so one already under way at from is included. Overrides are applied
// before that test: an occurrence moved into the window from outside it is
// included, one moved out of it is not. Cancelled occurrences are included
// with Cancelled set. EXDATEs are removed. More than MaxOccurrences
// occurrences fail with ErrTooManyOccurrences: narrow the window.
func Expand(s Series, from, to time.Time) ([]Occurrence, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("invalid window: from %s is not before to %s", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	c, err := compile(s)
	if err != nil {
		return nil, err
	}
	overlaps := func(o Occurrence) bool { return o.Start.Before(to) && o.End.After(from) }

	// Scan until to, or further if an override moves a later occurrence
	// into the window. Earlier ones are met anyway: the scan starts at the
	// first occurrence.
	scanEnd := to
	for id := range c.overrides {
		if !id.Before(scanEnd) && overlaps(c.occurrence(id)) {
			scanEnd = id.Add(time.Second)
		}
	}

	var out []Occurrence
	tooMany := false
	err = c.walk(func(in instant) bool {
		if !in.at.Before(scanEnd.Add(zoneSlack)) {
			return false
		}
		if c.exdates[key(in.at)] {
			return true
		}
		if occ := c.occurrence(in.at); overlaps(occ) {
			if len(out) == MaxOccurrences {
				tooMany = true
				return false
			}
			out = append(out, occ)
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	if tooMany {
		return nil, fmt.Errorf("%w: more than %d in the window %s to %s; query a shorter window",
			ErrTooManyOccurrences, MaxOccurrences, from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	slices.SortFunc(out, func(a, b Occurrence) int {
		if n := a.Start.Compare(b.Start); n != 0 {
			return n
		}
		return a.RecurrenceID.Compare(b.RecurrenceID)
	})
	return out, nil
}

// Contains reports whether recurrenceID is the original start of an
// occurrence of s: produced by the rule (or the start of a one-off) and not
// removed by an EXDATE. Use it to refuse overrides of occurrences that do
// not exist. It is false for an invalid series, and for an occurrence
// further than MaxScanned instances from the start.
func Contains(s Series, recurrenceID time.Time) bool {
	c, err := compile(s)
	if err != nil || c.exdates[key(recurrenceID)] {
		return false
	}
	found := false
	err = c.walk(func(in instant) bool {
		found = in.at.Equal(recurrenceID)
		return !found && in.at.Before(recurrenceID.Add(zoneSlack))
	})
	return err == nil && found
}

// Next returns the first occurrence that starts strictly after the instant
// after and is not cancelled, taking moved occurrences at their new time
// (used for reminders and "matters arising"). It returns nil, nil when the
// series has no such occurrence.
func Next(s Series, after time.Time) (*Occurrence, error) {
	c, err := compile(s)
	if err != nil {
		return nil, err
	}
	// An override can move any occurrence, however late, to just after
	// `after`; the scan must reach the latest such one.
	var lastMovedIn time.Time
	for id := range c.overrides {
		if occ := c.occurrence(id); !occ.Cancelled && occ.Start.After(after) {
			lastMovedIn = maxTime(lastMovedIn, id)
		}
	}

	var best *Occurrence
	err = c.walk(func(in instant) bool {
		if best != nil && !in.at.Before(maxTime(best.Start, lastMovedIn).Add(zoneSlack)) {
			return false // nothing later can start earlier than best
		}
		if c.exdates[key(in.at)] {
			return true
		}
		if occ := c.occurrence(in.at); !occ.Cancelled && occ.Start.After(after) &&
			(best == nil || cmp.Or(occ.Start.Compare(best.Start), occ.RecurrenceID.Compare(best.RecurrenceID)) < 0) {
			best = &occ
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return best, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// LastEnd returns when the last occurrence of s ends, moves applied, and
// false when the series has no end (a rule with neither COUNT nor UNTIL).
// Cancelled occurrences count too, so the result never falls short of an
// occurrence that is listed: it is a bound for queries ("has this series
// anything left after t?"), not the last date anyone attends.
func LastEnd(s Series) (time.Time, bool, error) {
	c, err := compile(s)
	if err != nil {
		return time.Time{}, false, err
	}
	if c.rule != nil && c.spec.opt.Count == 0 && c.spec.opt.Until.IsZero() {
		return time.Time{}, false, nil
	}
	var last time.Time
	err = c.walk(func(in instant) bool {
		if !c.exdates[key(in.at)] {
			last = maxTime(last, c.occurrence(in.at).End)
		}
		return true
	})
	if err != nil {
		return time.Time{}, false, err
	}
	return last.UTC(), true, nil
}
