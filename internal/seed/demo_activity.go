package seed

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
)

// demoInvite is one invitation of the demo script.
type demoInvite struct {
	event       *ent.Event
	who         string // person key
	role        invitation.Role
	response    invitation.Response
	occurrence  time.Time // zero: the whole series
	invitedAt   time.Time
	respondedAt time.Time // zero while PENDING
	waitlist    int64     // 1-based waitlist position, 0 if not waitlisted
}

// Who is left out of the forum series, and why: the admin is not part of
// the partnership; Alan turns up as a walk-in; Ryan comes as his chief
// inspector's deputy; Owen is invited to one meeting only, as a speaker.
var forumNotInvited = map[string]bool{"admin": true, "alan": true, "ryan": true, "owen": true}

// forumRoles are the non-participant roles at the forum.
var forumRoles = map[string]invitation.Role{
	"organiser": invitation.RoleFACILITATOR,
	"tanya":     invitation.RoleFACILITATOR,
	"james":     invitation.RoleOBSERVER,
	"louise":    invitation.RoleOBSERVER,
	"patricia":  invitation.RoleOBSERVER,
}

// alwaysAccepts are people whose forum reply the demo story depends on.
var alwaysAccepts = map[string]bool{"attendee": true, "organiser": true, "consultant": true, "tanya": true, "mark": true, "zoe": true}

// pickResponse draws a reply: answered invitations are mostly acceptances.
func (d *demoLoader) pickResponse(pending int) invitation.Response {
	switch r := d.rng.IntN(100); {
	case r < pending:
		return invitation.ResponsePENDING
	case r < pending+12:
		return invitation.ResponseTENTATIVE
	case r < pending+24:
		return invitation.ResponseDECLINED
	default:
		return invitation.ResponseACCEPTED
	}
}

// replyAfter is when someone invited at invited replied: a few days later,
// and never in the future.
func (d *demoLoader) replyAfter(invited time.Time) time.Time {
	t := invited.Add(time.Duration(6+d.rng.IntN(9*24)) * time.Hour)
	if !t.Before(d.now) {
		t = d.now.Add(-time.Hour)
	}
	return t
}

func (d *demoLoader) invitations(ctx context.Context) error {
	var invites []demoInvite

	// The forum series: everyone in the partnership, invited a month before
	// the first meeting.
	invited := d.forumStarts[0].AddDate(0, 0, -21)
	for _, p := range demoPeople {
		if forumNotInvited[p.key] {
			continue
		}
		inv := demoInvite{event: d.forum, who: p.key, role: invitation.RolePARTICIPANT, invitedAt: invited}
		if r, ok := forumRoles[p.key]; ok {
			inv.role = r
		}
		inv.response = d.pickResponse(15)
		if alwaysAccepts[p.key] {
			inv.response = invitation.ResponseACCEPTED
		}
		if inv.response != invitation.ResponsePENDING {
			inv.respondedAt = d.replyAfter(invited)
		}
		invites = append(invites, inv)
	}

	// A guest speaker for the next forum only (an occurrence invitation).
	for _, s := range d.forumStarts {
		if s.After(d.now) {
			at := d.now.AddDate(0, 0, -7)
			invites = append(invites, demoInvite{
				event: d.forum, who: "owen", role: invitation.RoleSPEAKER, occurrence: s,
				response: invitation.ResponseACCEPTED, invitedAt: at, respondedAt: at.AddDate(0, 0, 2),
			})
			break
		}
	}

	invites = append(invites, d.pastWorkshopInvites(d.workshops["journey"], 22)...)
	invites = append(invites, d.pastWorkshopInvites(d.workshops["dual"], 20)...)
	invites = append(invites, d.fullWorkshopInvites(d.workshops["housing"])...)
	invites = append(invites, d.onlineWorkshopInvites(d.workshops["funding"])...)

	builders := make([]*ent.InvitationCreate, len(invites))
	for i, inv := range invites {
		b := d.tx.Invitation.Create().
			SetEventID(inv.event.ID).
			SetPersonID(d.people[inv.who]).
			SetRole(inv.role).
			SetResponse(inv.response).
			SetCreatedAt(inv.invitedAt).
			SetUpdatedAt(maxTime(inv.invitedAt, inv.respondedAt))
		if !inv.occurrence.IsZero() {
			b.SetOccurrenceStart(inv.occurrence)
		}
		if !inv.respondedAt.IsZero() {
			b.SetRespondedAt(inv.respondedAt)
		}
		if inv.waitlist > 0 {
			b.SetWaitlistPosition(inv.waitlist)
		}
		// Access needs stated on the person are repeated on the reply, as
		// the RSVP page pre-fills them.
		if p := demoPersonByKey(inv.who); p.access != "" && inv.response != invitation.ResponsePENDING {
			b.SetAccessNeeds(p.access)
		}
		builders[i] = b
	}
	if err := d.tx.Invitation.CreateBulk(builders...).Exec(ctx); err != nil {
		return err
	}
	d.res.Invitations = len(builders)
	d.invites = invites
	return nil
}

