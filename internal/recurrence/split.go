package recurrence

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SplitAt implements a "this and following" edit at the occurrence whose
// original start is at. It returns two series that together have exactly
// the occurrences of s:
//
//   - before keeps the occurrences starting strictly before at. Its rule
//     gets an UNTIL one second before at, in UTC (RFC 5545 requires UTC
//     when DTSTART has a zone), or as a DATE for all-day series; any COUNT
//     is dropped since UNTIL now ends the series.
//   - after starts at at with the same rule, so the caller can edit it. If
//     the rule had a COUNT, after gets what remains of it (RFC 5545 counts
//     EXDATE'd instances too, and so does this); an UNTIL is kept.
//
// EXDATEs and overrides go to the half their original start belongs to.
// at must be an occurrence (ErrNotAnOccurrence otherwise); the first
// occurrence, or a one-off, gives ErrSplitAtFirst, because "this and
// following" then means the whole series.
func SplitAt(s Series, at time.Time) (before, after Series, err error) {
	c, err := compile(s)
	if err != nil {
		return Series{}, Series{}, err
	}
	if c.rule == nil {
		return Series{}, Series{}, fmt.Errorf("%w: the event does not repeat", ErrSplitAtFirst)
	}
	notFound := fmt.Errorf("%w: %s", ErrNotAnOccurrence, stamp(at, c.loc))
	if c.exdates[key(at)] {
		return Series{}, Series{}, notFound
	}
	// earlier counts rule instances before at, EXDATE'd ones included, as
	// COUNT does.
	earlier, found, nonexistent := 0, false, false
	err = c.walk(func(in instant) bool {
		switch {
		case in.at.Equal(at):
			found, nonexistent = true, in.nonexistent
		case in.at.Before(at):
			earlier++
		}
		return in.at.Before(at.Add(zoneSlack))
	})
	if err != nil {
		return Series{}, Series{}, err
	}
	switch {
	case !found:
		return Series{}, Series{}, notFound
	case earlier == 0:
		return Series{}, Series{}, ErrSplitAtFirst
	case nonexistent && !c.allDay:
		// The new series would start at the shifted time (03:30 for a
		// 02:30 skipped by DST) and repeat at that time from then on.
		return Series{}, Series{}, fmt.Errorf("%w: cannot split at %s: the series' local start time does not exist that day because of a clock change; split at another occurrence",
			ErrInvalidSeries, stamp(at, c.loc))
	}

	at = at.In(c.loc)
	before, after = s, s
	before.ExDates, after.ExDates = nil, nil
	for _, t := range s.ExDates {
		if t.Before(at) {
			before.ExDates = append(before.ExDates, t)
		} else {
			after.ExDates = append(after.ExDates, t)
		}
	}
	before.Overrides, after.Overrides = nil, nil
	for _, o := range s.Overrides {
		if o.RecurrenceID.Before(at) {
			before.Overrides = append(before.Overrides, o)
		} else {
			after.Overrides = append(after.Overrides, o)
		}
	}

	until := at.Add(-time.Second).UTC().Format("20060102T150405Z")
	if c.allDay {
		until = dateOf(floating(at, c.loc)).AddDate(0, 0, -1).Format("20060102")
	}
	before.RRule = editRule(c.spec.parts, "UNTIL="+until)

	after.Start, after.End = at, c.endFor(at)
	if c.spec.opt.Count > 0 {
		after.RRule = editRule(c.spec.parts, "COUNT="+strconv.Itoa(c.spec.opt.Count-earlier))
	} else {
		after.RRule = c.spec.text
	}

	// Both halves must be valid series; anything else is a bug here.
	for _, half := range []Series{before, after} {
		if _, err := compile(half); err != nil {
			return Series{}, Series{}, fmt.Errorf("recurrence: splitting %q at %s: %w", s.RRule, stamp(at, c.loc), err)
		}
	}
	return before, after, nil
}

// editRule rebuilds a rule from its parts without COUNT and UNTIL, adding
// bound (which is one of them). Other parts keep their order, so FREQ stays
// first as RFC 5545 recommends.
func editRule(parts []string, bound string) string {
	kept := make([]string, 0, len(parts)+1)
	for _, p := range parts {
		if !strings.HasPrefix(p, "COUNT=") && !strings.HasPrefix(p, "UNTIL=") {
			kept = append(kept, p)
		}
	}
	return strings.Join(append(kept, bound), ";")
}
