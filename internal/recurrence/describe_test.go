package recurrence

import (
	"testing"
	"time"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		rule, start string // start in London; winter, so Z = local
		allDay      bool
		want        string
	}{
		{"", "2026-01-05T10:00:00Z", false, "Does not repeat"},
		{"FREQ=WEEKLY", "2026-01-05T10:00:00Z", false, "Weekly on Monday"},
		{"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10", "2026-01-05T10:00:00Z", false, "Every 2 weeks on Monday and Thursday, 10 times"},
		{"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-01-05T10:00:00Z", false, "Weekly on weekdays"},
		{"FREQ=DAILY;BYDAY=MO,WE,FR", "2026-01-05T10:00:00Z", false, "Daily on Monday, Wednesday and Friday"},
		{"FREQ=DAILY;COUNT=1", "2026-01-05T10:00:00Z", false, "Daily, once"},
		{"FREQ=DAILY;UNTIL=20260131T235959Z", "2026-01-05T10:00:00Z", false, "Daily, until 31 January 2026"},
		{"FREQ=MONTHLY;BYDAY=2TU", "2026-01-13T10:00:00Z", false, "Monthly on the 2nd Tuesday"},
		{"FREQ=MONTHLY;BYDAY=-1FR", "2026-01-30T10:00:00Z", false, "Monthly on the last Friday"},
		{"FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO,-2FR", "2026-01-05T10:00:00Z", false, "Every 3 months on the 1st Monday and 2nd-to-last Friday"},
		{"FREQ=MONTHLY", "2026-01-13T10:00:00Z", false, "Monthly on the 13th"},
		{"FREQ=MONTHLY;BYMONTHDAY=1,15", "2026-01-15T10:00:00Z", false, "Monthly on the 1st and 15th"},
		{"FREQ=MONTHLY;BYMONTHDAY=-1", "2026-01-31T10:00:00Z", false, "Monthly on the last day"},
		{"FREQ=YEARLY", "2026-03-14T10:00:00Z", false, "Yearly on 14 March"},
		{"FREQ=YEARLY;INTERVAL=2", "2026-03-14T10:00:00Z", false, "Every 2 years on 14 March"},
		{"FREQ=YEARLY;BYMONTH=3;BYDAY=2TU", "2026-03-10T10:00:00Z", false, "Yearly on the 2nd Tuesday of March"},
		{"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-30T10:00:00Z", false, "Monthly (custom rule)"},
		{"FREQ=WEEKLY;UNTIL=20260223", "2026-01-05T00:00:00Z", true, "Weekly on Monday, until 23 February 2026"},
	}
	for _, tt := range tests {
		s := Series{Start: at(t, tt.start), End: at(t, tt.start).Add(time.Hour), TimeZone: "Europe/London", RRule: tt.rule, AllDay: tt.allDay}
		if tt.allDay {
			s.End = at(t, tt.start).AddDate(0, 0, 1)
		}
		got, err := Describe(s)
		if err != nil || got != tt.want {
			t.Errorf("Describe(%q) = %q, %v; want %q", tt.rule, got, err, tt.want)
		}
	}
	if _, err := Describe(Series{TimeZone: "Europe/London", RRule: "FREQ=WEEKLY"}); err == nil {
		t.Error("invalid series: want an error")
	}
}
