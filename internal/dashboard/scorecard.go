// Package dashboard is the consultant's view across forums and
// organisations: a scorecard per organisation, the partnership network and
// CSV exports of both and of the ledgers. Counting is done in SQL with
// GROUP BY, so a page costs the same number of queries however many rows
// it summarises; everything reads through the caller's context, so ent
// privacy decides what is counted.
package dashboard

import (
	"context"
	"sort"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/internal/actions"
	"github.com/convene/convene/internal/attendance"
	"github.com/convene/convene/internal/representation"
)

// DoneWindow is how far back "done recently" looks.
const DoneWindow = 90 * 24 * time.Hour

// ScorecardFilter narrows the scorecard. Zero values mean "any".
type ScorecardFilter struct {
	// ProgrammeID keeps organisations taking part in the programme (making
	// or receiving a commitment, or owning an action) and counts only its
	// actions, commitments and events.
	ProgrammeID     *int
	Sector          *organisation.Sector
	OrganisationIDs []int
}

// ScorecardOrder fields.
const (
	OrderName           = "NAME"
	OrderActionsOpen    = "ACTIONS_OPEN"
	OrderActionsOverdue = "ACTIONS_OVERDUE"
	OrderAttendanceRate = "ATTENDANCE_RATE"
)

// Scorecard is one organisation's record.
type Scorecard struct {
	Organisation        *ent.Organisation
	ActionsOpen         int
	ActionsOverdue      int
	ActionsDoneRecently int // done in the last DoneWindow
	CommitmentsByStatus map[commitment.Status]int
	// Attendance of the organisation's members at occurrences that have
	// ended, one-off or in a series: Expected counts, per occurrence, the
	// members with an accepted invitation to the series or to that
	// occurrence; Attended the members in the room (present, late, left
	// early, or there as someone's deputy), walk-ins included.
	Attended, Expected int
}

// AttendanceRate is Attended/Expected capped at 1 (walk-ins can exceed the
// invitations), or nil with nothing expected.
func (s Scorecard) AttendanceRate() *float64 {
	if s.Expected == 0 {
		return nil
	}
	r := min(1, float64(s.Attended)/float64(s.Expected))
	return &r
}

// Page is one page of scorecards.
type Page struct {
	Items      []Scorecard
	TotalCount int
	Offset     int
	HasNext    bool
}

