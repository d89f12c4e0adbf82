package commitments

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/internal/commitments/lifecycle"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func london(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// localMidnight is what a client in London stores for a calendar day.
func localMidnight(loc *time.Location, y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, loc).UTC()
}

func ptr[T any](v T) *T { return &v }

func fixture(t *testing.T) ([]Row, Options) {
	loc := london(t)
	rows := []Row{
		// £36,500 over 2026 (365 days): £100 a day.
		{ID: 1, OrganisationID: 10, Kind: "FUNDING", Status: "AGREED", Amount: dec("36500.00"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2026, 1, 1), EndsOn: ptr(localMidnight(loc, 2026, 12, 31))},
		// £30,000 for the year to 31 March 2026, both ends stored as London
		// midnight in BST (so 23:00 UTC the day before).
		{ID: 2, OrganisationID: 11, Kind: "FUNDING", Status: "DELIVERED", Amount: dec("30000"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2025, 4, 1), EndsOn: ptr(localMidnight(loc, 2026, 3, 31))},
		// A euro grant for February: never added to pounds.
		{ID: 3, OrganisationID: 10, Kind: "FUNDING", Status: "AGREED", Amount: dec("10000"), Currency: "EUR",
			StartsOn: localMidnight(loc, 2026, 2, 1), EndsOn: ptr(localMidnight(loc, 2026, 2, 28))},
		// Not secured: ignored everywhere.
		{ID: 4, OrganisationID: 12, Kind: "FUNDING", Status: "PROPOSED", Amount: dec("99999"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2026, 1, 1), EndsOn: ptr(localMidnight(loc, 2027, 12, 31))},
		{ID: 5, OrganisationID: 12, Kind: "FUNDING", Status: "WITHDRAWN", Amount: dec("5000"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2026, 1, 1)},
		// A venue with a money value: by kind only, not funding.
		{ID: 6, OrganisationID: 13, Kind: "VENUE", Status: "AGREED", Amount: dec("1000.10"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2026, 1, 1), EndsOn: ptr(localMidnight(loc, 2026, 6, 30))},
	}
	return rows, Options{
		AsOf: time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC), Location: loc,
		Threshold: ptr(dec("50000")), ReportingCurrency: "GBP", Period: Quarter, Periods: 4,
	}
}

func moneyString(ms []Money) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, m.Currency+" "+m.Amount.StringFixed(2))
	}
	return strings.Join(parts, ", ")
}

func TestFundingTotalsExactPerCurrency(t *testing.T) {
	rows, o := fixture(t)
	v := Compute(rows, o)
	if got := moneyString(v.TotalSecured); got != "EUR 10000.00, GBP 66500.00" {
		t.Errorf("total secured = %s", got)
	}
	want := map[string]string{"10": "EUR 10000.00, GBP 36500.00", "11": "GBP 30000.00"}
	if len(v.ByFunder) != 2 {
		t.Fatalf("by funder = %+v", v.ByFunder)
	}
	for _, f := range v.ByFunder {
		if got := moneyString(f.Totals); got != want[f.Key] {
			t.Errorf("funder %s = %s, want %s", f.Key, got, want[f.Key])
		}
	}
	kinds := map[string]string{}
	for _, k := range v.ByKind {
		kinds[k.Key] = moneyString(k.Totals)
	}
	if kinds["FUNDING"] != "EUR 10000.00, GBP 66500.00" || kinds["VENUE"] != "GBP 1000.10" || len(kinds) != 2 {
		t.Errorf("by kind = %v", kinds)
	}
	if !v.InForceToday.Equal(dec("66500")) {
		t.Errorf("in force today = %s, want 66500", v.InForceToday)
	}
}

