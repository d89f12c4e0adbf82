// Package actions records what was agreed at forums: minutes per occurrence
// (every save a new revision), the actions taken from them, their progress
// history and the "matters arising" that carry open actions to the next
// meeting of a series. Overdue is derived from the due date and status —
// in Go for one action, in SQL for filters — and never stored.
//
// All reads and writes go through the caller's ent client and context: in
// GraphQL mutations that is the request's transaction, and the ent privacy
// policies decide what the viewer may see and change.
package actions

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/internal/actions/history"
	"github.com/convene/convene/internal/apperr"
)

// OpenStatuses are the statuses of an action still owed.
var OpenStatuses = []actionitem.Status{actionitem.StatusOPEN, actionitem.StatusIN_PROGRESS}

// IsOpen reports whether an action in status s is still owed.
func IsOpen(s actionitem.Status) bool {
	return s == actionitem.StatusOPEN || s == actionitem.StatusIN_PROGRESS
}

// Overdue reports whether a is overdue at now: it has a due date that has
// passed and it is neither done nor dropped. The due date is an instant
// (the end of the agreed day as the client stored it): due at 17:00 is not
// overdue at 16:59.
func Overdue(a *ent.ActionItem, now time.Time) bool {
	return a.DueDate != nil && a.DueDate.Before(now) && IsOpen(a.Status)
}

// OverdueAt is Overdue in SQL.
func OverdueAt(now time.Time) predicate.ActionItem {
	return actionitem.And(actionitem.DueDateLT(now), actionitem.StatusIn(OpenStatuses...))
}

// NotOverdueAt is the complement of OverdueAt (no due date, not yet due,
// or finished).
func NotOverdueAt(now time.Time) predicate.ActionItem { return actionitem.Not(OverdueAt(now)) }

// DueBetween selects open actions due in [from, to).
func DueBetween(from, to time.Time) predicate.ActionItem {
	return actionitem.And(actionitem.DueDateGTE(from), actionitem.DueDateLT(to), actionitem.StatusIn(OpenStatuses...))
}

// BoardFilter narrows an action board. Zero values mean "any".
type BoardFilter struct {
	ProgrammeID         *int
	Sector              *organisation.Sector // of the owning organisation
	OwnerPersonID       *int
	OwnerOrganisationID *int
	Statuses            []actionitem.Status
	DueFrom, DueBefore  *time.Time
	Overdue             *bool
}

// Predicates turns the filter into SQL predicates evaluated at now.
func (f BoardFilter) Predicates(now time.Time) []predicate.ActionItem {
	var ps []predicate.ActionItem
	if f.ProgrammeID != nil {
		ps = append(ps, actionitem.ProgrammeID(*f.ProgrammeID))
	}
	if f.Sector != nil {
		ps = append(ps, actionitem.HasOwnerOrganisationWith(organisation.SectorEQ(*f.Sector)))
	}
	if f.OwnerPersonID != nil {
		ps = append(ps, actionitem.OwnerPersonID(*f.OwnerPersonID))
	}
	if f.OwnerOrganisationID != nil {
		ps = append(ps, actionitem.OwnerOrganisationID(*f.OwnerOrganisationID))
	}
	if len(f.Statuses) > 0 {
		ps = append(ps, actionitem.StatusIn(f.Statuses...))
	}
	if f.DueFrom != nil {
		ps = append(ps, actionitem.DueDateGTE(*f.DueFrom))
	}
	if f.DueBefore != nil {
		ps = append(ps, actionitem.DueDateLT(*f.DueBefore))
	}
	if f.Overdue != nil {
		if *f.Overdue {
			ps = append(ps, OverdueAt(now))
		} else {
			ps = append(ps, NotOverdueAt(now))
		}
	}
	return ps
}

// Progress is a progress report on one action.
type Progress struct {
	Status   *actionitem.Status
	Progress *int
	Note     string
}

// ReportProgress changes an action's status and/or progress. The history
// row (who, when, note, old → new) is written by the ActionItem hook in the
// same transaction as the change, so it is there however the action is
// updated. Owners may report on their own actions; organisers and
// consultants on any in their programmes (privacy policy).
func ReportProgress(ctx context.Context, client *ent.Client, id int, p Progress) (*ent.ActionItem, error) {
	if p.Status == nil && p.Progress == nil && p.Note == "" {
		return nil, apperr.Invalid("input", "give a new status, a progress percentage or a note")
	}
	if p.Progress != nil && (*p.Progress < 0 || *p.Progress > 100) {
		return nil, apperr.Invalid("progress", "progress is a percentage from 0 to 100 (got %d)", *p.Progress)
	}
	upd := client.ActionItem.UpdateOneID(id)
	if p.Status != nil {
		upd.SetStatus(*p.Status)
	}
	if p.Progress != nil {
		upd.SetProgress(*p.Progress)
	}
	return upd.Save(history.WithNote(ctx, p.Note))
}
