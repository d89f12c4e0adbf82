package icalendar

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

// benchCalendar builds a feed of n events across four zones; every fifth is
// a weekly series with EXDATEs, every seventh an all-day event.
func benchCalendar(n int) *Calendar {
	zones := []string{"Europe/London", "America/New_York", "Asia/Kolkata", ""}
	cal := &Calendar{Name: "Convene — all forums", RefreshInterval: time.Hour}
	base := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	for i := range n {
		start := base.Add(time.Duration(i) * 26 * time.Hour)
		e := Event{
			UID:          fmt.Sprintf("event-%04d@convene.example", i),
			Sequence:     i % 3,
			Stamp:        base,
			Created:      base.Add(-48 * time.Hour),
			LastModified: base.Add(-time.Hour),
			Start:        start,
			End:          start.Add(90 * time.Minute),
			TimeZone:     zones[i%len(zones)],
			Summary:      fmt.Sprintf("Forum session %d: Café, housing; transport — ŵ", i),
			Description:  "Agenda:\n1. Welcome, apologies\n2. Minutes; matters arising\n3. A long item that will certainly need folding because it is rather verbose",
			Location:     "Neuadd y Ddinas, Caerdydd",
			URL:          fmt.Sprintf("https://convene.example/events/%d", i),
			Status:       "CONFIRMED",
			Organizer:    &Address{Email: "chair@convene.example", Name: "Chair, Forum"},
			Attendees: []Attendee{
				{Address: Address{Email: fmt.Sprintf("p%d@example.org", i), Name: "Participant"}, Role: "REQ-PARTICIPANT", PartStat: "ACCEPTED"},
				{Address: Address{Email: "observer@example.org", Name: `Observer "Obs"`}, Role: "OPT-PARTICIPANT", PartStat: "TENTATIVE"},
			},
			Categories: []string{"forum", "public"},
		}
		switch {
		case i%5 == 0:
			e.RRule = "FREQ=WEEKLY;BYDAY=MO,WE"
			e.ExDates = []time.Time{start.AddDate(0, 0, 14), start.AddDate(0, 0, 7)}
		case i%7 == 0:
			e.AllDay = true
			e.Start = time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC)
			e.End = e.Start.AddDate(0, 0, 1)
		}
		cal.Events = append(cal.Events, e)
	}
	return cal
}

// BenchmarkMarshal500 measures the whole wrapper: validation, building the
// go-ical tree, VTIMEZONE generation, go-ical's encoder and folding.
func BenchmarkMarshal500(b *testing.B) {
	cal := benchCalendar(500)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := Marshal(cal)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.SetBytes(int64(size))
}

// prebuilt is the go-ical tree of Marshal's output for cal: the same
// calendar, built in advance, for the bare-encode baseline.
func prebuilt(b *testing.B, cal *Calendar) *ical.Calendar {
	out, err := Marshal(cal)
	if err != nil {
		b.Fatal(err)
	}
	ic, err := Parse(bytes.NewReader(out))
	if err != nil {
		b.Fatal(err)
	}
	return ic
}

// BenchmarkGoICALEncodeOnly encodes the same, already built go-ical
// calendar with go-ical's encoder alone; the difference to
// BenchmarkMarshal500 is the wrapper's overhead.
func BenchmarkGoICALEncodeOnly(b *testing.B) {
	ic := prebuilt(b, benchCalendar(500))
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := ical.NewEncoder(&buf).Encode(ic); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkFoldLines(b *testing.B) {
	ic := prebuilt(b, benchCalendar(500))
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(ic); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		FoldLines(buf.Bytes())
	}
}
