// Package commitments is the partnership ledger: organisations' pledges
// within a programme, their lifecycle (lifecycle/), history (the audit log)
// and the funding position built from them — totals per funder, kind and
// period, money secured for the coming months and the funding "cliff".
//
// Everything here reads through the caller's context, so the ent privacy
// policies decide which commitments a viewer sees.
package commitments

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/auditentry"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/commitments/lifecycle"
)

// SecuredStatuses are the statuses whose money or time can be relied on.
var SecuredStatuses = []commitment.Status{commitment.StatusAGREED, commitment.StatusDELIVERED}

// IsSecured is the SQL form of lifecycle.Secured.
func IsSecured() predicate.Commitment { return commitment.StatusIn(SecuredStatuses...) }

// HasAgreedSuccessor: a commitment renewing this one has been agreed (or
// already delivered), so this one ending is not a risk.
func HasAgreedSuccessor() predicate.Commitment {
	return commitment.HasSuccessorsWith(commitment.StatusIn(SecuredStatuses...))
}

// EndingWithoutSuccessor selects secured commitments whose last day falls
// in [from, to) with no agreed successor: the ones that need attention.
func EndingWithoutSuccessor(from, to time.Time) predicate.Commitment {
	return commitment.And(IsSecured(), commitment.EndsOnGTE(from), commitment.EndsOnLT(to), commitment.Not(HasAgreedSuccessor()))
}

// ReviewDue selects live commitments (proposed or agreed) whose review date
// is before `before`, passed reviews included until the date is moved on.
func ReviewDue(before time.Time) predicate.Commitment {
	return commitment.And(commitment.StatusIn(commitment.StatusPROPOSED, commitment.StatusAGREED), commitment.ReviewOnLT(before))
}

// Funding builds the funding view of a programme in two queries (the
// programme, then its secured commitments with an amount). Money is summed
// in Go with exact decimals: SQLite stores amounts as text and its SUM
// would turn them into floats.
//
// periods and months size ByPeriod and InForce (see Options).
func Funding(ctx context.Context, client *ent.Client, programmeID int, asOf time.Time, period Period, periods, months int) (*View, error) {
	p, err := client.Programme.Get(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return nil, apperr.Invalid("programmeID", "the programme's time zone %q is unknown", p.TimeZone)
	}
	found, err := client.Commitment.Query().
		Where(commitment.ProgrammeID(programmeID), IsSecured(), commitment.AmountNotNil()).
		Select(commitment.FieldOrganisationID, commitment.FieldKind, commitment.FieldStatus,
			commitment.FieldAmount, commitment.FieldCurrency, commitment.FieldStartsOn, commitment.FieldEndsOn).
		All(ctx)
	if err != nil {
		return nil, err
	}
	rows := make([]Row, 0, len(found))
	for _, c := range found {
		rows = append(rows, Row{ID: c.ID, OrganisationID: c.OrganisationID, Kind: string(c.Kind), Status: string(c.Status),
			Amount: *c.Amount, Currency: c.Currency, StartsOn: c.StartsOn, EndsOn: c.EndsOn})
	}
	view := Compute(rows, Options{
		AsOf: asOf, Location: loc, Threshold: p.FundingThreshold, ReportingCurrency: p.ReportingCurrency,
		Period: period, Periods: periods, Months: months,
	})
	return &view, nil
}

// History is a commitment's change log, oldest first: every create and
// update with before/after per field, as the audit hook recorded it in the
// change's own transaction. The audit policy lets organisers and
// consultants of the programme read ledger entries.
func History(ctx context.Context, client *ent.Client, id int) ([]*ent.AuditEntry, error) {
	return client.AuditEntry.Query().
		Where(auditentry.EntityType("Commitment"), auditentry.EntityID(id)).
		Order(ent.Asc(auditentry.FieldCreatedAt), ent.Asc(auditentry.FieldID)).
		All(ctx)
}

// HistoryFor is History for several commitments in one query, keyed by
// commitment ID (commitments without entries are absent).
func HistoryFor(ctx context.Context, client *ent.Client, ids []int) (map[int][]*ent.AuditEntry, error) {
	entries, err := client.AuditEntry.Query().
		Where(auditentry.EntityType("Commitment"), auditentry.EntityIDIn(ids...)).
		Order(ent.Asc(auditentry.FieldCreatedAt), ent.Asc(auditentry.FieldID)).
		All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int][]*ent.AuditEntry, len(ids))
	for _, e := range entries {
		out[e.EntityID] = append(out[e.EntityID], e)
	}
	return out, nil
}

// CheckTransition reports whether a commitment may move from → to, as a
// BAD_USER_INPUT error naming both states.
func CheckTransition(from, to commitment.Status) error {
	if err := lifecycle.Check(string(from), string(to)); err != nil {
		return apperr.Invalid("status", "%s", err.Error())
	}
	return nil
}

// Sum adds amounts per currency (never across currencies).
func Sum(amounts ...Money) []Money {
	s := Sums{}
	for _, a := range amounts {
		s.Add(a.Currency, a.Amount)
	}
	return s.Totals()
}

// LedgerFilter narrows the commitment ledger. Zero values mean "any".
type LedgerFilter struct {
	ProgrammeID    *int
	Sector         *organisation.Sector // of the committing organisation
	OrganisationID *int
	BeneficiaryID  *int
	Kinds          []commitment.Kind
	Statuses       []commitment.Status
	// EndsFrom/EndsBefore select by last day, [from, before).
	EndsFrom, EndsBefore *time.Time
	// AtRisk keeps secured commitments with no agreed successor.
	AtRisk bool
}

// Predicates turns the filter into SQL predicates.
func (f LedgerFilter) Predicates() []predicate.Commitment {
	var ps []predicate.Commitment
	if f.ProgrammeID != nil {
		ps = append(ps, commitment.ProgrammeID(*f.ProgrammeID))
	}
	if f.Sector != nil {
		ps = append(ps, commitment.HasOrganisationWith(organisation.SectorEQ(*f.Sector)))
	}
	if f.OrganisationID != nil {
		ps = append(ps, commitment.OrganisationID(*f.OrganisationID))
	}
	if f.BeneficiaryID != nil {
		ps = append(ps, commitment.BeneficiaryID(*f.BeneficiaryID))
	}
	if len(f.Kinds) > 0 {
		ps = append(ps, commitment.KindIn(f.Kinds...))
	}
	if len(f.Statuses) > 0 {
		ps = append(ps, commitment.StatusIn(f.Statuses...))
	}
	if f.EndsFrom != nil {
		ps = append(ps, commitment.EndsOnGTE(f.EndsFrom.UTC()))
	}
	if f.EndsBefore != nil {
		ps = append(ps, commitment.EndsOnLT(f.EndsBefore.UTC()))
	}
	if f.AtRisk {
		ps = append(ps, IsSecured(), commitment.Not(HasAgreedSuccessor()))
	}
	return ps
}
