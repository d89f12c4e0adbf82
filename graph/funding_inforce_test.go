package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent/commitment"
)

type fundingMonths struct {
	FundingView struct {
		InForce []struct {
			Start, From string
			Totals      []struct{ Currency, Amount string }
		}
	}
}

func (f fundingMonths) lines() []string {
	var out []string
	for _, m := range f.FundingView.InForce {
		var parts []string
		for _, t := range m.Totals {
			parts = append(parts, t.Currency+" "+t.Amount)
		}
		out = append(out, m.Start+" from "+m.From+": "+strings.Join(parts, ", "))
	}
	return out
}

const inForceQuery = `query($p: ID!, $at: Time!, $n: Int!) { fundingView(programmeID: $p, asOf: $at, months: $n) {
  inForce { start from totals { currency amount } } } }`

// The monthly in-force series over the API, on the test database (SQLite,
// or PostgreSQL with CONVENE_TEST_POSTGRES): commitments starting and ending
// mid-month, open-ended, in two currencies, with lapsed, withdrawn and
// proposed ones left out, loaded in a fixed number of queries.
func TestFundingViewInForceByMonth(t *testing.T) {
	w := buildLedgerWorld(t)
	ctx, c := w.api.Ctx(), w.api.Client()
	loc, _ := time.LoadLocation("Europe/London")
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }
	add := func(status commitment.Status, amount, currency string, starts time.Time, ends *time.Time) {
		t.Helper()
		c.Commitment.Create().SetProgrammeID(w.progA.ID).SetOrganisationID(w.funder.ID).SetKind(commitment.KindFUNDING).
			SetTitle("Grant " + amount).SetStatus(status).SetAmount(decimal.RequireFromString(amount)).SetCurrency(currency).
			SetStartsOn(starts).SetNillableEndsOn(ends).ExecX(ctx)
	}
	end := func(y int, m time.Month, d int) *time.Time { e := day(y, m, d); return &e }
	// £40,000.50 to 31 March (London midnight: 30 March 23:00 UTC, BST).
	add(commitment.StatusAGREED, "40000.50", "GBP", day(2025, 4, 1), end(2026, 3, 31))
	// £12,000 from 10 February to 20 April: counts for March only.
	add(commitment.StatusDELIVERED, "12000", "GBP", day(2026, 2, 10), end(2026, 4, 20))
	// £5,000 open-ended from 1 March.
	add(commitment.StatusAGREED, "5000", "GBP", day(2026, 3, 1), nil)
	// €3,000.10 for February and March.
	add(commitment.StatusAGREED, "3000.10", "EUR", day(2026, 2, 1), end(2026, 3, 31))
	// Not secured: never counted.
	add(commitment.StatusLAPSED, "70000", "GBP", day(2026, 1, 1), end(2026, 12, 31))
	add(commitment.StatusWITHDRAWN, "80000", "GBP", day(2026, 1, 1), nil)
	add(commitment.StatusPROPOSED, "90000", "EUR", day(2026, 1, 1), end(2026, 12, 31))

	asOf := "2026-01-20T12:00:00Z"
	vars := map[string]any{"p": w.progA.ID, "at": asOf, "n": 5}
	var got fundingMonths
	w.consultantA.MustDo(inForceQuery, vars, &got) // the first request also checks the token
	w.api.Counter.Reset()
	w.consultantA.MustDo(inForceQuery, vars, &got)
	queries := w.api.Counter.Count()
	want := []string{
		"2026-01-01 from 2026-01-20: EUR 0, GBP 40000.5",
		"2026-02-01 from 2026-02-01: EUR 3000.1, GBP 40000.5",
		"2026-03-01 from 2026-03-01: EUR 3000.1, GBP 57000.5",
		"2026-04-01 from 2026-04-01: EUR 0, GBP 5000",
		"2026-05-01 from 2026-05-01: EUR 0, GBP 5000",
	}
	if strings.Join(got.lines(), "\n") != strings.Join(want, "\n") {
		t.Errorf("in force:\n%s\nwant:\n%s", strings.Join(got.lines(), "\n"), strings.Join(want, "\n"))
	}

	// More commitments do not mean more queries.
	for i := range 10 {
		add(commitment.StatusAGREED, "100", "GBP", day(2026, 1, 1+i), end(2026, 6, 1+i))
	}
	w.api.Counter.Reset()
	w.consultantA.MustDo(inForceQuery, vars, &got)
	if n := w.api.Counter.Count(); n != queries {
		t.Errorf("queries with 14 commitments = %d, with 4 = %d", n, queries)
	}
	if l := got.lines(); len(l) != 5 || l[4] != "2026-05-01 from 2026-05-01: EUR 0, GBP 6000" {
		t.Errorf("after adding ten £100 grants: %v", l)
	}

	// Another programme's organiser cannot read it.
	w.organiserB.ErrorCode(inForceQuery, vars, "NOT_FOUND")
}
