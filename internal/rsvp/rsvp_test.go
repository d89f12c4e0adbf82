package rsvp_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/auth"
)

func getPage(t *testing.T, api *apitest.API, path string) (int, string) {
	t.Helper()
	res, err := api.Server.Client().Get(api.Server.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// The no-login page words the service's messages as sentences, and lists
// the series' moved and cancelled dates so a person replying to the whole
// series knows about them.
func TestRSVPPageText(t *testing.T) {
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	prog := c.Programme.Create().SetName("System change").SetSlug("system-change").SaveX(ctx)
	ash := c.Person.Create().SetName("Ash Attendee").SaveX(ctx)

	// A weekly forum at 10:00 London time, starting next week.
	london, _ := time.LoadLocation("Europe/London")
	first := time.Now().In(london).AddDate(0, 0, 7)
	first = time.Date(first.Year(), first.Month(), first.Day(), 10, 0, 0, 0, london).UTC()
	ev := c.Event.Create().SetProgramme(prog).SetKind("FORUM").SetTitle("Weekly forum").SetTimeZone("Europe/London").
		SetStartsAt(first).SetEndsAt(first.Add(2 * time.Hour)).SetRrule("FREQ=WEEKLY;COUNT=8").
		SetExdates([]time.Time{first.AddDate(0, 0, 21)}).SaveX(ctx)
	moved, cancelled := first.AddDate(0, 0, 7), first.AddDate(0, 0, 14)
	c.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(moved).
		SetStartsAt(moved.Add(24 * time.Hour)).SetEndsAt(moved.Add(26 * time.Hour)).ExecX(ctx)
	c.OccurrenceOverride.Create().SetEventID(ev.ID).SetRecurrenceID(cancelled).SetCancelled(true).ExecX(ctx)
	token := auth.NewToken()
	c.Invitation.Create().SetEvent(ev).SetPerson(ash).SetTokenHash(auth.Hash(token)).ExecX(ctx)

	status, page := getPage(t, api, "/rsvp/"+token)
	if status != http.StatusOK {
		t.Fatalf("page: %d %s", status, page)
	}
	day := func(t time.Time) string { return t.In(london).Format("Monday 2 January 2006") }
	for _, want := range []string{
		"Changes to the dates",
		day(moved) + ": moved to " + moved.Add(24*time.Hour).In(london).Format("Monday 2 January 2006"),
		day(cancelled) + ": cancelled",
		day(first.AddDate(0, 0, 21)) + ": cancelled",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	// In date order, and the first (unchanged) date is not listed as a change.
	if i, j := strings.Index(page, day(moved)+":"), strings.Index(page, day(cancelled)+":"); i < 0 || j < i {
		t.Errorf("changes out of order")
	}
	if strings.Contains(page, day(first)+":") {
		t.Errorf("an unchanged date is listed as a change")
	}

	// A bad link: a proper sentence, not the API's lowercase wording.
	status, page = getPage(t, api, "/rsvp/"+auth.NewToken())
	if status != http.StatusNotFound || !strings.Contains(page, "This invitation link is not valid. It may have been replaced by a newer email, or the invitation withdrawn.") ||
		strings.Contains(page, "this invitation link") {
		t.Fatalf("bad link: %d %s", status, page)
	}

	// A one-off event that is over: replies closed, said as sentences.
	past := time.Now().Add(-48 * time.Hour).UTC().Truncate(time.Minute)
	old := c.Event.Create().SetProgramme(prog).SetKind("WORKSHOP").SetTitle("Old workshop").SetTimeZone("Europe/London").
		SetStartsAt(past).SetEndsAt(past.Add(time.Hour)).SaveX(ctx)
	oldToken := auth.NewToken()
	c.Invitation.Create().SetEvent(old).SetPerson(ash).SetTokenHash(auth.Hash(oldToken)).ExecX(ctx)
	status, page = getPage(t, api, "/rsvp/"+oldToken)
	if status != http.StatusOK || !strings.Contains(page, "is over. Replies are closed.") || strings.Contains(page, "Changes to the dates") {
		t.Fatalf("past event: %d %s", status, page)
	}
}
