package agenda_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/apitest"
)

// world is a programme with an organiser and two invitees, arranged in the
// database; schedules, moves and cancellations go through the API.
type world struct {
	t         *testing.T
	api       *apitest.API
	organiser *apitest.API
	programme *ent.Programme
	sam, kim  *ent.Person
}

func newWorld(t *testing.T, slug string) *world {
	t.Helper()
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	prog := c.Programme.Create().SetName("Programme " + slug).SetSlug(slug).SetTimeZone("Europe/London").SaveX(ctx)
	org := c.Person.Create().SetName("Olu Organiser").SetEmail("organiser-" + slug + "@example.org").SaveX(ctx)
	c.ProgrammeRole.Create().SetProgrammeID(prog.ID).SetPersonID(org.ID).SetRole(programmerole.RoleORGANISER).ExecX(ctx)
	return &world{
		t: t, api: api, organiser: api.As(org.ID), programme: prog,
		sam: c.Person.Create().SetName("Sam Taylor").SetEmail("sam-" + slug + "@example.org").SaveX(ctx),
		kim: c.Person.Create().SetName("Kim Lee").SetEmail("kim-" + slug + "@example.org").SaveX(ctx),
	}
}

func id(n int) string   { return strconv.Itoa(n) }
func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// schedule schedules an event through the API and returns its id.
func (w *world) schedule(input map[string]any) int {
	w.t.Helper()
	input["programmeID"] = id(w.programme.ID)
	if input["kind"] == nil {
		input["kind"] = "WORKSHOP"
	}
	var out struct {
		ScheduleEvent struct{ ID string } `json:"scheduleEvent"`
	}
	w.organiser.MustDo(`mutation($in: ScheduleEventInput!) { scheduleEvent(input: $in) { id } }`, map[string]any{"in": input}, &out)
	return atoi(out.ScheduleEvent.ID)
}

// event creates an event directly (past dates included).
func (w *world) event(title string, start time.Time, rrule string) *ent.Event {
	w.t.Helper()
	return w.api.Client().Event.Create().SetProgramme(w.programme).SetKind("FORUM").SetTitle(title).
		SetStartsAt(start).SetEndsAt(start.Add(2 * time.Hour)).SetRrule(rrule).SaveX(w.api.Ctx())
}

// invite invites p directly with a reply; occurrence may be nil.
func (w *world) invite(eventID int, p *ent.Person, r invitation.Response, occurrence *time.Time) *ent.Invitation {
	w.t.Helper()
	b := w.api.Client().Invitation.Create().SetEventID(eventID).SetPersonID(p.ID).SetResponse(r)
	if occurrence != nil {
		b.SetOccurrenceStart(*occurrence)
	}
	return b.SaveX(w.api.Ctx())
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func ptr[T any](v T) *T { return &v }

// --- upcomingOccurrences ---------------------------------------------------

type agendaPage struct {
	Viewer struct {
		UpcomingOccurrences struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
			Edges []struct {
				Cursor string
				Node   struct {
					Occurrence struct {
						RecurrenceID string `json:"recurrenceId"`
						StartsAt     string
						Cancelled    bool
						Moved        bool
						Title        string
						VenueName    *string
						OnlineURL    *string `json:"onlineURL"`
						Event        struct {
							ID        string
							TimeZone  string
							Programme struct{ Name string }
						}
					}
					Invitation struct {
						ID       string
						Response string
					}
				}
			}
		}
	}
}

const agendaQuery = `query($from: Time, $to: Time, $first: Int, $after: Cursor, $cancelled: Boolean) {
  viewer { upcomingOccurrences(from: $from, to: $to, first: $first, after: $after, includeCancelled: $cancelled) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      occurrence { recurrenceId startsAt cancelled moved title venueName onlineURL event { id timeZone programme { name } } }
      invitation { id response }
    } }
  } }
}`

