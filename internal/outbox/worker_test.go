package outbox_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/convene/convene/ent/outboxmessage"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/outbox"
	"github.com/convene/convene/internal/outbox/outboxtest"
	"github.com/convene/convene/internal/testutil"
	"github.com/convene/convene/internal/viewer"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func setup(t *testing.T) (*database.DB, *outboxtest.SMTPServer, mail.Sender, *clock) {
	t.Helper()
	db := testutil.Open(t)
	smtp := outboxtest.NewSMTPServer(t)
	sender, err := mail.NewSMTPSender(smtp.URL("forums@convene.test"))
	if err != nil {
		t.Fatal(err)
	}
	return db, smtp, sender, &clock{t: time.Now().UTC().Add(time.Minute).Truncate(time.Second)}
}

func worker(db *database.DB, s mail.Sender, c *clock) *outbox.Worker {
	return &outbox.Worker{Client: db.Client, Dialect: db.Dialect, Sender: s, Now: c.now,
		Logger: slog.New(slog.DiscardHandler), Lease: 5 * time.Minute, BaseBackoff: 30 * time.Second, MaxAttempts: 3}
}

func enqueue(t *testing.T, db *database.DB, to, subject string) {
	t.Helper()
	ctx := viewer.SystemContext(context.Background())
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := outbox.Enqueue(ctx, tx.Client(), outbox.Message{Kind: "test", Message: mail.Message{To: to, Subject: subject, Text: "hello"}}); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// The process dies after the change (and its email) committed and the
// worker claimed the message, but before it was sent: a new worker sends
// it once the lease has run out — exactly once — and after a further
// restart nothing is sent again.
func TestCrashBetweenCommitAndSendSendsExactlyOnce(t *testing.T) {
	db, smtp, sender, c := setup(t)
	ctx := context.Background()
	enqueue(t, db, "sam@example.org", "Invitation: Peer forum")

	claimed, err := worker(db, sender, c).Claim(ctx) // ...and the process dies here
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %d", err, len(claimed))
	}
	restarted := worker(db, sender, c)
	c.advance(time.Minute) // lease still held by the dead worker
	if n, err := restarted.RunOnce(ctx); err != nil || n != 0 {
		t.Fatalf("within the lease: handled %d (%v)", n, err)
	}
	if got := len(smtp.Messages()); got != 0 {
		t.Fatalf("%d sent while the lease was held", got)
	}
	c.advance(5 * time.Minute)
	if n, err := restarted.RunOnce(ctx); err != nil || n != 1 {
		t.Fatalf("after the lease: handled %d (%v)", n, err)
	}
	c.advance(24 * time.Hour)
	if n, err := worker(db, sender, c).RunOnce(ctx); err != nil || n != 0 {
		t.Fatalf("after another restart: handled %d (%v)", n, err)
	}
	msgs := smtp.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "sam@example.org" || !strings.Contains(string(msgs[0].Raw), "Invitation: Peer forum") {
		t.Fatalf("received %d messages: %+v", len(msgs), msgs)
	}
	row := db.Client.OutboxMessage.Query().OnlyX(viewer.SystemContext(ctx))
	if row.Status != outboxmessage.StatusSENT || row.SentAt == nil || row.Attempts != 2 || row.LockedUntil != nil {
		t.Errorf("row = %s attempts %d sent %v locked %v", row.Status, row.Attempts, row.SentAt, row.LockedUntil)
	}
}

// Failures retry with exponential backoff and give up after MaxAttempts.
func TestRetriesWithBackoffThenFailed(t *testing.T) {
	db, smtp, sender, c := setup(t)
	ctx := context.Background()
	sys := viewer.SystemContext(ctx)
	w := worker(db, sender, c)
	smtp.FailNext(1000)
	enqueue(t, db, "a@example.org", "doomed")
	t0 := c.now()
	if n, _ := w.RunOnce(ctx); n != 1 {
		t.Fatalf("first attempt not made")
	}
	row := db.Client.OutboxMessage.Query().OnlyX(sys)
	if row.Status != outboxmessage.StatusPENDING || row.Attempts != 1 || !row.NextAttemptAt.Equal(t0.Add(30*time.Second)) || !strings.Contains(row.LastError, "try again later") {
		t.Fatalf("after 1st failure: %s attempts %d next %v err %q", row.Status, row.Attempts, row.NextAttemptAt, row.LastError)
	}
	c.advance(20 * time.Second)
	if n, _ := w.RunOnce(ctx); n != 0 {
		t.Fatalf("retried before the backoff elapsed")
	}
	c.advance(10 * time.Second)
	if n, _ := w.RunOnce(ctx); n != 1 {
		t.Fatalf("second attempt not made")
	}
	row = db.Client.OutboxMessage.Query().OnlyX(sys)
	if row.Attempts != 2 || !row.NextAttemptAt.Equal(c.now().Add(60*time.Second)) {
		t.Fatalf("after 2nd failure: attempts %d next %v (now %v)", row.Attempts, row.NextAttemptAt, c.now())
	}
	c.advance(time.Minute)
	w.RunOnce(ctx)
	row = db.Client.OutboxMessage.Query().OnlyX(sys)
	if row.Status != outboxmessage.StatusFAILED || row.Attempts != 3 {
		t.Fatalf("after 3rd failure: %s attempts %d", row.Status, row.Attempts)
	}
	c.advance(24 * time.Hour)
	if n, _ := w.RunOnce(ctx); n != 0 {
		t.Fatalf("a FAILED message was retried")
	}

	// A transient failure: sent on the retry, once.
	smtp.FailNext(1)
	enqueue(t, db, "b@example.org", "flaky")
	w.RunOnce(ctx)
	c.advance(31 * time.Second)
	w.RunOnce(ctx)
	if got := smtp.Messages(); len(got) != 1 || got[0].To[0] != "b@example.org" {
		t.Fatalf("received %+v", got)
	}
}

// Several workers (replicas) draining the same outbox send each message
// once: claims never overlap.
func TestConcurrentWorkersSendEachMessageOnce(t *testing.T) {
	db, smtp, sender, c := setup(t)
	const n = 40
	for i := range n {
		enqueue(t, db, fmt.Sprintf("p%02d@example.org", i), fmt.Sprintf("message %02d", i))
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := worker(db, sender, c)
			w.Batch = 3
			for {
				k, err := w.RunOnce(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if k == 0 {
					return
				}
			}
		}()
	}
	wg.Wait()
	seen := map[string]int{}
	for _, m := range smtp.Messages() {
		seen[m.To[0]]++
	}
	if len(seen) != n {
		t.Fatalf("%d distinct recipients, want %d", len(seen), n)
	}
	for to, k := range seen {
		if k != 1 {
			t.Errorf("%s got %d copies", to, k)
		}
	}
}
