package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
)

type scaleEvent struct {
	id        int
	programme int
	kind      event.Kind
	title     string
	uid       string
	rrule     string
	// occurrences are every start of the event (one for a one-off), UTC.
	occurrences []time.Time
	duration    time.Duration
	venue       int // index into venues, -1 for online only
	place       string
	online      bool
	capacity    int // 0: unlimited
	cancelledAt time.Time
	sequence    int
	createdAt   time.Time
	quota       int // invitations to send
}

func (e *scaleEvent) first() time.Time { return e.occurrences[0] }

// pastOccurrences are the starts before now.
func (e *scaleEvent) pastOccurrences(now time.Time) []time.Time {
	for i, o := range e.occurrences {
		if !o.Before(now) {
			return e.occurrences[:i]
		}
	}
	return e.occurrences
}

var icalDays = map[time.Weekday]string{
	time.Monday: "MO", time.Tuesday: "TU", time.Wednesday: "WE", time.Thursday: "TH", time.Friday: "FR",
}

// Meeting times (local) and lengths that partnerships actually use.
var (
	startTimes = [][2]int{{9, 30}, {10, 0}, {10, 0}, {13, 0}, {13, 30}, {14, 0}, {18, 0}}
	durations  = []time.Duration{90 * time.Minute, 2 * time.Hour, 150 * time.Minute, 3 * time.Hour}
	capacities = []int{15, 20, 25, 30, 40, 60}
)

func (s *scaler) insertEvents(ctx context.Context) error {
	n := s.size(baseEvents)
	s.events = make([]scaleEvent, n)
	for i := range s.events {
		e := &s.events[i]
		e.programme = i % len(s.programmes)
		p := &s.programmes[e.programme]
		hm := pick(s.rng, startTimes)
		e.duration = pick(s.rng, durations)
		// A day in the window: 18 months back to 6 months ahead.
		local := s.now.Add(s.between(-540*day, 180*day)).In(s.loc)
		// Every programme's first event is its standing forum (so even a
		// miniature city has forums); a tenth of the rest are forums too.
		if i < len(s.programmes) || s.chance(10) {
			e.kind = event.KindFORUM
			e.title = p.name + " forum"
			wd := time.Monday + time.Weekday(s.rng.IntN(5))
			if s.chance(60) {
				// Monthly on the n-th weekday, like "second Tuesday".
				nth, count := 1+s.rng.IntN(4), 6+s.rng.IntN(13)
				e.rrule = fmt.Sprintf("FREQ=MONTHLY;BYDAY=%d%s;COUNT=%d", nth, icalDays[wd], count)
				for k := range count {
					m := time.Date(local.Year(), local.Month()+time.Month(k), 1, 12, 0, 0, 0, s.loc)
					e.occurrences = append(e.occurrences, nthWeekday(m.Year(), m.Month(), nth, wd, s.loc, hm[0], hm[1]))
				}
			} else {
				// Fortnightly on the first meeting's weekday.
				count := 6 + s.rng.IntN(15)
				e.rrule = fmt.Sprintf("FREQ=WEEKLY;INTERVAL=2;COUNT=%d", count)
				start := nextWeekday(local, s.loc, wd, hm[0], hm[1]).In(s.loc)
				for k := range count {
					e.occurrences = append(e.occurrences, wallClock(start.AddDate(0, 0, 14*k), s.loc, hm[0], hm[1]))
				}
			}
		} else {
			e.kind = event.KindWORKSHOP
			e.title = pick(s.rng, workshopTopics) + " — " + p.name
			for local.Weekday() == time.Saturday || local.Weekday() == time.Sunday {
				local = local.AddDate(0, 0, 1)
			}
			e.occurrences = []time.Time{wallClock(local, s.loc, hm[0], hm[1])}
			if s.chance(70) {
				e.capacity = pick(s.rng, capacities)
			}
		}
		e.uid = fmt.Sprintf("%016x%016x@convene", s.rng.Uint64(), s.rng.Uint64())
		e.venue, e.place = -1, pick(s.rng, places)
		switch r := s.rng.IntN(10); {
		case r < 7:
			e.venue = s.rng.IntN(len(venues))
		case r < 9:
			e.online = true
		default: // hybrid
			e.venue, e.online = s.rng.IntN(len(venues)), true
		}
		e.createdAt = minTime(s.now, e.first().Add(-s.between(14*day, 90*day)))
		switch {
		case s.chance(3):
			limit := minTime(s.now, e.first())
			e.cancelledAt = maxTime(e.createdAt.Add(time.Hour), limit.Add(-s.between(time.Hour, 7*day)))
			e.sequence = 1 + s.rng.IntN(2)
		case s.chance(15):
			e.sequence = 1 + s.rng.IntN(3)
		}
		// Actions are agreed at meetings that took place.
		if e.first().Before(s.now) && e.cancelledAt.IsZero() {
			p.pastEvents = append(p.pastEvents, i)
		}
	}
	err := s.insert(ctx, n, len(event.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.EventCreate, 0, hi-lo)
		for i := lo; i < hi; i++ {
			e := &s.events[i]
			start := e.first()
			b := tx.Event.Create().
				SetProgrammeID(s.programmes[e.programme].id).
				SetUID(e.uid).
				SetKind(e.kind).
				SetTitle(e.title).
				// Set explicitly: the hook would otherwise look the
				// programme up once per event.
				SetTimeZone(zoneLondon).
				SetStartsAt(start).
				SetEndsAt(start.Add(e.duration)).
				SetSequence(e.sequence).
				SetCreatedAt(e.createdAt).
				SetUpdatedAt(maxTime(e.createdAt, e.cancelledAt))
			if e.rrule != "" {
				b.SetRrule(e.rrule)
			}
			if e.venue >= 0 {
				v := venues[e.venue]
				b.SetVenueName(e.place + " " + v.name).
					SetVenueAddress(fmt.Sprintf(v.address, e.place)).
					SetVenueAccess(v.access)
			}
			if e.online {
				b.SetOnlineURL(fmt.Sprintf("https://meet.example.org/%s/%d", s.tag, i+1))
			}
			if e.capacity > 0 {
				b.SetCapacity(e.capacity)
			}
			if !e.cancelledAt.IsZero() {
				b.SetStatus(event.StatusCANCELLED).SetCancelledAt(e.cancelledAt)
			}
			builders = append(builders, b)
		}
		saved, err := tx.Event.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return err
		}
		for k, e := range saved {
			s.events[lo+k].id = e.ID
		}
		return ascending(idsOf(saved, func(e *ent.Event) int { return e.ID }))
	})
	s.res.Events = n
	return err
}

