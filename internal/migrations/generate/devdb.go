package generate

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// SQLiteDevDB opens an empty in-memory SQLite database to replay migrations on.
func SQLiteDevDB() (*sql.DB, func(), error) {
	db, err := sql.Open("sqlite", "file:dev?mode=memory&_pragma=foreign_keys(1)")
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(1) // one connection: the memory database lives in it
	return db, func() { _ = db.Close() }, nil
}

// PostgresDevDB creates a scratch database on the server at serverURL and
// drops it when done, so replaying migrations never touches real data.
func PostgresDevDB(ctx context.Context, serverURL string) (*sql.DB, func(), error) {
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return nil, nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "convene_dev_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		_ = admin.Close()
		return nil, nil, fmt.Errorf("create scratch database (is PostgreSQL running at %s?): %w", serverURL, err)
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return nil, nil, err
	}
	u.Path = "/" + name
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return nil, nil, err
	}
	cleanup := func() {
		_ = db.Close()
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		_ = admin.Close()
	}
	return db, cleanup, nil
}
