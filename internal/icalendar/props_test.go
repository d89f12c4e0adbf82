package icalendar

import (
	"math/rand/v2"
	"strings"
	"testing"

	ical "github.com/emersion/go-ical"
)

// escapeText must produce exactly what go-ical's own setter produces, so
// that the faster path changes no byte of any feed.
func TestEscapeTextMatchesGoICAL(t *testing.T) {
	cases := []string{
		"", "plain", "a,b;c\\d\ne", "\\\\,,;;\n\n", "Café, housing; transport — ŵ",
		"ends with backslash\\", "tab\tkept", "日本語;テキスト,改行\nです", "\U0001F600,\U0001F600",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("ab ,;\\\n\té€\U0001F600")
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range cases {
		want := ical.NewProp(ical.PropSummary)
		want.SetText(c)
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
	p.Params.Set(ical.ParamCommonName, "A")
	pb.add(ical.PropAttendee).Value = "mailto:b@example.org"
	pb.text(ical.PropSummary, "first")

	pb.reset()
	pb.add(ical.PropAttendee).Value = "mailto:c@example.org"
	if l := pb.props[ical.PropAttendee]; len(l) != 1 || l[0].Value != "mailto:c@example.org" || len(l[0].Params) != 0 {
		t.Fatalf("attendees after reuse = %+v, want only c without parameters", l)
	}
	if l := pb.props[ical.PropSummary]; len(l) != 0 {
		t.Fatalf("SUMMARY survived reset: %+v", l)
	}
}
