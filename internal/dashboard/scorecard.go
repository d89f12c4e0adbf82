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

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/internal/actions"
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
	// Attendance of the organisation's members at one-off events that have
	// started: Expected is their accepted invitations, Attended the
	// attendance records (present, late, left early or deputised).
	// Recurring series are not counted yet: an invitation to a series does
	// not say which occurrences the person was expected at.
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

var attendedStatuses = []attendance.Status{attendance.StatusPRESENT, attendance.StatusLATE, attendance.StatusLEFT_EARLY, attendance.StatusDEPUTY}

// Scorecards computes the scorecards of every organisation matching f,
// orders them and returns one page, in 8 queries whatever the data size.
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
	orgs, err := oq.All(ctx)
	if err != nil {
		return nil, err
	}
	cards := make(map[int]*Scorecard, len(orgs))
	for _, o := range orgs {
		cards[o.ID] = &Scorecard{Organisation: o, CommitmentsByStatus: map[commitment.Status]int{}}
	}

	actionScope := []predicate.ActionItem{actionitem.OwnerOrganisationIDNotNil()}
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
	cq := client.Commitment.Query()
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

	if err := attendanceCounts(ctx, client, f, cards, now); err != nil {
		return nil, err
	}

	list := make([]Scorecard, 0, len(cards))
	for _, o := range orgs {
		list = append(list, *cards[o.ID])
	}
	sortScorecards(list, orderField, desc)
	page := &Page{TotalCount: len(list), Offset: offset}
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

// attendanceCounts fills Attended/Expected per organisation from three
// grouped queries: memberships, accepted invitations per person and
// attendance records per person.
func attendanceCounts(ctx context.Context, client *ent.Client, f ScorecardFilter, cards map[int]*Scorecard, now time.Time) error {
	if len(cards) == 0 {
		return nil
	}
	orgIDs := make([]int, 0, len(cards))
	for id := range cards {
		orgIDs = append(orgIDs, id)
	}
	members, err := client.Membership.Query().Where(membership.OrganisationIDIn(orgIDs...)).
		Select(membership.FieldPersonID, membership.FieldOrganisationID).All(ctx)
	if err != nil {
		return err
	}
	if len(members) == 0 {
		return nil
	}
	people := make([]int, 0, len(members))
	for _, m := range members {
		people = append(people, m.PersonID)
	}
	oneOffStarted := []predicate.Event{event.Or(event.RruleIsNil(), event.Rrule("")), event.StartsAtLT(now), event.StatusEQ(event.StatusSCHEDULED)}
	if f.ProgrammeID != nil {
		oneOffStarted = append(oneOffStarted, event.ProgrammeID(*f.ProgrammeID))
	}
	type perPerson struct {
		PersonID int `json:"person_id"`
		Count    int `json:"count"`
	}
	var expected, attended []perPerson
	err = client.Invitation.Query().
		Where(invitation.PersonIDIn(people...), invitation.ResponseEQ(invitation.ResponseACCEPTED),
			invitation.WithdrawnAtIsNil(), invitation.HasEventWith(oneOffStarted...)).
		GroupBy(invitation.FieldPersonID).Aggregate(ent.Count()).Scan(ctx, &expected)
	if err != nil {
		return err
	}
	err = client.Attendance.Query().
		Where(attendance.PersonIDIn(people...), attendance.StatusIn(attendedStatuses...), attendance.HasEventWith(oneOffStarted...)).
		GroupBy(attendance.FieldPersonID).Aggregate(ent.Count()).Scan(ctx, &attended)
	if err != nil {
		return err
	}
	exp, att := map[int]int{}, map[int]int{}
	for _, r := range expected {
		exp[r.PersonID] = r.Count
	}
	for _, r := range attended {
		att[r.PersonID] = r.Count
	}
	for _, m := range members {
		c := cards[m.OrganisationID]
		c.Expected += exp[m.PersonID]
		c.Attended += att[m.PersonID]
	}
	return nil
}

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
		if field != OrderName && field != "" {
			if ka, kb := key(a), key(b); ka != kb {
				if desc {
					return ka > kb
				}
				return ka < kb
			}
		} else if na, nb := strings.ToLower(a.Organisation.Name), strings.ToLower(b.Organisation.Name); na != nb {
			if desc {
				return na > nb
			}
			return na < nb
		}
		return a.Organisation.ID < b.Organisation.ID
	})
}
