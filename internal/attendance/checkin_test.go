package attendance_test

import (
	"testing"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/person"
)

func TestCheckInIsIdempotent(t *testing.T) {
	d := newDoor(t)
	start := now().Add(-10 * time.Minute)
	ev := d.event(t, start, 2*time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponsePENDING})

	var first, second struct{ CheckIn attendanceOut }
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID), &first)
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID), &second)
	if first.CheckIn.ID != second.CheckIn.ID || second.CheckIn.Status != "PRESENT" || first.CheckIn.Method != "DOOR" || first.CheckIn.WalkIn {
		t.Fatalf("second check-in should return the same PRESENT row: %+v then %+v", first.CheckIn, second.CheckIn)
	}
	if first.CheckIn.CheckedInAt == nil || *first.CheckIn.CheckedInAt != *second.CheckIn.CheckedInAt {
		t.Fatalf("check-in time must be kept: %v vs %v", first.CheckIn.CheckedInAt, second.CheckIn.CheckedInAt)
	}
	n := d.api.Client().Attendance.Query().Where(entattendance.EventID(ev.ID)).CountX(d.api.Ctx())
	if n != 1 {
		t.Fatalf("want 1 attendance row, got %d", n)
	}

	// Changing the status updates the same row.
	var left struct{ CheckIn attendanceOut }
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID, "st", "LEFT_EARLY"), &left)
	if left.CheckIn.ID != first.CheckIn.ID || left.CheckIn.Status != "LEFT_EARLY" {
		t.Fatalf("status change should update in place: %+v", left.CheckIn)
	}

	// Bulk: all or none, idempotent too.
	bulk := `mutation($e: ID!, $s: Time!, $ps: [ID!]!) { checkInMany(input: {eventId: $e, occurrenceStart: $s, personIds: $ps}) { id person { id } status walkIn } }`
	var many struct{ CheckInMany []attendanceOut }
	d.organiser.MustDo(bulk, vars("e", ev.ID, "s", at(start), "ps", []int{d.cora.ID, d.nonInv.ID}), &many)
	if len(many.CheckInMany) != 2 || many.CheckInMany[0].WalkIn || !many.CheckInMany[1].WalkIn {
		t.Fatalf("bulk check-in: want cora (invited) and a walk-in, got %+v", many.CheckInMany)
	}
	d.organiser.MustDo(bulk, vars("e", ev.ID, "s", at(start), "ps", []int{d.cora.ID, d.nonInv.ID}), &many)
	if n := d.api.Client().Attendance.Query().Where(entattendance.EventID(ev.ID)).CountX(d.api.Ctx()); n != 3 {
		t.Fatalf("want 3 rows after repeating the bulk check-in, got %d", n)
	}
	d.organiser.ErrorCode(bulk, vars("e", ev.ID, "s", at(start), "ps", []int{d.dev.ID, d.dev.ID}), "BAD_USER_INPUT")
	// A bad id anywhere rolls back the whole batch.
	d.organiser.ErrorCode(bulk, vars("e", ev.ID, "s", at(start), "ps", []int{d.eve.ID, 999999}), "NOT_FOUND")
	if n := d.api.Client().Attendance.Query().Where(entattendance.PersonID(d.eve.ID)).CountX(d.api.Ctx()); n != 0 {
		t.Fatalf("failed batch left %d rows behind", n)
	}

	// Not an occurrence of the event; ABSENT cannot be recorded.
	d.organiser.ErrorCode(checkInMutation, vars("e", ev.ID, "s", at(start.Add(time.Hour)), "p", d.ash.ID), "BAD_USER_INPUT")
	d.organiser.ErrorCode(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID, "st", "ABSENT"), "BAD_USER_INPUT")
}

