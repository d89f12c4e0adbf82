package apperr

import "testing"

func TestSentence(t *testing.T) {
	for in, want := range map[string]string{
		"this invitation link is not valid": "This invitation link is not valid.",
		"Already a sentence.":               "Already a sentence.",
		"  ünïcode first letter ":           "Ünïcode first letter.",
		"is this a question?":               "Is this a question?",
		"":                                  "",
	} {
		if got := Sentence(in); got != want {
			t.Errorf("Sentence(%q) = %q, want %q", in, got, want)
		}
	}
	e := Invalid("x", "bad").With("opensAt", "2026-12-08T09:30:00Z")
	if e.Extensions["opensAt"] != "2026-12-08T09:30:00Z" || e.Field != "x" {
		t.Fatalf("With: %+v", e)
	}
}