func agenda(t *testing.T, as *apitest.API, vars map[string]any) agendaPage {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	if vars["first"] == nil {
		vars["first"] = 50
	}
	var out agendaPage
	as.MustDo(agendaQuery, vars, &out)
	return out
}

// lines renders a page as "start title response [moved from …] [cancelled]".
func (p agendaPage) lines() []string {
	var out []string
	for _, e := range p.Viewer.UpcomingOccurrences.Edges {
		o := e.Node.Occurrence
		s := fmt.Sprintf("%s %s %s", utc(o.StartsAt).Format(time.RFC3339), o.Title, e.Node.Invitation.Response)
		if o.Moved {
			s += " moved-from " + utc(o.RecurrenceID).Format(time.RFC3339)
		}
		if o.Cancelled {
			s += " cancelled"
		}
		out = append(out, s)
	}
	return out
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

// A weekly series with a moved, a cancelled and a declined occurrence, a
// one-off online workshop, and events the person must not see: declined,
// withdrawn, cancelled, someone else's.
func TestUpcomingOccurrences(t *testing.T) {
	w := newWorld(t, "agenda")
	forum := w.schedule(map[string]any{"kind": "FORUM", "title": "Peer forum", "venueName": "Central Library", "timeZone": "Europe/London",
		"startsAt": "2099-03-05T10:00:00Z", "endsAt": "2099-03-05T12:00:00Z", "rrule": "FREQ=WEEKLY;COUNT=4"})
	online := w.schedule(map[string]any{"title": "Housing workshop", "onlineURL": "https://meet.example.org/housing",
		"startsAt": "2099-03-10T14:00:00Z", "endsAt": "2099-03-10T15:00:00Z"})
	declined := w.schedule(map[string]any{"title": "Declined workshop", "startsAt": "2099-03-11T14:00:00Z", "endsAt": "2099-03-11T15:00:00Z"})
	withdrawn := w.schedule(map[string]any{"title": "Withdrawn workshop", "startsAt": "2099-03-12T09:00:00Z", "endsAt": "2099-03-12T10:00:00Z"})
	cancelled := w.schedule(map[string]any{"title": "Cancelled workshop", "startsAt": "2099-03-14T09:00:00Z", "endsAt": "2099-03-14T10:00:00Z"})
	kimsOnly := w.schedule(map[string]any{"title": "Kim's workshop", "startsAt": "2099-03-06T09:00:00Z", "endsAt": "2099-03-06T10:00:00Z"})

	w.invite(forum, w.sam, invitation.ResponseACCEPTED, nil)
	w.invite(forum, w.sam, invitation.ResponseDECLINED, ptr(utc("2099-03-26T10:00:00Z"))) // not this one
	w.invite(online, w.sam, invitation.ResponsePENDING, nil)
	w.invite(declined, w.sam, invitation.ResponseDECLINED, nil)
	gone := w.invite(withdrawn, w.sam, invitation.ResponseACCEPTED, nil)
	w.api.Client().Invitation.UpdateOne(gone).SetWithdrawnAt(time.Now()).ExecX(w.api.Ctx())
	w.invite(cancelled, w.sam, invitation.ResponseACCEPTED, nil)
	w.invite(forum, w.kim, invitation.ResponseTENTATIVE, nil)
	w.invite(kimsOnly, w.kim, invitation.ResponseACCEPTED, nil)

	w.organiser.MustDo(`mutation($id: ID!) { moveOccurrence(eventID: $id, recurrenceId: "2099-03-12T10:00:00Z", startsAt: "2099-03-13T14:00:00Z") { moved } }`, map[string]any{"id": id(forum)}, nil)
	w.organiser.MustDo(`mutation($id: ID!) { cancelOccurrence(eventID: $id, recurrenceId: "2099-03-19T10:00:00Z") { cancelled } }`, map[string]any{"id": id(forum)}, nil)
	w.organiser.MustDo(`mutation($id: ID!) { cancelEvent(id: $id) { status } }`, map[string]any{"id": id(cancelled)}, nil)

	sam := w.api.As(w.sam.ID)
	window := map[string]any{"from": "2099-03-01T00:00:00Z", "to": "2099-04-01T00:00:00Z"}
	got := agenda(t, sam, window)
	equal(t, "Sam's agenda", got.lines(), []string{
		"2099-03-05T10:00:00Z Peer forum ACCEPTED",
		"2099-03-10T14:00:00Z Housing workshop PENDING",
		"2099-03-13T14:00:00Z Peer forum ACCEPTED moved-from 2099-03-12T10:00:00Z",
		"2099-03-19T10:00:00Z Peer forum ACCEPTED cancelled",
	})
	edges := got.Viewer.UpcomingOccurrences.Edges
	if len(edges) == 4 {
		if o := edges[1].Node.Occurrence; o.OnlineURL == nil || *o.OnlineURL != "https://meet.example.org/housing" || o.Event.ID != id(online) {
			t.Errorf("workshop occurrence = %+v", o)
		}
		if o := edges[0].Node.Occurrence; o.VenueName == nil || *o.VenueName != "Central Library" || o.Event.TimeZone != "Europe/London" || o.Event.Programme.Name != "Programme agenda" {
			t.Errorf("forum occurrence = %+v", o)
		}
	}
	if n := got.Viewer.UpcomingOccurrences.TotalCount; n != 4 {
		t.Errorf("totalCount = %d, want 4", n)
	}

	// Without cancelled occurrences.
	window["cancelled"] = false
	equal(t, "Sam's agenda without cancellations", agenda(t, sam, window).lines(), []string{
		"2099-03-05T10:00:00Z Peer forum ACCEPTED",
		"2099-03-10T14:00:00Z Housing workshop PENDING",
		"2099-03-13T14:00:00Z Peer forum ACCEPTED moved-from 2099-03-12T10:00:00Z",
	})
	delete(window, "cancelled")

	// Page by page: two, then the rest.
	window["first"] = 2
	p1 := agenda(t, sam, window)
	if !p1.Viewer.UpcomingOccurrences.PageInfo.HasNextPage || p1.Viewer.UpcomingOccurrences.PageInfo.EndCursor == nil {
		t.Fatalf("first page: %+v", p1.Viewer.UpcomingOccurrences.PageInfo)
	}
	window["after"] = *p1.Viewer.UpcomingOccurrences.PageInfo.EndCursor
	p2 := agenda(t, sam, window)
	equal(t, "pages", append(p1.lines(), p2.lines()...), got.lines())
	if p2.Viewer.UpcomingOccurrences.PageInfo.HasNextPage {
		t.Error("the last page says there is more")
	}
	// A cursor from another list is refused.
	foreign := invitations(t, sam, map[string]any{"first": 1}).Viewer.Invitations.PageInfo.EndCursor
	sam.ErrorCode(agendaQuery, map[string]any{"first": 5, "after": *foreign}, "BAD_USER_INPUT")
	sam.ErrorCode(agendaQuery, map[string]any{"first": 5, "from": "2099-03-01T00:00:00Z", "to": "2103-03-01T00:00:00Z"}, "BAD_USER_INPUT")

	// Kim sees the series (including the occurrence Sam declined) and her
	// own workshop, never Sam's.
	equal(t, "Kim's agenda", agenda(t, w.api.As(w.kim.ID), map[string]any{"from": "2099-03-01T00:00:00Z", "to": "2099-04-01T00:00:00Z"}).lines(), []string{
		"2099-03-05T10:00:00Z Peer forum TENTATIVE",
		"2099-03-06T09:00:00Z Kim's workshop ACCEPTED",
		"2099-03-13T14:00:00Z Peer forum TENTATIVE moved-from 2099-03-12T10:00:00Z",
		"2099-03-19T10:00:00Z Peer forum TENTATIVE cancelled",
		"2099-03-26T10:00:00Z Peer forum TENTATIVE",
	})
	// An organiser (not invited) and an admin have empty agendas: it is
	// always the viewer's own.
	equal(t, "organiser's agenda", agenda(t, w.organiser, window).lines(), nil)
	equal(t, "admin's agenda", agenda(t, w.api.AsNewAdmin(), map[string]any{"from": "2099-03-01T00:00:00Z", "to": "2099-04-01T00:00:00Z"}).lines(), nil)

	// Signed out: no viewer at all.
	var anon struct{ Viewer *struct{} }
	w.api.Anonymous().MustDo(`{ viewer { upcomingOccurrences { totalCount } } }`, nil, &anon)
	if anon.Viewer != nil {
		t.Error("a signed-out request got a viewer")
	}
}

// By default the agenda starts now: an occurrence already over is left
// out, one under way is kept.
func TestUpcomingOccurrencesDefaultWindow(t *testing.T) {
	w := newWorld(t, "agenda-now")
	now := time.Now().UTC().Truncate(time.Minute)
	past := w.event("Yesterday", now.Add(-24*time.Hour), "")
	under := w.event("Under way", now.Add(-time.Hour), "")
	soon := w.event("Daily", now.Add(2*time.Hour), "FREQ=DAILY;COUNT=3")
	far := w.event("Too far", now.AddDate(2, 0, 0), "")
	for _, ev := range []*ent.Event{past, under, soon, far} {
		w.invite(ev.ID, w.sam, invitation.ResponseACCEPTED, nil)
	}
	got := agenda(t, w.api.As(w.sam.ID), nil)
	var titles []string
	for _, e := range got.Viewer.UpcomingOccurrences.Edges {
		titles = append(titles, e.Node.Occurrence.Title)
	}
	equal(t, "default window", titles, []string{"Under way", "Daily", "Daily", "Daily"})
}

// --- invitations -------------------------------------------------------------

type invitationsPage struct {
	Viewer struct {
		Invitations struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   *string
			}
			Edges []struct {
				Node struct {
					ID       string
					Response string
					Event    struct {
						Title     string
						Programme struct{ Name string }
					}
				}
			}
		}
	}
}

