package database

import (
	"context"
	"testing"

	"github.com/convene/convene/ent"
)

// MustOpenForTest opens dsn and closes it when t ends.
func MustOpenForTest(t testing.TB, dsn string, opts ...ent.Option) *DB {
	t.Helper()
	db, err := Open(context.Background(), dsn, opts...)
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}
