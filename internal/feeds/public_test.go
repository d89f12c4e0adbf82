package feeds_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
)

func TestPublicFeedsOnlyForPublicProgrammes(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	base := api.Server.URL + "/calendar/"
	private := []string{
		"programme/" + w.programme.Slug + ".ics",
		fmt.Sprintf("series/%d.ics", w.forum.ID),
		fmt.Sprintf("event/%d.ics", w.forum.ID),
		"programme/nope.ics", "series/999999.ics", "organisation/999999.ics", "event/x.ics",
	}
	for _, p := range private {
		if f := fetch(t, http.MethodGet, base+p, nil); f.status != http.StatusNotFound {
			t.Errorf("%s of a private programme: %d, want 404", p, f.status)
		}
	}
	// The organisation exists but has no public events: a valid empty feed.
	empty := get200(t, fmt.Sprintf("%sorganisation/%d.ics", base, w.org.ID))
	if strings.Contains(string(empty.body), "BEGIN:VEVENT") || !strings.Contains(string(empty.body), "BEGIN:VCALENDAR") {
		t.Errorf("empty organisation feed:\n%s", empty.body)
	}
	// An invitee may download the private event (signed in, bearer token).
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%sevent/%d.ics", base, w.forum.ID), nil)
	req.Header = api.As(w.ada.ID).Header.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Cache-Control"), "private") {
		t.Errorf("invitee's download of a private event: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}

	ctx, c := api.Ctx(), api.Client()
	if err := c.Programme.UpdateOne(w.programme).SetPublic(true).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	prog := get200(t, base+"programme/"+w.programme.Slug+".ics")
	body := strings.Join(unfold(prog.body), "\n")
	for _, ev := range []*struct{ uid string }{{w.forum.UID}, {w.nyc.UID}, {w.declined.UID}, {w.cancelled.UID}} {
		if !strings.Contains(body, "UID:"+ev.uid) {
			t.Errorf("programme feed lacks %s", ev.uid)
		}
	}
	if strings.Contains(body, "UID:"+w.oldCancel.UID) {
		t.Error("programme feed keeps an event cancelled 40 days ago")
	}
	if strings.Contains(body, "ATTENDEE") || strings.Contains(body, adaEmail) {
		t.Error("public feed lists attendees")
	}
	if !strings.Contains(body, "X-WR-CALNAME:System change 2027") || !strings.Contains(prog.header.Get("Cache-Control"), "public") {
		t.Errorf("programme feed name or caching: %q", prog.header.Get("Cache-Control"))
	}

	// Series feed: the series and its "this and following" continuation.
	cont, err := c.Event.Create().SetProgrammeID(w.programme.ID).SetKind(event.KindFORUM).SetTitle("Lived experience forum").
		SetTimeZone("Europe/London").SetStartsAt(time.Date(2027, 5, 3, 10, 0, 0, 0, london)).
		SetEndsAt(time.Date(2027, 5, 3, 12, 0, 0, 0, london)).SetRrule("FREQ=WEEKLY;COUNT=4").SetSplitFromID(w.forum.ID).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	series := strings.Join(unfold(get200(t, fmt.Sprintf("%sseries/%d.ics", base, w.forum.ID)).body), "\n")
	if !strings.Contains(series, "UID:"+w.forum.UID) || !strings.Contains(series, "UID:"+cont.UID) || strings.Contains(series, "UID:"+w.nyc.UID) {
		t.Errorf("series feed:\n%s", series)
	}

	// Single event: attachment, same UID and components as in the feeds, no METHOD.
	dl := get200(t, fmt.Sprintf("%sevent/%d.ics", base, w.forum.ID))
	if cd := dl.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if strings.Contains(string(dl.body), "METHOD") {
		t.Error("download has a METHOD")
	}
	feedForum := withUID(vevents(prog.body), w.forum.UID)
	dlForum := withUID(vevents(dl.body), w.forum.UID)
	if len(dlForum) != 2 || fmt.Sprint(dlForum) != fmt.Sprint(feedForum) {
		t.Errorf("download differs from the feed:\n%v\n%v", dlForum, feedForum)
	}

	// Organisation feed: events where a member (Ada) is invited, not withdrawn.
	org := strings.Join(unfold(get200(t, fmt.Sprintf("%sorganisation/%d.ics", base, w.org.ID)).body), "\n")
	if !strings.Contains(org, "UID:"+w.forum.UID) || !strings.Contains(org, "UID:"+w.declined.UID) || strings.Contains(org, "UID:"+cont.UID) {
		t.Errorf("organisation feed events wrong:\n%s", org)
	}
	if err := c.Invitation.UpdateOne(w.adaInvites[w.declined.ID]).SetWithdrawnAt(time.Now()).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Invitation.Update().Where(invitation.EventID(w.declined.ID)).SetWithdrawnAt(time.Now()).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	org = strings.Join(unfold(get200(t, fmt.Sprintf("%sorganisation/%d.ics", base, w.org.ID)).body), "\n")
	if strings.Contains(org, "UID:"+w.declined.UID) {
		t.Error("withdrawn invitation still puts the event in the organisation feed")
	}

	// Public again → private: 404 at once.
	if err := c.Programme.UpdateOne(w.programme).SetPublic(false).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if f := fetch(t, http.MethodGet, base+"programme/"+w.programme.Slug+".ics", map[string]string{"If-None-Match": prog.header.Get("ETag")}); f.status != http.StatusNotFound {
		t.Errorf("programme made private: %d", f.status)
	}
}

func TestProgrammeFeedConditional(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, true)
	url := api.Server.URL + "/calendar/programme/" + w.programme.Slug + ".ics"
	first := get200(t, url)
	if f := fetch(t, http.MethodGet, url, map[string]string{"If-None-Match": first.header.Get("ETag")}); f.status != http.StatusNotModified {
		t.Fatalf("unchanged programme feed: %d", f.status)
	}
	time.Sleep(2 * time.Millisecond)
	if err := api.Client().OccurrenceOverride.Create().SetEventID(w.nyc.ID).SetRecurrenceID(w.nyc.StartsAt.AddDate(0, 0, 7)).
		SetCancelled(true).Exec(api.Ctx()); err != nil {
		t.Fatal(err)
	}
	if f := fetch(t, http.MethodGet, url, map[string]string{"If-None-Match": first.header.Get("ETag")}); f.status != http.StatusOK ||
		!strings.Contains(string(f.body), "EXDATE;TZID=America/New_York:20270315T090000") {
		t.Errorf("after cancelling an occurrence: %d", f.status)
	}
}
