// Package outbox is the transactional email outbox: business code writes a
// message row in the same transaction as the change that caused it, and a
// worker (worker.go) delivers it over SMTP with retries, so nothing is lost
// between commit and send and nothing is sent twice.
package outbox

import (
	"context"
	"database/sql"
	"errors"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/outboxmessage"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/viewer"
)

// Message is what to send; DedupeKey, when set, makes Enqueue idempotent:
// a second message with the same key is silently dropped (e.g. one digest
// per person per day even when several replicas run the job).
type Message struct {
	Kind      string // "invitation", "update", "cancellation", "reminder", "digest", "sign-in", ...
	DedupeKey string
	mail.Message
}

// Enqueue writes m through client, which should be the transaction of the
// change that caused the email (ent.FromContext(ctx) in resolvers, tx.Client()
// in services). The privacy layer only lets the system write outbox rows,
// so the write runs under the system viewer.
func Enqueue(ctx context.Context, client *ent.Client, m Message) error {
	create := client.OutboxMessage.Create().
		SetKind(m.Kind).
		SetRecipient(m.To).
		SetSubject(m.Subject).
		SetBodyText(m.Text).
		SetBodyHTML(m.HTML).
		SetIcs(string(m.ICS)).
		SetIcsMethod(m.ICSMethod)
	if m.DedupeKey != "" {
		create.SetDedupeKey(m.DedupeKey)
		err := create.OnConflictColumns(outboxmessage.FieldDedupeKey).DoNothing().Exec(viewer.SystemContext(ctx))
		if errors.Is(err, sql.ErrNoRows) { // PostgreSQL: the conflict returned no row
			return nil
		}
		return err
	}
	return create.Exec(viewer.SystemContext(ctx))
}
