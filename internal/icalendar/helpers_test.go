package icalendar

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func mustMarshal(t testing.TB, cal *Calendar) []byte {
	t.Helper()
	b, err := Marshal(cal)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	return b
}

func mustParse(t testing.TB, b []byte) *ical.Calendar {
	t.Helper()
	cal, err := Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, b)
	}
	return cal
}

// unfold is an independent implementation of RFC 5545 §3.1 unfolding
// (remove every CRLF immediately followed by one SPACE or HTAB), used to
// check FoldLines without trusting it or go-ical.
func unfold(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n "), nil)
	return bytes.ReplaceAll(b, []byte("\r\n\t"), nil)
}

// contentLines returns the unfolded content lines of an encoded calendar.
func contentLines(b []byte) []string {
	s := strings.TrimSuffix(string(unfold(b)), "\r\n")
	return strings.Split(s, "\r\n")
}

func hasLine(b []byte, line string) bool {
	return slices.Contains(contentLines(b), line)
}

func requireLines(t *testing.T, b []byte, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !hasLine(b, l) {
			t.Errorf("missing content line %q in:\n%s", l, b)
		}
	}
}

func forbidLines(t *testing.T, b []byte, prefixes ...string) {
	t.Helper()
	for _, l := range contentLines(b) {
		for _, p := range prefixes {
			if strings.HasPrefix(l, p) {
				t.Errorf("unexpected content line %q", l)
			}
		}
	}
}

// checkWireFormat asserts the RFC 5545 §3.1 framing: CRLF only, no
// physical line over 75 octets, continuation lines start with a space.
func checkWireFormat(t *testing.T, b []byte) {
	t.Helper()
	if len(b) < 2 || !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatalf("output does not end in CRLF")
	}
	for i, c := range b {
		switch c {
		case '\n':
			if i == 0 || b[i-1] != '\r' {
				t.Fatalf("bare LF at offset %d", i)
			}
		case '\r':
			if i+1 >= len(b) || b[i+1] != '\n' {
				t.Fatalf("bare CR at offset %d", i)
			}
		}
	}
	for n, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\r\n")), []byte("\r\n")) {
		if len(line) > MaxLineOctets {
			t.Errorf("physical line %d is %d octets: %q", n, len(line), line)
		}
		if len(line) == 0 {
			t.Errorf("physical line %d is empty", n)
		}
	}
}

// vtzOnset is one sub-component of a VTIMEZONE, resolved to an instant.
type vtzOnset struct {
	kind, dtstart, name string
	from, to            int
	at                  time.Time
}

func parseUTCOffset(t testing.TB, s string) int {
	t.Helper()
	if len(s) != 5 && len(s) != 7 || (s[0] != '+' && s[0] != '-') {
		t.Fatalf("bad UTC offset %q", s)
	}
	h, _ := strconv.Atoi(s[1:3])
	m, _ := strconv.Atoi(s[3:5])
	sec := 0
	if len(s) == 7 {
		sec, _ = strconv.Atoi(s[5:7])
	}
	off := h*3600 + m*60 + sec
	if s[0] == '-' {
		off = -off
	}
	return off
}

// vtzOnsets interprets a VTIMEZONE the way a client without its own tz
// database must: each sub-component starts at DTSTART read in TZOFFSETFROM.
// It fails the test on anything a client could not interpret.
func vtzOnsets(t testing.TB, comp *ical.Component) []vtzOnset {
	t.Helper()
	if comp.Name != ical.CompTimezone {
		t.Fatalf("component %s is not a VTIMEZONE", comp.Name)
	}
	var out []vtzOnset
	for _, c := range comp.Children {
		if c.Name != ical.CompTimezoneStandard && c.Name != ical.CompTimezoneDaylight {
			t.Fatalf("unexpected %s in VTIMEZONE", c.Name)
		}
		dt := c.Props.Get(ical.PropDateTimeStart)
		if dt == nil || len(dt.Params) != 0 {
			t.Fatalf("sub-component DTSTART missing or has parameters: %+v", dt)
		}
		local, err := time.Parse(localDateTimeLayout, dt.Value)
		if err != nil {
			t.Fatalf("DTSTART %q is not a local date-time: %v", dt.Value, err)
		}
		o := vtzOnset{
			kind:    c.Name,
			dtstart: dt.Value,
			from:    parseUTCOffset(t, c.Props.Get(ical.PropTimezoneOffsetFrom).Value),
			to:      parseUTCOffset(t, c.Props.Get(ical.PropTimezoneOffsetTo).Value),
		}
		if p := c.Props.Get(ical.PropTimezoneName); p != nil {
			o.name = p.Value
		}
		o.at = local.Add(-time.Duration(o.from) * time.Second)
		out = append(out, o)
	}
	return out
}

// vtzOffsetAt returns the offset a VTIMEZONE defines at instant x: that of
// the latest onset not after x.
func vtzOffsetAt(onsets []vtzOnset, x time.Time) (int, bool) {
	best, ok := 0, false
	var bestAt time.Time
	for _, o := range onsets {
		if !o.at.After(x) && (!ok || o.at.After(bestAt)) {
			best, bestAt, ok = o.to, o.at, true
		}
	}
	return best, ok
}

// timezonesIn returns the VTIMEZONE components of a parsed calendar by TZID.
func timezonesIn(t testing.TB, cal *ical.Calendar) map[string]*ical.Component {
	t.Helper()
	out := make(map[string]*ical.Component)
	for _, c := range cal.Children {
		if c.Name != ical.CompTimezone {
			continue
		}
		id := c.Props.Get(ical.PropTimezoneID).Value
		if _, dup := out[id]; dup {
			t.Fatalf("duplicate VTIMEZONE %s", id)
		}
		out[id] = c
	}
	return out
}