// Scorecards computes the scorecards of the organisations matching f and
// returns one page of them. Ordered by name (the default), the database
// orders and pages the organisations and only the page's are counted, in 9
// queries. The other orders rank by counts that ent privacy filters row by
// row (a member counts only the actions they may see), so every matching
// organisation is counted — still in 8 grouped queries whatever the data
// size — and the list is ordered and paged in Go.
func Scorecards(ctx context.Context, client *ent.Client, f ScorecardFilter, orderField string, desc bool, offset, limit int, now time.Time) (*Page, error) {
	now = now.UTC()
	oq := client.Organisation.Query()
	if f.Sector != nil {
		oq.Where(organisation.SectorEQ(*f.Sector))
	}
	if len(f.OrganisationIDs) > 0 {
		oq.Where(organisation.IDIn(f.OrganisationIDs...))
	}
	if f.ProgrammeID != nil {
		p := *f.ProgrammeID
		oq.Where(organisation.Or(
			organisation.HasCommitmentsWith(commitment.ProgrammeID(p)),
			organisation.HasBenefitingCommitmentsWith(commitment.ProgrammeID(p)),
			organisation.HasOwnedActionsWith(actionitem.ProgrammeID(p)),
		))
	}
	// The attendance totals are one raw statement whose placeholders and
	// casts depend on the database: the organisations query says which it
	// is without a round trip of its own.
	var dialect string
	oq.Modify(func(s *sql.Selector) { dialect = s.Dialect() })
	byName := orderField == OrderName || orderField == ""
	page := &Page{Offset: offset}
	if byName {
		total, err := oq.Clone().Count(ctx)
		if err != nil {
			return nil, err
		}
		page.TotalCount = total
		oq.Order(orderByName(desc)).Offset(offset)
		if limit > 0 {
			oq.Limit(limit)
		}
	}
	orgs, err := oq.All(ctx)
	if err != nil {
		return nil, err
	}
	cards := make(map[int]*Scorecard, len(orgs))
	ids := make([]int, 0, len(orgs))
	for _, o := range orgs {
		cards[o.ID] = &Scorecard{Organisation: o, CommitmentsByStatus: map[commitment.Status]int{}}
		ids = append(ids, o.ID)
	}
	if byName && len(orgs) == 0 {
		page.Items = []Scorecard{}
		return page, nil
	}

	// A page ordered by name counts for its own organisations only; the
	// other orders count for all of them (no long IN lists needed).
	actionScope := []predicate.ActionItem{actionitem.OwnerOrganisationIDNotNil()}
	cq := client.Commitment.Query()
	if byName {
		actionScope = []predicate.ActionItem{actionitem.OwnerOrganisationIDIn(ids...)}
		cq.Where(commitment.OrganisationIDIn(ids...))
	}
	if f.ProgrammeID != nil {
		actionScope = append(actionScope, actionitem.ProgrammeID(*f.ProgrammeID))
	}
	countActions := func(extra predicate.ActionItem, set func(*Scorecard, int)) error {
		var rows []struct {
			OwnerOrganisationID int `json:"owner_organisation_id"`
			Count               int `json:"count"`
		}
		err := client.ActionItem.Query().Where(append(actionScope, extra)...).
			GroupBy(actionitem.FieldOwnerOrganisationID).Aggregate(ent.Count()).Scan(ctx, &rows)
		for _, r := range rows {
			if c := cards[r.OwnerOrganisationID]; c != nil {
				set(c, r.Count)
			}
		}
		return err
	}
	if err := countActions(actionitem.StatusIn(actions.OpenStatuses...), func(c *Scorecard, n int) { c.ActionsOpen = n }); err != nil {
		return nil, err
	}
	if err := countActions(actions.OverdueAt(now), func(c *Scorecard, n int) { c.ActionsOverdue = n }); err != nil {
		return nil, err
	}
	if err := countActions(actionitem.And(actionitem.StatusEQ(actionitem.StatusDONE), actionitem.CompletedAtGTE(now.Add(-DoneWindow))),
		func(c *Scorecard, n int) { c.ActionsDoneRecently = n }); err != nil {
		return nil, err
	}

	var byStatus []struct {
		OrganisationID int               `json:"organisation_id"`
		Status         commitment.Status `json:"status"`
		Count          int               `json:"count"`
	}
	if f.ProgrammeID != nil {
		cq.Where(commitment.ProgrammeID(*f.ProgrammeID))
	}
	if err := cq.GroupBy(commitment.FieldOrganisationID, commitment.FieldStatus).Aggregate(ent.Count()).Scan(ctx, &byStatus); err != nil {
		return nil, err
	}
	for _, r := range byStatus {
		if c := cards[r.OrganisationID]; c != nil {
			c.CommitmentsByStatus[r.Status] = r.Count
		}
	}

	if err := attendanceCounts(ctx, client, dialect, f, cards, now); err != nil {
		return nil, err
	}

	list := make([]Scorecard, 0, len(cards))
	for _, o := range orgs {
		list = append(list, *cards[o.ID])
	}
	if byName {
		page.Items = list
		page.HasNext = offset+len(list) < page.TotalCount
		return page, nil
	}
	sortScorecards(list, orderField, desc)
	page.TotalCount = len(list)
	if offset > len(list) {
		offset = len(list)
	}
	end := len(list)
	if limit > 0 && offset+limit < end {
		end = offset + limit
	}
	page.Items = list[offset:end]
	page.HasNext = end < len(list)
	return page, nil
}

// orderByName orders organisations by name, case-insensitively, then by
// ID (ascending either way, so equal names page stably).
func orderByName(desc bool) func(*sql.Selector) {
	return func(s *sql.Selector) {
		dir := ""
		if desc {
			dir = " DESC"
		}
		s.OrderExpr(sql.Expr("LOWER(" + s.C(organisation.FieldName) + ")" + dir))
		s.OrderBy(s.C(organisation.FieldID))
	}
}

