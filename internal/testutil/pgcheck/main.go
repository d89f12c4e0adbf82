// Command pgcheck exits non-zero, with a clear message, when the PostgreSQL
// server the test suite needs is unreachable.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: pgcheck POSTGRES_URL")
		os.Exit(2)
	}
	db, err := sql.Open("pgx", os.Args[1])
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err = db.PingContext(ctx)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "PostgreSQL is required for the test suite and is unreachable at %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}
