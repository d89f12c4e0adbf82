package feeds_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apitest"
)

func TestPersonalFeedIsStrictRFC5545(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	_, url := w.adaToken(t)
	f := get200(t, url)
	body := f.body

	if ct := f.header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	// CRLF only, every physical line at most 75 octets, never a split
	// UTF-8 character.
	if bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n"), nil), []byte("\n")) || bytes.Contains(bytes.ReplaceAll(body, []byte("\r\n"), nil), []byte("\r")) {
		t.Error("bare LF or CR in body")
	}
	if !bytes.HasSuffix(body, []byte("END:VCALENDAR\r\n")) {
		t.Error("body does not end with END:VCALENDAR CRLF")
	}
	folded := 0
	for _, l := range strings.Split(strings.TrimSuffix(string(body), "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("physical line is not valid UTF-8 (split character): %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("expected some folded lines (long descriptions)")
	}
	lines := unfold(body)
	has := func(want string) {
		t.Helper()
		for _, l := range lines {
			if l == want {
				return
			}
		}
		t.Errorf("no line %q", want)
	}
	has("PRODID:-//Convene//Convene Calendar//EN")
	has("VERSION:2.0")
	has(`NAME:Convene: Ada "Countess" Lovelace FRS`)
	has(`X-WR-CALNAME:Convene: Ada "Countess" Lovelace FRS`)
	has("REFRESH-INTERVAL;VALUE=DURATION:PT1H")
	has("X-PUBLISHED-TTL:PT1H")
	inTZ := false
	for _, l := range lines {
		switch l {
		case "BEGIN:VTIMEZONE":
			inTZ = true
		case "END:VTIMEZONE":
			inTZ = false
		}
		if strings.HasPrefix(l, "METHOD") {
			t.Errorf("a feed has no METHOD: %q", l)
		}
		for _, p := range []string{"DTSTAMP", "LAST-MODIFIED", "CREATED"} {
			if strings.HasPrefix(l, p+":") && !regexp.MustCompile(`^`+p+`:\d{8}T\d{6}Z$`).MatchString(l) {
				t.Errorf("%s not UTC: %q", p, l)
			}
		}
		// No floating times: every date-time has a TZID or is UTC.
		// (VTIMEZONE observances are local times by definition.)
		for _, p := range []string{"DTSTART", "DTEND", "EXDATE", "RECURRENCE-ID", "DUE"} {
			if !inTZ && (strings.HasPrefix(l, p+":") || strings.HasPrefix(l, p+";")) {
				if !(strings.Contains(l, ";TZID=") || strings.Contains(l, "VALUE=DATE:") || strings.HasSuffix(l, "Z")) {
					t.Errorf("floating time: %q", l)
				}
			}
		}
	}
	// One VTIMEZONE per TZID used, and every TZID defined.
	used := map[string]bool{}
	for _, m := range regexp.MustCompile(`;TZID=([^;:]+)`).FindAllStringSubmatch(strings.Join(lines, "\n"), -1) {
		used[m[1]] = true
	}
	for tz := range used {
		if n := strings.Count(strings.Join(lines, "\n"), "\nTZID:"+tz+"\n"); n != 1 {
			t.Errorf("VTIMEZONE for %s: %d, want 1", tz, n)
		}
	}
	if !used["Europe/London"] || !used["America/New_York"] {
		t.Errorf("TZIDs used: %v", used)
	}

	evs := vevents(body)
	// The London series: one master with RRULE, one EXDATE line per
	// removed date (Event.exdates and the cancelled occurrence), the moved
	// occurrence as an override with RECURRENCE-ID and its own SEQUENCE.
	forum := withUID(evs, w.forum.UID)
	if len(forum) != 2 {
		t.Fatalf("forum components: %d, want master + 1 override", len(forum))
	}
	master, override := forum[0], forum[1]
	if len(prop(master, "RECURRENCE-ID")) > 0 {
		master, override = override, master
	}
	if got := prop(master, "RRULE"); len(got) != 1 || got[0] != "RRULE:FREQ=WEEKLY;COUNT=6" {
		t.Errorf("RRULE: %v", got)
	}
	ex := prop(master, "EXDATE")
	wantEx := []string{"EXDATE;TZID=Europe/London:20270322T100000", "EXDATE;TZID=Europe/London:20270412T100000"}
	if strings.Join(ex, "|") != strings.Join(wantEx, "|") {
		t.Errorf("EXDATEs = %v, want %v", ex, wantEx)
	}
	if got := prop(override, "RECURRENCE-ID"); len(got) != 1 || got[0] != "RECURRENCE-ID;TZID=Europe/London:20270405T100000" {
		t.Errorf("override RECURRENCE-ID: %v", got)
	}
	if got := prop(override, "DTSTART"); got[0] != "DTSTART;TZID=Europe/London:20270405T140000" {
		t.Errorf("override DTSTART: %v", got)
	}
	if got := prop(override, "LOCATION"); got[0] != `LOCATION:Library` {
		t.Errorf("override LOCATION: %v", got)
	}
	if got := prop(override, "SEQUENCE"); got[0] != fmt.Sprintf("SEQUENCE:%d", w.forum.Sequence+1) {
		t.Errorf("override SEQUENCE: %v (series %d, override 1)", got, w.forum.Sequence)
	}
	if got := prop(master, "SEQUENCE"); got[0] != fmt.Sprintf("SEQUENCE:%d", w.forum.Sequence) {
		t.Errorf("master SEQUENCE: %v", got)
	}

	// ORGANIZER and ATTENDEE: mailto, CN quoted, the person's own PARTSTAT.
	if got := prop(master, "ORGANIZER"); len(got) != 1 || got[0] != `ORGANIZER;CN="Olu Organiser, MBE":mailto:olu@example.org` {
		t.Errorf("ORGANIZER: %v", got)
	}
	att := prop(master, "ATTENDEE")
	if len(att) != 1 || !strings.Contains(att[0], `CN="Ada 'Countess' Lovelace, FRS"`) && !strings.Contains(att[0], `CN="Ada ^'Countess^' Lovelace, FRS"`) {
		t.Errorf("ATTENDEE CN not quoted: %v", att)
	}
	if len(att) == 1 && (!strings.Contains(att[0], "PARTSTAT=ACCEPTED") || !strings.HasSuffix(att[0], ":mailto:"+adaEmail)) {
		t.Errorf("ATTENDEE: %v", att)
	}
	if got := prop(master, "LOCATION"); got[0] != `LOCATION:Town Hall\, 1 High Street\, Bristol BS1 1AA` {
		t.Errorf("LOCATION: %v", got)
	}
	desc := prop(master, "DESCRIPTION")[0]
	if !strings.Contains(desc, "Join online: https://meet.example.org/forum") || !strings.Contains(desc, fmt.Sprintf("/events/%d", w.forum.ID)) {
		t.Errorf("DESCRIPTION lacks the online link or the event page: %q", desc)
	}
	if got := prop(master, "URL"); len(got) != 1 || !strings.HasSuffix(got[0], fmt.Sprintf("/events/%d", w.forum.ID)) {
		t.Errorf("URL: %v", got)
	}
	if got := prop(master, "STATUS"); got[0] != "STATUS:CONFIRMED" {
		t.Errorf("STATUS: %v", got)
	}

	// PARTSTAT mapping.
	partstat := func(uid string) string {
		t.Helper()
		c := withUID(evs, uid)
		if len(c) == 0 {
			t.Fatalf("no VEVENT %s", uid)
		}
		a := prop(c[0], "ATTENDEE")
		if len(a) != 1 {
			t.Fatalf("ATTENDEE of %s: %v", uid, a)
		}
		return regexp.MustCompile(`PARTSTAT=([A-Z-]+)`).FindStringSubmatch(a[0])[1]
	}
	if p := partstat(w.nyc.UID); p != "TENTATIVE" {
		t.Errorf("tentative → %s", p)
	}
	if p := partstat(w.allDay.UID); p != "NEEDS-ACTION" {
		t.Errorf("pending → %s", p)
	}
	if p := partstat(w.tricky.UID); p != "NEEDS-ACTION" {
		t.Errorf("waitlisted → %s", p)
	}

	// All-day: VALUE=DATE with exclusive end.
	ad := withUID(evs, w.allDay.UID)[0]
	if got := prop(ad, "DTSTART")[0] + "|" + prop(ad, "DTEND")[0]; got != "DTSTART;VALUE=DATE:20270502|DTEND;VALUE=DATE:20270503" {
		t.Errorf("all-day: %s", got)
	}

	// Text escaping.
	tr := withUID(evs, w.tricky.UID)[0]
	if got := prop(tr, "SUMMARY")[0]; got != "SUMMARY:"+escapeText(trickyTitle) {
		t.Errorf("SUMMARY = %q, want %q", got, "SUMMARY:"+escapeText(trickyTitle))
	}
	if got := prop(tr, "DESCRIPTION")[0]; !strings.HasPrefix(got, "DESCRIPTION:"+escapeText(trickyDesc)+`\n\n`) {
		t.Errorf("DESCRIPTION = %q", got)
	}

	// Cancelled 1 day ago: kept with STATUS:CANCELLED and its raised
	// SEQUENCE; cancelled 40 days ago: gone. Declined: left out.
	c := withUID(evs, w.cancelled.UID)
	if len(c) != 1 || prop(c[0], "STATUS")[0] != "STATUS:CANCELLED" {
		t.Errorf("recently cancelled event: %v", c)
	} else if w.cancelled.Sequence < 1 || prop(c[0], "SEQUENCE")[0] != fmt.Sprintf("SEQUENCE:%d", w.cancelled.Sequence) {
		t.Errorf("cancelled SEQUENCE %v, row %d", prop(c[0], "SEQUENCE"), w.cancelled.Sequence)
	}
	if len(withUID(evs, w.oldCancel.UID)) != 0 {
		t.Error("event cancelled 40 days ago is still in the feed")
	}
	if len(withUID(evs, w.declined.UID)) != 0 {
		t.Error("declined invitation shown without ?declined=1")
	}

	// Invited to one occurrence only: that instance, same UID, with
	// RECURRENCE-ID, no master.
	so := withUID(evs, w.singleOcc.UID)
	if len(so) != 1 || len(prop(so[0], "RRULE")) != 0 || prop(so[0], "RECURRENCE-ID")[0] != "RECURRENCE-ID;TZID=Europe/London:20270406T140000" {
		t.Errorf("single-occurrence invitation: %v", so)
	}

	// ?declined=1 adds the declined one with PARTSTAT=DECLINED.
	withDeclined := vevents(get200(t, url+"?declined=1").body)
	d := withUID(withDeclined, w.declined.UID)
	if len(d) != 1 || !strings.Contains(prop(d[0], "ATTENDEE")[0], "PARTSTAT=DECLINED") {
		t.Errorf("?declined=1: %v", d)
	}
}

