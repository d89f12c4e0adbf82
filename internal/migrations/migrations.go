// Package migrations applies and generates the versioned schema migrations.
//
// Files are generated from the ent schema with ent's Atlas-based diff (no
// Atlas CLI needed) in golang-migrate's format, committed under
// ent/migrate/migrations/<dialect>, embedded in the binary, and applied with
// golang-migrate as a library.
package migrations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"entgo.io/ent/dialect"
	"github.com/golang-migrate/migrate/v4"
	migratedb "github.com/golang-migrate/migrate/v4/database"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	migratesqlite "github.com/golang-migrate/migrate/v4/database/sqlite"
	"github.com/golang-migrate/migrate/v4/source/iofs"

	files "github.com/convene/convene/ent/migrate/migrations"
	"github.com/convene/convene/internal/database"
)

// Status describes where a database stands against the embedded migrations.
type Status struct {
	Current uint // applied version, 0 if none
	Latest  uint // newest embedded version
	Dirty   bool // a migration failed halfway and needs attention
}

// UpToDate reports whether every embedded migration has been applied.
func (s Status) UpToDate() bool { return !s.Dirty && s.Current == s.Latest }

func dialectDir(dialectName string) (string, error) {
	switch dialectName {
	case dialect.SQLite:
		return "sqlite", nil
	case dialect.Postgres:
		return "postgres", nil
	}
	return "", fmt.Errorf("no migrations for dialect %q", dialectName)
}

func newMigrate(db *sql.DB, dialectName string) (*migrate.Migrate, error) {
	dir, err := dialectDir(dialectName)
	if err != nil {
		return nil, err
	}
	src, err := iofs.New(files.FS, dir)
	if err != nil {
		return nil, err
	}
	var drv migratedb.Driver
	switch dialectName {
	case dialect.SQLite:
		// No transaction around each file: Atlas writes SQLite table
		// rebuilds between PRAGMA foreign_keys=off/on, and SQLite ignores
		// that pragma inside a transaction (foreign keys would then fire
		// on the DROP TABLE of a rebuild).
		drv, err = migratesqlite.WithInstance(db, &migratesqlite.Config{NoTxWrap: true})
	case dialect.Postgres:
		// MultiStatementEnabled: generated files hold many statements.
		drv, err = migratepgx.WithInstance(db, &migratepgx.Config{MultiStatementEnabled: true})
	}
	if err != nil {
		return nil, err
	}
	return migrate.NewWithInstance("iofs", src, dialectName, drv)
}

// Up applies every pending migration. Safe to call on every start: on
// PostgreSQL golang-migrate takes an advisory lock, so replicas starting at
// once apply each file exactly once.
//
// golang-migrate closes the pool it is given, so it gets its own.
func Up(ctx context.Context, db *database.DB) (Status, error) {
	pool, err := db.OpenSeparatePool()
	if err != nil {
		return Status{}, err
	}
	m, err := newMigrate(pool, db.Dialect)
	if err != nil {
		_ = pool.Close()
		return Status{}, err
	}
	upErr := m.Up()
	srcErr, dbErr := m.Close()
	if upErr != nil && !errors.Is(upErr, migrate.ErrNoChange) {
		return Status{}, fmt.Errorf("apply migrations: %w", upErr)
	}
	if srcErr != nil || dbErr != nil {
		return Status{}, fmt.Errorf("close migrator: %v %v", srcErr, dbErr)
	}
	return Check(ctx, db.SQL, db.Dialect)
}

// versionTable is golang-migrate's bookkeeping table (its default name).
const versionTable = "schema_migrations"

// Check reports the database's migration status without changing anything;
// cheap enough for every /readyz probe.
func Check(ctx context.Context, db *sql.DB, dialectName string) (Status, error) {
	latest, err := LatestVersion(dialectName)
	if err != nil {
		return Status{}, err
	}
	var (
		version int64
		dirty   bool
	)
	err = db.QueryRowContext(ctx, "SELECT version, dirty FROM "+versionTable+" LIMIT 1").Scan(&version, &dirty)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Status{Latest: latest}, nil
	case err != nil:
		if missingTable(err) {
			return Status{Latest: latest}, nil
		}
		return Status{}, err
	}
	return Status{Current: uint(version), Latest: latest, Dirty: dirty}, nil
}

func missingTable(err error) bool {
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "no such table") || strings.Contains(msg, "does not exist")
}

// LatestVersion is the newest embedded migration version for a dialect.
func LatestVersion(dialectName string) (uint, error) {
	dir, err := dialectDir(dialectName)
	if err != nil {
		return 0, err
	}
	sub, err := fs.Sub(files.FS, dir)
	if err != nil {
		return 0, err
	}
	src, err := iofs.New(sub, ".")
	if err != nil {
		return 0, err
	}
	defer src.Close()
	v, err := src.First()
	if err != nil {
		return 0, err
	}
	for {
		next, err := src.Next(v)
		if err != nil {
			return v, nil // fs.ErrNotExist: v is the last one
		}
		v = next
	}
}
