// Package secrets keeps the random keys that every replica of the server
// must share (such as the key of self check-in codes) in the database, so
// that several `convene serve` processes over one PostgreSQL agree without
// anyone configuring them.
package secrets

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/serversecret"
	"github.com/convene/convene/internal/viewer"
)

// Size is the length of a generated secret in bytes.
const Size = 32

// Shared returns the secret called name, creating it if no replica has
// yet. Replicas starting at the same moment race on the unique name: one
// insert wins, the others insert nothing, and all read the winner's value.
func Shared(ctx context.Context, client *ent.Client, name string) ([]byte, error) {
	ctx = viewer.SystemContext(ctx)
	fresh := make([]byte, Size)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("secrets: %w", err)
	}
	err := client.ServerSecret.Create().SetName(name).SetValue(fresh).
		OnConflictColumns(serversecret.FieldName).DoNothing().Exec(ctx)
	// PostgreSQL reports "no rows" when the insert did nothing.
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("secrets: create %s: %w", name, err)
	}
	s, err := client.ServerSecret.Query().Where(serversecret.Name(name)).Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("secrets: read %s: %w", name, err)
	}
	return s.Value, nil
}