// escapeText is RFC 5545 §3.3.11 TEXT escaping, written out independently
// of the code under test.
func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)
	return r.Replace(s)
}

// Replies to single occurrences of a series the person is invited to as a
// whole: a different reply to one date is an override carrying it, a
// declined date is an EXDATE, whatever order the invitations come in.
func TestPersonalFeedOccurrenceRepliesWithinASeries(t *testing.T) {
	api := apitest.New(t)
	w := newWorld(t, api, false)
	ctx, c := api.Ctx(), api.Client()
	// Ada accepted the whole forum; she is only "maybe" for 29 March and
	// cannot come on 19 April.
	for _, r := range []struct {
		rid  string
		resp invitation.Response
	}{{"0329", invitation.ResponseTENTATIVE}, {"0419", invitation.ResponseDECLINED}} {
		if err := c.Invitation.Create().SetEventID(w.forum.ID).SetPersonID(w.ada.ID).
			SetOccurrenceStart(w.forumRIDs[r.rid]).SetResponse(r.resp).Exec(ctx); err != nil {
			t.Fatal(err)
		}
	}
	_, url := w.adaToken(t)
	forum := withUID(vevents(get200(t, url).body), w.forum.UID)
	var master []string
	instances := map[string][]string{}
	for _, ev := range forum {
		if rid := prop(ev, "RECURRENCE-ID"); len(rid) == 1 {
			instances[rid[0]] = ev
		} else {
			master = ev
		}
	}
	if master == nil {
		t.Fatalf("no master VEVENT: %v", forum)
	}
	exdates := strings.Join(prop(master, "EXDATE"), "\n")
	for _, want := range []string{"EXDATE;TZID=Europe/London:20270322T100000", "EXDATE;TZID=Europe/London:20270412T100000",
		"EXDATE;TZID=Europe/London:20270419T100000"} {
		if !strings.Contains(exdates, want) {
			t.Errorf("master EXDATEs %q lack %s", exdates, want)
		}
	}
	maybe := instances["RECURRENCE-ID;TZID=Europe/London:20270329T100000"]
	if maybe == nil || !strings.Contains(prop(maybe, "ATTENDEE")[0], "PARTSTAT=TENTATIVE") {
		t.Errorf("29 March: %v", maybe)
	}
	moved := instances["RECURRENCE-ID;TZID=Europe/London:20270405T100000"]
	if moved == nil || !strings.Contains(prop(moved, "ATTENDEE")[0], "PARTSTAT=ACCEPTED") {
		t.Errorf("moved 5 April keeps the series' reply: %v", moved)
	}
	if !strings.Contains(prop(master, "ATTENDEE")[0], "PARTSTAT=ACCEPTED") {
		t.Errorf("master: %v", prop(master, "ATTENDEE"))
	}
}
