package scheduling_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"

	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/icalendar"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/outbox"
	"github.com/convene/convene/internal/outbox/outboxtest"
	"github.com/convene/convene/internal/server"
	"github.com/convene/convene/internal/testutil"
)

const mailFrom = "forums@convene.test"

// mailWorld is the real server configured like production (organiser
// address, base URL), an in-process SMTP server, and an outbox worker
// sending to it through mail.SMTPSender.
type mailWorld struct {
	*world
	app    *server.Server
	smtp   *outboxtest.SMTPServer
	worker *outbox.Worker
	seen   int
}

func newMailWorld(t *testing.T) *mailWorld {
	t.Helper()
	db := testutil.Open(t)
	app := server.New(server.Config{Logger: slog.New(slog.DiscardHandler), BaseURL: "https://convene.test", MailFrom: mailFrom}, db)
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	api := &apitest.API{T: t, DB: db, Server: srv, Counter: &apitest.QueryCounter{}, Header: http.Header{}}
	smtp := outboxtest.NewSMTPServer(t)
	sender, err := mail.NewSMTPSender(smtp.URL(mailFrom))
	if err != nil {
		t.Fatal(err)
	}
	return &mailWorld{world: newWorld(t, api, "mail"), app: app, smtp: smtp,
		worker: &outbox.Worker{Client: db.Client, Dialect: db.Dialect, Sender: sender, Logger: slog.New(slog.DiscardHandler)}}
}

