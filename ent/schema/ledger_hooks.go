package schema

import (
	"context"
	"time"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/actionupdate"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/hook"
	"github.com/convene/convene/internal/actions/history"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/commitments/lifecycle"
	"github.com/convene/convene/internal/viewer"
)

// Rules for actions and commitments that must hold however a row is
// changed: through the services in internal/actions and
// internal/commitments, or the generic updateAction/updateCommitment
// mutations.

// commitmentRulesHook enforces the status lifecycle on updates (creates may
// record a commitment in any status, e.g. importing a delivered grant) and
// the consistency of amounts and dates.
func commitmentRulesHook(next gen.Mutator) gen.Mutator {
	return hook.CommitmentFunc(func(ctx context.Context, m *gen.CommitmentMutation) (gen.Value, error) {
		// Stored in UTC so that range filters compare instants on SQLite too.
		if t, ok := m.StartsOn(); ok {
			m.SetStartsOn(t.UTC())
		}
		if t, ok := m.EndsOn(); ok {
			m.SetEndsOn(t.UTC())
		}
		if t, ok := m.ReviewOn(); ok {
			m.SetReviewOn(t.UTC())
		}
		if to, ok := m.Status(); ok && !m.Op().Is(gen.OpCreate) {
			froms, err := commitmentOldStatuses(ctx, m)
			if err != nil {
				return nil, err
			}
			for _, from := range froms {
				if err := lifecycle.Check(string(from), string(to)); err != nil {
					return nil, apperr.Invalid("status", "%s", err.Error())
				}
			}
		}
		if m.Op().Is(gen.OpCreate) || m.Op().Is(gen.OpUpdateOne) {
			if err := checkCommitmentValues(ctx, m); err != nil {
				return nil, err
			}
		}
		return next.Mutate(ctx, m)
	})
}

func commitmentOldStatuses(ctx context.Context, m *gen.CommitmentMutation) ([]string, error) {
	if m.Op().Is(gen.OpUpdateOne) {
		old, err := m.OldStatus(ctx)
		if err != nil {
			return nil, err
		}
		return []string{string(old)}, nil
	}
	ids, err := m.IDs(ctx)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return m.Client().Commitment.Query().Where(commitment.IDIn(ids...)).Unique(true).
		Select(commitment.FieldStatus).Strings(viewer.SystemContext(ctx))
}

// checkCommitmentValues validates the row as it will be after the change.
func checkCommitmentValues(ctx context.Context, m *gen.CommitmentMutation) error {
	update := m.Op().Is(gen.OpUpdateOne)
	amount, hasAmount := m.Amount()
	if !hasAmount && update && !m.AmountCleared() {
		if old, err := m.OldAmount(ctx); err == nil && old != nil {
			amount, hasAmount = *old, true
		}
	}
	if m.AmountCleared() {
		hasAmount = false
	}
	currency, _ := m.Currency()
	if currency == "" && update && !m.CurrencyCleared() {
		currency, _ = m.OldCurrency(ctx)
	}
	if hasAmount {
		if amount.IsNegative() {
			return apperr.Invalid("amount", "the amount must not be negative (got %s)", amount.String())
		}
		if currency == "" {
			return apperr.Invalid("currency", "an amount needs an ISO 4217 currency such as GBP")
		}
		if !amount.Equal(amount.Truncate(4)) {
			return apperr.Invalid("amount", "amounts are stored to 4 decimal places at most (got %s)", amount.String())
		}
	}
	if hours, ok := m.Hours(); ok && hours.IsNegative() {
		return apperr.Invalid("hours", "hours must not be negative (got %s)", hours.String())
	}
	starts, hasStarts := m.StartsOn()
	if !hasStarts && update {
		if old, err := m.OldStartsOn(ctx); err == nil {
			starts, hasStarts = old, true
		}
	}
	var ends *time.Time
	if v, ok := m.EndsOn(); ok {
		ends = &v
	} else if update && !m.EndsOnCleared() {
		ends, _ = m.OldEndsOn(ctx)
	}
	if hasStarts && ends != nil && ends.Before(starts) {
		return apperr.Invalid("endsOn", "the commitment must end on or after its start (starts %s, ends %s)",
			starts.Format(time.DateOnly), ends.Format(time.DateOnly))
	}
	if pred, ok := m.PredecessorID(); ok {
		if id, isUpdate := m.ID(); isUpdate && id == pred {
			return apperr.Invalid("predecessorID", "a commitment cannot renew itself")
		}
	}
	return nil
}

// actionProgressHook keeps an action's history: every change of status or
// progress writes an ActionUpdate (who, when, old → new, the note from
// history.WithNote) through the mutation's own client, so in its
// transaction. It also stamps completed_at when an action is done.
func actionProgressHook(next gen.Mutator) gen.Mutator {
	return hook.ActionItemFunc(func(ctx context.Context, m *gen.ActionItemMutation) (gen.Value, error) {
		if t, ok := m.DueDate(); ok {
			m.SetDueDate(t.UTC())
		}
		if t, ok := m.OccurrenceStart(); ok {
			m.SetOccurrenceStart(t.UTC())
		}
		status, statusSet := m.Status()
		progress, progressSet := m.Progress()
		if statusSet && status == actionitem.StatusDONE {
			if !progressSet {
				m.SetProgress(100)
				progress, progressSet = 100, true
			}
			m.SetCompletedAt(time.Now().UTC())
		} else if statusSet {
			m.ClearCompletedAt()
		}
		// A note on its own (no status or progress) is still a report for the history.
		if !m.Op().Is(gen.OpUpdateOne) || (!statusSet && !progressSet && history.Note(ctx) == "") {
			return next.Mutate(ctx, m)
		}
		oldStatus, err := m.OldStatus(ctx)
		if err != nil {
			return nil, err
		}
		oldProgress, err := m.OldProgress(ctx)
		if err != nil {
			return nil, err
		}
		if statusSet && status == oldStatus {
			statusSet = false
		}
		if progressSet && progress == oldProgress {
			progressSet = false
		}
		if !statusSet && !progressSet && history.Note(ctx) == "" {
			return next.Mutate(ctx, m)
		}
		v, err := next.Mutate(ctx, m)
		if err != nil {
			return nil, err
		}
		id, _ := m.ID()
		entry := m.Client().ActionUpdate.Create().SetActionID(id).SetNote(history.Note(ctx))
		if statusSet {
			entry.SetOldStatus(actionupdate.OldStatus(oldStatus)).SetNewStatus(actionupdate.NewStatus(status))
		}
		if progressSet {
			entry.SetOldProgress(oldProgress).SetNewProgress(progress)
		}
		if vw := viewer.FromContext(ctx); vw != nil && vw.PersonID != 0 {
			entry.SetAuthorID(vw.PersonID)
		}
		if err := entry.Exec(ctx); err != nil {
			return nil, err
		}
		return v, nil
	})
}
