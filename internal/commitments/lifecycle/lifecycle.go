// Package lifecycle is the commitment status machine. It has no
// dependencies so that the ent schema hook enforcing it (ent/schema) and the
// business code (internal/commitments) share one definition.
//
//	PROPOSED ──► AGREED ──► DELIVERED
//	    │           │
//	    └──► LAPSED, WITHDRAWN ◄──┘
//
// DELIVERED, LAPSED and WITHDRAWN are final: a renewed or revived pledge is
// a new commitment whose predecessor is the old one, so the ledger keeps
// what was actually promised and when.
package lifecycle

import (
	"fmt"
	"slices"
)

// Statuses, in lifecycle order.
const (
	Proposed  = "PROPOSED"
	Agreed    = "AGREED"
	Delivered = "DELIVERED"
	Lapsed    = "LAPSED"
	Withdrawn = "WITHDRAWN"
)

var next = map[string][]string{
	Proposed:  {Agreed, Lapsed, Withdrawn},
	Agreed:    {Delivered, Lapsed, Withdrawn},
	Delivered: nil,
	Lapsed:    nil,
	Withdrawn: nil,
}

// Allowed lists the statuses a commitment in status from may move to.
func Allowed(from string) []string { return slices.Clone(next[from]) }

// Check reports whether from → to is a legal change. Staying in the same
// status is always allowed (an edit of other fields).
func Check(from, to string) error {
	if from == to {
		return nil
	}
	if _, ok := next[from]; !ok {
		return fmt.Errorf("unknown commitment status %q", from)
	}
	if slices.Contains(next[from], to) {
		return nil
	}
	if len(next[from]) == 0 {
		return fmt.Errorf("a commitment cannot move from %s to %s: %s is final (record a new commitment that renews it instead)", from, to, from)
	}
	return fmt.Errorf("a commitment cannot move from %s to %s (from %s it can only become %s)", from, to, from, joinOr(next[from]))
}

// Secured reports whether a commitment in this status counts as money or
// time the beneficiary can rely on.
func Secured(status string) bool { return status == Agreed || status == Delivered }

func joinOr(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := ""
	for i, v := range s {
		switch {
		case i == 0:
			out = v
		case i == len(s)-1:
			out += " or " + v
		default:
			out += ", " + v
		}
	}
	return out
}