func TestExactDecimalArithmetic(t *testing.T) {
	// 0.1 + 0.2 is 0.30000000000000004 in floats; exact here.
	got := Sum(Money{"GBP", dec("0.10")}, Money{"GBP", dec("0.20")}, Money{"EUR", dec("0.05")}, Money{"GBP", dec("12345678901234.5678")})
	if moneyString(got) != "EUR 0.05, GBP 12345678901234.87" || got[1].Amount.String() != "12345678901234.8678" {
		t.Fatalf("sum = %v (%s)", got, got[1].Amount)
	}
}

func TestSecuredWindowsProRataWithMonthEnds(t *testing.T) {
	rows, o := fixture(t)
	v := Compute(rows, o)
	// From 31 January: 3 months runs to 29 April (31 Jan + 3 months is 30
	// April, clamped from 31; the window ends the day before) = 89 days.
	// Grant 1: 36500 × 89/365 = 8900. Grant 2: 31 Jan–31 Mar = 60 days,
	// 30000 × 60/365 = 4931.5068… Sum 13831.51. EUR: all of February.
	want := []struct {
		months   int
		from, to string
		totals   string
	}{
		{3, "2026-01-31", "2026-04-29", "EUR 10000.00, GBP 13831.51"},
		{6, "2026-01-31", "2026-07-30", "EUR 10000.00, GBP 23031.51"},  // 181 days of grant 1 = 18100
		{12, "2026-01-31", "2027-01-30", "EUR 10000.00, GBP 38431.51"}, // 335 days = 33500
	}
	if len(v.Secured) != len(want) {
		t.Fatalf("windows = %+v", v.Secured)
	}
	for i, w := range want {
		got := v.Secured[i]
		if got.Months != w.months || got.From.String() != w.from || got.To.String() != w.to || moneyString(got.Totals) != w.totals {
			t.Errorf("window %d = %d %s..%s %s, want %+v", i, got.Months, got.From, got.To, moneyString(got.Totals), w)
		}
	}
}

func TestCliffInProgrammeTimeZone(t *testing.T) {
	rows, o := fixture(t)
	v := Compute(rows, o)
	// Grant 2's last day is 31 March in London (stored 30 March 23:00 UTC):
	// from 1 April only £36,500 is in force, below £50,000.
	if v.Cliff == nil {
		t.Fatal("no cliff")
	}
	if v.Cliff.FirstShortDay.String() != "2026-04-01" || v.Cliff.LastCoveredDay == nil || v.Cliff.LastCoveredDay.String() != "2026-03-31" {
		t.Errorf("cliff = %s (last covered %v), want 2026-04-01 after 2026-03-31", v.Cliff.FirstShortDay, v.Cliff.LastCoveredDay)
	}
	if !v.Cliff.InForce.Equal(dec("36500")) {
		t.Errorf("in force at cliff = %s", v.Cliff.InForce)
	}

	// Read in UTC the same rows would end a day early: the zone matters.
	o.Location = time.UTC
	if c := Compute(rows, o).Cliff; c == nil || c.FirstShortDay.String() != "2026-03-31" {
		t.Errorf("UTC reading = %+v, want 2026-03-31", c)
	}

	// A threshold met until the last grant ends: the cliff is the day after
	// 31 December; already short: the cliff is today with no covered day.
	rows2, o2 := fixture(t)
	o2.Threshold = ptr(dec("36500"))
	if c := Compute(rows2, o2).Cliff; c == nil || c.FirstShortDay.String() != "2027-01-01" || !c.InForce.IsZero() {
		t.Errorf("cliff at 36500 = %+v", c)
	}
	o2.Threshold = ptr(dec("70000"))
	if c := Compute(rows2, o2).Cliff; c == nil || c.FirstShortDay.String() != "2026-01-31" || c.LastCoveredDay != nil {
		t.Errorf("cliff at 70000 = %+v", c)
	}
	// Open-ended funding above the threshold: no cliff.
	rows2 = append(rows2, Row{Kind: "FUNDING", Status: "AGREED", Amount: dec("80000"), Currency: "GBP", StartsOn: localMidnight(london(t), 2025, 1, 1)})
	if v := Compute(rows2, o2); v.Cliff != nil || v.OpenEnded != 1 {
		t.Errorf("open-ended: cliff %+v, openEnded %d", v.Cliff, v.OpenEnded)
	}
}

