package apitest

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// QueryCounter counts the SQL statements sent through a wrapped driver, so
// tests can assert a request's cost does not grow with the data (no N+1).
type QueryCounter struct{ n atomic.Int64 }

// Count returns the statements seen so far.
func (c *QueryCounter) Count() int64 { return c.n.Load() }

// Reset sets the count to zero.
func (c *QueryCounter) Reset() { c.n.Store(0) }

// Wrap returns drv with counting.
func (c *QueryCounter) Wrap(drv dialect.Driver) dialect.Driver { return &countingDriver{drv, c} }

type countingDriver struct {
	dialect.Driver
	c *QueryCounter
}

func (d *countingDriver) Exec(ctx context.Context, q string, args, v any) error {
	d.c.n.Add(1)
	return d.Driver.Exec(ctx, q, args, v)
}

func (d *countingDriver) Query(ctx context.Context, q string, args, v any) error {
	d.c.n.Add(1)
	return d.Driver.Query(ctx, q, args, v)
}

func (d *countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &countingTx{tx, d.c}, nil
}

type countingTx struct {
	dialect.Tx
	c *QueryCounter
}

func (t *countingTx) Exec(ctx context.Context, q string, args, v any) error {
	t.c.n.Add(1)
	return t.Tx.Exec(ctx, q, args, v)
}

func (t *countingTx) Query(ctx context.Context, q string, args, v any) error {
	t.c.n.Add(1)
	return t.Tx.Query(ctx, q, args, v)
}

// QueryContext and ExecContext serve ent's raw-SQL entry points
// (client.QueryContext, used by aggregate reports), counted like the rest.
func (d *countingDriver) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	d.c.n.Add(1)
	qc, ok := d.Driver.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	})
	if !ok {
		return nil, fmt.Errorf("driver %T does not support QueryContext", d.Driver)
	}
	return qc.QueryContext(ctx, q, args...)
}

func (d *countingDriver) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	d.c.n.Add(1)
	ec, ok := d.Driver.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	})
	if !ok {
		return nil, fmt.Errorf("driver %T does not support ExecContext", d.Driver)
	}
	return ec.ExecContext(ctx, q, args...)
}

func (t *countingTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	t.c.n.Add(1)
	qc, ok := t.Tx.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	})
	if !ok {
		return nil, fmt.Errorf("tx %T does not support QueryContext", t.Tx)
	}
	return qc.QueryContext(ctx, q, args...)
}

func (t *countingTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	t.c.n.Add(1)
	ec, ok := t.Tx.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	})
	if !ok {
		return nil, fmt.Errorf("tx %T does not support ExecContext", t.Tx)
	}
	return ec.ExecContext(ctx, q, args...)
}
