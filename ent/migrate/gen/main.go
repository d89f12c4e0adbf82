// Command gen writes a new versioned migration for each dialect when the ent
// schema has changed (run by `go generate ./ent`). PostgreSQL needs a server
// to replay the existing files on: CONVENE_DEV_POSTGRES, default the local
// one at 127.0.0.1:5432.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/internal/migrations/generate"
)

func main() {
	name := flag.String("name", "changes", "name of the new migration")
	flag.Parse()
	ctx := context.Background()
	pgURL := os.Getenv("CONVENE_DEV_POSTGRES")
	if pgURL == "" {
		pgURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}

	sqliteDB, closeSQLite, err := generate.SQLiteDevDB()
	if err != nil {
		log.Fatal(err)
	}
	defer closeSQLite()
	report("sqlite", generate.Generate(ctx, sqliteDB, dialect.SQLite, "ent/migrate/migrations/sqlite", *name))

	pgDB, closePG, err := generate.PostgresDevDB(ctx, pgURL)
	if err != nil {
		log.Fatal(err)
	}
	defer closePG()
	report("postgres", generate.Generate(ctx, pgDB, dialect.Postgres, "ent/migrate/migrations/postgres", *name))
}

func report(dialectName string, err error) {
	switch {
	case errors.Is(err, generate.ErrNoChanges):
		fmt.Printf("migrations/%s: up to date\n", dialectName)
	case err != nil:
		log.Fatalf("migrations/%s: %v", dialectName, err)
	default:
		fmt.Printf("migrations/%s: new migration written\n", dialectName)
	}
}
