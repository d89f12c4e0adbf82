// Package database opens the store behind Convene: an embedded SQLite file by
// default, PostgreSQL for several replicas. The same ent client sits on both.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the pure-Go "sqlite" driver

	"github.com/convene/convene/ent"
	_ "github.com/convene/convene/ent/runtime" // schema hooks and defaults
)

// DefaultDSN is used when neither --db nor CONVENE_DB is given.
const DefaultDSN = "sqlite://./data/convene.db"

// DB is an open database: the ent client plus the raw pool, which health
// checks, migrations and metrics need.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string // dialect.SQLite or dialect.Postgres
	Driver  *entsql.Driver

	driverName, source string
}

// OpenSeparatePool opens a second, independent pool to the same database,
// for tools (the migrator) that close the pool they are given.
func (d *DB) OpenSeparatePool() (*sql.DB, error) {
	return sql.Open(d.driverName, d.source)
}

// Open connects to dsn ("sqlite://path", "sqlite::memory:", "postgres://...").
// Options such as ent.Debug() or a driver wrapper are passed through.
func Open(ctx context.Context, dsn string, opts ...ent.Option) (*DB, error) {
	drvName, dialectName, source, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(drvName, source)
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", dialectName, err)
	}
	configurePool(db, dialectName)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", dialectName, redact(err, dsn))
	}
	drv := entsql.OpenDB(dialectName, db)
	return &DB{
		Client:  ent.NewClient(append([]ent.Option{ent.Driver(drv)}, opts...)...),
		SQL:     db,
		Dialect: dialectName,
		Driver:  drv,

		driverName: drvName,
		source:     source,
	}, nil
}

// PostgresURL is the connection URL of a PostgreSQL database ("" for
// SQLite), for components that need a dedicated connection of their own
// (the live broker's LISTEN).
func (d *DB) PostgresURL() string {
	if d.Dialect != dialect.Postgres {
		return ""
	}
	return d.source
}

// Close closes the client and the pool.
func (d *DB) Close() error { return d.Client.Close() }

func configurePool(db *sql.DB, dialectName string) {
	switch dialectName {
	case dialect.SQLite:
		// One writer at a time is SQLite's model; a small pool avoids piling
		// up goroutines on the write lock while readers use WAL snapshots.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		db.SetConnMaxIdleTime(5 * time.Minute)
	default:
		db.SetMaxOpenConns(25)
		db.SetMaxIdleConns(10)
		db.SetConnMaxLifetime(30 * time.Minute)
	}
}

// sqlitePragmas: foreign keys on (ent refuses to migrate without them), WAL
// so readers never block the writer, a busy timeout instead of instant
// SQLITE_BUSY, and BEGIN IMMEDIATE so write transactions take the lock up
// front rather than failing on upgrade.
const sqlitePragmas = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"

func parseDSN(dsn string) (driverName, dialectName, source string, err error) {
	switch {
	case dsn == "":
		return parseDSN(DefaultDSN)
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := url.Parse(dsn); err != nil {
			return "", "", "", errors.New("invalid PostgreSQL URL")
		}
		return "pgx", dialect.Postgres, dsn, nil
	case dsn == "sqlite::memory:" || dsn == "sqlite://:memory:":
		// A named shared-cache memory database so every pooled connection
		// sees the same data.
		return "sqlite", dialect.SQLite, "file:convene-mem-" + randomName() + "?mode=memory&cache=shared&" + sqlitePragmas, nil
	case strings.HasPrefix(dsn, "sqlite://"), strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "sqlite:")
		query := ""
		if i := strings.IndexByte(path, '?'); i >= 0 {
			path, query = path[:i], path[i+1:]
		}
		if path == "" {
			return "", "", "", errors.New("sqlite DSN needs a file path, e.g. sqlite://./data/convene.db")
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return "", "", "", fmt.Errorf("create database directory: %w", err)
			}
		}
		source = "file:" + path + "?" + sqlitePragmas
		if query != "" {
			source += "&" + query
		}
		return "sqlite", dialect.SQLite, source, nil
	default:
		return "", "", "", fmt.Errorf("unsupported database %q: use sqlite://PATH or postgres://USER@HOST/DB", redactString(dsn))
	}
}

// redact keeps passwords in DSNs out of logs and error messages.
func redact(err error, dsn string) error {
	if u, perr := url.Parse(dsn); perr == nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" {
			return errors.New(strings.ReplaceAll(err.Error(), p, "xxxxx"))
		}
	}
	return err
}

func redactString(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
			return u.String()
		}
	}
	return dsn
}
