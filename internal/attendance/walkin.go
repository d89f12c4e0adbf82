package attendance

import (
	"context"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apperr"
)

// WalkIn describes someone who came without an invitation, or a deputy
// who came in an invitee's place. Either PersonID names someone already in
// the directory, or Name (and optionally Email, StakeholderGroup,
// OrganisationID) describes a new person; an Email that matches someone
// already known reuses them instead of creating a duplicate.
type WalkIn struct {
	PersonID         *int
	Name             string
	Email            string
	StakeholderGroup string
	OrganisationID   *int
	JobTitle         string
	// Status of the walk-in themselves (PRESENT by default, or LATE).
	Status string
	// DeputyFor, when set, is the invitee this person came instead of: the
	// invitee is marked DEPUTY with this person as deputy, and the walk-in
	// gets a record of their own too.
	DeputyFor *int
}

// WalkInResult is what RecordWalkIn wrote.
type WalkInResult struct {
	Person     *ent.Person
	Created    bool
	Attendance *ent.Attendance
	// Represented is the invitee's DEPUTY record, when DeputyFor was set.
	Represented *ent.Attendance
}

// RecordWalkIn finds or creates the person and checks them in, in one
// transaction.
func (s *Service) RecordWalkIn(ctx context.Context, eventID int, start time.Time, w WalkIn) (*WalkInResult, error) {
	w.Status = strings.ToUpper(strings.TrimSpace(w.Status))
	if w.Status == "" {
		w.Status = Present
	}
	if w.Status != Present && w.Status != Late {
		return nil, apperr.Invalid("status", "a walk-in is PRESENT or LATE")
	}
	res := &WalkInResult{}
	err := s.inTx(ctx, func(ctx context.Context, c *ent.Client) error {
		occ, err := s.LoadOccurrence(ctx, c, eventID, start, true)
		if err != nil {
			return err
		}
		if occ.Cancelled {
			return apperr.Conflictf("this occurrence is cancelled")
		}
		p, created, err := findOrCreatePerson(ctx, c, w)
		if err != nil {
			return err
		}
		res.Person, res.Created = p, created
		marks := []Mark{{PersonID: p.ID, Status: w.Status}}
		if w.DeputyFor != nil {
			if *w.DeputyFor == p.ID {
				return apperr.Invalid("deputyFor", "a person cannot deputise for themselves")
			}
			marks = append(marks, Mark{PersonID: *w.DeputyFor, Status: Deputy, DeputyID: &p.ID})
		}
		rows, err := s.write(ctx, c, occ, marks, "DOOR")
		if err != nil {
			return err
		}
		res.Attendance = rows[0]
		if len(rows) > 1 {
			res.Represented = rows[1]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

func findOrCreatePerson(ctx context.Context, c *ent.Client, w WalkIn) (*ent.Person, bool, error) {
	if w.PersonID != nil {
		p, err := c.Person.Get(ctx, *w.PersonID)
		if ent.IsNotFound(err) {
			return nil, false, apperr.NotFoundf("person not found")
		}
		return p, false, err
	}
	name := strings.TrimSpace(w.Name)
	if name == "" {
		return nil, false, apperr.Invalid("name", "give the walk-in's name (or choose an existing person)")
	}
	email := strings.ToLower(strings.TrimSpace(w.Email))
	if email != "" {
		p, err := c.Person.Query().Where(person.Email(email)).Only(ctx)
		if err == nil {
			return p, false, nil
		}
		if !ent.IsNotFound(err) {
			return nil, false, err
		}
	}
	create := c.Person.Create().SetName(name)
	if email != "" {
		create.SetEmail(email)
	}
	if w.StakeholderGroup != "" {
		g := person.StakeholderGroup(strings.ToUpper(w.StakeholderGroup))
		if err := person.StakeholderGroupValidator(g); err != nil {
			return nil, false, apperr.Invalid("stakeholderGroup", "unknown stakeholder group %q", w.StakeholderGroup)
		}
		create.SetStakeholderGroup(g)
	}
	p, err := create.Save(ctx)
	if err != nil {
		return nil, false, err
	}
	if w.OrganisationID != nil {
		m := c.Membership.Create().SetPersonID(p.ID).SetOrganisationID(*w.OrganisationID)
		if w.JobTitle != "" {
			m.SetJobTitle(w.JobTitle)
		}
		if err := m.Exec(ctx); err != nil {
			return nil, false, err
		}
	}
	return p, true, nil
}
