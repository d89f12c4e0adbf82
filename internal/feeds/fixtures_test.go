package feeds_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/apitest"
)

// The world the feed tests look at: one programme in Europe/London with
// a weekly forum that crosses the March 2027 clock change (one date
// excluded, one occurrence moved, one cancelled), a weekly New York
// series crossing the US change, an all-day workshop, text full of
// characters that need escaping, a cancelled event (recent, and one
// cancelled long ago), a declined invitation and an invitation to a
// single occurrence of another series.

var (
	london  = mustZone("Europe/London")
	newYork = mustZone("America/New_York")
)

func mustZone(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

const (
	trickyTitle = `Comma, semicolon; backslash \ "quoted" — Café naïve ✓`
	trickyDesc  = "Line one, with comma; and semicolon\nLine two \\ backslash\n\nÜnïcödé 🎉 end"
	adaName     = `Ada "Countess" Lovelace, FRS`
	adaEmail    = "ada@example.org"
)

type world struct {
	api        *apitest.API
	programme  *ent.Programme
	org        *ent.Organisation
	ada        *ent.Person
	organiser  *ent.Person
	forum      *ent.Event // London weekly
	nyc        *ent.Event // New York weekly
	allDay     *ent.Event
	tricky     *ent.Event
	cancelled  *ent.Event
	oldCancel  *ent.Event
	declined   *ent.Event
	singleOcc  *ent.Event // Ada invited to one occurrence only
	singleRID  time.Time
	forumRIDs  map[string]time.Time
	adaInvites map[int]*ent.Invitation
}

func newWorld(t *testing.T, api *apitest.API, public bool) *world {
	t.Helper()
	ctx, c := api.Ctx(), api.Client()
	w := &world{api: api, forumRIDs: map[string]time.Time{}, adaInvites: map[int]*ent.Invitation{}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	w.org, err = c.Organisation.Create().SetName("Harbour Housing").SetSector("HOUSING").Save(ctx)
	must(err)
	w.programme, err = c.Programme.Create().SetName("System change 2027").SetSlug("system-change-2027").
		SetTimeZone("Europe/London").SetPublic(public).Save(ctx)
	must(err)
	w.organiser, err = c.Person.Create().SetName("Olu Organiser, MBE").SetEmail("olu@example.org").Save(ctx)
	must(err)
	must(c.ProgrammeRole.Create().SetProgrammeID(w.programme.ID).SetPersonID(w.organiser.ID).SetRole(programmerole.RoleORGANISER).Exec(ctx))
	w.ada, err = c.Person.Create().SetName(adaName).SetEmail(adaEmail).Save(ctx)
	must(err)
	must(c.Membership.Create().SetPersonID(w.ada.ID).SetOrganisationID(w.org.ID).Exec(ctx))

	mk := func(title, tz string, start, end time.Time, rrule string) *ent.Event {
		t.Helper()
		q := c.Event.Create().SetProgrammeID(w.programme.ID).SetKind(event.KindFORUM).SetTitle(title).
			SetTimeZone(tz).SetStartsAt(start).SetEndsAt(end).SetVenueName("Town Hall").
			SetVenueAddress("1 High Street\nBristol BS1 1AA").SetOnlineURL("https://meet.example.org/forum")
		if rrule != "" {
			q.SetRrule(rrule)
		}
		ev, err := q.Save(ctx)
		must(err)
		return ev
	}
	invite := func(ev *ent.Event, resp invitation.Response, occ *time.Time) {
		t.Helper()
		q := c.Invitation.Create().SetEventID(ev.ID).SetPersonID(w.ada.ID).SetResponse(resp)
		if occ != nil {
			q.SetOccurrenceStart(*occ)
		}
		inv, err := q.Save(ctx)
		must(err)
		w.adaInvites[ev.ID] = inv
	}

	// London weekly, 10:00 local: 15, 22 (excluded), 29 Mar (after the
	// change), 5 Apr (moved to 14:00), 12 Apr (cancelled), 19 Apr.
	w.forum = mk("Lived experience forum", "Europe/London",
		time.Date(2027, 3, 15, 10, 0, 0, 0, london), time.Date(2027, 3, 15, 12, 0, 0, 0, london), "FREQ=WEEKLY;COUNT=6")
	for _, d := range []int{15, 22, 29} {
		w.forumRIDs[time.Date(2027, 3, d, 0, 0, 0, 0, time.UTC).Format("0102")] = time.Date(2027, 3, d, 10, 0, 0, 0, london)
	}
	for _, d := range []int{5, 12, 19} {
		w.forumRIDs[time.Date(2027, 4, d, 0, 0, 0, 0, time.UTC).Format("0102")] = time.Date(2027, 4, d, 10, 0, 0, 0, london)
	}
	w.forum, err = c.Event.UpdateOne(w.forum).SetExdates([]time.Time{w.forumRIDs["0322"]}).Save(ctx)
	must(err)
	moved := time.Date(2027, 4, 5, 14, 0, 0, 0, london)
	movedEnd := time.Date(2027, 4, 5, 16, 0, 0, 0, london)
	must(c.OccurrenceOverride.Create().SetEventID(w.forum.ID).SetRecurrenceID(w.forumRIDs["0405"]).
		SetStartsAt(moved).SetEndsAt(movedEnd).SetVenueName("Library").SetSequence(1).Exec(ctx))
	must(c.OccurrenceOverride.Create().SetEventID(w.forum.ID).SetRecurrenceID(w.forumRIDs["0412"]).
		SetCancelled(true).Exec(ctx))
	invite(w.forum, invitation.ResponseACCEPTED, nil)

	// New York weekly, 09:00 local: 8 Mar (EST), 15 and 22 Mar (EDT).
	w.nyc = mk("Commissioners' call", "America/New_York",
		time.Date(2027, 3, 8, 9, 0, 0, 0, newYork), time.Date(2027, 3, 8, 10, 0, 0, 0, newYork), "FREQ=WEEKLY;COUNT=3")
	invite(w.nyc, invitation.ResponseTENTATIVE, nil)

	w.allDay = mk("Away day", "Europe/London",
		time.Date(2027, 5, 2, 0, 0, 0, 0, london), time.Date(2027, 5, 3, 0, 0, 0, 0, london), "")
	w.allDay, err = c.Event.UpdateOne(w.allDay).SetAllDay(true).Save(ctx)
	must(err)
	invite(w.allDay, invitation.ResponsePENDING, nil)

	w.tricky = mk(trickyTitle, "Europe/London",
		time.Date(2027, 6, 1, 18, 30, 0, 0, london), time.Date(2027, 6, 1, 20, 0, 0, 0, london), "")
	w.tricky, err = c.Event.UpdateOne(w.tricky).SetDescription(trickyDesc).Save(ctx)
	must(err)
	invite(w.tricky, invitation.ResponseWAITLISTED, nil)

	w.cancelled = mk("Cancelled workshop", "Europe/London",
		time.Date(2027, 7, 1, 10, 0, 0, 0, london), time.Date(2027, 7, 1, 11, 0, 0, 0, london), "")
	invite(w.cancelled, invitation.ResponseACCEPTED, nil)
	w.cancelled, err = c.Event.UpdateOne(w.cancelled).SetStatus(event.StatusCANCELLED).SetCancelledAt(time.Now().Add(-24 * time.Hour)).Save(ctx)
	must(err)

	w.oldCancel = mk("Cancelled long ago", "Europe/London",
		time.Date(2026, 9, 1, 10, 0, 0, 0, london), time.Date(2026, 9, 1, 11, 0, 0, 0, london), "")
	invite(w.oldCancel, invitation.ResponseACCEPTED, nil)
	w.oldCancel, err = c.Event.UpdateOne(w.oldCancel).SetStatus(event.StatusCANCELLED).SetCancelledAt(time.Now().Add(-40 * 24 * time.Hour)).Save(ctx)
	must(err)

	w.declined = mk("Declined meeting", "Europe/London",
		time.Date(2027, 8, 1, 10, 0, 0, 0, london), time.Date(2027, 8, 1, 11, 0, 0, 0, london), "")
	invite(w.declined, invitation.ResponseDECLINED, nil)

	w.singleOcc = mk("Monthly partnership board", "Europe/London",
		time.Date(2027, 1, 6, 14, 0, 0, 0, london), time.Date(2027, 1, 6, 15, 0, 0, 0, london), "FREQ=MONTHLY;COUNT=12")
	w.singleRID = time.Date(2027, 4, 6, 14, 0, 0, 0, london)
	invite(w.singleOcc, invitation.ResponseACCEPTED, &w.singleRID)
	return w
}

// adaToken creates a feed token for Ada through GraphQL, as she would.
func (w *world) adaToken(t *testing.T) (token, url string) {
	t.Helper()
	var out struct {
		CreateFeedToken struct {
			Token string
			Urls  struct{ URL, Webcal string }
		}
	}
	w.api.As(w.ada.ID).MustDo(`mutation { createFeedToken(name: "work phone") { token urls { url webcal } } }`, nil, &out)
	return out.CreateFeedToken.Token, w.local(out.CreateFeedToken.Urls.URL)
}

// local points a URL from GraphQL at the test server.
func (w *world) local(u string) string {
	i := strings.Index(u, "/calendar/")
	return w.api.Server.URL + u[i:]
}

type fetched struct {
	status int
	header http.Header
	body   []byte
}

func fetch(t *testing.T, method, url string, header map[string]string) fetched {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return fetched{res.StatusCode, res.Header, body}
}

func get200(t *testing.T, url string) fetched {
	t.Helper()
	f := fetch(t, http.MethodGet, url, nil)
	if f.status != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", url, f.status, f.body)
	}
	return f
}

// unfold undoes RFC 5545 line folding and splits into content lines.
func unfold(body []byte) []string {
	s := strings.ReplaceAll(string(body), "\r\n ", "")
	s = strings.TrimSuffix(s, "\r\n")
	return strings.Split(s, "\r\n")
}

// vevents returns the unfolded lines of each VEVENT.
func vevents(body []byte) [][]string {
	var out [][]string
	var cur []string
	for _, l := range unfold(body) {
		switch {
		case l == "BEGIN:VEVENT":
			cur = []string{}
		case l == "END:VEVENT":
			out = append(out, cur)
			cur = nil
		case cur != nil:
			cur = append(cur, l)
		}
	}
	return out
}

func prop(lines []string, name string) []string {
	var out []string
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `[;:]`)
	for _, l := range lines {
		if re.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// withUID picks the VEVENTs of one UID.
func withUID(evs [][]string, uid string) [][]string {
	var out [][]string
	for _, e := range evs {
		if len(prop(e, "UID")) == 1 && prop(e, "UID")[0] == "UID:"+uid {
			out = append(out, e)
		}
	}
	return out
}