func TestPeriodsByQuarter(t *testing.T) {
	rows, o := fixture(t)
	v := Compute(rows, o)
	// Q1 2026: grant 1 Jan–Mar 90 days = 9000; grant 2 Jan–Mar 90 of 365
	// days = 7397.260… → 16397.26; EUR 10000. Q2: grant 1 91 days = 9100.
	want := []string{"2026-Q1 2026-01-01 2026-03-31 EUR 10000.00, GBP 16397.26", "2026-Q2 2026-04-01 2026-06-30 GBP 9100.00",
		"2026-Q3 2026-07-01 2026-09-30 GBP 9200.00", "2026-Q4 2026-10-01 2026-12-31 GBP 9200.00"}
	for i, p := range v.ByPeriod {
		got := p.Label + " " + p.Start.String() + " " + p.End.String() + " " + moneyString(p.Totals)
		if i >= len(want) || got != want[i] {
			t.Errorf("period %d = %q", i, got)
		}
	}
	if len(v.ByPeriod) != 4 {
		t.Errorf("periods = %d", len(v.ByPeriod))
	}
}

func TestDateArithmetic(t *testing.T) {
	cases := []struct {
		from   Date
		months int
		want   string
	}{
		{NewDate(2026, 1, 31), 1, "2026-02-28"},
		{NewDate(2028, 1, 31), 1, "2028-02-29"},
		{NewDate(2026, 3, 31), 1, "2026-04-30"},
		{NewDate(2026, 8, 31), 6, "2027-02-28"},
		{NewDate(2026, 12, 15), 3, "2027-03-15"},
		{NewDate(2026, 5, 31), -3, "2026-02-28"},
	}
	for _, c := range cases {
		if got := c.from.AddMonths(c.months).String(); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.months, got, c.want)
		}
	}
	// 23:30 on 31 March UTC is already 1 April in London (BST).
	if got := DateIn(time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC), london(t)).String(); got != "2026-04-01" {
		t.Errorf("DateIn = %s", got)
	}
	// Across the October clock change a day is still a day.
	if n := NewDate(2026, 10, 24).DaysUntil(NewDate(2026, 10, 26)); n != 2 {
		t.Errorf("days across DST = %d", n)
	}
}

func TestLifecycle(t *testing.T) {
	legal := map[[2]string]bool{
		{"PROPOSED", "AGREED"}: true, {"PROPOSED", "LAPSED"}: true, {"PROPOSED", "WITHDRAWN"}: true,
		{"AGREED", "DELIVERED"}: true, {"AGREED", "LAPSED"}: true, {"AGREED", "WITHDRAWN"}: true,
	}
	all := []string{lifecycle.Proposed, lifecycle.Agreed, lifecycle.Delivered, lifecycle.Lapsed, lifecycle.Withdrawn}
	for _, from := range all {
		for _, to := range all {
			err := lifecycle.Check(from, to)
			want := from == to || legal[[2]string{from, to}]
			if (err == nil) != want {
				t.Errorf("%s → %s: err = %v, want allowed=%v", from, to, err, want)
			}
			if err != nil && (!strings.Contains(err.Error(), from) || !strings.Contains(err.Error(), to)) {
				t.Errorf("%s → %s: message %q does not name both states", from, to, err)
			}
		}
	}
}

func inForceString(ms []MonthInForce) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Start.String()+" from "+m.From.String()+": "+moneyString(m.Totals))
	}
	return out
}

