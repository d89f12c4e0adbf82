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
		// Without a configured secret codes are still unguessable, but
		// change when the process restarts and differ between replicas.
		secret = make([]byte, 32)
		_, _ = rand.Read(secret)
		cfg.Logger.Warn("no check-in secret configured (--checkin-secret / CONVENE_CHECKIN_SECRET): " +
			"self check-in codes will change on restart and differ between replicas")
	}
	s.attendance = &attendance.Service{Client: db.Client, Dialect: db.Dialect, CodeSecret: secret, BaseURL: cfg.BaseURL}
	s.representation = &representation.Service{Client: db.Client, Dialect: db.Dialect}
	attendance.Notify(db.Client, s.live, cfg.Logger)
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