const invitationsQuery = `query($where: ViewerInvitationsFilter, $first: Int, $after: Cursor) {
  viewer { invitations(where: $where, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id response event { title programme { name } } } }
  } }
}`

func invitations(t *testing.T, as *apitest.API, vars map[string]any) invitationsPage {
	t.Helper()
	var out invitationsPage
	as.MustDo(invitationsQuery, vars, &out)
	return out
}

func (p invitationsPage) titles() []string {
	var out []string
	for _, e := range p.Viewer.Invitations.Edges {
		out = append(out, e.Node.Event.Title+" "+e.Node.Response)
	}
	return out
}

// Upcoming and past are decided by occurrences (a series by its next one
// not cancelled, one invitation to an occurrence by that occurrence, moved
// or not); upcoming ones come unanswered first, then soonest; past ones
// most recent first. Withdrawn invitations and other people's never show.
func TestViewerInvitations(t *testing.T) {
	w := newWorld(t, "invitations")
	c, ctx := w.api.Client(), w.api.Ctx()
	now := time.Now().UTC().Truncate(time.Hour)
	day := 24 * time.Hour

	oldOneOff := w.event("Old workshop", now.Add(-300*day), "")
	endedSeries := w.event("Ended series", now.Add(-100*day), "FREQ=WEEKLY;COUNT=3") // last one 86 days ago
	soonPending := w.event("Soon, unanswered", now.Add(5*day), "")
	laterPending := w.event("Later, unanswered", now.Add(40*day), "")
	// Weekly since a year ago: its next occurrence is within a week.
	ongoing := w.event("Ongoing weekly", now.Add(-361*day), "FREQ=WEEKLY")
	accepted := w.event("Accepted workshop", now.Add(20*day), "")
	// A monthly series, invited to one occurrence only: the one 2 months
	// on, moved to 2 days from now.
	monthly := w.event("Monthly, one occurrence", now.Add(-30*day), "FREQ=DAILY;INTERVAL=30")
	rid := now.Add(-30 * day).Add(90 * day)
	c.OccurrenceOverride.Create().SetEventID(monthly.ID).SetRecurrenceID(rid).
		SetStartsAt(now.Add(2 * day)).SetEndsAt(now.Add(2*day + 2*time.Hour)).ExecX(ctx)
	// Invited to an occurrence that is over.
	pastOcc := now.Add(-30 * day)
	declinedPast := w.event("Declined long ago", now.Add(-200*day), "")
	withdrawn := w.event("Withdrawn", now.Add(10*day), "")
	othersOnly := w.event("Kim's only", now.Add(3*day), "")

	w.invite(oldOneOff.ID, w.sam, invitation.ResponseACCEPTED, nil)
	w.invite(endedSeries.ID, w.sam, invitation.ResponseACCEPTED, nil)
	w.invite(laterPending.ID, w.sam, invitation.ResponsePENDING, nil)
	w.invite(soonPending.ID, w.sam, invitation.ResponsePENDING, nil)
	w.invite(ongoing.ID, w.sam, invitation.ResponseTENTATIVE, nil)
	w.invite(accepted.ID, w.sam, invitation.ResponseACCEPTED, nil)
	w.invite(monthly.ID, w.sam, invitation.ResponseACCEPTED, &rid)
	w.invite(monthly.ID, w.sam, invitation.ResponseACCEPTED, &pastOcc)
	w.invite(declinedPast.ID, w.sam, invitation.ResponseDECLINED, nil)
	gone := w.invite(withdrawn.ID, w.sam, invitation.ResponsePENDING, nil)
	c.Invitation.UpdateOne(gone).SetWithdrawnAt(now).ExecX(ctx)
	w.invite(othersOnly.ID, w.kim, invitation.ResponsePENDING, nil)
	w.invite(soonPending.ID, w.kim, invitation.ResponseACCEPTED, nil)

	sam := w.api.As(w.sam.ID)
	all := invitations(t, sam, map[string]any{"first": 50})
	equal(t, "all, in order", all.titles(), []string{
		"Soon, unanswered PENDING",
		"Later, unanswered PENDING",
		"Monthly, one occurrence ACCEPTED", // moved to 2 days from now
		"Ongoing weekly TENTATIVE",         // next within a week
		"Accepted workshop ACCEPTED",
		"Monthly, one occurrence ACCEPTED", // the occurrence 30 days ago
		"Ended series ACCEPTED",
		"Declined long ago DECLINED",
		"Old workshop ACCEPTED",
	})
	if all.Viewer.Invitations.TotalCount != 9 || all.Viewer.Invitations.Edges[0].Node.Event.Programme.Name != "Programme invitations" {
		t.Errorf("totalCount = %d, first = %+v", all.Viewer.Invitations.TotalCount, all.Viewer.Invitations.Edges[0].Node)
	}
	equal(t, "upcoming", invitations(t, sam, map[string]any{"first": 50, "where": map[string]any{"upcoming": true}}).titles(), all.titles()[:5])
	past := invitations(t, sam, map[string]any{"first": 50, "where": map[string]any{"upcoming": false}})
	equal(t, "past", past.titles(), all.titles()[5:])
	if past.Viewer.Invitations.TotalCount != 4 {
		t.Errorf("past totalCount = %d", past.Viewer.Invitations.TotalCount)
	}
	equal(t, "upcoming accepted", invitations(t, sam, map[string]any{"first": 50, "where": map[string]any{"upcoming": true, "responses": []string{"ACCEPTED", "TENTATIVE"}}}).titles(), []string{
		"Monthly, one occurrence ACCEPTED", "Ongoing weekly TENTATIVE", "Accepted workshop ACCEPTED",
	})

	// Pages of 4 follow one another.
	var paged []string
	vars := map[string]any{"first": 4}
	for range 5 {
		p := invitations(t, sam, vars)
		paged = append(paged, p.titles()...)
		if !p.Viewer.Invitations.PageInfo.HasNextPage {
			break
		}
		vars["after"] = *p.Viewer.Invitations.PageInfo.EndCursor
	}
	equal(t, "paged", paged, all.titles())

	// Kim sees her own two, never Sam's.
	equal(t, "Kim's", invitations(t, w.api.As(w.kim.ID), map[string]any{"first": 50}).titles(), []string{"Kim's only PENDING", "Soon, unanswered ACCEPTED"})
	// totalCount alone needs no page size.
	var count struct {
		Viewer struct{ Invitations struct{ TotalCount int } }
	}
	sam.MustDo(`{ viewer { invitations(where: {upcoming: false}) { totalCount } } }`, nil, &count)
	if count.Viewer.Invitations.TotalCount != 4 {
		t.Errorf("past count = %d", count.Viewer.Invitations.TotalCount)
	}
	// A cursor from another list is refused.
	foreign := agenda(t, sam, map[string]any{"first": 1}).Viewer.UpcomingOccurrences.PageInfo.EndCursor
	sam.ErrorCode(invitationsQuery, map[string]any{"first": 5, "after": *foreign}, "BAD_USER_INPUT")
}

