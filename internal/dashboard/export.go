package dashboard

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/internal/actions"
	"github.com/convene/convene/internal/commitments"
	"github.com/convene/convene/internal/viewer"
)

// MaxExportRows bounds one CSV download.
const MaxExportRows = 50_000

// Export serves the CSV downloads. It is mounted inside the authenticated
// group, so the request context carries the viewer and every row passes
// through the ent privacy policies exactly as in GraphQL.
type Export struct {
	Client *ent.Client
	Now    func() time.Time
}

// Routes mounts /commitments.csv, /actions.csv, /scorecard.csv and /network.csv.
func (x *Export) Routes(r chi.Router) {
	r.Get("/commitments.csv", x.serve("commitments", x.commitments))
	r.Get("/actions.csv", x.serve("actions", x.actions))
	r.Get("/scorecard.csv", x.serve("scorecard", x.scorecard))
	r.Get("/network.csv", x.serve("network", x.network))
}

func (x *Export) now() time.Time {
	if x.Now != nil {
		return x.Now()
	}
	return time.Now()
}

// badRequest is a problem with the query string, shown to the user.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func (x *Export) serve(name string, build func(context.Context, params) ([][]string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if viewer.FromContext(r.Context()) == nil {
			http.Error(w, "sign in to export", http.StatusUnauthorized)
			return
		}
		rows, err := build(r.Context(), params(r.URL.Query()))
		if err != nil {
			if br, ok := err.(badRequest); ok {
				http.Error(w, br.msg, http.StatusBadRequest)
				return
			}
			http.Error(w, "export failed", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name+"-"+x.now().UTC().Format("2006-01-02")+".csv"))
		w.Header().Set("Cache-Control", "private, no-store")
		// A UTF-8 byte order mark so spreadsheets do not mangle names such as "Café".
		_, _ = w.Write([]byte("\ufeff"))
		cw := csv.NewWriter(w)
		for _, row := range rows {
			for i, cell := range row {
				row[i] = safeCell(cell)
			}
			_ = cw.Write(row)
		}
		cw.Flush()
	}
}

// safeCell defuses spreadsheet formula injection: a text cell starting
// with = + - @ (or a tab/CR) is prefixed with a quote. Numbers (money,
// counts, negative values) are left alone so they stay numeric.
func safeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}

type params map[string][]string

func (p params) get(k string) string {
	if v := p[k]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

func (p params) id(k string) (*int, error) {
	s := p.get(k)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return nil, badRequest{fmt.Sprintf("%s must be an id, got %q", k, s)}
	}
	return &n, nil
}

func (p params) time(k string) (*time.Time, error) {
	s := p.get(k)
	if s == "" {
		return nil, nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return &t, nil
		}
	}
	return nil, badRequest{fmt.Sprintf("%s must be a date (2006-01-02) or an RFC 3339 time, got %q", k, s)}
}

func (p params) bool(k string) (*bool, error) {
	s := p.get(k)
	if s == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return nil, badRequest{fmt.Sprintf("%s must be true or false, got %q", k, s)}
	}
	return &b, nil
}

// list splits comma-separated enum values and validates each.
func list[T ~string](p params, k string, valid func(T) error) ([]T, error) {
	var out []T
	for _, raw := range p[k] {
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(strings.ToUpper(s)); s == "" {
				continue
			}
			if err := valid(T(s)); err != nil {
				return nil, badRequest{fmt.Sprintf("%s: %v", k, err)}
			}
			out = append(out, T(s))
		}
	}
	return out, nil
}

func (p params) sector() (*organisation.Sector, error) {
	s, err := list(p, "sector", organisation.SectorValidator)
	if err != nil || len(s) == 0 {
		return nil, err
	}
	return &s[0], nil
}

func dateCell(t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return t.In(loc).Format(time.DateOnly)
}

func name(o *ent.Organisation) string {
	if o == nil {
		return ""
	}
	return o.Name
}

