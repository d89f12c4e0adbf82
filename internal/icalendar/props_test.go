package icalendar

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

// escapeText (cleaning, then escaping) must produce exactly what go-ical's
// own setter produces for the cleaned text, so that
// the faster path changes no byte of any feed.
func TestEscapeTextMatchesGoICAL(t *testing.T) {
	cases := []string{
		"", "plain", "a,b;c\\d\ne", "\\\\,,;;\n\n", "Café, housing; transport — ŵ",
		"ends with backslash\\", "tab\tkept", "日本語;テキスト,改行\nです", "\U0001F600,\U0001F600",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", " ", ",", ";", "\\", "\n", "\t", "é", "€", "\U0001F600", "\r", "\r\n", "\x01", "\x7f", "\xff", "\xe2\x82"}
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		want := ical.NewProp(ical.PropSummary)
		want.SetText(cleanText(c))
		if got := escapeText(c); got != want.Value {
			t.Fatalf("escapeText(%q) = %q, go-ical writes %q", c, got, want.Value)
		}
	}
}

// A propBuf reused for a second component must not carry over anything
// from the first: properties, repeated values or parameters.
func TestPropBufReuseLeavesNothingBehind(t *testing.T) {
	pb := newPropBuf(4)
	p := pb.add(ical.PropAttendee)
	p.Value = "mailto:a@example.org"
	pb.param(p, ical.ParamCommonName, "A")
	pb.add(ical.PropAttendee).Value = "mailto:b@example.org"
	pb.text(ical.PropSummary, "first")
	pb.dateTime(ical.PropDateTimeStart, time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), mustLoc(t, "Europe/London"))
	first := pb.finish()
	if l := first[ical.PropAttendee]; len(l) != 2 || l[0].Params.Get(ical.ParamCommonName) != "A" {
		t.Fatalf("attendees = %+v", l)
	}

	pb.reset()
	pb.add(ical.PropAttendee).Value = "mailto:c@example.org"
	pb.date(ical.PropDateTimeStart, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
	props := pb.finish()
	if l := props[ical.PropAttendee]; len(l) != 1 || l[0].Value != "mailto:c@example.org" || len(l[0].Params) != 0 {
		t.Fatalf("attendees after reuse = %+v, want only c without parameters", l)
	}
	if l := props[ical.PropSummary]; len(l) != 0 {
		t.Fatalf("SUMMARY survived reset: %+v", l)
	}
	if l := props[ical.PropDateTimeStart]; len(l) != 1 || l[0].Value != "20260302" || l[0].Params.Get(ical.ParamTimezoneID) != "" ||
		l[0].Params.Get(ical.ParamValue) != "DATE" {
		t.Fatalf("DTSTART after reuse = %+v, want the date only", l)
	}

	// A third component like the first gets everything back.
	pb.reset()
	pb.text(ical.PropSummary, "third")
	for _, a := range []string{"x", "y", "z"} {
		pb.add(ical.PropAttendee).Value = "mailto:" + a + "@example.org"
	}
	props = pb.finish()
	if l := props[ical.PropSummary]; len(l) != 1 || l[0].Value != "third" {
		t.Fatalf("SUMMARY = %+v", l)
	}
	if l := props[ical.PropAttendee]; len(l) != 3 || l[2].Value != "mailto:z@example.org" {
		t.Fatalf("attendees = %+v", l)
	}
	if l := props[ical.PropDateTimeStart]; len(l) != 0 {
		t.Fatalf("DTSTART survived: %+v", l)
	}
}

// The setters write what go-ical's own setters write: same value, same
// VALUE and TZID parameters.
func TestPropBufSettersMatchGoICAL(t *testing.T) {
	london := mustLoc(t, "Europe/London")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 500 {
		// Years from 0001 to 9999, so that padding is exercised.
		at := time.Date(1+rng.IntN(9999), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
		for _, name := range []string{ical.PropDateTimeStart, ical.PropDateTimeEnd, ical.PropExceptionDates, ical.PropRecurrenceID, ical.PropDue} {
			pb := newPropBuf(4)
			pb.dateTime(name, at, london)
			pb.utc(ical.PropDateTimeStamp, at, "")
			pb.date(name+"-D", at)
			props := pb.finish()

			want := ical.NewProp(name)
			want.SetDateTime(at.In(london).Truncate(time.Second))
			assertSameProp(t, props[name][0], *want)
			want = ical.NewProp(ical.PropDateTimeStamp)
			want.SetDateTime(at.Truncate(time.Second))
			assertSameProp(t, props[ical.PropDateTimeStamp][0], *want)
			want = ical.NewProp(name + "-D")
			want.SetDate(at)
			assertSameProp(t, props[name+"-D"][0], *want)
		}
	}
	for _, name := range []string{ical.PropDateTimeStart, ical.PropExceptionDates, ical.PropRecurrenceID, ical.PropDue} {
		pb := newPropBuf(2)
		d := time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC)
		pb.date(name, d)
		want := ical.NewProp(name)
		want.SetDate(d)
		assertSameProp(t, pb.finish()[name][0], *want)
	}
}

func assertSameProp(t *testing.T, got, want ical.Prop) {
	t.Helper()
	if got.Value != want.Value || len(got.Params) != len(want.Params) {
		t.Fatalf("%s: got %q %v, go-ical writes %q %v", want.Name, got.Value, got.Params, want.Value, want.Params)
	}
	for k, v := range want.Params {
		if g := got.Params[k]; len(g) != len(v) || g[0] != v[0] {
			t.Fatalf("%s: parameter %s = %v, go-ical writes %v", want.Name, k, g, v)
		}
	}
}

// escapeText is cleanText and propBuf.escape for a one-off value.
func escapeText(s string) string {
	var pb propBuf
	return pb.escape(s)
}
