// Package scheduling is Convene's scheduling engine: events and their
// occurrences (recurrence, overrides, "this and following" splits),
// invitations and replies (capacity with a fair waitlist), and the emails
// those changes cause, written to the outbox in the same transaction.
//
// Authorization is the ent privacy layer's: every method runs its queries
// and writes with the caller's context, so an organiser of programme A
// cannot touch programme B's events, and an invitee can change only their
// own reply. Flows authorised by a secret (the RSVP link) resolve the token
// first and then act under viewer.SystemContext on that invitation only.
package scheduling

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/recurrence"
)

// Service holds the scheduling engine's configuration.
type Service struct {
	Client *ent.Client
	// Dialect is dialect.SQLite or dialect.Postgres; it decides how the
	// capacity lock is taken.
	Dialect string
	// BaseURL is the public origin used in emailed links.
	BaseURL string
	// MailFrom is the organiser address written into calendar parts
	// (ORGANIZER mailto:), the same address mail is sent from.
	MailFrom string
	// LinkSecret keys RSVP link tokens so that every email about an
	// invitation carries the same link (see issueToken). The server passes
	// a key shared by every replica through the database.
	LinkSecret []byte
	// ReminderLead is how long before an occurrence reminders go out.
	ReminderLead time.Duration
	// Now is the clock (tests move it); time.Now when nil.
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC().Truncate(time.Second)
	}
	return time.Now().UTC().Truncate(time.Second)
}

func (s *Service) baseURL() string {
	if s.BaseURL == "" {
		return "http://localhost:8080"
	}
	return strings.TrimRight(s.BaseURL, "/")
}

func (s *Service) mailFrom() string {
	if s.MailFrom == "" {
		return "convene@localhost"
	}
	return s.MailFrom
}

// RSVPURL is the no-login reply page for a raw token.
func (s *Service) RSVPURL(token string) string { return s.baseURL() + "/rsvp/" + token }

// inTx runs fn with a transactional client: the caller's transaction when
// ctx carries one (GraphQL mutations run in one), otherwise a new one that
// is committed when fn succeeds and rolled back when it fails.
func (s *Service) inTx(ctx context.Context, fn func(tx *ent.Client) error) error {
	if tx := ent.TxFromContext(ctx); tx != nil {
		return fn(tx.Client())
	}
	tx, err := s.Client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx.Client()); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// lockEvent reads the event and, on PostgreSQL, locks its row until the
// transaction ends, so replies to one event are decided one at a time
// (capacity check and write without a race). SQLite transactions are
// already serialised: the DSN opens them with BEGIN IMMEDIATE, which takes
// the database's write lock up front.
func (s *Service) lockEvent(ctx context.Context, tx *ent.Client, id int) (*ent.Event, error) {
	q := tx.Event.Query().Where(eventID(id))
	if s.Dialect == dialect.Postgres {
		q = q.ForUpdate()
	}
	ev, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFoundf("event %d not found", id)
	}
	return ev, err
}

// seriesError turns recurrence errors (bad input) into typed errors; other
// errors pass through.
func seriesError(field string, err error) error {
	if err == nil {
		return nil
	}
	switch {
	case errors.Is(err, recurrence.ErrInvalidRule):
		return apperr.Invalid("rrule", "%s", err.Error())
	case errors.Is(err, recurrence.ErrNotAnOccurrence):
		return apperr.Invalid(field, "%s", err.Error())
	case errors.Is(err, recurrence.ErrSplitAtFirst):
		return apperr.Invalid(field, "%s", err.Error())
	case errors.Is(err, recurrence.ErrInvalidSeries):
		msg := err.Error()
		f := field
		if strings.Contains(msg, "time zone") {
			f = "timeZone"
		}
		return apperr.Invalid(f, "%s", msg)
	case errors.Is(err, recurrence.ErrTooManyOccurrences):
		return apperr.Invalid(field, "%s", err.Error())
	}
	return err
}

func stamp(t time.Time, tz string) string {
	if loc, err := time.LoadLocation(tz); err == nil && tz != "" {
		t = t.In(loc)
	}
	return t.Format(time.RFC3339)
}

func notAnOccurrence(ev *ent.Event, rid time.Time) error {
	return apperr.Invalid("recurrenceId", "%s is not an occurrence of %q", stamp(rid, ev.TimeZone), ev.Title)
}

var errEventCancelled = apperr.Invalid("eventId", "the event has been cancelled")

func capacityError(capacity, accepted int) error {
	return apperr.Invalid("capacity", "capacity %d is below the %d people who have already accepted", capacity, accepted)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
