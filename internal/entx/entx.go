// Package entx has the two helpers every service needs to join the
// request's transaction instead of opening a second connection: on SQLite a
// second writer would wait on the first (the GraphQL mutation's own
// transaction) until the busy timeout.
package entx

import (
	"context"
	"fmt"

	"github.com/convene/convene/ent"
)

// Client returns the client of the transaction ctx carries (GraphQL
// mutations run in one), else fallback.
func Client(ctx context.Context, fallback *ent.Client) *ent.Client {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return tx.Client()
	}
	return fallback
}

// WithTx runs fn inside the transaction ctx carries, or inside a new one
// on c that is committed when fn succeeds and rolled back otherwise.
func WithTx(ctx context.Context, c *ent.Client, fn func(tx *ent.Client) error) error {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return fn(tx.Client())
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx.Client()); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return err
	}
	return tx.Commit()
}