// --- query counts --------------------------------------------------------------

// seedCount gives Sam n events: a third of them weekly series with a moved
// occurrence, the rest one-offs, each with an invitation to Sam and to Kim.
func seedCount(w *world, n int) {
	c, ctx := w.api.Client(), w.api.Ctx()
	start := time.Now().UTC().Truncate(time.Hour).Add(24 * time.Hour)
	for i := range n {
		s := start.Add(time.Duration(i) * time.Hour)
		rule := ""
		if i%3 == 0 {
			rule = "FREQ=WEEKLY;COUNT=5"
		}
		ev := w.event(fmt.Sprintf("Event %d", i), s, rule)
		if rule != "" {
			c.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(s.Add(7 * 24 * time.Hour)).
				SetStartsAt(s.Add(8 * 24 * time.Hour)).SetEndsAt(s.Add(8*24*time.Hour + time.Hour)).ExecX(ctx)
		}
		w.invite(ev.ID, w.sam, invitation.ResponseACCEPTED, nil)
		w.invite(ev.ID, w.kim, invitation.ResponsePENDING, nil)
	}
}

const countAgenda = `{ viewer { upcomingOccurrences(first: 100) { totalCount edges { node {
  occurrence { startsAt title venueName event { id title timeZone allDay programme { name timeZone } } }
  invitation { id response }
} } } } }`

