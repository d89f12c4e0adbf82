// Package generate writes versioned migration files from the ent schema.
package generate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	entmigrate "github.com/convene/convene/ent/migrate"
)

// ErrNoChanges is returned by Generate when the ent schema and the
// migration directory already agree.
var ErrNoChanges = errors.New("migrations: ent schema and migration files agree")

// Generate writes a new migration file into dir (golang-migrate format) for
// the difference between the ent schema and the state the existing files
// produce, replayed on devDB, an empty scratch database of the same dialect.
func Generate(ctx context.Context, devDB *sql.DB, dialectName, dir, name string) error {
	d, err := sqltool.NewGolangMigrateDir(dir)
	if err != nil {
		return fmt.Errorf("open migration dir: %w", err)
	}
	m, err := schema.NewMigrate(entsql.OpenDB(dialectName, devDB),
		schema.WithDir(d),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dialectName),
		schema.WithFormatter(sqltool.GolangMigrateFormatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
		schema.WithErrNoPlan(true),
	)
	if err != nil {
		return err
	}
	err = m.NamedDiff(ctx, name, entmigrate.Tables...)
	if errors.Is(err, migrate.ErrNoPlan) {
		return ErrNoChanges
	}
	return err
}
