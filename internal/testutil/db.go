// Package testutil gives tests a migrated database of their own.
//
// Every test runs against SQLite; when CONVENE_TEST_POSTGRES holds a server
// URL (postgres://postgres@127.0.0.1:5432/test?sslmode=disable in CI), Open
// runs against PostgreSQL instead, each test in a fresh database cloned from
// a migrated template, so the same suite proves both dialects.
package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/migrations"
)

// PostgresEnv names the variable holding the test server's URL.
const PostgresEnv = "CONVENE_TEST_POSTGRES"

// PostgresURL returns the test server URL, or "" when running on SQLite only.
func PostgresURL() string { return os.Getenv(PostgresEnv) }

// Open returns a freshly migrated, empty database for t, closed at cleanup.
func Open(t testing.TB, opts ...ent.Option) *database.DB {
	t.Helper()
	return database.MustOpenForTest(t, DSN(t), opts...)
}

// DSN returns the DSN of a fresh, migrated database for t (for tests that
// start their own server processes on it).
func DSN(t testing.TB) string {
	t.Helper()
	if pg := PostgresURL(); pg != "" {
		return postgresDSN(t, pg)
	}
	dsn := "sqlite://" + filepath.Join(t.TempDir(), "test.db")
	migrate(t, dsn)
	return dsn
}

func migrate(t testing.TB, dsn string) {
	t.Helper()
	db, err := database.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	defer db.Close()
	if _, err := migrations.Up(context.Background(), db); err != nil {
		t.Fatalf("migrate: %v", err)
	}
}

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// postgresDSN clones a per-process template database that was migrated
// once; CREATE DATABASE ... TEMPLATE copies files, far faster than
// replaying migrations for each test.
func postgresDSN(t testing.TB, serverURL string) string {
	t.Helper()
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	ctx := context.Background()
	templateOnce.Do(func() {
		templateName = "convene_tmpl_" + randomSuffix()
		if _, templateErr = admin.ExecContext(ctx, "CREATE DATABASE "+templateName); templateErr != nil {
			return
		}
		dsn := withDatabase(serverURL, templateName)
		db, err := database.Open(ctx, dsn)
		if err != nil {
			templateErr = err
			return
		}
		_, templateErr = migrations.Up(ctx, db)
		_ = db.Close()
	})
	if templateErr != nil {
		t.Fatalf("postgres template (is %s reachable?): %v", PostgresEnv, templateErr)
	}
	name := "convene_t_" + randomSuffix()
	if _, err := admin.ExecContext(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateName)); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", serverURL)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return withDatabase(serverURL, name)
}

func withDatabase(serverURL, name string) string {
	u, err := url.Parse(serverURL)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
