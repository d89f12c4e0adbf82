package actions

import (
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
)

func TestOverdueIsDerivedFromDueInstantAndStatus(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	// Due by the end of 31 March in London (BST): 23:59:59+01:00, which
	// is 22:59:59 UTC — still 31 March in UTC, but an hour earlier.
	due := time.Date(2026, 3, 31, 23, 59, 59, 0, london)
	cases := []struct {
		name   string
		due    *time.Time
		status actionitem.Status
		now    time.Time
		want   bool
	}{
		{"before the deadline", &due, actionitem.StatusOPEN, time.Date(2026, 3, 31, 22, 0, 0, 0, time.UTC), false},
		{"at the deadline", &due, actionitem.StatusOPEN, due, false},
		{"23:30 UTC on the 31st is already 1 April in London", &due, actionitem.StatusOPEN, time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC), true},
		{"in progress counts", &due, actionitem.StatusIN_PROGRESS, due.Add(time.Second), true},
		{"done never is", &due, actionitem.StatusDONE, due.AddDate(1, 0, 0), false},
		{"dropped never is", &due, actionitem.StatusDROPPED, due.AddDate(1, 0, 0), false},
		{"no due date never is", nil, actionitem.StatusOPEN, due.AddDate(1, 0, 0), false},
		// Month end: due 28 February (not a leap year), checked on 1 March.
		{"month end", ptrTime(time.Date(2026, 2, 28, 17, 0, 0, 0, london)), actionitem.StatusOPEN, time.Date(2026, 3, 1, 0, 0, 0, 0, london), true},
	}
	for _, c := range cases {
		a := &ent.ActionItem{DueDate: c.due, Status: c.status}
		if got := Overdue(a, c.now); got != c.want {
			t.Errorf("%s: Overdue = %v, want %v", c.name, got, c.want)
		}
	}
}

func ptrTime(t time.Time) *time.Time { return &t }
