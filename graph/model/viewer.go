package model

import (
	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/viewer"
)

// Viewer is the GraphQL Viewer: the signed-in person's identity. Its
// fields are resolved lazily (graph/account.resolvers.go).
type Viewer struct {
	V         *viewer.Viewer
	SessionID int
}

// ViewerRole is one (programme, role) pair of the viewer; programmes are
// loaded in one query for all roles.
type ViewerRole struct {
	Programme *ent.Programme
	Role      viewer.Role
}
