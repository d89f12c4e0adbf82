package migrations_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/internal/migrations"
	"github.com/convene/convene/internal/migrations/generate"
	"github.com/convene/convene/internal/testutil"
)

// TestNoDrift fails when the ent schema changed but nobody generated a
// migration for it (go generate ./ent): it replays the committed files on a
// scratch database and asks ent for the difference, which must be empty.
func TestNoDrift(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		dialect string
	}{{dialect: dialect.SQLite}, {dialect: dialect.Postgres}}
	for _, c := range cases {
		t.Run(c.dialect, func(t *testing.T) {
			dir := copyDir(t, filepath.Join("..", "..", "ent", "migrate", "migrations", dirName(c.dialect)))
			var err error
			switch c.dialect {
			case dialect.SQLite:
				db, closeDB, oerr := generate.SQLiteDevDB()
				if oerr != nil {
					t.Fatal(oerr)
				}
				defer closeDB()
				err = generate.Generate(ctx, db, c.dialect, dir, "drift")
			case dialect.Postgres:
				pg := testutil.PostgresURL()
				if pg == "" {
					t.Skip(testutil.PostgresEnv + " not set")
				}
				db, closeDB, oerr := generate.PostgresDevDB(ctx, pg)
				if oerr != nil {
					t.Fatal(oerr)
				}
				defer closeDB()
				err = generate.Generate(ctx, db, c.dialect, dir, "drift")
			}
			if !errors.Is(err, generate.ErrNoChanges) {
				entries, _ := os.ReadDir(dir)
				t.Fatalf("ent schema and %s migrations differ (run `go generate ./ent`): err=%v, files=%d", c.dialect, err, len(entries))
			}
		})
	}
}

func TestUpIsIdempotentAndReported(t *testing.T) {
	db := testutil.Open(t) // already migrated
	ctx := context.Background()
	st, err := migrations.Up(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !st.UpToDate() || st.Current == 0 {
		t.Fatalf("status after Up = %+v, want up to date", st)
	}
	st2, err := migrations.Check(ctx, db.SQL, db.Dialect)
	if err != nil || st2 != st {
		t.Fatalf("Check = %+v, %v; want %+v", st2, err, st)
	}
}

func dirName(d string) string {
	if d == dialect.Postgres {
		return "postgres"
	}
	return "sqlite"
}

func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