const countInvitations = `{ viewer {
  upcoming: invitations(first: 100, where: {upcoming: true}) { totalCount edges { node { id response
    event { id title rrule programme { id name } occurrences(from: "2020-01-01T00:00:00Z", to: "2021-01-01T00:00:00Z") { startsAt } } } } }
  past: invitations(where: {upcoming: false}) { totalCount }
} }`

func statements(t *testing.T, n int, query string) (int64, []byte) {
	w := newWorld(t, fmt.Sprintf("count-%d", n))
	seedCount(w, n)
	sam := w.api.As(w.sam.ID)
	sam.Counter.Reset()
	res := sam.Do(query, nil)
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %s", res.Raw)
	}
	return sam.Counter.Count(), res.Data
}

func TestQueryCountsDoNotGrow(t *testing.T) {
	for name, q := range map[string]string{"upcomingOccurrences": countAgenda, "invitations": countInvitations} {
		t.Run(name, func(t *testing.T) {
			small, smallData := statements(t, 3, q)
			large, largeData := statements(t, 30, q)
			if len(largeData) < 5*len(smallData) {
				t.Fatalf("the larger world did not return more: %d vs %d bytes", len(smallData), len(largeData))
			}
			if small != large {
				t.Fatalf("SQL statements: %d for 3 events but %d for 30 (N+1 somewhere)", small, large)
			}
			t.Logf("%d statements for both 3 and 30 events", small)
		})
	}
}
