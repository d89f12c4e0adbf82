package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/outboxmessage"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/viewer"
)

// Worker delivers outbox rows. Delivery is at-least-once with the window
// for a duplicate kept to a crash in the middle of an SMTP conversation:
//
//   - claim: due rows (PENDING whose next_attempt_at has come, or SENDING
//     whose lease ran out because a worker died) are switched to SENDING
//     with a lease (locked_until) and attempts+1, in one short transaction.
//     PostgreSQL workers skip rows another worker has locked (FOR UPDATE
//     SKIP LOCKED); SQLite transactions are serialised (BEGIN IMMEDIATE),
//     so a claim is a single writer's read-then-update;
//   - send through mail.Sender, with a timeout well inside the lease;
//   - mark SENT (never claimed again, so a restart re-sends nothing), or on
//     failure PENDING with exponential backoff, FAILED after MaxAttempts.
//
// A message committed but not yet claimed when the process dies is simply
// claimed by the next worker; one claimed but not sent becomes due again
// when its lease expires.
type Worker struct {
	Client  *ent.Client
	Dialect string
	Sender  mail.Sender
	Logger  *slog.Logger

	Batch        int           // rows per claim (default 20)
	Lease        time.Duration // how long a claim lasts (default 5m)
	SendTimeout  time.Duration // per message (default 1m, must be < Lease)
	MaxAttempts  int           // then FAILED (default 8)
	BaseBackoff  time.Duration // first retry delay (default 30s), doubling
	MaxBackoff   time.Duration // cap (default 6h)
	PollInterval time.Duration // idle wait between claims (default 2s)
	// Now is the clock (tests move it); time.Now when nil.
	Now func() time.Time
}

func (w *Worker) defaults() {
	if w.Batch <= 0 {
		w.Batch = 20
	}
	if w.Lease <= 0 {
		w.Lease = 5 * time.Minute
	}
	if w.SendTimeout <= 0 || w.SendTimeout >= w.Lease {
		w.SendTimeout = min(time.Minute, w.Lease/2)
	}
	if w.MaxAttempts <= 0 {
		w.MaxAttempts = 8
	}
	if w.BaseBackoff <= 0 {
		w.BaseBackoff = 30 * time.Second
	}
	if w.MaxBackoff <= 0 {
		w.MaxBackoff = 6 * time.Hour
	}
	if w.PollInterval <= 0 {
		w.PollInterval = 2 * time.Second
	}
	if w.Logger == nil {
		w.Logger = slog.Default()
	}
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now().UTC()
	}
	return time.Now().UTC()
}

// Run delivers until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	w.defaults()
	for {
		n, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.Logger.ErrorContext(ctx, "outbox: delivery round failed", "err", err)
		}
		if n > 0 && err == nil {
			continue // there may be more due right away
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(w.PollInterval):
		}
	}
}

// RunOnce claims one batch and delivers it; it returns how many messages
// it handled (sent or failed).
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	w.defaults()
	msgs, err := w.Claim(ctx)
	if err != nil {
		return 0, err
	}
	for _, m := range msgs {
		if err := w.Deliver(ctx, m); err != nil {
			return 0, err
		}
	}
	return len(msgs), nil
}

