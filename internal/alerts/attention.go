// Package alerts finds what needs a consultant's or organiser's attention
// — actions overdue or due soon, commitments about to end with no agreed
// successor, reviews due — and emails it as a daily digest through the
// outbox. The same items are queryable in GraphQL ("attention").
package alerts

import (
	"context"
	"sort"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/internal/actions"
	"github.com/convene/convene/internal/commitments"
)

// Kind of attention item.
type Kind string

const (
	ActionOverdue    Kind = "ACTION_OVERDUE"
	ActionDueSoon    Kind = "ACTION_DUE_SOON"
	CommitmentEnding Kind = "COMMITMENT_ENDING"
	ReviewDue        Kind = "REVIEW_DUE"
)

// Horizons of the attention rules.
const (
	ActionDueWithin     = 7 * 24 * time.Hour
	CommitmentEndWithin = 90 * 24 * time.Hour
	ReviewDueWithin     = 7 * 24 * time.Hour
)

// Item is one thing needing attention.
type Item struct {
	Kind        Kind
	Due         time.Time
	Title       string
	ProgrammeID int
	Action      *ent.ActionItem
	Commitment  *ent.Commitment
}

// Attention lists the items in the given programmes (all the viewer can
// see when programmeIDs is empty), most pressing first, in three queries
// whatever the data. Privacy applies through ctx.
func Attention(ctx context.Context, client *ent.Client, programmeIDs []int, now time.Time) ([]Item, error) {
	now = now.UTC()
	aq := client.ActionItem.Query().Where(actionitem.DueDateLT(now.Add(ActionDueWithin)), actionitem.StatusIn(actions.OpenStatuses...))
	eq := client.Commitment.Query().Where(commitments.EndingWithoutSuccessor(startOfDay(now), now.Add(CommitmentEndWithin)))
	rq := client.Commitment.Query().Where(commitments.ReviewDue(now.Add(ReviewDueWithin)))
	if len(programmeIDs) > 0 {
		aq.Where(actionitem.ProgrammeIDIn(programmeIDs...))
		eq.Where(commitment.ProgrammeIDIn(programmeIDs...))
		rq.Where(commitment.ProgrammeIDIn(programmeIDs...))
	}
	acts, err := aq.All(ctx)
	if err != nil {
		return nil, err
	}
	ending, err := eq.All(ctx)
	if err != nil {
		return nil, err
	}
	reviews, err := rq.All(ctx)
	if err != nil {
		return nil, err
	}
	items := make([]Item, 0, len(acts)+len(ending)+len(reviews))
	for _, a := range acts {
		kind := ActionDueSoon
		if actions.Overdue(a, now) {
			kind = ActionOverdue
		}
		items = append(items, Item{Kind: kind, Due: *a.DueDate, Title: a.Title, ProgrammeID: a.ProgrammeID, Action: a})
	}
	for _, c := range ending {
		items = append(items, Item{Kind: CommitmentEnding, Due: *c.EndsOn, Title: c.Title, ProgrammeID: c.ProgrammeID, Commitment: c})
	}
	for _, c := range reviews {
		items = append(items, Item{Kind: ReviewDue, Due: *c.ReviewOn, Title: c.Title, ProgrammeID: c.ProgrammeID, Commitment: c})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].Due.Equal(items[j].Due) {
			return items[i].Due.Before(items[j].Due)
		}
		return items[i].Kind < items[j].Kind
	})
	return items, nil
}

// startOfDay: a commitment whose last day is today still needs attention.
func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Add(-14 * time.Hour) // the earliest midnight anywhere
}
