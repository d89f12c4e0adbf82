package recurrence

import "time"

// zoneSlack bounds how far out of order instants can come when a series of
// increasing local wall-clock times is mapped to instants: a wall-clock time
// inside a DST gap maps to an instant later than wall-clock times just after
// the gap, by at most the size of the offset change. The largest change on
// record is a whole day (Samoa, 2011), so two days is safely conservative.
// Scans that stop "once past instant X" keep going until X+zoneSlack.
const zoneSlack = 48 * time.Hour

// floating returns t's wall-clock reading in loc as a UTC time. RFC 5545
// calls such zone-less date-times "floating". rrule-go is run on floating
// times so that its calendar arithmetic never goes through time.Date in a
// zone with DST transitions (see resolve for why that matters).
func floating(t time.Time, loc *time.Location) time.Time {
	l := t.In(loc)
	y, mo, d := l.Date()
	h, mi, s := l.Clock()
	return time.Date(y, mo, d, h, mi, s, l.Nanosecond(), time.UTC)
}

// dateOf truncates a floating time to midnight of its date.
func dateOf(w time.Time) time.Time {
	y, mo, d := w.Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

// resolve turns a floating wall-clock time into an instant in loc, following
// RFC 5545 §3.3.5 rather than time.Date, whose choice for such times is
// documented as "not guaranteed" (and in practice differs between zones east
// and west of UTC):
//
//   - a local time that occurs twice (clocks going back) means the first
//     occurrence, i.e. the one still on the earlier, daylight-saving offset;
//   - a local time that does not exist (clocks going forward) is read with
//     the offset in force before the gap, so 02:30 on a day New York skips
//     02:00–03:00 becomes 03:30 EDT, and 01:30 on the day London skips
//     01:00–02:00 becomes 02:30 BST.
//
// Every other wall-clock time has exactly one instant and is unaffected.
func resolve(w time.Time, loc *time.Location) time.Time {
	y, mo, d := w.Date()
	h, mi, s := w.Clock()
	guess := time.Date(y, mo, d, h, mi, s, w.Nanosecond(), loc)
	zs, ze := guess.ZoneBounds()

	// Fast path: time.Date kept the wall clock and no transition is near
	// enough for the same wall clock to also exist on another offset.
	if floating(guess, loc).Equal(w) &&
		(zs.IsZero() || guess.Sub(zs) > zoneSlack) &&
		(ze.IsZero() || ze.Sub(guess) > zoneSlack) {
		return guess
	}

	// The candidate offsets are those of the zone period time.Date picked
	// and its two neighbours; an instant is a reading of w if the offset in
	// force at that instant is the one used to compute it.
	_, off := guess.Zone()
	offsets := []int{off}
	if !zs.IsZero() {
		_, o := zs.Add(-time.Second).Zone()
		offsets = append(offsets, o)
	}
	if !ze.IsZero() {
		_, o := ze.Zone()
		offsets = append(offsets, o)
	}
	var best time.Time
	for _, o := range offsets {
		c := w.Add(-time.Duration(o) * time.Second).In(loc)
		if _, co := c.Zone(); co == o && (best.IsZero() || c.Before(best)) {
			best = c
		}
	}
	if !best.IsZero() {
		return best
	}

	// w is in a gap: find the transition that skipped it and read w with the
	// offset from before that transition.
	for _, t := range []time.Time{zs, ze} {
		if t.IsZero() {
			continue
		}
		_, before := t.Add(-time.Second).Zone()
		_, after := t.Zone()
		c := w.Add(-time.Duration(before) * time.Second)
		if after > before && !c.Before(t) && w.Add(-time.Duration(after)*time.Second).Before(t) {
			return c.In(loc)
		}
	}
	return guess // unreachable for real tz data; time.Date's answer is a sane fallback
}