// Claim leases up to Batch due messages to this worker.
func (w *Worker) Claim(ctx context.Context) ([]*ent.OutboxMessage, error) {
	w.defaults()
	ctx = viewer.SystemContext(ctx)
	now := w.now()
	tx, err := w.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	q := tx.OutboxMessage.Query().Where(outboxmessage.Or(
		outboxmessage.And(outboxmessage.StatusEQ(outboxmessage.StatusPENDING), outboxmessage.NextAttemptAtLTE(now)),
		outboxmessage.And(outboxmessage.StatusEQ(outboxmessage.StatusSENDING), outboxmessage.LockedUntilLTE(now)),
	)).Order(ent.Asc(outboxmessage.FieldNextAttemptAt), ent.Asc(outboxmessage.FieldID)).Limit(w.Batch)
	if w.Dialect == dialect.Postgres {
		q = q.ForUpdate(entsql.WithLockAction(entsql.SkipLocked))
	}
	ids, err := q.IDs(ctx)
	if err != nil || len(ids) == 0 {
		_ = tx.Rollback()
		return nil, err
	}
	if err := tx.OutboxMessage.Update().Where(outboxmessage.IDIn(ids...)).
		SetStatus(outboxmessage.StatusSENDING).SetLockedUntil(now.Add(w.Lease)).AddAttempts(1).
		Exec(ctx); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	msgs, err := tx.OutboxMessage.Query().Where(outboxmessage.IDIn(ids...)).
		Order(ent.Asc(outboxmessage.FieldNextAttemptAt), ent.Asc(outboxmessage.FieldID)).All(ctx)
	if err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return msgs, tx.Commit()
}

// Deliver sends one claimed message and records the outcome. A delivery
// error is recorded on the row (not returned); only database errors are.
func (w *Worker) Deliver(ctx context.Context, m *ent.OutboxMessage) error {
	w.defaults()
	sys := viewer.SystemContext(ctx)
	sendCtx, cancel := context.WithTimeout(ctx, w.SendTimeout)
	sendErr := w.Sender.Send(sendCtx, mail.Message{
		To: m.Recipient, Subject: m.Subject, Text: m.BodyText, HTML: m.BodyHTML,
		ICS: []byte(m.Ics), ICSMethod: m.IcsMethod,
	})
	cancel()
	now := w.now()
	// Only the holder of the claim records the outcome.
	mine := outboxmessage.And(outboxmessage.ID(m.ID), outboxmessage.StatusEQ(outboxmessage.StatusSENDING))
	if sendErr == nil {
		_, err := w.Client.OutboxMessage.Update().Where(mine).
			SetStatus(outboxmessage.StatusSENT).SetSentAt(now).ClearLockedUntil().ClearLastError().Save(sys)
		return err
	}
	if ctx.Err() != nil && errors.Is(sendErr, ctx.Err()) {
		return ctx.Err() // shutting down: the lease will expire and another worker retries
	}
	msg := sendErr.Error()
	if len(msg) > 2000 {
		msg = msg[:2000]
	}
	u := w.Client.OutboxMessage.Update().Where(mine).ClearLockedUntil().SetLastError(msg)
	if m.Attempts >= w.MaxAttempts {
		u.SetStatus(outboxmessage.StatusFAILED)
		w.Logger.ErrorContext(ctx, "outbox: giving up on a message", "id", m.ID, "kind", m.Kind, "attempts", m.Attempts, "err", sendErr)
	} else {
		next := now.Add(w.Backoff(m.Attempts))
		u.SetStatus(outboxmessage.StatusPENDING).SetNextAttemptAt(next)
		w.Logger.WarnContext(ctx, "outbox: send failed, will retry", "id", m.ID, "kind", m.Kind, "attempts", m.Attempts, "retry_at", next, "err", sendErr)
	}
	_, err := u.Save(sys)
	return err
}

// Backoff is the wait after the n-th failed attempt: BaseBackoff·2^(n-1),
// capped at MaxBackoff.
func (w *Worker) Backoff(n int) time.Duration {
	w.defaults()
	if n < 1 {
		n = 1
	}
	d := float64(w.BaseBackoff) * math.Pow(2, float64(n-1))
	if d > float64(w.MaxBackoff) {
		return w.MaxBackoff
	}
	return time.Duration(d)
}

// Stats counts rows per status (for tests and /metrics).
func Stats(ctx context.Context, client *ent.Client) (map[string]int, error) {
	var rows []struct {
		Status string `json:"status"`
		Count  int    `json:"count"`
	}
	err := client.OutboxMessage.Query().GroupBy(outboxmessage.FieldStatus).Aggregate(ent.Count()).
		Scan(viewer.SystemContext(ctx), &rows)
	if err != nil {
		return nil, fmt.Errorf("outbox stats: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.Count
	}
	return out, nil
}
