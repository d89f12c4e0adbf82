// Package attendance records who came to each occurrence of an event: door
// check-in by organisers (one person or many, idempotent), apologies,
// deputies and walk-ins, self check-in with a short per-occurrence code,
// derived no-shows, and the attendance sheet as CSV and printable HTML.
//
// Authorization is the ent privacy layer's: every read and write goes
// through the caller's context. The exceptions are flows that proved
// something else — a self check-in by RSVP token or code — which verify
// that proof here and then write only the invitee's own row.
package attendance

import (
	"context"
	"time"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// Stored statuses. ABSENT is never written by check-in: a no-show is an
// accepted invitee with no record once the occurrence has ended.
const (
	Present   = "PRESENT"
	Late      = "LATE"
	LeftEarly = "LEFT_EARLY"
	Apologies = "APOLOGIES"
	Absent    = "ABSENT"
	Deputy    = "DEPUTY"
)

// AttendedStatuses are the statuses that mean someone was in the room (for
// DEPUTY, the deputy was). Reports count these as "attended".
var AttendedStatuses = []string{Present, Late, LeftEarly, Deputy}

// Attended reports whether status means someone was in the room.
func Attended(status string) bool {
	switch status {
	case Present, Late, LeftEarly, Deputy:
		return true
	}
	return false
}

// Service is the attendance service.
type Service struct {
	Client *ent.Client
	// Dialect is dialect.SQLite or dialect.Postgres; check-ins lock the
	// event row on PostgreSQL so concurrent check-ins of one person
	// cannot race (SQLite's write transactions are serial already).
	Dialect string
	// CodeSecret keys the self check-in codes (see code.go). Every replica
	// must share it.
	CodeSecret []byte
	// BaseURL is the public origin links (the QR code's) point at.
	BaseURL string
	// Now is the clock (tests set it).
	Now func() time.Time
}

// now is truncated to PostgreSQL's microseconds, so a value returned as
// written equals the same value read back.
func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC().Truncate(time.Microsecond)
	}
	return time.Now().UTC().Truncate(time.Microsecond)
}

// client is the transactional client of a GraphQL mutation, else the
// service's own.
func (s *Service) client(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return s.Client
}

// inTx runs fn in the caller's transaction when there is one, else in a
// new one committed on success.
func (s *Service) inTx(ctx context.Context, fn func(ctx context.Context, c *ent.Client) error) error {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return fn(ctx, tx.Client())
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return err
	}
	txCtx := ent.NewContext(ent.NewTxContext(ctx, tx), tx.Client())
	if err := fn(txCtx, tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// RequireReader refuses viewers who are not organisers or consultants of
// the programme (or admins): sheets and reports list everyone, which
// members may not see. Callers have already loaded the programme's event
// through privacy, so an invisible event is NOT_FOUND before this runs.
func RequireReader(ctx context.Context, programmeID int) error {
	v := viewer.FromContext(ctx)
	switch {
	case v == nil:
		return apperr.Unauthenticatedf("sign in to see this")
	case v.IsSystem() || v.Admin || v.Has(programmeID, viewer.Organiser) || v.Has(programmeID, viewer.Consultant):
		return nil
	}
	return apperr.Forbiddenf("only the programme's organisers and consultants can see attendance sheets and reports")
}

func isPostgres(d string) bool { return d == dialect.Postgres }

// RequireOrganiser refuses viewers who may not run the door (check-in
// codes and QR codes are for organisers and admins).
func RequireOrganiser(ctx context.Context, programmeID int) error {
	v := viewer.FromContext(ctx)
	switch {
	case v == nil:
		return apperr.Unauthenticatedf("sign in to see this")
	case v.IsSystem() || v.Admin || v.Has(programmeID, viewer.Organiser):
		return nil
	}
	return apperr.Forbiddenf("only the programme's organisers can show the check-in code")
}