// scaleInvitation is one generated invitation; indexes are int32 to keep
// the 100,000-row slice compact.
type scaleInvitation struct {
	event, person int32
	occurrence    int16 // index into the event's occurrences, -1 for the series
	role          invitation.Role
	response      invitation.Response
	waitlist      int32
	copyAccess    bool
	created       time.Time
	responded     time.Time
	reminded      time.Time
}

var (
	roleChoices = []weightedChoice[invitation.Role]{
		{invitation.RolePARTICIPANT, 85}, {invitation.RoleSPEAKER, 5},
		{invitation.RoleFACILITATOR, 5}, {invitation.RoleOBSERVER, 5},
	}
	// Replies to meetings already held; and to meetings still to come,
	// where many invitees have not answered yet.
	pastReplies = []weightedChoice[invitation.Response]{
		{invitation.ResponsePENDING, 12}, {invitation.ResponseACCEPTED, 60},
		{invitation.ResponseTENTATIVE, 10}, {invitation.ResponseDECLINED, 18},
	}
	futureReplies = []weightedChoice[invitation.Response]{
		{invitation.ResponsePENDING, 45}, {invitation.ResponseACCEPTED, 33},
		{invitation.ResponseTENTATIVE, 8}, {invitation.ResponseDECLINED, 14},
	}
)

// planQuotas splits the invitations across events: forums invite more
// people than workshops, every event invites distinct people, so no event
// can invite more than everyone. Returns the total actually planned (less
// than asked only if every event already invites everyone).
func (s *scaler) planQuotas(total int) int {
	weights := make([]float64, len(s.events))
	sum := 0.0
	for i, e := range s.events {
		w := 1.0
		if e.kind == event.KindFORUM {
			w = 2.5
		}
		weights[i] = w * (0.6 + 0.8*s.rng.Float64())
		sum += weights[i]
	}
	limit := len(s.people)
	planned := 0
	for i := range s.events {
		q := min(limit, int(float64(total)*weights[i]/sum))
		s.events[i].quota = q
		planned += q
	}
	// Rounding and clamping leave a remainder: hand it out one by one.
	for planned < total {
		progress := false
		for i := range s.events {
			if planned == total {
				break
			}
			if s.events[i].quota < limit {
				s.events[i].quota++
				planned++
				progress = true
			}
		}
		if !progress {
			break
		}
	}
	return planned
}