func (x *Export) commitments(ctx context.Context, p params) ([][]string, error) {
	var f commitments.LedgerFilter
	var err error
	if f.ProgrammeID, err = p.id("programme"); err != nil {
		return nil, err
	}
	if f.OrganisationID, err = p.id("organisation"); err != nil {
		return nil, err
	}
	if f.BeneficiaryID, err = p.id("beneficiary"); err != nil {
		return nil, err
	}
	if f.Sector, err = p.sector(); err != nil {
		return nil, err
	}
	if f.Kinds, err = list(p, "kind", commitment.KindValidator); err != nil {
		return nil, err
	}
	if f.Statuses, err = list(p, "status", commitment.StatusValidator); err != nil {
		return nil, err
	}
	if f.EndsFrom, err = p.time("endsFrom"); err != nil {
		return nil, err
	}
	if f.EndsBefore, err = p.time("endsBefore"); err != nil {
		return nil, err
	}
	atRisk, err := p.bool("atRisk")
	if err != nil {
		return nil, err
	}
	f.AtRisk = atRisk != nil && *atRisk
	rows, err := x.Client.Commitment.Query().Where(f.Predicates()...).
		WithOrganisation().WithBeneficiary().WithProgramme().
		Order(ent.Asc(commitment.FieldStartsOn), ent.Asc(commitment.FieldID)).Limit(MaxExportRows).All(ctx)
	if err != nil {
		return nil, err
	}
	out := [][]string{{"id", "programme", "organisation", "beneficiary", "kind", "title", "amount", "currency", "hours", "hours_period",
		"starts_on", "ends_on", "status", "review_on", "renews_id", "conditions", "evidence"}}
	for _, c := range rows {
		loc := programmeLocation(c.Edges.Programme)
		amount, hours, period, pred := "", "", "", ""
		if c.Amount != nil {
			amount = c.Amount.String()
		}
		if c.Hours != nil {
			hours = c.Hours.String()
		}
		if c.HoursPeriod != nil {
			period = string(*c.HoursPeriod)
		}
		if c.PredecessorID != nil {
			pred = strconv.Itoa(*c.PredecessorID)
		}
		progName := ""
		if c.Edges.Programme != nil {
			progName = c.Edges.Programme.Name
		}
		out = append(out, []string{strconv.Itoa(c.ID), progName, name(c.Edges.Organisation), name(c.Edges.Beneficiary), string(c.Kind), c.Title,
			amount, c.Currency, hours, period, dateCell(&c.StartsOn, loc), dateCell(c.EndsOn, loc), string(c.Status),
			dateCell(c.ReviewOn, loc), pred, c.Conditions, c.Evidence})
	}
	return out, nil
}

func programmeLocation(p *ent.Programme) *time.Location {
	if p != nil {
		if loc, err := time.LoadLocation(p.TimeZone); err == nil {
			return loc
		}
	}
	return time.UTC
}

