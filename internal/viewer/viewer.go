// Package viewer carries who is asking through a request's context. The ent
// privacy policies (ent/schema/policy*.go) read it; nothing else decides
// what a person may see or do.
package viewer

import (
	"context"

	"entgo.io/ent/privacy"
)

// Role is a person's role within one programme.
type Role string

const (
	Organiser  Role = "ORGANISER"
	Consultant Role = "CONSULTANT"
	// Member: invited to at least one of the programme's events.
	Member Role = "MEMBER"
)

// Viewer is the signed-in person (or the system itself).
type Viewer struct {
	PersonID int
	Admin    bool
	// Roles maps programme id → the viewer's roles there, loaded once per
	// request at sign-in time so policies never query for them.
	Roles map[int][]Role
	// system marks trusted internal work (workers, token-scoped flows that
	// already proved possession of a secret); it bypasses privacy rules.
	system bool
}

// Has reports whether the viewer holds role r in programme id.
func (v *Viewer) Has(programmeID int, r Role) bool {
	if v == nil {
		return false
	}
	for _, have := range v.Roles[programmeID] {
		if have == r {
			return true
		}
	}
	return false
}

// ProgrammesWith lists the programmes in which the viewer holds any of roles.
func (v *Viewer) ProgrammesWith(roles ...Role) []int {
	if v == nil {
		return nil
	}
	var ids []int
	for id, have := range v.Roles {
		for _, h := range have {
			if contains(roles, h) {
				ids = append(ids, id)
				break
			}
		}
	}
	return ids
}

func contains(rs []Role, r Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// IsSystem reports whether v is the trusted system viewer.
func (v *Viewer) IsSystem() bool { return v != nil && v.system }

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer, or nil for an anonymous request.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(ctxKey{}).(*Viewer)
	return v
}

// SystemContext is for work done by Convene itself (migrations, seeding,
// the outbox worker, daily digests, and flows authorised by a secret token
// such as RSVP links and feed URLs, whose handlers scope every query to the
// token's own rows). Privacy rules allow everything under it.
func SystemContext(ctx context.Context) context.Context {
	ctx = NewContext(ctx, &Viewer{system: true, Admin: true})
	return privacy.DecisionContext(ctx, privacy.Allow)
}