func (s *scaler) insertInvitations(ctx context.Context) error {
	planned := s.planQuotas(s.size(baseInvitations))
	s.invitations = make([]scaleInvitation, 0, planned)
	// perm is shuffled incrementally: the first quota entries after a
	// partial Fisher–Yates pass are a uniform sample of distinct people,
	// which the unique (event, person, scope) index requires.
	perm := make([]int32, len(s.people))
	for i := range perm {
		perm[i] = int32(i)
	}
	for ei := range s.events {
		e := &s.events[ei]
		// Once the first meeting has happened most people have replied;
		// invitations to what is still to come are often unanswered.
		started := e.first().Before(s.now)
		replies := futureReplies
		if started {
			replies = pastReplies
		}
		accepted, waitlisted := 0, int32(0)
		for j := range e.quota {
			r := j + s.rng.IntN(len(perm)-j)
			perm[j], perm[r] = perm[r], perm[j]
			inv := scaleInvitation{
				event: int32(ei), person: perm[j], occurrence: -1,
				role:     choose(s.rng, roleChoices),
				response: choose(s.rng, replies),
				created:  minTime(s.now, e.createdAt.Add(s.between(0, 3*day))),
			}
			// A few forum invitations are to one meeting only (a guest).
			if e.kind == event.KindFORUM && s.chance(5) {
				inv.occurrence = int16(s.rng.IntN(len(e.occurrences)))
			}
			if inv.response == invitation.ResponseACCEPTED && e.capacity > 0 {
				if accepted >= e.capacity {
					waitlisted++
					inv.response, inv.waitlist = invitation.ResponseWAITLISTED, waitlisted
				} else {
					accepted++
				}
			}
			if inv.response != invitation.ResponsePENDING {
				// Replies come after the invitation, before the meeting,
				// and never in the future.
				limit := minTime(s.now, e.first())
				inv.responded = inv.created.Add(s.between(time.Hour, 14*day))
				if inv.responded.After(limit) {
					inv.responded = inv.created.Add(limit.Sub(inv.created) / 2)
				}
				inv.copyAccess = s.people[inv.person].access != "" && s.chance(60)
			} else if !started && s.chance(30) {
				inv.reminded = inv.created.Add(s.now.Sub(inv.created) / 2)
			}
			s.invitations = append(s.invitations, inv)
		}
	}
	err := s.insert(ctx, len(s.invitations), len(invitation.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.InvitationCreate, 0, hi-lo)
		for _, inv := range s.invitations[lo:hi] {
			e := &s.events[inv.event]
			p := &s.people[inv.person]
			b := tx.Invitation.Create().
				SetEventID(e.id).
				SetPersonID(p.id).
				SetRole(inv.role).
				SetResponse(inv.response).
				SetCreatedAt(inv.created).
				SetUpdatedAt(maxTime(inv.created, maxTime(inv.responded, inv.reminded)))
			if inv.occurrence >= 0 {
				b.SetOccurrenceStart(e.occurrences[inv.occurrence])
			}
			if !inv.responded.IsZero() {
				b.SetRespondedAt(inv.responded)
			}
			if inv.waitlist > 0 {
				b.SetWaitlistPosition(int64(inv.waitlist))
			}
			if !inv.reminded.IsZero() {
				b.SetRemindedAt(inv.reminded)
			}
			if inv.copyAccess {
				b.SetAccessNeeds(p.access)
			}
			builders = append(builders, b)
		}
		return tx.Invitation.CreateBulk(builders...).Exec(ctx)
	})
	s.res.Invitations = len(s.invitations)
	return err
}

type scaleAttendance struct {
	event, person int32
	occurrence    time.Time
	status        attendance.Status
	method        attendance.Method
	walkIn        bool
	checkedIn     time.Time
	by, deputy    int32 // person indexes, -1 for none
}

// What became of an acceptance at one meeting ("": did not come, no
// record: a derivable no-show). Standing members of a forum accepted the
// whole series and come to about half its meetings, sending apologies or a
// deputy to many of the rest.
var (
	acceptedTurnout = []weightedChoice[attendance.Status]{
		{attendance.StatusPRESENT, 72}, {attendance.StatusLATE, 8}, {attendance.StatusLEFT_EARLY, 4},
		{attendance.StatusDEPUTY, 2}, {attendance.StatusAPOLOGIES, 6}, {"", 8},
	}
	seriesTurnout = []weightedChoice[attendance.Status]{
		{attendance.StatusPRESENT, 45}, {attendance.StatusLATE, 6}, {attendance.StatusLEFT_EARLY, 3},
		{attendance.StatusDEPUTY, 4}, {attendance.StatusAPOLOGIES, 17}, {"", 25},
	}
)

