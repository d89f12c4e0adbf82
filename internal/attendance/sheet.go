package attendance

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
)

// Row is one person on an occurrence's attendance sheet.
type Row struct {
	Person        *ent.Person
	Organisations []string
	// Invitation is nil for walk-ins.
	Invitation *ent.Invitation
	Attendance *ent.Attendance
	// Status is the stored status, ABSENT (derived: accepted, no record,
	// the occurrence has ended) or "" (no record yet).
	Status string
	// Derived marks a status worked out rather than recorded.
	Derived bool
	Deputy  *ent.Person
}

// Sheet is an occurrence's attendance sheet.
type Sheet struct {
	Occurrence *Occurrence
	Rows       []Row
	Code       string
}

// LoadSheet builds the sheet: every live invitee of the occurrence plus
// everyone with a record (walk-ins), in name order. Four queries for the
// records plus two for the occurrence, however many people. Organisers and
// consultants only.
func (s *Service) LoadSheet(ctx context.Context, eventID int, start time.Time) (*Sheet, error) {
	c := s.client(ctx)
	occ, err := s.LoadOccurrence(ctx, c, eventID, start, false)
	if err != nil {
		return nil, err
	}
	if err := RequireReader(ctx, occ.Event.ProgrammeID); err != nil {
		return nil, err
	}
	invs, err := c.Invitation.Query().
		Where(invitation.EventID(eventID), invitation.WithdrawnAtIsNil(), invitation.ScopeKeyIn("", occ.Key())).
		WithPerson(func(q *ent.PersonQuery) {
			q.WithMemberships(func(q *ent.MembershipQuery) { q.WithOrganisation().Order(ent.Asc(membership.FieldID)) })
		}).
		All(ctx)
	if err != nil {
		return nil, err
	}
	recs, err := c.Attendance.Query().
		Where(entattendance.EventID(eventID), entattendance.OccurrenceStart(occ.Start)).
		WithPerson(func(q *ent.PersonQuery) {
			q.WithMemberships(func(q *ent.MembershipQuery) { q.WithOrganisation().Order(ent.Asc(membership.FieldID)) })
		}).
		WithDeputy().
		All(ctx)
	if err != nil {
		return nil, err
	}
	ended := occ.Ended(s.now())
	rows := map[int]*Row{}
	var order []int
	add := func(p *ent.Person) *Row {
		if r := rows[p.ID]; r != nil {
			return r
		}
		r := &Row{Person: p, Organisations: organisationNames(p)}
		rows[p.ID] = r
		order = append(order, p.ID)
		return r
	}
	for _, inv := range invs {
		if inv.Edges.Person == nil {
			continue
		}
		r := add(inv.Edges.Person)
		// An occurrence-specific invitation says more than the series one.
		if r.Invitation == nil || inv.OccurrenceStart != nil {
			r.Invitation = inv
		}
	}
	for _, a := range recs {
		if a.Edges.Person == nil {
			continue
		}
		r := add(a.Edges.Person)
		r.Attendance = a
		r.Status = string(a.Status)
		r.Deputy = a.Edges.Deputy
	}
	out := make([]Row, 0, len(order))
	for _, id := range order {
		r := rows[id]
		if r.Attendance == nil && ended && r.Invitation != nil && r.Invitation.Response == invitation.ResponseACCEPTED {
			r.Status, r.Derived = Absent, true
		}
		out = append(out, *r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Person.Name), strings.ToLower(out[j].Person.Name)
		if a != b {
			return a < b
		}
		return out[i].Person.ID < out[j].Person.ID
	})
	return &Sheet{Occurrence: occ, Rows: out, Code: s.Code(occ.Event.ID, occ.Start)}, nil
}

func organisationNames(p *ent.Person) []string {
	var out []string
	for _, m := range p.Edges.Memberships {
		if m.Edges.Organisation != nil {
			out = append(out, m.Edges.Organisation.Name)
		}
	}
	return out
}

// NoShows returns the derived no-shows of a sheet.
func (sh *Sheet) NoShows() []Row {
	var out []Row
	for _, r := range sh.Rows {
		if r.Status == Absent {
			out = append(out, r)
		}
	}
	return out
}
