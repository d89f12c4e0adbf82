package attendance

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
)

// Counts is the live picture of an occurrence: replies and check-ins.
type Counts struct {
	EventID         int
	OccurrenceStart time.Time
	// Replies by response (PENDING, ACCEPTED, ...), live invitations only.
	Replies map[string]int
	// Records by stored status (PRESENT, LATE, ...).
	Statuses map[string]int
	// CheckedIn is how many people were in the room (attended statuses).
	CheckedIn int
	// NoShows are accepted invitees with no record, once it has ended.
	NoShows int
	// Latest check-ins, newest first.
	Latest []*ent.Attendance
}

// LatestCheckIns is how many recent check-ins Counts carries.
const LatestCheckIns = 5

// LoadCounts computes the counts in three queries (plus two for
// the occurrence), whatever the number of people. They are read through
// the caller's privacy context: organisers see everyone; others see what
// the privacy rules let them.
func (s *Service) LoadCounts(ctx context.Context, eventID int, start time.Time) (*Counts, error) {
	c := s.client(ctx)
	occ, err := s.LoadOccurrence(ctx, c, eventID, start, false)
	if err != nil {
		return nil, err
	}
	out := &Counts{EventID: eventID, OccurrenceStart: occ.Start, Replies: map[string]int{}, Statuses: map[string]int{}}
	var replies []struct {
		Response string `json:"response"`
		PersonID int    `json:"person_id"`
	}
	// Per person, the occurrence-specific invitation wins over the series
	// one; fetching (response, person) pairs keeps this one query.
	if err := c.Invitation.Query().
		Where(invitation.EventID(eventID), invitation.WithdrawnAtIsNil(), invitation.ScopeKeyIn("", occ.Key())).
		Order(ent.Desc(invitation.FieldScopeKey)).
		Select(invitation.FieldResponse, invitation.FieldPersonID).Scan(ctx, &replies); err != nil {
		return nil, err
	}
	accepted := map[int]bool{}
	seen := map[int]bool{}
	for _, r := range replies {
		if seen[r.PersonID] {
			continue
		}
		seen[r.PersonID] = true
		out.Replies[r.Response]++
		if r.Response == string(invitation.ResponseACCEPTED) {
			accepted[r.PersonID] = true
		}
	}
	var recs []struct {
		Status   string `json:"status"`
		PersonID int    `json:"person_id"`
		DeputyID *int   `json:"deputy_id"`
	}
	if err := c.Attendance.Query().
		Where(entattendance.EventID(eventID), entattendance.OccurrenceStart(occ.Start)).
		Select(entattendance.FieldStatus, entattendance.FieldPersonID, entattendance.FieldDeputyID).Scan(ctx, &recs); err != nil {
		return nil, err
	}
	// CheckedIn counts people in the room. An invitee's DEPUTY record
	// stands for the deputy, who may also have a record of their own (a
	// deputy recorded as a walk-in): count each person once.
	inRoom := map[int]bool{}
	for _, r := range recs {
		out.Statuses[r.Status]++
		switch {
		case r.Status == Deputy && r.DeputyID != nil:
			inRoom[*r.DeputyID] = true
		case Attended(r.Status):
			inRoom[r.PersonID] = true
		}
		delete(accepted, r.PersonID)
	}
	out.CheckedIn = len(inRoom)
	if occ.Ended(s.now()) {
		out.NoShows = len(accepted)
	}
	out.Latest, err = c.Attendance.Query().
		Where(entattendance.EventID(eventID), entattendance.OccurrenceStart(occ.Start), entattendance.CheckedInAtNotNil()).
		Order(ent.Desc(entattendance.FieldCheckedInAt), ent.Desc(entattendance.FieldID)).
		Limit(LatestCheckIns).WithPerson().WithDeputy().All(ctx)
	if err != nil {
		return nil, err
	}
	return out, nil
}