func TestInForceByMonth(t *testing.T) {
	rows, o := fixture(t)
	o.Months = 5
	loc := o.Location
	rows = append(rows,
		// Starts mid-February, ends mid-May: counts for March and April only.
		Row{ID: 7, OrganisationID: 14, Kind: "FUNDING", Status: "AGREED", Amount: dec("1000.25"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2026, 2, 15), EndsOn: ptr(localMidnight(loc, 2026, 5, 10))},
		// Open-ended from 20 March: from April on.
		Row{ID: 8, OrganisationID: 14, Kind: "FUNDING", Status: "DELIVERED", Amount: dec("500"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2026, 3, 20)},
		// Euros: one grant to 15 April, its renewal from the 16th; April's
		// lowest level is the smaller one, not their sum and not zero.
		Row{ID: 9, OrganisationID: 10, Kind: "FUNDING", Status: "AGREED", Amount: dec("3000"), Currency: "EUR",
			StartsOn: localMidnight(loc, 2026, 3, 1), EndsOn: ptr(localMidnight(loc, 2026, 4, 15))},
		Row{ID: 10, OrganisationID: 10, Kind: "FUNDING", Status: "AGREED", Amount: dec("2000"), Currency: "EUR",
			StartsOn: localMidnight(loc, 2026, 4, 16), EndsOn: ptr(localMidnight(loc, 2026, 12, 31))},
		// Lapsed, withdrawn and proposed money never counts.
		Row{ID: 11, OrganisationID: 12, Kind: "FUNDING", Status: "LAPSED", Amount: dec("7777"), Currency: "GBP",
			StartsOn: localMidnight(loc, 2026, 1, 1), EndsOn: ptr(localMidnight(loc, 2026, 12, 31))},
		// Dollars that ended before AsOf: no USD in the series at all.
		Row{ID: 12, OrganisationID: 12, Kind: "FUNDING", Status: "DELIVERED", Amount: dec("900"), Currency: "USD",
			StartsOn: localMidnight(loc, 2025, 1, 1), EndsOn: ptr(localMidnight(loc, 2026, 1, 30))},
	)
	v := Compute(rows, o)
	want := []string{
		// January from AsOf (31st): grants 1 and 2.
		"2026-01-01 from 2026-01-31: EUR 0.00, GBP 66500.00",
		"2026-02-01 from 2026-02-01: EUR 10000.00, GBP 66500.00",
		// Grant 2's last day is 31 March (London), so March keeps it; grant 7 counts.
		"2026-03-01 from 2026-03-01: EUR 3000.00, GBP 67500.25",
		// April: 36500 + 1000.25 + 500 open-ended; euros dip to 2000 on the 16th.
		"2026-04-01 from 2026-04-01: EUR 2000.00, GBP 38000.25",
		// May: grant 7 ends on the 10th.
		"2026-05-01 from 2026-05-01: EUR 2000.00, GBP 37000.00",
	}
	got := inForceString(v.InForce)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("in force by month:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Exact: no float rounding anywhere.
	if a := v.InForce[2].Totals[1].Amount; a.String() != "67500.25" {
		t.Errorf("March GBP = %s", a)
	}
	// The month the cliff (1 April) falls in is the first below the threshold.
	for _, m := range v.InForce {
		gbp := amountOf(m.Totals, "GBP")
		below := gbp.LessThan(*o.Threshold)
		if below != !m.Start.Before(NewDate(2026, 4, 1)) {
			t.Errorf("%s: %s below threshold = %v", m.Start, gbp, below)
		}
	}

	// Default 24 months, at most 60; nothing secured: months with no totals.
	o.Months = 0
	if n := len(Compute(rows, o).InForce); n != 24 {
		t.Errorf("default months = %d", n)
	}
	o.Months = 500
	empty := Compute(nil, o)
	if len(empty.InForce) != 60 || len(empty.InForce[0].Totals) != 0 || empty.InForce[59].Start.String() != "2030-12-01" {
		t.Errorf("empty series = %d months, first %+v, last %s", len(empty.InForce), empty.InForce[0], empty.InForce[59].Start)
	}
}

func amountOf(ms []Money, currency string) decimal.Decimal {
	for _, m := range ms {
		if m.Currency == currency {
			return m.Amount
		}
	}
	return decimal.Zero
}