// attendanceCounts fills Attended/Expected per organisation over the
// occurrences that have ended (the latest representation.MaxOccurrences),
// one-off events and every occurrence of recurring series alike: someone
// who accepted an invitation to a weekly series is expected at each of its
// occurrences, someone invited to one occurrence at that one. Three
// queries: the events and their overrides through ent (privacy), then
// representation's per-organisation totals in one aggregate statement.
// That statement bypasses privacy, so it only covers events of programmes
// whose attendance reports the viewer may read (organisers, consultants,
// admins); for anyone else the attendance columns stay empty.
func attendanceCounts(ctx context.Context, client *ent.Client, dialect string, f ScorecardFilter, cards map[int]*Scorecard, now time.Time) error {
	if len(cards) == 0 {
		return nil
	}
	eq := client.Event.Query().Where(event.StatusEQ(event.StatusSCHEDULED), event.StartsAtLT(now))
	if f.ProgrammeID != nil {
		eq.Where(event.ProgrammeID(*f.ProgrammeID))
	}
	evs, err := eq.WithOverrides().All(ctx)
	if err != nil {
		return err
	}
	occs, err := endedOccurrences(ctx, evs, now)
	if err != nil {
		return err
	}
	totals, err := representation.OrganisationTotals(ctx, client, dialect, occs)
	if err != nil {
		return err
	}
	for id, t := range totals {
		if c := cards[id]; c != nil {
			c.Expected, c.Attended = t.Accepted, t.Attended
		}
	}
	return nil
}

// endedOccurrences expands the events into their occurrences that have
// ended by now, keeping the latest representation.MaxOccurrences, for the
// programmes whose reports the viewer may read.
func endedOccurrences(ctx context.Context, evs []*ent.Event, now time.Time) ([]representation.Occurrence, error) {
	readable := map[int]bool{}
	var occs []representation.Occurrence
	for _, ev := range evs {
		ok, seen := readable[ev.ProgrammeID]
		if !seen {
			ok = attendance.RequireReader(ctx, ev.ProgrammeID) == nil
			readable[ev.ProgrammeID] = ok
		}
		if !ok {
			continue
		}
		add := func(recurrenceID, start, end time.Time) {
			if !end.After(now) {
				occs = append(occs, representation.Occurrence{EventID: ev.ID, Title: ev.Title, Kind: string(ev.Kind),
					Start: recurrenceID.UTC(), Begins: start.UTC()})
			}
		}
		if strings.TrimSpace(ev.Rrule) == "" {
			// A one-off is its own occurrence; no expansion needed (and
			// none attempted on times rrule-go could not iterate).
			add(ev.StartsAt, ev.StartsAt, ev.EndsAt)
			continue
		}
		past, err := attendance.PastOccurrences(ev, ev.Edges.Overrides, now, representation.MaxOccurrences)
		if err != nil {
			return nil, err
		}
		for _, o := range past {
			add(o.RecurrenceID, o.Start, o.End)
		}
	}
	sort.Slice(occs, func(i, j int) bool {
		if !occs[i].Begins.Equal(occs[j].Begins) {
			return occs[i].Begins.Before(occs[j].Begins)
		}
		return occs[i].EventID < occs[j].EventID
	})
	if len(occs) > representation.MaxOccurrences {
		occs = occs[len(occs)-representation.MaxOccurrences:]
	}
	return occs, nil
}

// sortScorecards orders by a count or the attendance rate (no rate sorts
// below any rate), then by ID.
func sortScorecards(list []Scorecard, field string, desc bool) {
	key := func(s Scorecard) float64 {
		switch field {
		case OrderActionsOpen:
			return float64(s.ActionsOpen)
		case OrderActionsOverdue:
			return float64(s.ActionsOverdue)
		case OrderAttendanceRate:
			if r := s.AttendanceRate(); r != nil {
				return *r
			}
			return -1
		}
		return 0
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if ka, kb := key(a), key(b); ka != kb {
			if desc {
				return ka > kb
			}
			return ka < kb
		}
		return a.Organisation.ID < b.Organisation.ID
	})
}
