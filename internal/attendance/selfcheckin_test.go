package attendance_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/attendance"
)

const selfCheckIn = `mutation($e: ID!, $s: Time!, $c: String!, $t: String) {
  selfCheckIn(input: {eventId: $e, occurrenceStart: $s, code: $c, rsvpToken: $t}) { id status method person { id } } }`

const codeQuery = `query($e: ID!, $s: Time!) { occurrenceCheckIn(eventId: $e, occurrenceStart: $s) { code url qrCodeUrl opensAt closesAt } }`

type codeOut struct {
	OccurrenceCheckIn struct {
		Code, URL, QrCodeURL string
		OpensAt, ClosesAt    time.Time
	}
}

func TestSelfCheckInWindowAndCode(t *testing.T) {
	d := newDoor(t)
	invites := map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponsePENDING}
	start := now().Add(-15 * time.Minute)
	ev := d.event(t, start, time.Hour, invites)

	var code codeOut
	d.organiser.MustDo(codeQuery, vars("e", ev.ID, "s", at(start)), &code)
	c := code.OccurrenceCheckIn
	if len(c.Code) != 6 || !strings.Contains(c.URL, "code="+c.Code) || !c.OpensAt.Equal(start.Add(-30*time.Minute)) || !c.ClosesAt.Equal(start.Add(time.Hour)) {
		t.Fatalf("check-in code: %+v", c)
	}
	// Consultants and invitees may not show the code.
	d.consultant.ErrorCode(codeQuery, vars("e", ev.ID, "s", at(start)), "FORBIDDEN")
	ash := d.api.As(d.ash.ID)
	ash.ErrorCode(codeQuery, vars("e", ev.ID, "s", at(start)), "FORBIDDEN")

	// Wrong code, then the right one typed loosely; twice is a no-op.
	ash.ErrorCode(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", "AAAAAA"), "BAD_USER_INPUT")
	loose := strings.ToLower(c.Code[:3]) + "-" + strings.ToLower(c.Code[3:])
	var first, again struct{ SelfCheckIn attendanceOut }
	ash.MustDo(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", loose), &first)
	ash.MustDo(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", c.Code), &again)
	if first.SelfCheckIn.Status != "PRESENT" || first.SelfCheckIn.Method != "SELF" || again.SelfCheckIn.ID != first.SelfCheckIn.ID {
		t.Fatalf("self check-in: %+v then %+v", first.SelfCheckIn, again.SelfCheckIn)
	}

	// With the RSVP token and no sign-in.
	var viaToken struct{ SelfCheckIn attendanceOut }
	d.api.Anonymous().MustDo(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", c.Code, "t", d.tokens[d.cora.ID]), &viaToken)
	if int(viaToken.SelfCheckIn.Person.ID) != d.cora.ID || viaToken.SelfCheckIn.Method != "SELF" {
		t.Fatalf("token self check-in: %+v", viaToken.SelfCheckIn)
	}
	d.api.Anonymous().ErrorCode(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", c.Code, "t", "not-a-token"), "NOT_FOUND")
	d.api.Anonymous().ErrorCode(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", c.Code), "UNAUTHENTICATED")

	// Not invited: the event does not exist for them.
	d.api.As(d.nonInv.ID).ErrorCode(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", c.Code), "NOT_FOUND")

	// A token for another event does not open this one.
	other := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.eve: invitation.ResponseACCEPTED})
	d.api.Anonymous().ErrorCode(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", c.Code, "t", d.tokens[d.eve.ID]), "FORBIDDEN")
	// Each occurrence has its own code.
	var otherCode codeOut
	d.organiser.MustDo(codeQuery, vars("e", other.ID, "s", at(start)), &otherCode)
	if otherCode.OccurrenceCheckIn.Code == c.Code {
		t.Fatalf("two events share the code %s", c.Code)
	}

	// Outside the window: too early, and after the end.
	for name, s := range map[string]time.Time{"too early": now().Add(2 * time.Hour), "ended": now().Add(-3 * time.Hour)} {
		ev := d.event(t, s, time.Hour, invites)
		var code codeOut
		d.organiser.MustDo(codeQuery, vars("e", ev.ID, "s", at(s)), &code)
		e := d.api.As(d.ash.ID).ErrorCode(selfCheckIn, vars("e", ev.ID, "s", at(s), "c", code.OccurrenceCheckIn.Code), "BAD_USER_INPUT")
		if !strings.Contains(e.Message, map[string]string{"too early": "opens", "ended": "closed"}[name]) {
			t.Fatalf("%s: message %q", name, e.Message)
		}
	}
	// Opens 30 minutes before the start.
	soon := now().Add(20 * time.Minute)
	ev3 := d.event(t, soon, time.Hour, invites)
	d.organiser.MustDo(codeQuery, vars("e", ev3.ID, "s", at(soon)), &code)
	d.api.As(d.ash.ID).MustDo(selfCheckIn, vars("e", ev3.ID, "s", at(soon), "c", code.OccurrenceCheckIn.Code), nil)

	// Apologies turn into PRESENT when the person turns up after all.
	d.organiser.MustDo(checkInMutation, vars("e", ev3.ID, "s", at(soon), "p", d.cora.ID, "st", "APOLOGIES"), nil)
	var up struct{ SelfCheckIn attendanceOut }
	d.api.As(d.cora.ID).MustDo(selfCheckIn, vars("e", ev3.ID, "s", at(soon), "c", code.OccurrenceCheckIn.Code), &up)
	if up.SelfCheckIn.Status != "PRESENT" {
		t.Fatalf("apologies then self check-in: %+v", up.SelfCheckIn)
	}
}

func TestAttendanceAuthorization(t *testing.T) {
	d := newDoor(t)
	start := now().Add(-10 * time.Minute)
	ev := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponseACCEPTED})
	v := vars("e", ev.ID, "s", at(start), "p", d.cora.ID)
	sheet := `query($e: ID!, $s: Time!) { attendanceSheet(eventId: $e, occurrenceStart: $s) { rows { person { id } } } }`
	report := `query($e: ID!) { representationReport(scope: {eventId: $e}) { cells { invited } } }`

	// Attendees check only themselves in; consultants read, do not write.
	d.api.As(d.ash.ID).ErrorCode(checkInMutation, v, "FORBIDDEN")
	d.consultant.ErrorCode(checkInMutation, v, "FORBIDDEN")
	d.outsider.ErrorCode(checkInMutation, v, "NOT_FOUND")
	d.api.Anonymous().ErrorCode(checkInMutation, v, "UNAUTHENTICATED")
	d.organiser.MustDo(checkInMutation, v, nil)

	d.consultant.MustDo(sheet, vars("e", ev.ID, "s", at(start)), nil)
	d.consultant.MustDo(report, vars("e", ev.ID), nil)
	d.api.As(d.ash.ID).ErrorCode(sheet, vars("e", ev.ID, "s", at(start)), "FORBIDDEN")
	d.api.As(d.ash.ID).ErrorCode(report, vars("e", ev.ID), "FORBIDDEN")
	d.outsider.ErrorCode(sheet, vars("e", ev.ID, "s", at(start)), "NOT_FOUND")
	d.outsider.ErrorCode(report, vars("e", ev.ID), "NOT_FOUND")
	d.outsider.ErrorCode(`query($p: ID!) { representationReport(scope: {programmeId: $p}) { cells { invited } } }`, vars("p", d.prog.ID), "NOT_FOUND")
	d.api.Anonymous().ErrorCode(report, vars("e", ev.ID), "UNAUTHENTICATED")

	// Walk-ins create people: organisers only.
	walkIn := `mutation($in: WalkInInput!) { recordWalkIn(input: $in) { created } }`
	in := vars("in", map[string]any{"eventId": ev.ID, "occurrenceStart": at(start), "name": "Sneaky"})
	d.consultant.ErrorCode(walkIn, in, "FORBIDDEN")
	d.api.As(d.ash.ID).ErrorCode(walkIn, in, "FORBIDDEN")
	if n := d.api.Client().Person.Query().CountX(d.api.Ctx()); n != 8 {
		t.Fatalf("refused walk-ins must not create people: %d people", n)
	}
	// The counts follow privacy: an attendee sees only their own record.
	counts := `query($e: ID!, $s: Time!) { occurrenceCounts(eventId: $e, occurrenceStart: $s) { checkedIn } }`
	var c struct{ OccurrenceCounts struct{ CheckedIn int } }
	d.api.As(d.ash.ID).MustDo(counts, vars("e", ev.ID, "s", at(start)), &c)
	if c.OccurrenceCounts.CheckedIn != 0 {
		t.Fatalf("attendee saw others' check-ins: %+v", c)
	}
	d.outsider.ErrorCode(counts, vars("e", ev.ID, "s", at(start)), "NOT_FOUND")
}

func get(t *testing.T, a *apitest.API, path string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.Server.URL+path, nil)
	for k, v := range a.Header {
		req.Header[k] = v
	}
	res, err := a.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

func TestSheetExportsAndQRCode(t *testing.T) {
	d := newDoor(t)
	start := now().Add(-10 * time.Minute)
	ev := d.event(t, start, time.Hour, map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponseDECLINED})
	d.api.Client().Person.UpdateOne(d.cora).SetName("=HYPERLINK(\"x\")").ExecX(d.api.Ctx())
	d.organiser.MustDo(checkInMutation, vars("e", ev.ID, "s", at(start), "p", d.ash.ID), nil)
	base := "/attendance/" + itoa(ev.ID) + "/" + at(start)

	res, body := get(t, d.consultant, base+"/sheet.csv")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", res.StatusCode, body)
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || len(recs) != 3 || recs[0][1] != "name" {
		t.Fatalf("csv records: %v %q", err, recs)
	}
	if recs[1][1] != "'=HYPERLINK(\"x\")" || recs[2][1] != "Ash Attendee" || recs[2][6] != "PRESENT" || recs[1][5] != "DECLINED" {
		t.Fatalf("csv content (formula escaped, sorted by name): %q", recs)
	}

	res, body = get(t, d.organiser, base+"/sheet")
	if res.StatusCode != 200 || !strings.Contains(string(body), "Ash Attendee") || !strings.Contains(string(body), "Door forum") ||
		strings.Contains(string(body), "<script") {
		t.Fatalf("printable sheet: %d %s", res.StatusCode, body)
	}
	res, body = get(t, d.organiser, base+"/qr.png")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || !bytes.HasPrefix(body, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("qr: %d %q", res.StatusCode, body[:min(len(body), 16)])
	}

	for name, tc := range map[string]struct {
		api    *apitest.API
		path   string
		status int
	}{
		"attendee csv":    {d.api.As(d.ash.ID), base + "/sheet.csv", 403},
		"outsider csv":    {d.outsider, base + "/sheet.csv", 404},
		"anonymous sheet": {d.api.Anonymous(), base + "/sheet", 401},
		"consultant qr":   {d.consultant, base + "/qr.png", 403},
		"bad start":       {d.organiser, "/attendance/" + itoa(ev.ID) + "/yesterday/sheet.csv", 400},
	} {
		if res, body := get(t, tc.api, tc.path); res.StatusCode != tc.status {
			t.Errorf("%s: want %d, got %d %s", name, tc.status, res.StatusCode, body)
		}
	}

	// The self check-in form works without JavaScript, with the RSVP token.
	var code codeOut
	d.organiser.MustDo(codeQuery, vars("e", ev.ID, "s", at(start)), &code)
	form := "event=" + itoa(ev.ID) + "&start=" + at(start) + "&code=" + code.OccurrenceCheckIn.Code + "&token=" + d.tokens[d.cora.ID]
	req, _ := http.NewRequest(http.MethodPost, d.api.Server.URL+"/attendance/check-in", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := d.api.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "You are checked in") {
		t.Fatalf("form check-in: %d %s", resp.StatusCode, page)
	}
	if n := d.api.Client().Attendance.Query().Where(entattendance.PersonID(d.cora.ID), entattendance.MethodEQ(entattendance.MethodSELF)).CountX(d.api.Ctx()); n != 1 {
		t.Fatalf("form check-in rows: %d", n)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Too early: the message is a sentence in the event's zone, and the time
// itself comes as a typed extension; the form page words it the same way
// and offers the "not signed in?" hint only to people who are signed out.
func TestSelfCheckInOpensAtIsTyped(t *testing.T) {
	d := newDoor(t)
	invites := map[*ent.Person]invitation.Response{d.ash: invitation.ResponseACCEPTED, d.cora: invitation.ResponseACCEPTED}
	start := now().Add(26 * time.Hour).Truncate(time.Minute)
	ev := d.event(t, start, time.Hour, invites) // Europe/London
	var code codeOut
	d.organiser.MustDo(codeQuery, vars("e", ev.ID, "s", at(start)), &code)

	e := d.api.As(d.ash.ID).ErrorCode(selfCheckIn, vars("e", ev.ID, "s", at(start), "c", code.OccurrenceCheckIn.Code), "BAD_USER_INPUT")
	opens := start.Add(-attendance.OpensBefore)
	london, _ := time.LoadLocation("Europe/London")
	want := "Self check-in opens at " + attendance.WhenInZone(opens, london, time.Now()) + "."
	if e.Message != want {
		t.Fatalf("message %q, want %q", e.Message, want)
	}
	if got := e.Extensions["opensAt"]; got != opens.UTC().Format(time.RFC3339) {
		t.Fatalf("opensAt extension %v, want %s", got, opens.UTC().Format(time.RFC3339))
	}
	if e.Extensions["timeZone"] != "Europe/London" || e.Extensions["field"] != "occurrenceStart" {
		t.Fatalf("extensions %v", e.Extensions)
	}
	if s := attendance.WhenInZone(time.Date(2026, 12, 8, 9, 30, 0, 0, time.UTC), london, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)); s != "09:30 on Tuesday 8 December" {
		t.Fatalf("WhenInZone: %q", s)
	}
	if s := attendance.WhenInZone(time.Date(2027, 7, 1, 8, 0, 0, 0, time.UTC), london, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)); s != "09:00 on Thursday 1 July 2027" {
		t.Fatalf("WhenInZone next year, summer time: %q", s)
	}

	post := func(a *apitest.API, form string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, d.api.Server.URL+"/attendance/check-in", strings.NewReader(form))
		for k, v := range a.Header {
			req.Header[k] = v
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := d.api.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	base := "event=" + itoa(ev.ID) + "&start=" + at(start) + "&code=" + code.OccurrenceCheckIn.Code
	const hint = "Not signed in?"
	// Signed in: the sentence, and no sign-in hint.
	status, page := post(d.api.As(d.ash.ID), base)
	if status != 400 || !strings.Contains(page, "Self check-in opens at "+attendance.WhenInZone(opens, london, time.Now())+".") || strings.Contains(page, hint) {
		t.Fatalf("signed-in too early: %d %s", status, page)
	}
	// Signed out with no link: the API's lowercase message becomes a sentence, and the hint shows.
	status, page = post(d.api.Anonymous(), base)
	if status != 401 || !strings.Contains(page, "Sign in, or use the link in your invitation email, to check in.") || !strings.Contains(page, hint) {
		t.Fatalf("signed-out: %d %s", status, page)
	}
	// With the invitation link: no hint either.
	status, page = post(d.api.Anonymous(), base+"&token="+d.tokens[d.cora.ID])
	if status != 400 || strings.Contains(page, hint) || !strings.Contains(page, "Self check-in opens at") {
		t.Fatalf("token too early: %d %s", status, page)
	}
}
