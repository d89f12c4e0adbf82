package attendance_test

import (
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
)

// The event-wide reply counts (eventReplies) over a real WebSocket: the
// current counts at once, a new message after every change to the event's
// invitations, nothing for check-ins or for other events, and only for
// the programme's organisers and consultants.

const repliesSubscription = `subscription($e: ID!) { eventReplies(eventId: $e) { total pending accepted tentative declined waitlisted } }`

type repliesOut struct {
	EventReplies struct {
		Total, Pending, Accepted, Tentative, Declined, Waitlisted int
	}
}

func TestEventRepliesOverWebSocket(t *testing.T) {
	d := newDoor(t)
	start := now().Add(-5 * time.Minute)
	ev := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponsePENDING})

	screen, err := dialGraphQL(t, d.api.Server.URL, nil, map[string]any{"authorization": bearer(d.organiser)})
	if err != nil {
		t.Fatal(err)
	}
	screen.subscribe("1", repliesSubscription, vars("e", ev.ID))
	var got repliesOut
	screen.next(&got)
	if r := got.EventReplies; r.Total != 2 || r.Accepted != 1 || r.Pending != 1 || r.Declined != 0 {
		t.Fatalf("initial counts: %+v", r)
	}

	// A check-in is not a reply: no message (the next one is Cora's reply,
	// sent well after the check-in's notice would have been).
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID), nil)
	time.Sleep(300 * time.Millisecond)

	// Cora replies herself, through the API.
	coraInv := d.api.Client().Invitation.Query().Where(invitation.PersonID(d.cora.ID), invitation.EventID(ev.ID)).OnlyX(d.api.Ctx())
	d.api.As(d.cora.ID).MustDo(`mutation($id: ID!) { respondToInvitation(id: $id, response: TENTATIVE) { id response } }`, vars("id", coraInv.ID), nil)
	nextChange(screen, &got)
	if r := got.EventReplies; r.Total != 2 || r.Tentative != 1 || r.Pending != 0 || r.Accepted != 1 {
		t.Fatalf("after Cora's reply: %+v", r)
	}

	// The organiser invites two more people at once: one message.
	d.organiser.MustDo(`mutation($e: ID!, $ps: [ID!]!) { invite(input: {eventID: $e, personIDs: $ps}) { skipped } }`,
		vars("e", ev.ID, "ps", []int{d.dev.ID, d.eve.ID}), nil)
	nextChange(screen, &got)
	if r := got.EventReplies; r.Total != 4 || r.Pending != 2 {
		t.Fatalf("after inviting two: %+v", r)
	}

	// An invitation to one occurrence only counts towards the event too.
	d.organiser.MustDo(`mutation($e: ID!, $s: Time!, $ps: [ID!]!) { invite(input: {eventID: $e, occurrence: $s, personIDs: $ps}) { skipped } }`,
		vars("e", ev.ID, "s", at(start), "ps", []int{d.nonInv.ID}), nil)
	nextChange(screen, &got)
	if r := got.EventReplies; r.Total != 5 || r.Pending != 3 {
		t.Fatalf("after an occurrence invitation: %+v", r)
	}

	// Withdrawing takes the invitation out of the counts.
	devInv := d.api.Client().Invitation.Query().Where(invitation.PersonID(d.dev.ID), invitation.EventID(ev.ID)).OnlyX(d.api.Ctx())
	d.organiser.MustDo(`mutation($id: ID!) { withdrawInvitation(id: $id) { id } }`, vars("id", devInv.ID), nil)
	nextChange(screen, &got)
	if r := got.EventReplies; r.Total != 4 || r.Pending != 2 {
		t.Fatalf("after withdrawing: %+v", r)
	}

	// Another event's replies are not this one's.
	other := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponsePENDING})
	otherInv := d.api.Client().Invitation.Query().Where(invitation.EventID(other.ID)).OnlyX(d.api.Ctx())
	d.api.As(d.ash.ID).MustDo(`mutation($id: ID!) { respondToInvitation(id: $id, response: DECLINED) { id } }`, vars("id", otherInv.ID), nil)
	if m, err := screen.read(300 * time.Millisecond); err == nil {
		t.Fatalf("update for another event: %s %s", m.Type, m.Payload)
	}

	// The consultant may watch too.
	c, err := dialGraphQL(t, d.api.Server.URL, nil, map[string]any{"authorization": bearer(d.consultant)})
	if err != nil {
		t.Fatal(err)
	}
	c.subscribe("1", repliesSubscription, vars("e", ev.ID))
	c.next(&got)
	if r := got.EventReplies; r.Total != 4 || r.Accepted != 1 || r.Tentative != 1 || r.Pending != 2 {
		t.Fatalf("consultant's counts: %+v", r)
	}
}

// nextChange reads updates until the counts differ from those in got. A
// stream may repeat unchanged counts (a recount that found nothing new,
// e.g. when a slow machine splits one burst of notices in two); what is
// asserted is the change. Each read still fails the test after 10 s.
func nextChange(s *wsClient, got *repliesOut) {
	s.t.Helper()
	prev := got.EventReplies
	for got.EventReplies == prev {
		s.next(got)
	}
}

func TestEventRepliesRefusesOthers(t *testing.T) {
	d := newDoor(t)
	ev := d.event(t, now(), time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED})

	refused := func(who, token, code string) {
		t.Helper()
		c, err := dialGraphQL(t, d.api.Server.URL, nil, map[string]any{"authorization": token})
		if err != nil {
			t.Fatal(err)
		}
		c.subscribe("1", repliesSubscription, vars("e", ev.ID))
		m, err := c.read(5 * time.Second)
		// gqlgen reports a resolver's error as a "next" carrying errors.
		if err != nil || (m.Type != "error" && m.Type != "next") || !strings.Contains(string(m.Payload), code) || strings.Contains(string(m.Payload), `"eventReplies":{`) {
			t.Fatalf("%s: %v %s %s", who, err, m.Type, m.Payload)
		}
	}
	// Another programme's organiser: the event does not exist for them.
	refused("outsider", bearer(d.outsider), "NOT_FOUND")
	// An invitee sees the event, but not everyone's replies.
	refused("invitee", bearer(d.api.As(d.ash.ID)), "FORBIDDEN")
	// Nobody signed in: the connection itself is refused.
	if _, err := dialGraphQL(t, d.api.Server.URL, nil, nil); err == nil {
		t.Fatal("anonymous connection accepted")
	}
}
