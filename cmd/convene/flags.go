package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/migrations"
)

// envOr returns the environment variable's value, or def.
func envOr(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func envBool(name string, def bool) bool {
	if v, ok := os.LookupEnv(name); ok {
		b, err := strconv.ParseBool(v)
		if err == nil {
			return b
		}
	}
	return def
}

// commonFlags are shared by every command that opens the database.
type commonFlags struct {
	db        string
	logLevel  string
	logFormat string
}

// newCommand is a subcommand's flag set with the common flags registered.
func newCommand(name string) (*flag.FlagSet, *commonFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var c commonFlags
	c.register(fs)
	return fs, &c
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.db, "db", envOr("CONVENE_DB", database.DefaultDSN),
		"database: sqlite://PATH or postgres://USER@HOST:PORT/DB (env CONVENE_DB)")
	fs.StringVar(&c.logLevel, "log-level", envOr("CONVENE_LOG_LEVEL", "info"), "debug, info, warn or error (env CONVENE_LOG_LEVEL)")
	fs.StringVar(&c.logFormat, "log-format", envOr("CONVENE_LOG_FORMAT", "text"), "text or json (env CONVENE_LOG_FORMAT)")
}

func (c *commonFlags) logger() (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	switch strings.ToLower(c.logFormat) {
	case "json":
		h = slog.NewJSONHandler(os.Stderr, opts)
	case "text":
		h = slog.NewTextHandler(os.Stderr, opts)
	default:
		return nil, fmt.Errorf("--log-format must be text or json, not %q", c.logFormat)
	}
	l := slog.New(h)
	slog.SetDefault(l)
	return l, nil
}

// open sets up logging, opens the database and applies pending
// migrations: what every command that touches data starts with.
func (c *commonFlags) open(ctx context.Context) (*slog.Logger, *database.DB, error) {
	logger, err := c.logger()
	if err != nil {
		return nil, nil, err
	}
	db, err := c.openMigrated(ctx, logger)
	return logger, db, err
}

// openMigrated opens the database and applies pending migrations.
func (c *commonFlags) openMigrated(ctx context.Context, logger *slog.Logger) (*database.DB, error) {
	db, err := database.Open(ctx, c.db)
	if err != nil {
		return nil, err
	}
	st, err := migrations.Up(ctx, db)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	logger.Info("database ready", "dialect", db.Dialect, "migration", st.Current)
	return db, nil
}