// turnout decides what attendance, if any, an invitee has at one meeting.
func (s *scaler) turnout(resp invitation.Response, series bool) attendance.Status {
	switch resp {
	case invitation.ResponseACCEPTED:
		if series {
			return choose(s.rng, seriesTurnout)
		}
		return choose(s.rng, acceptedTurnout)
	case invitation.ResponseTENTATIVE:
		if s.chance(45) {
			return attendance.StatusPRESENT
		}
	case invitation.ResponseDECLINED:
		if s.chance(25) {
			return attendance.StatusAPOLOGIES
		}
	case invitation.ResponseWAITLISTED:
		if s.chance(10) { // a place came free on the day
			return attendance.StatusPRESENT
		}
	case invitation.ResponsePENDING:
		if s.chance(5) {
			return attendance.StatusPRESENT
		}
	}
	return ""
}

// insertAttendance records attendance at every meeting already held,
// following the invitations' replies, plus the odd walk-in.
func (s *scaler) insertAttendance(ctx context.Context) error {
	var rows []scaleAttendance
	invited := map[int32]bool{}
	for lo := 0; lo < len(s.invitations); {
		// Invitations were generated event by event: [lo, hi) is one event.
		ei := s.invitations[lo].event
		hi := lo
		clear(invited)
		for hi < len(s.invitations) && s.invitations[hi].event == ei {
			invited[s.invitations[hi].person] = true
			hi++
		}
		e := &s.events[ei]
		held := e.pastOccurrences(s.now)
		if !e.cancelledAt.IsZero() {
			held = nil
		}
		organisers := s.programmes[e.programme].organisers
		for _, occ := range held {
			for _, inv := range s.invitations[lo:hi] {
				if inv.occurrence >= 0 && !e.occurrences[inv.occurrence].Equal(occ) {
					continue
				}
				series := inv.occurrence < 0 && len(e.occurrences) > 1
				if st := s.turnout(inv.response, series); st != "" {
					rows = append(rows, s.attendanceRow(ei, inv.person, occ, st, organisers))
				}
			}
			if s.chance(20) {
				if p := int32(s.rng.IntN(len(s.people))); !invited[p] {
					a := s.attendanceRow(ei, p, occ, attendance.StatusPRESENT, organisers)
					a.walkIn = true
					rows = append(rows, a)
				}
			}
		}
		lo = hi
	}
	err := s.insert(ctx, len(rows), len(attendance.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.AttendanceCreate, 0, hi-lo)
		for _, a := range rows[lo:hi] {
			b := tx.Attendance.Create().
				SetEventID(s.events[a.event].id).
				SetPersonID(s.people[a.person].id).
				SetOccurrenceStart(a.occurrence).
				SetStatus(a.status).
				SetMethod(a.method).
				SetWalkIn(a.walkIn)
			recorded := a.occurrence.Add(3 * time.Hour)
			if !a.checkedIn.IsZero() {
				b.SetCheckedInAt(a.checkedIn)
				recorded = a.checkedIn
			}
			b.SetCreatedAt(recorded).SetUpdatedAt(recorded)
			if a.by >= 0 {
				b.SetCheckedInByID(s.people[a.by].id)
			}
			if a.deputy >= 0 {
				b.SetDeputyID(s.people[a.deputy].id)
			}
			builders = append(builders, b)
		}
		return tx.Attendance.CreateBulk(builders...).Exec(ctx)
	})
	s.res.Attendances = len(rows)
	return err
}

func (s *scaler) attendanceRow(ei, who int32, occ time.Time, st attendance.Status, organisers []int) scaleAttendance {
	a := scaleAttendance{event: ei, person: who, occurrence: occ, status: st, method: attendance.MethodDOOR, by: -1, deputy: -1}
	if st == attendance.StatusAPOLOGIES {
		return a // sent in advance: nobody checked in
	}
	a.checkedIn = occ.Add(s.between(-15*time.Minute, 10*time.Minute))
	if st == attendance.StatusLATE {
		a.checkedIn = occ.Add(s.between(15*time.Minute, 50*time.Minute))
	}
	if n := int32(len(s.people)); st == attendance.StatusDEPUTY && n > 1 {
		a.deputy = (who + 1 + s.rng.Int32N(n-1)) % n // anyone else
	}
	switch r := s.rng.IntN(100); {
	case r < 20:
		a.method = attendance.MethodSELF
	case r < 25:
		a.method, a.checkedIn = attendance.MethodIMPORT, time.Time{} // from a paper sign-in sheet
	default:
		a.by = int32(pick(s.rng, organisers))
	}
	return a
}