func (x *Export) actions(ctx context.Context, p params) ([][]string, error) {
	var f actions.BoardFilter
	var err error
	if f.ProgrammeID, err = p.id("programme"); err != nil {
		return nil, err
	}
	if f.OwnerPersonID, err = p.id("ownerPerson"); err != nil {
		return nil, err
	}
	if f.OwnerOrganisationID, err = p.id("ownerOrganisation"); err != nil {
		return nil, err
	}
	if f.Sector, err = p.sector(); err != nil {
		return nil, err
	}
	if f.Statuses, err = list(p, "status", actionitem.StatusValidator); err != nil {
		return nil, err
	}
	if f.DueFrom, err = p.time("dueFrom"); err != nil {
		return nil, err
	}
	if f.DueBefore, err = p.time("dueBefore"); err != nil {
		return nil, err
	}
	if f.Overdue, err = p.bool("overdue"); err != nil {
		return nil, err
	}
	now := x.now()
	rows, err := x.Client.ActionItem.Query().Where(f.Predicates(now)...).
		WithOwnerOrganisation().WithOwnerPerson().WithProgramme().
		Order(actionitem.ByDueDate(), ent.Asc(actionitem.FieldID)).Limit(MaxExportRows).All(ctx)
	if err != nil {
		return nil, err
	}
	out := [][]string{{"id", "programme", "title", "owner_person", "owner_organisation", "due_date", "status", "progress", "overdue", "completed_at"}}
	for _, a := range rows {
		loc := programmeLocation(a.Edges.Programme)
		person := ""
		if a.Edges.OwnerPerson != nil {
			person = a.Edges.OwnerPerson.Name
		}
		progName := ""
		if a.Edges.Programme != nil {
			progName = a.Edges.Programme.Name
		}
		out = append(out, []string{strconv.Itoa(a.ID), progName, a.Title, person, name(a.Edges.OwnerOrganisation), dateCell(a.DueDate, loc),
			string(a.Status), strconv.Itoa(a.Progress), strconv.FormatBool(actions.Overdue(a, now)), dateCell(a.CompletedAt, loc)})
	}
	return out, nil
}

func (x *Export) scorecard(ctx context.Context, p params) ([][]string, error) {
	var f ScorecardFilter
	var err error
	if f.ProgrammeID, err = p.id("programme"); err != nil {
		return nil, err
	}
	if f.Sector, err = p.sector(); err != nil {
		return nil, err
	}
	page, err := Scorecards(ctx, x.Client, f, OrderName, false, 0, 0, x.now())
	if err != nil {
		return nil, err
	}
	head := []string{"organisation", "sector", "actions_open", "actions_overdue", "actions_done_90_days"}
	for _, s := range commitmentStatuses {
		head = append(head, "commitments_"+strings.ToLower(string(s)))
	}
	head = append(head, "attended", "expected", "attendance_rate")
	out := [][]string{head}
	for _, s := range page.Items {
		row := []string{s.Organisation.Name, string(s.Organisation.Sector), strconv.Itoa(s.ActionsOpen), strconv.Itoa(s.ActionsOverdue), strconv.Itoa(s.ActionsDoneRecently)}
		for _, st := range commitmentStatuses {
			row = append(row, strconv.Itoa(s.CommitmentsByStatus[st]))
		}
		rate := ""
		if r := s.AttendanceRate(); r != nil {
			rate = strconv.FormatFloat(*r, 'f', 3, 64)
		}
		out = append(out, append(row, strconv.Itoa(s.Attended), strconv.Itoa(s.Expected), rate))
	}
	return out, nil
}

func (x *Export) network(ctx context.Context, p params) ([][]string, error) {
	var f NetworkFilter
	var err error
	if f.ProgrammeID, err = p.id("programme"); err != nil {
		return nil, err
	}
	if f.From, err = p.time("from"); err != nil {
		return nil, err
	}
	if f.To, err = p.time("to"); err != nil {
		return nil, err
	}
	if f.Statuses, err = list(p, "status", commitment.StatusValidator); err != nil {
		return nil, err
	}
	net, err := PartnershipNetwork(ctx, x.Client, f)
	if err != nil {
		return nil, err
	}
	names := map[int]string{}
	for _, n := range net.Nodes {
		names[n.Organisation.ID] = n.Organisation.Name
	}
	out := [][]string{{"from_id", "from", "to_id", "to", "kind", "weight"}}
	for _, e := range net.Edges {
		out = append(out, []string{strconv.Itoa(e.From), names[e.From], strconv.Itoa(e.To), names[e.To], e.Kind, strconv.Itoa(e.Weight)})
	}
	return out, nil
}

var commitmentStatuses = []commitment.Status{commitment.StatusPROPOSED, commitment.StatusAGREED, commitment.StatusDELIVERED, commitment.StatusLAPSED, commitment.StatusWITHDRAWN}
