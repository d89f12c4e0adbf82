package scheduling_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/outboxmessage"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/scheduling"
	"github.com/convene/convene/internal/server"
	"github.com/convene/convene/internal/testutil"
	"github.com/convene/convene/internal/viewer"
)

// rsvpWorld is a real server (rate limits raised: every request comes from
// one test IP) with an event of the given capacity and n invitees, invited
// through the scheduling service; tokens are read from the queued emails,
// as an invitee would.
type rsvpWorld struct {
	db      *database.DB
	srv     *httptest.Server
	client  *http.Client
	event   *ent.Event
	tokens  []string // by invitee, in creation order
	people  []*ent.Person
	baseURL string
}

var linkRE = regexp.MustCompile(`/rsvp/([A-Za-z0-9_-]{40,})`)

func newRSVPWorld(t testing.TB, capacity, n int) *rsvpWorld {
	t.Helper()
	db := testutil.Open(t)
	app := server.New(server.Config{Logger: slog.New(slog.DiscardHandler), BaseURL: "https://convene.test",
		MailFrom:   "forums@convene.test",
		RateLimits: server.RateLimits{AnonymousPerIP: 1 << 30, GraphQLPerIP: 1 << 30}}, db)
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	ctx := viewer.SystemContext(context.Background())
	c := db.Client
	prog := c.Programme.Create().SetName("Capacity").SetSlug("capacity").SaveX(ctx)
	org := c.Person.Create().SetName("Organiser").SetEmail("org@example.org").SaveX(ctx)
	c.ProgrammeRole.Create().SetProgrammeID(prog.ID).SetPersonID(org.ID).SetRole(programmerole.RoleORGANISER).ExecX(ctx)
	start := time.Now().UTC().Add(14 * 24 * time.Hour).Truncate(time.Hour)
	kind := event.KindWORKSHOP
	ev, err := app.Scheduling().ScheduleEvent(ctx, scheduling.EventInput{ProgrammeID: prog.ID, Kind: &kind,
		Title: ptr("Housing pathways workshop"), StartsAt: &start, EndsAt: ptr(start.Add(2 * time.Hour)), Capacity: &capacity})
	if err != nil {
		t.Fatal(err)
	}
	builders := make([]*ent.PersonCreate, n)
	for i := range builders {
		builders[i] = c.Person.Create().SetName(fmt.Sprintf("Invitee %03d", i)).SetEmail(fmt.Sprintf("invitee%03d@example.org", i))
	}
	people := c.Person.CreateBulk(builders...).SaveX(ctx)
	ids := make([]int, n)
	for i, p := range people {
		ids[i] = p.ID
	}
	if _, err := app.Scheduling().Invite(ctx, scheduling.InviteInput{EventID: ev.ID, PersonIDs: ids}); err != nil {
		t.Fatal(err)
	}
	msgs := c.OutboxMessage.Query().Where(outboxmessage.Kind("invitation")).AllX(ctx)
	byEmail := map[string]string{}
	for _, m := range msgs {
		mm := linkRE.FindStringSubmatch(m.BodyText)
		if mm == nil {
			t.Fatalf("no RSVP link in %q", m.BodyText)
		}
		byEmail[m.Recipient] = mm[1]
	}
	w := &rsvpWorld{db: db, srv: srv, event: ev, people: people, baseURL: srv.URL,
		client: &http.Client{
			Transport:     &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}
	for _, p := range people {
		tok := byEmail[*p.Email]
		if tok == "" {
			t.Fatalf("no invitation email for %s", *p.Email)
		}
		w.tokens = append(w.tokens, tok)
	}
	return w
}

func ptr[T any](v T) *T { return &v }

// post answers through the no-login form, like a browser without JS.
func (w *rsvpWorld) post(token, response string) (int, string, error) {
	res, err := w.client.PostForm(w.baseURL+"/rsvp/"+token, url.Values{"response": {response}})
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	return res.StatusCode, res.Header.Get("Location"), nil
}

func (w *rsvpWorld) invitations(t testing.TB) []*ent.Invitation {
	t.Helper()
	return w.db.Client.Invitation.Query().Where(invitation.EventID(w.event.ID)).
		Order(ent.Asc(invitation.FieldID)).AllX(viewer.SystemContext(context.Background()))
}

// 500 people accept at the same moment an event with 50 places: exactly 50
// get a place and 450 queue in arrival order; declines then promote the
// head of the queue, who are emailed — on SQLite and on PostgreSQL.
func TestConcurrentAcceptsNeverExceedCapacity(t *testing.T) {
	const capacity, n = 50, 500
	w := newRSVPWorld(t, capacity, n)

	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func(tok string) {
			defer wg.Done()
			<-start
			code, loc, err := w.post(tok, "ACCEPTED")
			if err == nil && code != http.StatusSeeOther {
				err = fmt.Errorf("status %d", code)
			}
			if err == nil && !strings.Contains(loc, "done=ACCEPTED") && !strings.Contains(loc, "done=WAITLISTED") {
				err = fmt.Errorf("redirected to %q", loc)
			}
			if err != nil {
				errs <- err
			}
		}(w.tokens[i])
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("accept: %v", err)
	}

	invs := w.invitations(t)
	var accepted, waitlisted []*ent.Invitation
	for _, inv := range invs {
		switch inv.Response {
		case invitation.ResponseACCEPTED:
			accepted = append(accepted, inv)
		case invitation.ResponseWAITLISTED:
			waitlisted = append(waitlisted, inv)
		default:
			t.Errorf("invitation %d is %s", inv.ID, inv.Response)
		}
	}
	if len(accepted) != capacity || len(waitlisted) != n-capacity {
		t.Fatalf("accepted %d, waitlisted %d; want %d and %d", len(accepted), len(waitlisted), capacity, n-capacity)
	}
	// The queue is in arrival order: positions 1..450, each used once,
	// and nobody who answered later is ahead of someone who answered earlier.
	sort.Slice(waitlisted, func(i, j int) bool { return *waitlisted[i].WaitlistPosition < *waitlisted[j].WaitlistPosition })
	for i, inv := range waitlisted {
		if *inv.WaitlistPosition != int64(i+1) {
			t.Fatalf("waitlist position %d at index %d", *inv.WaitlistPosition, i)
		}
		if i > 0 && inv.RespondedAt.Before(*waitlisted[i-1].RespondedAt) {
			t.Fatalf("position %d answered before position %d", i+1, i)
		}
	}
	for _, inv := range accepted {
		if inv.WaitlistPosition != nil {
			t.Errorf("accepted invitation %d has a waitlist position", inv.ID)
		}
	}

	// Ten people with places decline: the first ten in the queue move up.
	tokenOf := map[int]string{}
	for i, p := range w.people {
		tokenOf[p.ID] = w.tokens[i]
	}
	for _, inv := range accepted[:10] {
		if code, loc, err := w.post(tokenOf[inv.PersonID], "DECLINED"); err != nil || code != http.StatusSeeOther || !strings.Contains(loc, "done=DECLINED") {
			t.Fatalf("decline: %d %q %v", code, loc, err)
		}
	}
	after := map[int]*ent.Invitation{}
	count := map[invitation.Response]int{}
	for _, inv := range w.invitations(t) {
		after[inv.ID] = inv
		count[inv.Response]++
	}
	if count[invitation.ResponseACCEPTED] != capacity || count[invitation.ResponseDECLINED] != 10 || count[invitation.ResponseWAITLISTED] != n-capacity-10 {
		t.Fatalf("after declines: %v", count)
	}
	promoted := map[int]bool{}
	for i, inv := range waitlisted {
		got := after[inv.ID].Response
		if i < 10 && got != invitation.ResponseACCEPTED {
			t.Errorf("queue position %d is %s, want ACCEPTED", i+1, got)
		}
		if i >= 10 && got != invitation.ResponseWAITLISTED {
			t.Errorf("queue position %d is %s, want WAITLISTED", i+1, got)
		}
		if i < 10 {
			promoted[inv.PersonID] = true
		}
	}
	// Each promoted person was told by email, in the same transaction.
	mails := w.db.Client.OutboxMessage.Query().Where(outboxmessage.Kind("waitlist-promotion")).AllX(viewer.SystemContext(context.Background()))
	if len(mails) != 10 {
		t.Fatalf("%d promotion emails, want 10", len(mails))
	}
	emails := map[string]bool{}
	for _, p := range w.people {
		if promoted[p.ID] {
			emails[*p.Email] = true
		}
	}
	for _, m := range mails {
		if !emails[m.Recipient] || m.IcsMethod != "REQUEST" || !strings.Contains(m.BodyText, "/rsvp/") {
			t.Errorf("promotion email to %s (%s)", m.Recipient, m.IcsMethod)
		}
	}
	// Raising the capacity promotes the next in line too.
	ctx := viewer.SystemContext(context.Background())
	var sched = scheduling.Service{Client: w.db.Client, Dialect: w.db.Dialect}
	if _, err := sched.RescheduleEvent(ctx, w.event.ID, scheduling.EventInput{Capacity: ptr(capacity + 5)}); err != nil {
		t.Fatal(err)
	}
	if got := w.db.Client.Invitation.Query().Where(invitation.EventID(w.event.ID), invitation.ResponseEQ(invitation.ResponseACCEPTED)).CountX(ctx); got != capacity+5 {
		t.Errorf("after raising capacity: %d accepted", got)
	}
	for i, inv := range waitlisted[10:15] {
		if r := w.db.Client.Invitation.GetX(ctx, inv.ID).Response; r != invitation.ResponseACCEPTED {
			t.Errorf("queue position %d is %s after the capacity rise", i+11, r)
		}
	}
}
