package recurrence

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// Describe returns a short English description of how s repeats, such as
// "Weekly on Monday and Thursday", "Monthly on the 2nd Tuesday" or "Every 2
// weeks on Friday, 10 times". Days and months left implicit in the rule come
// from the series start, as they do in the expansion. The time of day is
// left out: callers format it for the viewer.
//
// Rules using parts it does not put into words (BYSETPOS, BYWEEKNO,
// BYYEARDAY, BYHOUR, ...) are described as, say, "Monthly (custom rule)".
func Describe(s Series) (string, error) {
	c, err := compile(s)
	if err != nil {
		return "", err
	}
	if c.spec == nil {
		return "Does not repeat", nil
	}
	o := c.spec.opt
	start := floating(c.start, c.loc)
	desc, ok := describeOn(o, start)
	if !ok {
		desc = every(o.Freq, o.Interval) + " (custom rule)"
	}
	switch {
	case o.Count == 1:
		desc += ", once"
	case o.Count > 1:
		desc += fmt.Sprintf(", %d times", o.Count)
	case !c.until.IsZero():
		desc += ", until " + c.until.In(c.loc).Format("2 January 2006")
	case !o.Until.IsZero():
		desc += ", until " + o.Until.Format("2 January 2006") // floating: already local
	}
	return desc, nil
}

// describeOn phrases frequency, interval and the BY* parts it knows; ok is
// false when the rule uses anything else.
func describeOn(o rrule.ROption, start time.Time) (string, bool) {
	if len(o.Bysetpos)+len(o.Byweekno)+len(o.Byyearday)+len(o.Byeaster)+
		len(o.Byhour)+len(o.Byminute)+len(o.Bysecond) > 0 {
		return "", false
	}
	base := every(o.Freq, o.Interval)
	plainDays, nthDays := splitWeekdays(o.Byweekday)
	switch o.Freq {
	case rrule.DAILY:
		if len(o.Bymonth)+len(o.Bymonthday)+len(nthDays) > 0 {
			return "", false
		}
		if len(plainDays) > 0 {
			return base + " on " + dayList(plainDays), true
		}
		return base, true
	case rrule.WEEKLY:
		if len(o.Bymonth)+len(o.Bymonthday)+len(nthDays) > 0 {
			return "", false
		}
		if len(plainDays) == 0 {
			plainDays = []int{pyWeekday(start.Weekday())}
		}
		return base + " on " + dayList(plainDays), true
	case rrule.MONTHLY:
		switch {
		case len(o.Bymonth) > 0 || len(o.Byweekday) > 0 && len(o.Bymonthday) > 0:
			return "", false
		case len(nthDays) > 0 && len(plainDays) == 0:
			return base + " on the " + nthList(nthDays), true
		case len(plainDays) > 0 && len(nthDays) == 0:
			return base + " on every " + dayList(plainDays), true
		case len(o.Byweekday) > 0:
			return "", false
		case len(o.Bymonthday) > 0:
			return base + " on the " + monthDayList(o.Bymonthday), true
		default:
			return base + " on the " + ordinal(start.Day()), true
		}
	case rrule.YEARLY:
		months := o.Bymonth
		if len(months) == 0 {
			months = []int{int(start.Month())}
		}
		monthNames := make([]string, len(months))
		for i, m := range months {
			monthNames[i] = time.Month(m).String()
		}
		switch {
		case len(nthDays) > 0 && len(plainDays) == 0 && len(o.Bymonthday) == 0 && len(o.Bymonth) > 0:
			return base + " on the " + nthList(nthDays) + " of " + join(monthNames), true
		case len(o.Byweekday) > 0 || len(months) > 1 || len(o.Bymonthday) > 1:
			return "", false
		case len(o.Bymonthday) == 1 && o.Bymonthday[0] > 0:
			return fmt.Sprintf("%s on %d %s", base, o.Bymonthday[0], monthNames[0]), true
		case len(o.Bymonthday) == 0:
			return fmt.Sprintf("%s on %d %s", base, start.Day(), monthNames[0]), true
		}
	}
	return "", false
}

func every(f rrule.Frequency, interval int) string {
	unit := map[rrule.Frequency]string{rrule.YEARLY: "year", rrule.MONTHLY: "month", rrule.WEEKLY: "week", rrule.DAILY: "day"}[f]
	if interval <= 1 {
		if f == rrule.DAILY {
			return "Daily"
		}
		return strings.ToUpper(unit[:1]) + unit[1:] + "ly"
	}
	return fmt.Sprintf("Every %d %ss", interval, unit)
}

// splitWeekdays separates BYDAY entries without an ordinal (every Tuesday)
// from those with one (the 2nd Tuesday).
func splitWeekdays(days []rrule.Weekday) (plain []int, nth []rrule.Weekday) {
	for _, d := range days {
		if d.N() == 0 {
			plain = append(plain, d.Day())
		} else {
			nth = append(nth, d)
		}
	}
	return plain, nth
}

// pyWeekday converts to rrule-go's numbering, Monday = 0.
func pyWeekday(d time.Weekday) int { return (int(d) + 6) % 7 }

var dayNames = [...]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

func dayList(days []int) string {
	if len(days) == 5 && !slices.Contains(days, 5) && !slices.Contains(days, 6) {
		return "weekdays"
	}
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = dayNames[d]
	}
	return join(names)
}

func nthList(days []rrule.Weekday) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = fromEnd(d.N()) + " " + dayNames[d.Day()]
	}
	return join(names)
}

func monthDayList(days []int) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = fromEnd(d)
		if d < 0 {
			names[i] += " day"
		}
	}
	return join(names)
}

// fromEnd renders 2 as "2nd", -1 as "last" and -2 as "2nd-to-last".
func fromEnd(n int) string {
	switch {
	case n == -1:
		return "last"
	case n < 0:
		return ordinal(-n) + "-to-last"
	}
	return ordinal(n)
}

func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// join lists words in English: "a", "a and b", "a, b and c".
func join(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