// deliver runs the worker until the outbox is drained and returns the new
// messages, parsed.
func (m *mailWorld) deliver(t *testing.T) []delivered {
	t.Helper()
	for {
		n, err := m.worker.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	all := m.smtp.Messages()
	var out []delivered
	for _, r := range all[m.seen:] {
		p, err := outboxtest.Parse(r.Raw)
		if err != nil {
			t.Fatalf("parse MIME: %v\n%s", err, r.Raw)
		}
		d := delivered{to: r.To[0], mime: p}
		if ics, ok := p.Parts["text/calendar"]; ok {
			cal, err := icalendar.Parse(bytes.NewReader(ics))
			if err != nil {
				t.Fatalf("parse .ics: %v\n%s", err, ics)
			}
			d.cal, d.method = cal, p.Params["text/calendar"]["method"]
		}
		out = append(out, d)
	}
	m.seen = len(all)
	return out
}

type delivered struct {
	to     string
	mime   *outboxtest.Parsed
	cal    *ical.Calendar
	method string
}

func (d delivered) events() []*ical.Component {
	var out []*ical.Component
	for _, c := range d.cal.Children {
		if c.Name == ical.CompEvent {
			out = append(out, c)
		}
	}
	return out
}

func prop(c *ical.Component, name string) string {
	if p := c.Props.Get(name); p != nil {
		return p.Value
	}
	return ""
}

// The whole invitation journey by email: a monthly forum invited to an
// organisation and the lived-experience group; iMIP REQUEST with ORGANIZER,
// ATTENDEE, VTIMEZONE, RRULE and EXDATE; a no-account reply from the
// emailed link; updates with a higher SEQUENCE; a single-occurrence CANCEL
// with RECURRENCE-ID; and the 24-hour reminder, sent once.
func TestInvitationEmailsEndToEnd(t *testing.T) {
	m := newMailWorld(t)
	ctx := m.admin.Ctx()
	c := m.admin.Client()
	org := c.Organisation.Create().SetName("Northgate Housing").SetSector("HOUSING").SaveX(ctx)
	ann := c.Person.Create().SetName("Ann Frontline").SetEmail("ann@northgate.example").SetStakeholderGroup(person.StakeholderGroupFRONTLINE).SaveX(ctx)
	c.Membership.Create().SetPersonID(ann.ID).SetOrganisationID(org.ID).ExecX(ctx)
	sam := c.Person.Create().SetName("Sam Peer").SetEmail("sam@example.org").SetStakeholderGroup(person.StakeholderGroupLIVED_EXPERIENCE).SaveX(ctx)
	c.Person.Create().SetName("No Email").SetStakeholderGroup(person.StakeholderGroupLIVED_EXPERIENCE).ExecX(ctx)

	// Monthly on the 2nd Thursday, 10:00 London, skipping August.
	ev := m.schedule(t, map[string]any{"kind": "FORUM", "title": "Multiple disadvantage forum",
		"startsAt": "2026-07-09T09:00:00Z", "endsAt": "2026-07-09T11:00:00Z", "rrule": "FREQ=MONTHLY;BYDAY=2TH",
		"exdates": []string{"2026-08-13T09:00:00Z"}, "venueName": "Central Library", "venueAddress": "1 High St\nNorthtown",
		"capacity": 30})
	var inv struct {
		Invite struct {
			Invitations []struct{ ID string }
			Skipped     int
			NotEmailed  int
		}
	}
	q := `mutation($e: ID!, $o: [ID!]) { invite(input: {eventID: $e, organisationIDs: $o, stakeholderGroups: [LIVED_EXPERIENCE]}) { invitations { id } skipped notEmailed } }`
	m.organiser.MustDo(q, map[string]any{"e": ev, "o": []string{id(org.ID)}}, &inv)
	if len(inv.Invite.Invitations) != 3 || inv.Invite.NotEmailed != 1 {
		t.Fatalf("invite = %+v", inv.Invite)
	}
	// Inviting again is not an error, and sends nothing.
	m.organiser.MustDo(q, map[string]any{"e": ev, "o": []string{id(org.ID)}}, &inv)
	if len(inv.Invite.Invitations) != 0 || inv.Invite.Skipped != 3 {
		t.Fatalf("second invite = %+v", inv.Invite)
	}

	event := c.Event.GetX(ctx, atoi(ev))
	msgs := m.deliver(t)
	if len(msgs) != 2 {
		t.Fatalf("%d invitation emails, want 2", len(msgs))
	}
	var samMail delivered
	for _, d := range msgs {
		if d.method != "REQUEST" || d.cal == nil {
			t.Fatalf("calendar part: method %q", d.method)
		}
		if got := prop(d.cal.Component, "METHOD"); got != "REQUEST" {
			t.Errorf("METHOD = %q", got)
		}
		if !strings.HasPrefix(d.mime.Header.Get("Subject"), "Invitation: Multiple disadvantage forum") {
			t.Errorf("subject %q", d.mime.Header.Get("Subject"))
		}
		if !strings.Contains(string(d.mime.Parts["text/plain"]), "https://convene.test/rsvp/") ||
			!strings.Contains(string(d.mime.Parts["text/html"]), `href="https://convene.test/rsvp/`) {
			t.Errorf("no RSVP link in the text and HTML bodies")
		}
		evs := d.events()
		if len(evs) != 1 {
			t.Fatalf("%d VEVENTs", len(evs))
		}
		ve := evs[0]
		if prop(ve, "UID") != event.UID || prop(ve, "SEQUENCE") != "0" {
			t.Errorf("UID %q SEQUENCE %q", prop(ve, "UID"), prop(ve, "SEQUENCE"))
		}
		if prop(ve, "RRULE") != "FREQ=MONTHLY;BYDAY=2TH" {
			t.Errorf("RRULE %q", prop(ve, "RRULE"))
		}
		ex := ve.Props.Get("EXDATE")
		if ex == nil || ex.Value != "20260813T100000" || ex.Params.Get("TZID") != "Europe/London" {
			t.Errorf("EXDATE %+v", ex)
		}
		start, err := ve.Props.DateTime("DTSTART", nil)
		if err != nil || !start.Equal(utc("2026-07-09T09:00:00Z")) || ve.Props.Get("DTSTART").Params.Get("TZID") != "Europe/London" {
			t.Errorf("DTSTART %v %v", start, err)
		}
		if len(d.cal.Children) == 0 || d.cal.Children[0].Name != "VTIMEZONE" || prop(d.cal.Children[0], "TZID") != "Europe/London" {
			t.Errorf("no VTIMEZONE for Europe/London first")
		}
		o := ve.Props.Get("ORGANIZER")
		if o == nil || o.Value != "mailto:"+mailFrom {
			t.Errorf("ORGANIZER %+v", o)
		}
		a := ve.Props.Get("ATTENDEE")
		if a == nil || a.Value != "mailto:"+d.to || a.Params.Get("PARTSTAT") != "NEEDS-ACTION" || a.Params.Get("RSVP") != "TRUE" {
			t.Errorf("ATTENDEE %+v", a)
		}
		if d.to == *sam.Email {
			samMail = d
		}
	}
	if samMail.cal == nil {
		t.Fatal("no email to Sam")
	}

	// Sam answers from the emailed link, with no account.
	link := linkRE.FindString(string(samMail.mime.Parts["text/plain"]))
	page := httpGet(t, m.api.Server.URL+link)
	if !strings.Contains(page, "Multiple disadvantage forum") || !strings.Contains(page, `value="ACCEPTED"`) || !strings.Contains(page, "invite.ics") {
		t.Fatalf("RSVP page:\n%s", page)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.PostForm(m.api.Server.URL+link, url.Values{"response": {"ACCEPTED"}, "access_needs": {"Step-free access, please"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST reply: %v %v", res, err)
	}
	res.Body.Close()
	if page := httpGet(t, m.api.Server.URL+res.Header.Get("Location")); !strings.Contains(page, "you have a place") || !strings.Contains(page, "Step-free access, please") {
		t.Errorf("after accepting:\n%s", page)
	}
	ics := httpGet(t, m.api.Server.URL+link+"/invite.ics")
	if dl, err := icalendar.Parse(strings.NewReader(ics)); err != nil || prop(dl.Events()[0].Component, "UID") != event.UID || dl.Props.Get("METHOD") != nil {
		t.Errorf(".ics download: %v\n%s", err, ics)
	}
	// Garbage and unknown tokens get a friendly page, not a 500.
	for _, bad := range []string{"/rsvp/nope", "/rsvp/" + strings.Repeat("A", 43)} {
		r, _ := http.Get(m.api.Server.URL + bad)
		body, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != http.StatusNotFound || !strings.Contains(string(body), "not valid") {
			t.Errorf("%s: %d %s", bad, r.StatusCode, body)
		}
	}

	// Move September's meeting: everyone gets REQUEST, same UID, SEQUENCE 1,
	// with the moved occurrence as a RECURRENCE-ID component.
	m.organiser.MustDo(`mutation($e: ID!) { moveOccurrence(eventID: $e, recurrenceId: "2026-09-10T09:00:00Z", startsAt: "2026-09-17T13:00:00Z") { moved } }`, map[string]any{"e": ev}, nil)
	msgs = m.deliver(t)
	if len(msgs) != 2 {
		t.Fatalf("%d update emails", len(msgs))
	}
	for _, d := range msgs {
		evs := d.events()
		if d.method != "REQUEST" || len(evs) != 2 {
			t.Fatalf("update: method %q, %d VEVENTs", d.method, len(evs))
		}
		for _, ve := range evs {
			if prop(ve, "UID") != event.UID || prop(ve, "SEQUENCE") != "1" {
				t.Errorf("update UID %q SEQUENCE %q", prop(ve, "UID"), prop(ve, "SEQUENCE"))
			}
		}
		moved := evs[1]
		if prop(moved, "RECURRENCE-ID") != "20260910T100000" {
			moved = evs[0]
		}
		start, _ := moved.Props.DateTime("DTSTART", nil)
		rid, _ := moved.Props.DateTime("RECURRENCE-ID", nil)
		if !start.Equal(utc("2026-09-17T13:00:00Z")) || !rid.Equal(utc("2026-09-10T09:00:00Z")) {
			t.Errorf("moved occurrence: DTSTART %v RECURRENCE-ID %v", start, rid)
		}
		if d.to == *sam.Email && evs[0].Props.Get("ATTENDEE").Params.Get("PARTSTAT") != "ACCEPTED" {
			t.Errorf("Sam's PARTSTAT in the update = %q", evs[0].Props.Get("ATTENDEE").Params.Get("PARTSTAT"))
		}
		// The update carries the same link as the invitation, so the
		// first email's link keeps working after the move.
		if d.to == *sam.Email {
			if again := linkRE.FindString(string(d.mime.Parts["text/plain"])); again != link {
				t.Errorf("the update's RSVP link %q differs from the invitation's %q", again, link)
			}
		}
	}
	if page := httpGet(t, m.api.Server.URL+link); !strings.Contains(page, "Multiple disadvantage forum") || strings.Contains(page, "not valid") {
		t.Errorf("the invitation email's link after an update email:\n%s", page)
	}

	// Cancel October's: METHOD:CANCEL, RECURRENCE-ID, SEQUENCE 2.
	m.organiser.MustDo(`mutation($e: ID!) { cancelOccurrence(eventID: $e, recurrenceId: "2026-10-08T09:00:00Z") { cancelled } }`, map[string]any{"e": ev}, nil)
	msgs = m.deliver(t)
	if len(msgs) != 2 {
		t.Fatalf("%d cancellation emails", len(msgs))
	}
	for _, d := range msgs {
		ve := d.events()[0]
		if d.method != "CANCEL" || prop(d.cal.Component, "METHOD") != "CANCEL" || prop(ve, "STATUS") != "CANCELLED" ||
			prop(ve, "UID") != event.UID || prop(ve, "SEQUENCE") != "2" {
			t.Errorf("cancel: method %q STATUS %q UID %q SEQUENCE %q", d.method, prop(ve, "STATUS"), prop(ve, "UID"), prop(ve, "SEQUENCE"))
		}
		if rid, err := ve.Props.DateTime("RECURRENCE-ID", nil); err != nil || !rid.Equal(utc("2026-10-08T09:00:00Z")) {
			t.Errorf("cancel RECURRENCE-ID %v %v", rid, err)
		}
		if !strings.Contains(d.mime.Header.Get("Subject"), "Cancelled") {
			t.Errorf("subject %q", d.mime.Header.Get("Subject"))
		}
	}

	// 23 hours before the November meeting the reminder goes to those who
	// accepted (Sam), once, however often the job runs.
	sched := m.app.Scheduling()
	sched.Now = func() time.Time { return utc("2026-11-12T10:00:00Z").Add(-23 * time.Hour) }
	defer func() { sched.Now = nil }()
	for range 2 {
		if _, err := sched.RunDueReminders(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	msgs = m.deliver(t)
	if len(msgs) != 1 || msgs[0].to != *sam.Email || !strings.HasPrefix(msgs[0].mime.Header.Get("Subject"), "Reminder: Multiple disadvantage forum") {
		t.Fatalf("reminders: %d %+v", len(msgs), msgs)
	}

	// The organiser nudges those who have not answered (Ann).
	var nudged struct{ SendReminders int }
	m.organiser.MustDo(`mutation($e: ID!) { sendReminders(eventID: $e) }`, map[string]any{"e": ev}, &nudged)
	msgs = m.deliver(t)
	if nudged.SendReminders != 1 || len(msgs) != 1 || msgs[0].to != "ann@northgate.example" {
		t.Fatalf("nudge: %d, %d emails", nudged.SendReminders, len(msgs))
	}

	// Cancelling the whole event: METHOD:CANCEL of the series.
	m.organiser.MustDo(`mutation($e: ID!) { cancelEvent(id: $e) { status } }`, map[string]any{"e": ev}, nil)
	msgs = m.deliver(t)
	for _, d := range msgs {
		ve := d.events()[0]
		if d.method != "CANCEL" || ve.Props.Get("RECURRENCE-ID") != nil || prop(ve, "SEQUENCE") != "3" {
			t.Errorf("event cancel: %q RECURRENCE-ID %v SEQUENCE %q", d.method, ve.Props.Get("RECURRENCE-ID"), prop(ve, "SEQUENCE"))
		}
	}
	if len(msgs) != 2 {
		t.Errorf("%d event cancellation emails", len(msgs))
	}
}

func httpGet(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", u, res.StatusCode, b)
	}
	return string(b)
}
