package icalendar

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

const validICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\nSUMMARY:Hi\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

// malformedInputs are inputs Parse must reject without panicking. The
// "panics go-ical" ones crash go-ical's decoder when called directly.
var malformedInputs = []struct {
	name, in       string
	panicsGoICAL   bool
	wantErrContain string
}{
	{name: "empty", in: ""},
	{name: "blank lines", in: "\r\n\r\n"},
	{name: "not iCalendar", in: "hello world\r\n"},
	{name: "truncated", in: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"},
	{name: "wrong top level", in: "BEGIN:VEVENT\r\nEND:VEVENT\r\n"},
	{name: "mismatched END", in: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n"},
	{name: "param at end of line", in: "BEGIN:VCALENDAR\r\nX;A=b\r\nEND:VCALENDAR\r\n", panicsGoICAL: true},
	{name: "junk after quoted param", in: "BEGIN:VCALENDAR\r\nX;A=\"b\"c:d\r\nEND:VCALENDAR\r\n", panicsGoICAL: true},
	{name: "quoted param at EOF", in: "BEGIN:VCALENDAR\r\nATTENDEE;CN=\"x\"", panicsGoICAL: true},
	{name: "unterminated quote", in: "BEGIN:VCALENDAR\r\nX;A=\"b:c\r\nEND:VCALENDAR\r\n"},
	{name: "empty param name", in: "BEGIN:VCALENDAR\r\nX;=a:b\r\nEND:VCALENDAR\r\n"},
	{name: "no colon", in: "BEGIN:VCALENDAR\r\nSUMMARY\r\nEND:VCALENDAR\r\n"},
	{name: "only separators", in: ";:\r\n"},
	{name: "folded then EOF", in: "BEGIN:VCALENDAR\r\n "},
	{name: "deep nesting", in: strings.Repeat("BEGIN:X\r\n", 100_000), wantErrContain: "nested"},
	// 300 kB in one parameter would keep go-ical busy for about a minute.
	{name: "huge parameter", in: "BEGIN:VCALENDAR\r\nX;A=" + strings.Repeat("a", 300_000) + ":x\r\nEND:VCALENDAR\r\n", wantErrContain: "parameter value longer"},
	{name: "huge folded parameter", in: "BEGIN:VCALENDAR\r\nX;A=\"" + strings.Repeat("a\r\n ", 10_000) + "\":x\r\nEND:VCALENDAR\r\n", wantErrContain: "parameter value longer"},
	{name: "many medium parameters", in: "BEGIN:VCALENDAR\r\n" + strings.Repeat("X;A="+strings.Repeat("a", 4000)+":x\r\n", 100) + "END:VCALENDAR\r\n", wantErrContain: "too much parameter data"},
}

func TestParseMalformed(t *testing.T) {
	for _, tt := range malformedInputs {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			cal, err := Parse(strings.NewReader(tt.in))
			if err == nil || cal != nil {
				t.Fatalf("Parse = %v, %v; want an error", cal, err)
			}
			if !errors.Is(err, ErrMalformed) {
				t.Errorf("error %v does not wrap ErrMalformed", err)
			}
			if errors.Is(err, io.EOF) {
				t.Errorf("error %v wraps io.EOF", err)
			}
			if tt.wantErrContain != "" && !strings.Contains(err.Error(), tt.wantErrContain) {
				t.Errorf("error %q does not mention %q", err, tt.wantErrContain)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

// TestGoICALPanics documents why Parse needs recover: these inputs crash
// the pinned go-ical decoder. If an upgrade fixes that, this test says so.
func TestGoICALPanics(t *testing.T) {
	for _, tt := range malformedInputs {
		if !tt.panicsGoICAL {
			continue
		}
		panicked := func() (p bool) {
			defer func() { p = recover() != nil }()
			_, _ = ical.NewDecoder(strings.NewReader(tt.in)).Decode()
			return false
		}()
		if !panicked {
			t.Errorf("%s: go-ical no longer panics; the recover in Parse may be unnecessary", tt.name)
		}
	}
}

func TestParseValid(t *testing.T) {
	tests := []struct{ name, in string }{
		{"CRLF", validICS},
		{"LF only", strings.ReplaceAll(validICS, "\r\n", "\n")},
		{"BOM", "\xef\xbb\xbf" + validICS},
		{"trailing garbage ignored", validICS + "garbage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if s, err := cal.Events()[0].Props.Text(ical.PropSummary); err != nil || s != "Hi" {
				t.Errorf("SUMMARY = %q, %v", s, err)
			}
		})
	}
}

// TestParseUnfolds verifies go-ical unfolds (CRLF or LF, then SPACE or
// HTAB) including folds in the middle of a UTF-8 character, as other
// producers may write them.
func TestParseUnfolds(t *testing.T) {
	want := "Café ŵ 🎉, a long summary; folded"
	folded := []string{
		"SUMMARY:Caf\r\n é ŵ 🎉\\, a long summary\\; fol\r\n ded",
		"SUMMARY:Caf\n\té ŵ 🎉\\, a long\n  summary\\; folded",
		"SUMMARY:Caf\xc3\r\n \xa9 ŵ \xf0\x9f\r\n \x8e\x89\\, a long summary\\; folded", // split inside é and 🎉
	}
	for i, f := range folded {
		in := strings.Replace(validICS, "SUMMARY:Hi", f, 1)
		cal, err := Parse(strings.NewReader(in))
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if s, _ := cal.Events()[0].Props.Text(ical.PropSummary); s != want {
			t.Errorf("%d: SUMMARY = %q, want %q", i, s, want)
		}
	}
}

// TestMarshalParseRoundTrip feeds a large generated calendar back through
// Parse and checks every event survived with its fields.
func TestMarshalParseRoundTrip(t *testing.T) {
	src := benchCalendar(40)
	cal := mustParse(t, mustMarshal(t, src))
	events := cal.Events()
	if len(events) != len(src.Events) {
		t.Fatalf("got %d events, want %d", len(events), len(src.Events))
	}
	byUID := make(map[string]ical.Event)
	for _, e := range events {
		byUID[e.Props.Get(ical.PropUID).Value] = e
	}
	for _, want := range src.Events {
		got, ok := byUID[want.UID]
		if !ok {
			t.Fatalf("event %s missing", want.UID)
		}
		if s, _ := got.Props.Text(ical.PropSummary); s != want.Summary {
			t.Errorf("%s: SUMMARY %q, want %q", want.UID, s, want.Summary)
		}
		if s, _ := got.Props.Text(ical.PropDescription); s != want.Description {
			t.Errorf("%s: DESCRIPTION %q, want %q", want.UID, s, want.Description)
		}
		start, err := got.DateTimeStart(nil)
		if err != nil {
			t.Fatalf("%s: DTSTART: %v", want.UID, err)
		}
		if !want.AllDay && !start.Equal(want.Start) {
			t.Errorf("%s: DTSTART %s, want %s", want.UID, start, want.Start)
		}
		if n := len(got.Props.Values(ical.PropExceptionDates)); n != len(want.ExDates) {
			t.Errorf("%s: %d EXDATEs, want %d", want.UID, n, len(want.ExDates))
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(validICS))
	f.Add(mustMarshalF(f, invitation(f)))
	f.Add(mustMarshalF(f, benchCalendar(3)))
	for _, tt := range malformedInputs {
		if len(tt.in) < 1000 {
			f.Add([]byte(tt.in))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cal, err := Parse(bytes.NewReader(data))
		if (cal == nil) == (err == nil) {
			t.Fatalf("Parse = %v, %v: exactly one must be nil", cal, err)
		}
		if err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("error %v does not wrap ErrMalformed", err)
		}
	})
}

func mustMarshalF(f *testing.F, cal *Calendar) []byte {
	b, err := Marshal(cal)
	if err != nil {
		f.Fatal(err)
	}
	return b
}