// workshopPool lists everyone who could be asked to a workshop, in an order
// shuffled by the demo's fixed random source, the attendee account first
// (so the demo account always has something to look at).
func (d *demoLoader) workshopPool() []string {
	var pool []string
	for _, p := range demoPeople {
		if p.key != "admin" && p.key != "attendee" && p.key != "organiser" {
			pool = append(pool, p.key)
		}
	}
	d.rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	return append([]string{"attendee"}, pool...)
}

// workshopInvite builds an invitation sent three weeks before e.
func (d *demoLoader) workshopInvite(e *ent.Event, who string, resp invitation.Response) demoInvite {
	at := minTime(e.StartsAt.AddDate(0, 0, -21), d.now.AddDate(0, 0, -3))
	inv := demoInvite{event: e, who: who, role: invitation.RolePARTICIPANT, response: resp, invitedAt: at}
	if resp != invitation.ResponsePENDING {
		inv.respondedAt = d.replyAfter(at)
	}
	return inv
}

// facilitator is the organiser's invitation to run a workshop.
func (d *demoLoader) facilitator(e *ent.Event, who string) demoInvite {
	inv := d.workshopInvite(e, who, invitation.ResponseACCEPTED)
	inv.role = invitation.RoleFACILITATOR
	return inv
}

// pastWorkshopInvites: n people asked, nearly all of whom replied.
func (d *demoLoader) pastWorkshopInvites(e *ent.Event, n int) []demoInvite {
	out := []demoInvite{d.facilitator(e, "organiser")}
	for _, who := range d.workshopPool()[:n] {
		resp := d.pickResponse(5)
		if who == "attendee" {
			resp = invitation.ResponseACCEPTED
		}
		out = append(out, d.workshopInvite(e, who, resp))
	}
	return out
}

// fullWorkshopInvites fills the workshop to capacity and puts two people on
// the waitlist, in the order they tried to accept.
func (d *demoLoader) fullWorkshopInvites(e *ent.Event) []demoInvite {
	capacity := *e.Capacity
	out := []demoInvite{d.facilitator(e, "organiser")}
	pool := d.workshopPool()
	// The facilitator holds one of the places. Acceptances arrive two hours
	// apart and all before the waitlisted replies, which came after the
	// workshop had filled (invitations went out at least five days ago).
	for i, who := range pool[:capacity-1] {
		inv := d.workshopInvite(e, who, invitation.ResponseACCEPTED)
		inv.respondedAt = inv.invitedAt.Add(time.Duration(i+1) * 2 * time.Hour)
		out = append(out, inv)
	}
	rest := pool[capacity-1:]
	for i, who := range rest[:2] {
		inv := d.workshopInvite(e, who, invitation.ResponseWAITLISTED)
		inv.waitlist = int64(i + 1)
		inv.respondedAt = d.now.Add(-time.Duration(48-i*24) * time.Hour)
		out = append(out, inv)
	}
	tail := []invitation.Response{
		invitation.ResponsePENDING, invitation.ResponsePENDING, invitation.ResponsePENDING,
		invitation.ResponseDECLINED, invitation.ResponseDECLINED, invitation.ResponseTENTATIVE,
	}
	for i, resp := range tail {
		out = append(out, d.workshopInvite(e, rest[2+i], resp))
	}
	return out
}

// onlineWorkshopInvites: a month out, so most people have not replied yet,
// including the attendee account (something to RSVP to in the demo).
func (d *demoLoader) onlineWorkshopInvites(e *ent.Event) []demoInvite {
	out := []demoInvite{d.facilitator(e, "organiser"), d.facilitator(e, "consultant")}
	speaker := d.workshopInvite(e, "james", invitation.ResponseACCEPTED)
	speaker.role = invitation.RoleSPEAKER
	out = append(out, speaker)
	for _, who := range d.workshopPool()[:28] {
		if who == "consultant" || who == "james" {
			continue
		}
		resp := d.pickResponse(60)
		if who == "attendee" {
			resp = invitation.ResponsePENDING
		}
		inv := d.workshopInvite(e, who, resp)
		if who == "louise" || who == "claire" || who == "deborah" {
			inv.role = invitation.RoleOBSERVER
		}
		out = append(out, inv)
	}
	return out
}

