package feeds_test

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/feeds"
)

func TestConditionalGETAndChanges(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	ctx, c := api.Ctx(), api.Client()
	action, err := c.ActionItem.Create().SetProgrammeID(w.programme.ID).SetTitle("Send the referral map").
		SetOwnerPersonID(w.ada.ID).SetDueDate(time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC)).SetProgress(40).
		SetStatus(actionitem.StatusIN_PROGRESS).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, url := w.adaToken(t)
	todos := url + "?todos=1"

	first := get200(t, url)
	second := get200(t, url)
	if !bytes.Equal(first.body, second.body) {
		t.Fatal("two requests with nothing changed returned different bodies")
	}
	etag, lm := first.header.Get("ETag"), first.header.Get("Last-Modified")
	if etag == "" || lm == "" || second.header.Get("ETag") != etag || second.header.Get("Last-Modified") != lm {
		t.Fatalf("validators missing or unstable: %q %q / %q %q", etag, lm, second.header.Get("ETag"), second.header.Get("Last-Modified"))
	}
	lmTime, err := http.ParseTime(lm)
	if err != nil {
		t.Fatalf("Last-Modified %q: %v", lm, err)
	}
	// Last-Modified is the latest change the feed shows (Ada's newest
	// invitation), not the clock or the start of the day.
	newest, _ := c.Invitation.Query().Order(ent.Desc(invitation.FieldUpdatedAt)).First(ctx)
	if want := newest.UpdatedAt.UTC().Truncate(time.Second); !lmTime.Equal(want) {
		t.Errorf("Last-Modified %s, want %s", lmTime, want)
	}
	if cc := first.header.Get("Cache-Control"); !strings.Contains(cc, "private") {
		t.Errorf("Cache-Control = %q, want private", cc)
	}
	if xr := first.header.Get("X-Robots-Tag"); !strings.Contains(xr, "noindex") {
		t.Errorf("X-Robots-Tag = %q", xr)
	}

	for name, h := range map[string]map[string]string{
		"If-None-Match":          {"If-None-Match": etag},
		"If-None-Match list":     {"If-None-Match": `"other", ` + etag},
		"If-Modified-Since":      {"If-Modified-Since": lm},
		"If-None-Match wins":     {"If-None-Match": etag, "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"},
		"If-Modified-Since late": {"If-Modified-Since": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)},
	} {
		f := fetch(t, http.MethodGet, url, h)
		if f.status != http.StatusNotModified || len(f.body) != 0 {
			t.Errorf("%s: status %d, %d bytes; want 304 and no body", name, f.status, len(f.body))
		}
		if f.header.Get("ETag") != etag || f.header.Get("Last-Modified") != lm {
			t.Errorf("%s: 304 carries %q %q, want the same validators", name, f.header.Get("ETag"), f.header.Get("Last-Modified"))
		}
	}
	if f := fetch(t, http.MethodGet, url, map[string]string{"If-None-Match": `"stale"`}); f.status != http.StatusOK {
		t.Errorf("other ETag: status %d", f.status)
	}
	if f := fetch(t, http.MethodGet, url, map[string]string{"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}); f.status != http.StatusOK {
		t.Errorf("old If-Modified-Since: status %d", f.status)
	}

	// HEAD: same headers, no body.
	head := fetch(t, http.MethodHead, url, nil)
	if head.status != http.StatusOK || len(head.body) != 0 || head.header.Get("ETag") != etag ||
		head.header.Get("Content-Length") != strconv.Itoa(len(first.body)) || head.header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Errorf("HEAD: %d, %d bytes, headers %v", head.status, len(head.body), head.header)
	}

	// Each change a calendar must see yields a new ETag and a body that
	// shows it; the unchanged feed before it answered 304.
	changes := []struct {
		name   string
		url    string
		change func() error
		shows  string
	}{
		{"event moved", url, func() error {
			return c.Event.UpdateOne(w.nyc).SetStartsAt(w.nyc.StartsAt.Add(time.Hour)).SetEndsAt(w.nyc.EndsAt.Add(time.Hour)).Exec(ctx)
		}, "DTSTART;TZID=America/New_York:20270308T100000"},
		{"occurrence cancelled", url, func() error {
			return c.OccurrenceOverride.Create().SetEventID(w.forum.ID).SetRecurrenceID(w.forumRIDs["0329"]).SetCancelled(true).Exec(ctx)
		}, "EXDATE;TZID=Europe/London:20270329T100000"},
		{"occurrence moved", url, func() error {
			ov, err := c.OccurrenceOverride.Query().All(ctx)
			if err != nil {
				return err
			}
			for _, o := range ov {
				if o.RecurrenceID.Equal(w.forumRIDs["0405"]) {
					return c.OccurrenceOverride.UpdateOne(o).SetStartsAt(time.Date(2027, 4, 5, 15, 0, 0, 0, london)).ClearEndsAt().AddSequence(1).Exec(ctx)
				}
			}
			return nil
		}, "DTSTART;TZID=Europe/London:20270405T150000"},
		{"reply changed", url, func() error {
			return c.Invitation.UpdateOne(w.adaInvites[w.nyc.ID]).SetResponse(invitation.ResponseACCEPTED).Exec(ctx)
		}, ""},
		{"event renamed (no SEQUENCE bump)", url, func() error {
			return c.Event.UpdateOne(w.forum).SetTitle("Lived experience forum (renamed)").Exec(ctx)
		}, "SUMMARY:Lived experience forum (renamed)"},
		{"organiser renamed", url, func() error {
			return c.Person.UpdateOne(w.organiser).SetName("Olu Organiser").Exec(ctx)
		}, `ORGANIZER;CN=Olu Organiser:mailto:olu@example.org`},
		{"invitation deleted", url, func() error {
			return c.Invitation.DeleteOne(w.adaInvites[w.tricky.ID]).Exec(ctx)
		}, ""},
		{"action done", todos, func() error {
			return c.ActionItem.UpdateOne(action).SetStatus(actionitem.StatusDONE).SetProgress(100).Exec(ctx)
		}, ""},
	}
	for _, ch := range changes {
		before := get200(t, ch.url)
		if f := fetch(t, http.MethodGet, ch.url, map[string]string{"If-None-Match": before.header.Get("ETag")}); f.status != http.StatusNotModified {
			t.Fatalf("%s: unchanged feed answered %d", ch.name, f.status)
		}
		time.Sleep(2 * time.Millisecond)
		if err := ch.change(); err != nil {
			t.Fatalf("%s: %v", ch.name, err)
		}
		after := fetch(t, http.MethodGet, ch.url, map[string]string{"If-None-Match": before.header.Get("ETag")})
		if after.status != http.StatusOK {
			t.Errorf("%s: conditional GET answered %d after the change, want 200", ch.name, after.status)
			continue
		}
		if after.header.Get("ETag") == before.header.Get("ETag") || bytes.Equal(after.body, before.body) {
			t.Errorf("%s: ETag or body unchanged", ch.name)
		}
		if ch.shows != "" && !strings.Contains(strings.Join(unfold(after.body), "\n"), ch.shows) {
			t.Errorf("%s: feed does not show %q", ch.name, ch.shows)
		}
	}
	// Last-Modified follows the latest change, so a client that sends only
	// If-Modified-Since sees it too (HTTP dates have whole seconds).
	lastBefore := get200(t, url)
	time.Sleep(1100 * time.Millisecond)
	if err := c.Invitation.UpdateOne(w.adaInvites[w.nyc.ID]).SetResponse(invitation.ResponseTENTATIVE).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	lmBefore, _ := http.ParseTime(lastBefore.header.Get("Last-Modified"))
	since := fetch(t, http.MethodGet, url, map[string]string{"If-Modified-Since": lastBefore.header.Get("Last-Modified")})
	lmAfter, _ := http.ParseTime(since.header.Get("Last-Modified"))
	if since.status != http.StatusOK || !lmAfter.After(lmBefore) {
		t.Fatalf("after a reply: If-Modified-Since answered %d, Last-Modified %s → %s; want 200 and a later time",
			since.status, lastBefore.header.Get("Last-Modified"), since.header.Get("Last-Modified"))
	}
	if err := c.Invitation.UpdateOne(w.adaInvites[w.nyc.ID]).SetResponse(invitation.ResponseACCEPTED).Exec(ctx); err != nil {
		t.Fatal(err)
	}

	// The reply and the deletion are visible too.
	final := vevents(get200(t, url).body)
	if a := prop(withUID(final, w.nyc.UID)[0], "ATTENDEE")[0]; !strings.Contains(a, "PARTSTAT=ACCEPTED") {
		t.Errorf("reply not shown: %s", a)
	}
	if len(withUID(final, w.tricky.UID)) != 0 {
		t.Error("deleted invitation still in the feed")
	}
	if strings.Contains(string(get200(t, todos).body), "Send the referral map") {
		t.Error("done action still a to-do")
	}
	// SEQUENCE was raised by the move, the UID never changed.
	nyc, _ := c.Event.Get(ctx, w.nyc.ID)
	if nyc.UID != w.nyc.UID || nyc.Sequence <= w.nyc.Sequence {
		t.Errorf("after a move: UID %s→%s, SEQUENCE %d→%d", w.nyc.UID, nyc.UID, w.nyc.Sequence, nyc.Sequence)
	}
}

