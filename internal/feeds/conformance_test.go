package feeds_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/internal/apitest"
)

// What ical.js (conformance/expand.mjs) reports about a feed.
type icaljsView struct {
	Name   string
	Events []struct {
		UID         string
		Summary     string
		Description string
		Location    string
		Status      string
		Organizer   string
		Attendees   []struct{ Value, CN, Partstat string }
		Occurrences []struct {
			RecurrenceID string
			Start, End   string
			Summary      string
			Location     string
			Status       string
		}
	}
	Todos []struct {
		UID, Summary, Status, Due string
		Percent                   int
	}
	Floating []string
}

var npmOnce sync.Once

// icaljs parses body with ical.js under node. node is required where the
// suite runs (make test, CI); the test skips, saying so, only without it.
func icaljs(t *testing.T, body []byte) icaljsView {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: the ical.js conformance test needs Node.js (apt-get install nodejs npm)")
	}
	dir, _ := filepath.Abs("conformance")
	var npmErr error
	npmOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js")); err == nil {
			return
		}
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			npmErr = err
			t.Logf("npm ci: %s", out)
		}
	})
	if npmErr != nil {
		t.Fatalf("npm ci in %s: %v", dir, npmErr)
	}
	cmd := exec.Command(node, "expand.mjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(body)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js rejected the feed: %v\n%s\n%s", err, stderr.String(), body)
	}
	var v icaljsView
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("decode ical.js output: %v\n%s", err, out)
	}
	return v
}

func (v icaljsView) event(t *testing.T, uid string) int {
	t.Helper()
	for i, e := range v.Events {
		if e.UID == uid {
			return i
		}
	}
	t.Fatalf("ical.js sees no event %s", uid)
	return -1
}

// starts lists the non-cancelled occurrence starts of uid.
func (v icaljsView) starts(t *testing.T, uid string) string {
	var s []string
	for _, o := range v.Events[v.event(t, uid)].Occurrences {
		if o.Status != "CANCELLED" {
			s = append(s, o.Start)
		}
	}
	return strings.Join(s, " ")
}

func TestConformanceWithICALJS(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, true)
	// As a new user would: the URL comes from GraphQL.
	_, url := w.adaToken(t)
	first := get200(t, url+"?todos=1")
	v := icaljs(t, first.body)

	if len(v.Floating) > 0 {
		t.Errorf("floating times: %v", v.Floating)
	}
	if v.Name != `Convene: Ada "Countess" Lovelace FRS` {
		t.Errorf("calendar name %q", v.Name)
	}
	// DST in Europe/London: 10:00 GMT then 10:00 BST; 22 Mar excluded, 5 Apr
	// moved to 14:00 BST, 12 Apr cancelled.
	if got, want := v.starts(t, w.forum.UID), "2027-03-15T10:00:00.000Z 2027-03-29T09:00:00.000Z 2027-04-05T13:00:00.000Z 2027-04-19T09:00:00.000Z"; got != want {
		t.Errorf("London series:\n got %s\nwant %s", got, want)
	}
	forum := v.Events[v.event(t, w.forum.UID)]
	for _, o := range forum.Occurrences {
		if strings.HasPrefix(o.Start, "2027-04-05") && (o.Location != "Library" || o.End != "2027-04-05T15:00:00.000Z") {
			t.Errorf("moved occurrence: %+v", o)
		}
	}
	// DST in America/New_York: 09:00 EST then 09:00 EDT.
	if got, want := v.starts(t, w.nyc.UID), "2027-03-08T14:00:00.000Z 2027-03-15T13:00:00.000Z 2027-03-22T13:00:00.000Z"; got != want {
		t.Errorf("New York series:\n got %s\nwant %s", got, want)
	}
	// All-day: a DATE, ending (exclusively) the next day.
	ad := v.Events[v.event(t, w.allDay.UID)].Occurrences
	if len(ad) != 1 || ad[0].Start != "2027-05-02" || ad[0].End != "2027-05-03" {
		t.Errorf("all-day: %+v", ad)
	}
	// Text round-trips byte for byte.
	tr := v.Events[v.event(t, w.tricky.UID)]
	if tr.Summary != trickyTitle {
		t.Errorf("SUMMARY via ical.js:\n got %q\nwant %q", tr.Summary, trickyTitle)
	}
	if !strings.HasPrefix(tr.Description, trickyDesc+"\n\n") {
		t.Errorf("DESCRIPTION via ical.js:\n got %q\nwant prefix %q", tr.Description, trickyDesc)
	}
	if len(tr.Attendees) != 1 || tr.Attendees[0].CN == "" || !strings.Contains(tr.Attendees[0].CN, "Lovelace, FRS") ||
		tr.Attendees[0].Value != "mailto:"+adaEmail || tr.Attendees[0].Partstat != "NEEDS-ACTION" {
		t.Errorf("ATTENDEE via ical.js: %+v", tr.Attendees)
	}
	if forum.Organizer != "mailto:olu@example.org" {
		t.Errorf("ORGANIZER via ical.js: %q", forum.Organizer)
	}
	// Cancelled event: present, STATUS:CANCELLED.
	if c := v.Events[v.event(t, w.cancelled.UID)]; c.Status != "CANCELLED" {
		t.Errorf("cancelled event status %q", c.Status)
	}
	// Single-occurrence invitation: just that instance.
	so := v.Events[v.event(t, w.singleOcc.UID)].Occurrences
	if len(so) != 1 || so[0].Start != "2027-04-06T13:00:00.000Z" {
		t.Errorf("single occurrence: %+v", so)
	}

	// Unchanged: 304. Then the organiser moves one occurrence and cancels
	// another; the next fetch shows both.
	if f := fetch(t, http.MethodGet, url+"?todos=1", map[string]string{"If-None-Match": first.header.Get("ETag")}); f.status != http.StatusNotModified {
		t.Fatalf("unchanged feed: %d", f.status)
	}
	ctx, c := api.Ctx(), api.Client()
	time.Sleep(2 * time.Millisecond)
	if err := c.OccurrenceOverride.Create().SetEventID(w.forum.ID).SetRecurrenceID(w.forumRIDs["0329"]).
		SetStartsAt(time.Date(2027, 3, 29, 11, 30, 0, 0, london)).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.OccurrenceOverride.Create().SetEventID(w.forum.ID).SetRecurrenceID(w.forumRIDs["0419"]).
		SetCancelled(true).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	next := fetch(t, http.MethodGet, url+"?todos=1", map[string]string{"If-None-Match": first.header.Get("ETag")})
	if next.status != http.StatusOK {
		t.Fatalf("after the changes: %d", next.status)
	}
	v2 := icaljs(t, next.body)
	if got, want := v2.starts(t, w.forum.UID), "2027-03-15T10:00:00.000Z 2027-03-29T10:30:00.000Z 2027-04-05T13:00:00.000Z"; got != want {
		t.Errorf("after moving 29 Mar and cancelling 19 Apr:\n got %s\nwant %s", got, want)
	}
}
