package icalendar_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/internal/icalendar"
)

// A single-event download. The event is in UTC, so no VTIMEZONE is needed;
// output lines end in CRLF (replaced here so the example can compare them).
func ExampleMarshal() {
	start := time.Date(2026, 5, 14, 13, 30, 0, 0, time.UTC)
	out, err := icalendar.Marshal(&icalendar.Calendar{
		Events: []icalendar.Event{{
			UID:       "forum-42@convene.example",
			Stamp:     time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC),
			Start:     start,
			End:       start.Add(90 * time.Minute),
			Summary:   "Housing forum: Cardiff, Swansea; Newport",
			Location:  "Neuadd y Ddinas",
			Organizer: &icalendar.Address{Email: "chair@convene.example", Name: `Smith, Jo; "Dr"`},
		}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Print(strings.ReplaceAll(string(out), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// CALSCALE:GREGORIAN
	// PRODID:-//Convene//Convene Calendar//EN
	// VERSION:2.0
	// BEGIN:VEVENT
	// DTEND:20260514T150000Z
	// DTSTAMP:20260501T120000Z
	// DTSTART:20260514T133000Z
	// LOCATION:Neuadd y Ddinas
	// ORGANIZER;CN="Smith, Jo; 'Dr'":mailto:chair@convene.example
	// SEQUENCE:0
	// SUMMARY:Housing forum: Cardiff\, Swansea\; Newport
	// UID:forum-42@convene.example
	// END:VEVENT
	// END:VCALENDAR
}

// FoldLines splits long content lines at 75 octets without breaking UTF-8
// characters; continuation lines start with a space.
func ExampleFoldLines() {
	// The "é" of "Café" occupies octets 75 and 76 (1-based), so the line
	// is cut before it, one octet early.
	line := "SUMMARY:" + strings.Repeat("a", 63) + "Café Caerdydd"
	for _, l := range strings.Split(string(icalendar.FoldLines([]byte(line))), "\r\n") {
		if l != "" {
			fmt.Printf("%2d %q\n", len(l), l)
		}
	}
	// Output:
	// 74 "SUMMARY:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaCaf"
	// 12 " é Caerdydd"
}
