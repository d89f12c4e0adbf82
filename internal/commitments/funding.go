package commitments

import (
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/internal/commitments/lifecycle"
)

// Money is an exact amount in one ISO 4217 currency. Amounts in different
// currencies are never added together: every total is a list of Money, one
// per currency, sorted by currency code.
type Money struct {
	Currency string
	Amount   decimal.Decimal
}

// Sums accumulates exact amounts per currency.
type Sums map[string]decimal.Decimal

// Add adds amount in currency.
func (s Sums) Add(currency string, amount decimal.Decimal) {
	s[currency] = s[currency].Add(amount)
}

// Totals returns the sums, one per currency, sorted by currency.
func (s Sums) Totals() []Money {
	out := make([]Money, 0, len(s))
	for c, a := range s {
		out = append(out, Money{Currency: c, Amount: a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}

// rounded returns the totals rounded to minor units (see roundMoney).
func (s Sums) rounded() []Money {
	out := s.Totals()
	for i := range out {
		out[i].Amount = roundMoney(out[i].Amount)
	}
	return out
}

// roundMoney rounds a pro-rata share to two decimal places, half away from
// zero. Only pro-rata figures (secured windows, periods) are ever rounded;
// totals of whole commitments are exact.
func roundMoney(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// Row is the part of a commitment the funding view needs.
type Row struct {
	ID             int
	OrganisationID int
	Kind           string
	Status         string
	Amount         decimal.Decimal
	Currency       string
	StartsOn       time.Time
	EndsOn         *time.Time // nil: open-ended
}

// Period granularity for FundingView.ByPeriod.
type Period string

const (
	Month   Period = "MONTH"
	Quarter Period = "QUARTER"
	Year    Period = "YEAR"
)

// Options of a funding view.
type Options struct {
	AsOf time.Time
	// Location is the programme's time zone: commitment start/end instants
	// are read as calendar days there.
	Location *time.Location
	// Threshold, in ReportingCurrency, below which in-force funding is a
	// cliff; nil disables the cliff.
	Threshold         *decimal.Decimal
	ReportingCurrency string
	Period            Period
	// Periods is how many periods ByPeriod covers, starting with the one
	// containing AsOf (default 8, at most 60).
	Periods int
	// Months is how many calendar months InForce covers, starting with the
	// one containing AsOf (default 24, at most 60).
	Months int
}

// Total is a per-currency total under a key (funder id, kind, ...).
type Total struct {
	Key    string
	Totals []Money
}

// PeriodTotal is the secured funding falling within one period.
type PeriodTotal struct {
	Label      string
	Start, End Date // inclusive
	Totals     []Money
}

// Window is the secured funding falling within the next Months months.
type Window struct {
	Months   int
	From, To Date // inclusive
	Totals   []Money
}

// MonthInForce is the secured funding in force during one calendar month.
type MonthInForce struct {
	// Start is the first day of the month; From is the first day counted
	// (AsOf in the current month, Start in later ones).
	Start, From Date
	// Totals: per currency, the lowest funding in force on any day from
	// From to the month's last day (whole grants, exact). Every currency
	// with funding in force at some point of the series is listed, with
	// zero in months when none is.
	Totals []Money
}

// Cliff is where secured funding in force drops below the threshold.
type Cliff struct {
	// FirstShortDay is the first day (from AsOf on) when the funding in
	// force is below the threshold; LastCoveredDay is the day before, nil
	// when funding is already short on AsOf.
	FirstShortDay  Date
	LastCoveredDay *Date
	// InForce is the reporting-currency funding in force on FirstShortDay.
	InForce decimal.Decimal
}

// View is the funding position of one programme.
type View struct {
	AsOf              Date
	ReportingCurrency string
	Threshold         *decimal.Decimal
	// TotalSecured is every AGREED or DELIVERED funding commitment, whole.
	TotalSecured []Money
	// ByFunder: secured funding per funding organisation (Key = its id).
	ByFunder []Total
	// ByKind: secured commitments of every kind that carry an amount.
	ByKind []Total
	// ByPeriod: secured funding spread pro rata over its days.
	ByPeriod []PeriodTotal
	// Secured: secured funding falling in the next 3, 6 and 12 months.
	Secured []Window
	// InForceToday: reporting-currency funding in force on AsOf.
	InForceToday decimal.Decimal
	Cliff        *Cliff
	// InForce: the level of secured funding in force month by month (see
	// MonthInForce), from the month containing AsOf.
	InForce []MonthInForce
	// OpenEnded counts secured funding with no end date: it is in force
	// indefinitely for the cliff but cannot be spread over periods.
	OpenEnded int
}

// SecuredWindows are the horizons the view reports, in months.
var SecuredWindows = []int{3, 6, 12}

// Compute builds the view from rows (any statuses and kinds; only secured
// ones count). Definitions, all in the programme's time zone:
//
//   - A commitment runs from the calendar day of StartsOn to the calendar
//     day of EndsOn, both inclusive.
//   - Secured: status AGREED or DELIVERED (lifecycle.Secured).
//   - Funding in force on day D: the sum of secured FUNDING amounts in the
//     reporting currency whose run includes D (open-ended ones from their
//     start on). It compares whole grants with the threshold, as organisers
//     think of them ("we need £50k of grants in place").
//   - Cliff: the first day D ≥ AsOf on which funding in force < Threshold.
//     It can only begin on AsOf or on the day after a grant ends, so only
//     those days are checked.
//   - Next N months: the days AsOf … AsOf+N months−1 day (month ends
//     clamped: 31 Jan + 1 month = 28/29 Feb). A grant contributes
//     amount × days-in-window / days-in-run; the sum per currency is rounded
//     to 2 places at the end.
//   - In force in a month: per currency, the lowest funding in force on any
//     day of the month (from AsOf on in the current month). A grant
//     starting or ending mid-month therefore does not count for that month:
//     the series is the level the programme can rely on all month, and
//     the month the cliff falls in is the first below the threshold.
func Compute(rows []Row, o Options) View {
	loc := o.Location
	if loc == nil {
		loc = time.UTC
	}
	asOf := DateIn(o.AsOf, loc)
	v := View{AsOf: asOf, ReportingCurrency: o.ReportingCurrency, Threshold: o.Threshold}

	type run struct {
		Row
		start Date
		end   *Date
	}
	var funding []run
	total, byFunder, byKind := Sums{}, map[string]Sums{}, map[string]Sums{}
	for _, r := range rows {
		if !lifecycle.Secured(r.Status) || r.Currency == "" {
			continue
		}
		key := r.Kind
		if byKind[key] == nil {
			byKind[key] = Sums{}
		}
		byKind[key].Add(r.Currency, r.Amount)
		if r.Kind != "FUNDING" {
			continue
		}
		total.Add(r.Currency, r.Amount)
		fk := itoa(r.OrganisationID)
		if byFunder[fk] == nil {
			byFunder[fk] = Sums{}
		}
		byFunder[fk].Add(r.Currency, r.Amount)
		x := run{Row: r, start: DateIn(r.StartsOn, loc)}
		if r.EndsOn != nil {
			e := DateIn(*r.EndsOn, loc)
			x.end = &e
		} else {
			v.OpenEnded++
		}
		funding = append(funding, x)
	}
	v.TotalSecured = total.Totals()
	v.ByFunder = keyed(byFunder)
	v.ByKind = keyed(byKind)

	// Pro-rata shares of runs with an end date over an inclusive window.
	spread := func(from, to Date) []Money {
		s := Sums{}
		for _, f := range funding {
			if f.end == nil {
				continue
			}
			days := overlapDays(f.start, *f.end, from, to)
			if days == 0 {
				continue
			}
			runDays := f.start.DaysUntil(*f.end) + 1
			share := f.Amount.Mul(decimal.NewFromInt(int64(days))).DivRound(decimal.NewFromInt(int64(runDays)), 12)
			s.Add(f.Currency, share)
		}
		return s.rounded()
	}
	for _, n := range SecuredWindows {
		to := asOf.AddMonths(n).AddDays(-1)
		v.Secured = append(v.Secured, Window{Months: n, From: asOf, To: to, Totals: spread(asOf, to)})
	}
	periods := o.Periods
	if periods <= 0 {
		periods = 8
	}
	periods = min(periods, 60)
	for start := periodStart(asOf, o.Period); len(v.ByPeriod) < periods; {
		end := start.AddMonths(periodMonths(o.Period)).AddDays(-1)
		v.ByPeriod = append(v.ByPeriod, PeriodTotal{Label: periodLabel(start, o.Period), Start: start, End: end, Totals: spread(start, end)})
		start = end.AddDays(1)
	}

	inForce := func(d Date) decimal.Decimal {
		sum := decimal.Zero
		for _, f := range funding {
			if f.Currency != o.ReportingCurrency || d.Before(f.start) || (f.end != nil && d.After(*f.end)) {
				continue
			}
			sum = sum.Add(f.Amount)
		}
		return sum
	}
	v.InForceToday = inForce(asOf)
	months := o.Months
	if months <= 0 {
		months = 24
	}
	grants := make([]grant, 0, len(funding))
	for _, f := range funding {
		grants = append(grants, grant{currency: f.Currency, amount: f.Amount, start: f.start, end: f.end})
	}
	v.InForce = monthlyInForce(grants, asOf, min(months, 60))
	if o.Threshold != nil {
		candidates := []Date{asOf}
		for _, f := range funding {
			if f.end != nil && !f.end.Before(asOf) {
				candidates = append(candidates, f.end.AddDays(1))
			}
		}
		slices.SortFunc(candidates, func(a, b Date) int { return a.utc().Compare(b.utc()) })
		for _, d := range candidates {
			if amount := inForce(d); amount.LessThan(*o.Threshold) {
				c := &Cliff{FirstShortDay: d, InForce: amount}
				if d.After(asOf) {
					last := d.AddDays(-1)
					c.LastCoveredDay = &last
				}
				v.Cliff = c
				break
			}
		}
	}
	return v
}

// grant is a secured funding commitment's amount and run (end nil: open-ended).
type grant struct {
	currency string
	amount   decimal.Decimal
	start    Date
	end      *Date
}

// step is where one currency's funding in force changes: from day on
// (until the next step) the level is level.
type step struct {
	day   Date
	level decimal.Decimal
}

// monthlyInForce is the InForce series. Per currency, funding in force is a
// step function of the day that only changes on a grant's first day and on
// the day after its last, so the lowest level in a month is the lowest of
// the level on its first counted day and of the steps inside it.
func monthlyInForce(grants []grant, asOf Date, months int) []MonthInForce {
	first := Date{asOf.Year, asOf.Month, 1}
	last := first.AddMonths(months).AddDays(-1)
	deltas := map[string]map[Date]decimal.Decimal{}
	for _, g := range grants {
		// Only grants in force at some point of the series give it a currency.
		if g.start.After(last) || (g.end != nil && g.end.Before(asOf)) {
			continue
		}
		d := deltas[g.currency]
		if d == nil {
			d = map[Date]decimal.Decimal{}
			deltas[g.currency] = d
		}
		d[g.start] = d[g.start].Add(g.amount)
		if g.end != nil {
			after := g.end.AddDays(1)
			d[after] = d[after].Sub(g.amount)
		}
	}
	currencies := make([]string, 0, len(deltas))
	steps := map[string][]step{}
	for c, d := range deltas {
		currencies = append(currencies, c)
		days := make([]Date, 0, len(d))
		for day := range d {
			days = append(days, day)
		}
		slices.SortFunc(days, func(a, b Date) int { return a.utc().Compare(b.utc()) })
		level := decimal.Zero
		for _, day := range days {
			level = level.Add(d[day])
			steps[c] = append(steps[c], step{day, level})
		}
	}
	sort.Strings(currencies)

	out := make([]MonthInForce, 0, months)
	for i := range months {
		start := first.AddMonths(i)
		from, to := start, start.AddMonths(1).AddDays(-1)
		if i == 0 {
			from = asOf
		}
		m := MonthInForce{Start: start, From: from, Totals: make([]Money, 0, len(currencies))}
		for _, c := range currencies {
			m.Totals = append(m.Totals, Money{Currency: c, Amount: lowestLevel(steps[c], from, to)})
		}
		out = append(out, m)
	}
	return out
}

// lowestLevel is the lowest level of a step function (levels from each
// step's day on, zero before the first) over the inclusive days from..to.
func lowestLevel(steps []step, from, to Date) decimal.Decimal {
	// The last step on or before from sets the level on from.
	i := sort.Search(len(steps), func(i int) bool { return steps[i].day.After(from) })
	low := decimal.Zero
	if i > 0 {
		low = steps[i-1].level
	}
	for ; i < len(steps) && !steps[i].day.After(to); i++ {
		if steps[i].level.LessThan(low) {
			low = steps[i].level
		}
	}
	return low
}

func keyed(m map[string]Sums) []Total {
	out := make([]Total, 0, len(m))
	for k, s := range m {
		out = append(out, Total{Key: k, Totals: s.Totals()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func periodMonths(p Period) int {
	switch p {
	case Month:
		return 1
	case Year:
		return 12
	default:
		return 3
	}
}

func periodStart(d Date, p Period) Date {
	switch p {
	case Month:
		return Date{d.Year, d.Month, 1}
	case Year:
		return Date{d.Year, time.January, 1}
	default:
		return Date{d.Year, time.Month((int(d.Month)-1)/3*3 + 1), 1}
	}
}

func periodLabel(start Date, p Period) string {
	switch p {
	case Month:
		return start.utc().Format("2006-01")
	case Year:
		return itoa(start.Year)
	default:
		return itoa(start.Year) + "-Q" + itoa((int(start.Month)-1)/3+1)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