func TestTodos(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	ctx, c := api.Ctx(), api.Client()
	mk := func(title string, st actionitem.Status, owner int) {
		if err := c.ActionItem.Create().SetProgrammeID(w.programme.ID).SetTitle(title).SetOwnerPersonID(owner).
			SetStatus(st).SetProgress(25).SetDueDate(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	mk("Open one", actionitem.StatusOPEN, w.ada.ID)
	mk("Doing one", actionitem.StatusIN_PROGRESS, w.ada.ID)
	mk("Done one", actionitem.StatusDONE, w.ada.ID)
	mk("Someone else's", actionitem.StatusOPEN, w.organiser.ID)
	_, url := w.adaToken(t)
	if strings.Contains(string(get200(t, url).body), "BEGIN:VTODO") {
		t.Error("to-dos without ?todos=1")
	}
	body := strings.Join(unfold(get200(t, url+"?todos=1").body), "\n")
	if n := strings.Count(body, "BEGIN:VTODO"); n != 2 {
		t.Errorf("%d VTODOs, want 2 (open and in progress of Ada's)", n)
	}
	for _, want := range []string{"SUMMARY:Open one", "SUMMARY:Doing one", "STATUS:NEEDS-ACTION", "STATUS:IN-PROCESS",
		"PERCENT-COMPLETE:25", "DUE;VALUE=DATE:20270201", "URL:http"} {
		if !strings.Contains(body, want) {
			t.Errorf("to-dos lack %q", want)
		}
	}
}

func TestUnknownAndRevokedTokens(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	token, url := w.adaToken(t)
	get200(t, url)
	var out struct {
		Viewer struct{ FeedTokens []struct{ ID string } }
	}
	ada := api.As(w.ada.ID)
	ada.MustDo(`{ viewer { feedTokens { id } } }`, nil, &out)
	ada.MustDo(`mutation($id: ID!) { revokeFeedToken(id: $id) { revokedAt } }`, map[string]any{"id": out.Viewer.FeedTokens[0].ID}, nil)

	revoked := fetch(t, http.MethodGet, url, nil)
	unknown := fetch(t, http.MethodGet, strings.Replace(url, token, "cvf_"+strings.Repeat("A", 43), 1), nil)
	garbage := fetch(t, http.MethodGet, api.Server.URL+"/calendar/p/nonsense.ics", nil)
	for name, f := range map[string]fetched{"revoked": revoked, "unknown": unknown, "garbage": garbage} {
		if f.status != http.StatusNotFound {
			t.Errorf("%s token: status %d, want 404", name, f.status)
		}
	}
	if !bytes.Equal(revoked.body, unknown.body) || revoked.header.Get("Content-Type") != unknown.header.Get("Content-Type") {
		t.Error("revoked and unknown tokens are distinguishable")
	}
	// Guessing is rate-limited per client address: 3 failures so far.
	var last fetched
	for i := 0; i < feeds.DefaultFailureLimit; i++ {
		last = fetch(t, http.MethodGet, api.Server.URL+"/calendar/p/cvf_guess"+strconv.Itoa(i)+".ics", nil)
	}
	if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" {
		t.Fatalf("after %d failures: status %d, Retry-After %q", feeds.DefaultFailureLimit+3, last.status, last.header.Get("Retry-After"))
	}
	// While blocked, even a valid token is not looked up.
	_, url2 := w.adaToken(t)
	if f := fetch(t, http.MethodGet, url2, nil); f.status != http.StatusTooManyRequests {
		t.Errorf("valid token while blocked: %d", f.status)
	}
}
