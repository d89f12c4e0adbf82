package attendance

import (
	"context"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// Mark is one attendance record to write.
type Mark struct {
	PersonID int
	// Status defaults to PRESENT. ABSENT cannot be written: it is derived.
	Status string
	// DeputyID, with status DEPUTY, is who came in the person's place.
	DeputyID *int
}

// CheckIn records one person's attendance at an occurrence. It is
// idempotent: the same mark twice leaves one unchanged row; a different
// status (say LEFT_EARLY after PRESENT) updates the row in place.
func (s *Service) CheckIn(ctx context.Context, eventID int, start time.Time, m Mark) (*ent.Attendance, error) {
	rows, err := s.CheckInMany(ctx, eventID, start, []Mark{m})
	if err != nil {
		return nil, err
	}
	return rows[0], nil
}

// CheckInMany records several marks in one transaction (all or none), in
// the order given. Duplicated people are refused rather than guessed at.
func (s *Service) CheckInMany(ctx context.Context, eventID int, start time.Time, marks []Mark) ([]*ent.Attendance, error) {
	if len(marks) == 0 {
		return nil, apperr.Invalid("personIds", "give at least one person")
	}
	if len(marks) > 500 {
		return nil, apperr.Invalid("personIds", "at most 500 people at a time")
	}
	seen := map[int]bool{}
	for i := range marks {
		if err := normaliseMark(&marks[i]); err != nil {
			return nil, err
		}
		if seen[marks[i].PersonID] {
			return nil, apperr.Invalid("personIds", "person %d is listed twice", marks[i].PersonID)
		}
		seen[marks[i].PersonID] = true
	}
	var out []*ent.Attendance
	err := s.inTx(ctx, func(ctx context.Context, c *ent.Client) error {
		occ, err := s.LoadOccurrence(ctx, c, eventID, start, true)
		if err != nil {
			return err
		}
		if occ.Cancelled {
			return apperr.Conflictf("this occurrence is cancelled")
		}
		out, err = s.write(ctx, c, occ, marks, entattendance.MethodDOOR)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func normaliseMark(m *Mark) error {
	m.Status = strings.ToUpper(strings.TrimSpace(m.Status))
	if m.Status == "" {
		m.Status = Present
	}
	switch m.Status {
	case Present, Late, LeftEarly, Apologies:
		if m.DeputyID != nil {
			return apperr.Invalid("deputyId", "a deputy is only recorded with status DEPUTY")
		}
	case Deputy:
		if m.DeputyID == nil {
			return apperr.Invalid("deputyId", "say who came as deputy")
		}
		if *m.DeputyID == m.PersonID {
			return apperr.Invalid("deputyId", "a person cannot deputise for themselves")
		}
	case Absent:
		return apperr.Invalid("status", "ABSENT is worked out after the event for accepted invitees with no record; it cannot be recorded")
	default:
		return apperr.Invalid("status", "unknown status %q", m.Status)
	}
	return nil
}

// write upserts the marks for occ with the caller's privacy context: the
// attendance policy lets organisers write any row and an invitee create
// their own SELF row.
func (s *Service) write(ctx context.Context, c *ent.Client, occ *Occurrence, marks []Mark, method entattendance.Method) ([]*ent.Attendance, error) {
	ids := make([]int, 0, len(marks)*2)
	for _, m := range marks {
		ids = append(ids, m.PersonID)
		if m.DeputyID != nil {
			ids = append(ids, *m.DeputyID)
		}
	}
	// One query each for the people, their invitations and existing rows,
	// however many marks.
	known, err := c.Person.Query().Where(person.IDIn(ids...)).IDs(ctx)
	if err != nil {
		return nil, err
	}
	if missing := missingIDs(ids, known); len(missing) > 0 {
		return nil, apperr.NotFoundf("person %d not found", missing[0])
	}
	invited, err := s.invitedAmong(ctx, c, occ, ids)
	if err != nil {
		return nil, err
	}
	existing, err := c.Attendance.Query().Where(
		entattendance.EventID(occ.Event.ID), entattendance.OccurrenceStart(occ.Start), entattendance.PersonIDIn(ids...),
	).All(ctx)
	if err != nil {
		return nil, err
	}
	byPerson := map[int]*ent.Attendance{}
	for _, a := range existing {
		byPerson[a.PersonID] = a
	}
	now := s.now()
	var by *int
	if v := viewer.FromContext(ctx); v != nil && v.PersonID != 0 {
		by = &v.PersonID
	}
	// At the door the time of marking is the time of arrival. A mark made
	// after the occurrence has ended is a correction of the record: it
	// says that someone came, not when, so no check-in time is invented.
	arrived := &now
	if occ.Ended(now) {
		arrived = nil
	}
	out := make([]*ent.Attendance, 0, len(marks))
	for _, m := range marks {
		status := entattendance.Status(m.Status)
		if a := byPerson[m.PersonID]; a != nil {
			if a.Status == status && equalIntPtr(a.DeputyID, m.DeputyID) {
				out = append(out, a) // already recorded: nothing to do
				continue
			}
			u := c.Attendance.UpdateOne(a).SetStatus(status)
			if m.DeputyID != nil {
				u.SetDeputyID(*m.DeputyID)
			} else {
				u.ClearDeputyID()
			}
			if Attended(m.Status) && a.CheckedInAt == nil {
				u.SetNillableCheckedInAt(arrived).SetNillableCheckedInByID(by)
			}
			if !Attended(m.Status) {
				u.ClearCheckedInAt().ClearCheckedInByID()
			}
			a, err := u.Save(ctx)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
			continue
		}
		cr := c.Attendance.Create().
			SetEventID(occ.Event.ID).SetPersonID(m.PersonID).SetOccurrenceStart(occ.Start).
			SetStatus(status).SetMethod(method).SetWalkIn(!invited[m.PersonID]).
			SetNillableDeputyID(m.DeputyID)
		if Attended(m.Status) {
			cr.SetNillableCheckedInAt(arrived).SetNillableCheckedInByID(by)
		}
		a, err := cr.Save(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// invitedAmong says which of ids hold a live invitation to occ.
func (s *Service) invitedAmong(ctx context.Context, c *ent.Client, occ *Occurrence, ids []int) (map[int]bool, error) {
	var rows []struct {
		PersonID int `json:"person_id"`
	}
	err := c.Invitation.Query().Where(
		invitation.EventID(occ.Event.ID), invitation.PersonIDIn(ids...), invitation.WithdrawnAtIsNil(),
		invitation.ScopeKeyIn("", occ.Key()),
	).Select(invitation.FieldPersonID).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	out := map[int]bool{}
	for _, r := range rows {
		out[r.PersonID] = true
	}
	return out, nil
}

func missingIDs(want, have []int) []int {
	set := map[int]bool{}
	for _, id := range have {
		set[id] = true
	}
	var out []int
	for _, id := range want {
		if !set[id] {
			out = append(out, id)
		}
	}
	return out
}

func equalIntPtr(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
