package commitments

import (
	"time"
)

// Date is a calendar day with no time of day and no zone. Commitments run
// from a start day to an end day (both inclusive) as seen in the
// programme's time zone: a grant "ending 31 March" is in force all of that
// day in London, whatever instant the client stored for it.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateIn returns the calendar day of instant t in loc.
func DateIn(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

// NewDate builds a Date (normalising overflow as time.Date does).
func NewDate(y int, m time.Month, d int) Date {
	return dateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func dateOf(t time.Time) Date { y, m, d := t.Date(); return Date{y, m, d} }

// utc is the date's midnight in UTC: day arithmetic on it never meets a DST change.
func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return dateOf(d.utc().AddDate(0, 0, n)) }

// AddMonths returns the same day n months later, clamped to the end of a
// shorter month: 31 January + 1 month = 28 (or 29) February, not 3 March.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := min(d.Day, last)
	return Date{first.Year(), first.Month(), day}
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.utc().Before(e.utc()) }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.utc().After(e.utc()) }

// DaysUntil is the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.utc().Sub(d.utc()).Hours() / 24) }

// String formats the date as 2006-01-02.
func (d Date) String() string { return d.utc().Format(time.DateOnly) }

// StartIn is the first instant of the day in loc (the instant a client
// should be shown for it).
func (d Date) StartIn(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// overlapDays counts the days common to the inclusive ranges [a1, a2] and [b1, b2].
func overlapDays(a1, a2, b1, b2 Date) int {
	lo, hi := a1, a2
	if b1.After(lo) {
		lo = b1
	}
	if b2.Before(hi) {
		hi = b2
	}
	if hi.Before(lo) {
		return 0
	}
	return lo.DaysUntil(hi) + 1
}
