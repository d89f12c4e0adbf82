package seed

import (
	"context"
	"fmt"

	"github.com/convene/convene/ent"
)

// Bound-parameter limits of one statement. A multi-row INSERT binds one
// parameter per column per row, so these bound the rows per statement.
const (
	// SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32.
	sqliteMaxParams = 32_766
	// The PostgreSQL wire protocol counts parameters in an int16.
	postgresMaxParams = 65_535
	// rowsPerTx groups statements into transactions: large enough that
	// commits (a WAL flush each on PostgreSQL) are rare, small enough that
	// no transaction holds SQLite's single write lock for long, so a server
	// running against the same file keeps working while a city loads.
	rowsPerTx = 25_000
)

// batchRows is how many rows of a table with the given column count fit in
// one statement. columns should be the table's full column list (ent's
// generated Columns): rows that leave some columns unset use fewer
// parameters, never more.
func (s *scaler) batchRows(columns int) int {
	return max(1, s.maxParams/columns)
}

// insert writes rows [0, n) of one table: save builds and runs one
// CreateBulk for rows [lo, hi) inside tx. Statements are as large as the
// parameter limit allows; consecutive statements share a transaction up to
// about rowsPerTx rows.
func (s *scaler) insert(ctx context.Context, n, columns int, save func(ctx context.Context, tx *ent.Tx, lo, hi int) error) error {
	per := s.batchRows(columns)
	perTx := max(1, s.txRows/per) * per
	for lo := 0; lo < n; lo += perTx {
		hi := min(n, lo+perTx)
		err := withTx(ctx, s.db.Client, func(tx *ent.Tx) error {
			for b := lo; b < hi; b += per {
				if err := save(ctx, tx, b, min(hi, b+per)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ascending guards the one assumption CreateBulk makes that no database
// promises: that INSERT ... RETURNING reports rows in insertion order. Ent
// gives the i-th returned id to the i-th builder; identity columns hand out
// increasing ids in insertion order, so any reordering shows up as a
// non-increasing id and is refused rather than silently mislinking rows.
func ascending(ids []int) error {
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			return fmt.Errorf("bulk insert returned ids out of order (%d after %d)", ids[i], ids[i-1])
		}
	}
	return nil
}