func TestApologiesDeputiesAndWalkIns(t *testing.T) {
	d := newDoor(t)
	start := now().Add(-5 * time.Minute)
	ev := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.dev: invitation.ResponseACCEPTED})

	var ap struct{ CheckIn attendanceOut }
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID, "st", "APOLOGIES"), &ap)
	if ap.CheckIn.Status != "APOLOGIES" || ap.CheckIn.CheckedInAt != nil {
		t.Fatalf("apologies: %+v", ap.CheckIn)
	}
	d.organiser.ErrorCode(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.dev.ID, "st", "DEPUTY"), "BAD_USER_INPUT")
	d.organiser.ErrorCode(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.dev.ID, "st", "DEPUTY", "d", d.dev.ID), "BAD_USER_INPUT")
	d.organiser.ErrorCode(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.dev.ID, "st", "PRESENT", "d", d.cora.ID), "BAD_USER_INPUT")

	// A deputy nobody knew: created, checked in, and recorded on Dev's row.
	walkIn := `mutation($in: WalkInInput!) { recordWalkIn(input: $in) {
	  created person { id name stakeholderGroup } attendance { id status walkIn }
	  represented { id status deputy { id } person { id } } } }`
	var res struct {
		RecordWalkIn struct {
			Created bool
			Person  struct {
				ID               gid
				Name             string
				StakeholderGroup string
			}
			Attendance  attendanceOut
			Represented *struct {
				ID     gid
				Status string
				Deputy struct{ ID gid }
				Person struct{ ID gid }
			}
		}
	}
	d.organiser.MustDo(walkIn, vars("in", map[string]any{
		"eventId": ev.ID, "occurrenceStart": at(start), "name": "Dee Deputy", "email": "Dee@Example.org",
		"stakeholderGroup": "SENIOR_MANAGER", "deputyFor": d.dev.ID,
	}), &res)
	w := res.RecordWalkIn
	if !w.Created || w.Person.Name != "Dee Deputy" || w.Person.StakeholderGroup != "SENIOR_MANAGER" ||
		w.Attendance.Status != "PRESENT" || !w.Attendance.WalkIn || w.Represented == nil ||
		w.Represented.Status != "DEPUTY" || w.Represented.Deputy.ID != w.Person.ID || int(w.Represented.Person.ID) != d.dev.ID {
		t.Fatalf("deputy walk-in: %+v", w)
	}
	// The same email again reuses the person rather than duplicating.
	d.organiser.MustDo(walkIn, vars("in", map[string]any{
		"eventId": ev.ID, "occurrenceStart": at(start), "name": "Dee D.", "email": "dee@example.org",
	}), &res)
	if res.RecordWalkIn.Created || res.RecordWalkIn.Person.ID != w.Person.ID {
		t.Fatalf("walk-in with a known email should reuse the person: %+v", res.RecordWalkIn)
	}
	if n := d.api.Client().Person.Query().Where(person.EmailEQ("dee@example.org")).CountX(d.api.Ctx()); n != 1 {
		t.Fatalf("want one Dee, got %d", n)
	}
	// An existing person who was not invited is a walk-in.
	d.organiser.MustDo(walkIn, vars("in", map[string]any{"eventId": ev.ID, "occurrenceStart": at(start), "personId": d.nonInv.ID, "status": "LATE"}), &res)
	if res.RecordWalkIn.Created || !res.RecordWalkIn.Attendance.WalkIn || res.RecordWalkIn.Attendance.Status != "LATE" {
		t.Fatalf("existing walk-in: %+v", res.RecordWalkIn)
	}
	d.organiser.ErrorCode(walkIn, vars("in", map[string]any{"eventId": ev.ID, "occurrenceStart": at(start)}), "BAD_USER_INPUT")

	// In the room: Dee (as Dev's deputy, counted once although both Dev's
	// DEPUTY record and Dee's own stand for her) and the late walk-in; Ash
	// sent apologies.
	var counts struct{ OccurrenceCounts struct{ CheckedIn int } }
	d.organiser.MustDo(`query($e: ID!, $s: Time!) { occurrenceCounts(eventId: $e, occurrenceStart: $s) { checkedIn } }`,
		vars("e", ev.ID, "s", at(start)), &counts)
	if counts.OccurrenceCounts.CheckedIn != 2 {
		t.Fatalf("checked in = %d, want 2 (the deputy once, the walk-in)", counts.OccurrenceCounts.CheckedIn)
	}
}

