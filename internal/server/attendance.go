package server

import (
	"context"
	"crypto/rand"
	"time"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/internal/attendance"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/live"
	"github.com/convene/convene/internal/representation"
	"github.com/convene/convene/internal/secrets"
)

// setupAttendance builds the live broker and the attendance and report
// services, and hooks invitation and attendance changes to the broker.
func (s *Server) setupAttendance(cfg Config, db *database.DB) {
	s.live = cfg.Live
	if s.live == nil {
		s.live, s.ownsLive = newBroker(cfg, db), true
	}
	secret := cfg.CheckInSecret
	if len(secret) == 0 {
		secret = sharedSecret(cfg, db, "checkin-codes", "self check-in codes limited to this replica")
	}
	s.attendance = &attendance.Service{Client: db.Client, Dialect: db.Dialect, CodeSecret: secret, BaseURL: cfg.BaseURL}
	s.representation = &representation.Service{Client: db.Client, Dialect: db.Dialect}
	attendance.Notify(db.Client, s.live, cfg.Logger)
}

// sharedSecret is the key called name kept in the database, so that every
// replica uses the same one without configuration (check-in codes, RSVP
// links). If it cannot be read, a random key keeps things safe but limited
// to this replica, and says so.
func sharedSecret(cfg Config, db *database.DB, name, limited string) []byte {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	secret, err := secrets.Shared(ctx, db.Client, name)
	if err == nil {
		return secret
	}
	cfg.Logger.Error(limited+": the shared key could not be read", "key", name, "err", err)
	secret = make([]byte, secrets.Size)
	_, _ = rand.Read(secret)
	return secret
}

// newBroker: PostgreSQL LISTEN/NOTIFY so several replicas stay in step;
// in-process for SQLite (one replica), or if LISTEN cannot be set up.
func newBroker(cfg Config, db *database.DB) live.Broker {
	if db.Dialect != dialect.Postgres {
		return live.NewMemory()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := live.NewPostgres(ctx, db.PostgresURL(), db.SQL, cfg.Logger)
	if err != nil {
		cfg.Logger.Error("live updates limited to this replica: PostgreSQL LISTEN failed", "err", err)
		return live.NewMemory()
	}
	return b
}

// Close releases what the server holds beyond the database (the live
// broker's LISTEN connection). The database is the caller's to close.
func (s *Server) Close() error {
	if s.ownsLive && s.live != nil {
		return s.live.Close()
	}
	return nil
}

// Live is the server's live broker.
func (s *Server) Live() live.Broker { return s.live }