func demoPersonByKey(key string) demoPerson {
	for _, p := range demoPeople {
		if p.key == key {
			return p
		}
	}
	return demoPerson{}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// attendance records who came to the forums and workshops already held,
// following their replies: most who accepted came (a few late), some sent
// apologies, some simply did not turn up (no row: a derivable no-show), and
// a few who never replied came anyway. The latest forum also has a deputy
// (the chief inspector sent a constable) and a walk-in.
func (d *demoLoader) attendance(ctx context.Context) error {
	var rows []*ent.AttendanceCreate
	add := func(e *ent.Event, occ time.Time, who string, status attendance.Status) *ent.AttendanceCreate {
		b := d.tx.Attendance.Create().
			SetEventID(e.ID).
			SetPersonID(d.people[who]).
			SetOccurrenceStart(occ).
			SetStatus(status)
		recorded := occ.Add(3 * time.Hour) // apologies are noted in the minutes
		switch status {
		case attendance.StatusPRESENT, attendance.StatusLATE, attendance.StatusDEPUTY:
			arrived := occ.Add(time.Duration(d.rng.IntN(20)-15) * time.Minute)
			if status == attendance.StatusLATE {
				arrived = occ.Add(time.Duration(20+d.rng.IntN(25)) * time.Minute)
			}
			b.SetCheckedInAt(arrived)
			recorded = arrived
			// A quarter check themselves in with the code on the screen;
			// the forum administrator checks in everyone else at the door.
			if d.rng.IntN(4) == 0 && who != "zoe" {
				b.SetMethod(attendance.MethodSELF)
			} else {
				b.SetMethod(attendance.MethodDOOR).SetCheckedInByID(d.people["zoe"])
			}
		}
		b.SetCreatedAt(recorded).SetUpdatedAt(recorded)
		rows = append(rows, b)
		return b
	}

	latest := d.pastForums[len(d.pastForums)-1]
	for _, occ := range d.pastForums {
		for _, inv := range d.invites {
			if inv.event.ID != d.forum.ID || !inv.occurrence.IsZero() {
				continue
			}
			if occ.Equal(latest) && inv.who == "mark" {
				add(d.forum, occ, "mark", attendance.StatusDEPUTY).SetDeputyID(d.people["ryan"])
				continue
			}
			if status, ok := d.turnout(inv); ok {
				add(d.forum, occ, inv.who, status)
			}
		}
		if occ.Equal(latest) {
			add(d.forum, occ, "alan", attendance.StatusPRESENT).SetWalkIn(true)
		}
	}
	for _, key := range []string{"journey", "dual"} {
		e := d.workshops[key]
		for _, inv := range d.invites {
			if inv.event.ID != e.ID {
				continue
			}
			if status, ok := d.turnout(inv); ok {
				add(e, e.StartsAt, inv.who, status)
			}
		}
	}
	if err := d.tx.Attendance.CreateBulk(rows...).Exec(ctx); err != nil {
		return err
	}
	d.res.Attendances = len(rows)
	return nil
}

// turnout decides whether (and how) the person invited by inv came to one
// meeting; ok is false for no record at all.
func (d *demoLoader) turnout(inv demoInvite) (status attendance.Status, ok bool) {
	if inv.who == "organiser" || inv.who == "zoe" {
		return attendance.StatusPRESENT, true // they run the meeting
	}
	r := d.rng.IntN(100)
	switch inv.response {
	case invitation.ResponseACCEPTED:
		switch {
		case r < 70:
			return attendance.StatusPRESENT, true
		case r < 80:
			return attendance.StatusLATE, true
		case r < 90:
			return attendance.StatusAPOLOGIES, true
		}
	case invitation.ResponseTENTATIVE:
		if r < 50 {
			return attendance.StatusPRESENT, true
		}
	case invitation.ResponseDECLINED:
		if r < 40 {
			return attendance.StatusAPOLOGIES, true
		}
	case invitation.ResponsePENDING:
		if r < 10 {
			return attendance.StatusPRESENT, true
		}
	}
	return "", false
}