func TestDerivedNoShows(t *testing.T) {
	d := newDoor(t)
	sheetQuery := `query($e: ID!, $s: Time!) { attendanceSheet(eventId: $e, occurrenceStart: $s) {
	  rows { person { name } status derived invitation { response } }
	  noShows { person { name } status derived } csvUrl printUrl } }`
	type sheetOut struct {
		AttendanceSheet struct {
			Rows []struct {
				Person     struct{ Name string }
				Status     *string
				Derived    bool
				Invitation *struct{ Response string }
			}
			NoShows []struct {
				Person  struct{ Name string }
				Status  string
				Derived bool
			}
		}
	}
	invites := map[*ent.Person]invitation.Response{
		d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponseACCEPTED,
		d.dev: invitation.ResponseDECLINED, d.eve: invitation.ResponseACCEPTED,
	}
	// Ended yesterday: Ash came, Eve sent apologies, Cora did not show,
	// Dev declined (not a no-show).
	past := now().Add(-26 * time.Hour)
	ev := d.event(t, past, 2*time.Hour, invites)
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(past), "p", d.ash.ID), nil)
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(past), "p", d.eve.ID, "st", "APOLOGIES"), nil)
	var sh sheetOut
	d.consultant.MustDo(sheetQuery, vars("e", ev.ID, "s", at(past)), &sh)
	if len(sh.AttendanceSheet.Rows) != 4 {
		t.Fatalf("want 4 rows, got %+v", sh.AttendanceSheet.Rows)
	}
	if ns := sh.AttendanceSheet.NoShows; len(ns) != 1 || ns[0].Person.Name != "Cora Colleague" || ns[0].Status != "ABSENT" || !ns[0].Derived {
		t.Fatalf("want Cora as the only derived no-show, got %+v", ns)
	}
	// Derived, not stored.
	if n := d.api.Client().Attendance.Query().Where(entattendance.StatusEQ(entattendance.StatusABSENT)).CountX(d.api.Ctx()); n != 0 {
		t.Fatalf("ABSENT rows stored: %d", n)
	}

	// Still under way: nobody is a no-show yet.
	current := now().Add(-30 * time.Minute)
	ev2 := d.event(t, current, 2*time.Hour, invites)
	d.consultant.MustDo(sheetQuery, vars("e", ev2.ID, "s", at(current)), &sh)
	if len(sh.AttendanceSheet.NoShows) != 0 {
		t.Fatalf("no-shows before the end: %+v", sh.AttendanceSheet.NoShows)
	}
	counts := `query($e: ID!, $s: Time!) { occurrenceCounts(eventId: $e, occurrenceStart: $s) { noShows checkedIn replies { response count } } }`
	var c struct {
		OccurrenceCounts struct {
			NoShows, CheckedIn int
			Replies            []struct {
				Response string
				Count    int
			}
		}
	}
	d.organiser.MustDo(counts, vars("e", ev.ID, "s", at(past)), &c)
	if c.OccurrenceCounts.NoShows != 1 || c.OccurrenceCounts.CheckedIn != 1 {
		t.Fatalf("counts of the past forum: %+v", c.OccurrenceCounts)
	}
	for _, r := range c.OccurrenceCounts.Replies {
		want := map[string]int{"ACCEPTED": 3, "DECLINED": 1}[r.Response]
		if r.Count != want {
			t.Fatalf("replies %s: want %d, got %d", r.Response, want, r.Count)
		}
	}
}

// Correcting the record after the event says who came, not when: no
// check-in time is made up from the time of the correction. At the door
// the time of marking is the arrival time; apologies clear it, and who
// checked the person in, again.
func TestCorrectionsAfterTheEventRecordNoArrivalTime(t *testing.T) {
	d := newDoor(t)
	start := now().Add(-3 * time.Hour)
	ev := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.dev: invitation.ResponseACCEPTED})
	ctx, c := d.api.Ctx(), d.api.Client()

	var late struct{ CheckIn attendanceOut }
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID, "st", "LATE"), &late)
	if late.CheckIn.Status != "LATE" || late.CheckIn.CheckedInAt != nil {
		t.Errorf("late, recorded afterwards: %+v, want no check-in time", late.CheckIn)
	}

	// Checked in at the door while it was on, then corrected to apologies.
	occStart := now().Add(-5 * time.Minute)
	live := d.event(t, occStart, time.Hour, map[*ent.Person]invitation.Response{d.dev: invitation.ResponseACCEPTED})
	var in struct{ CheckIn attendanceOut }
	d.organiser.MustDo(checkInMutation, vars("e", live.ID, "s", at(occStart), "p", d.dev.ID), &in)
	if in.CheckIn.CheckedInAt == nil {
		t.Fatalf("at the door: %+v, want a check-in time", in.CheckIn)
	}
	d.organiser.MustDo(checkInMutation, vars("e", live.ID, "s", at(occStart), "p", d.dev.ID, "st", "APOLOGIES"), nil)
	row := c.Attendance.Query().Where(entattendance.EventID(live.ID), entattendance.PersonID(d.dev.ID)).OnlyX(ctx)
	if row.CheckedInAt != nil || row.CheckedInByID != nil {
		t.Errorf("apologies: checked in at %v by %v, want neither", row.CheckedInAt, row.CheckedInByID)
	}
}
