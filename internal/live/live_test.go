package live_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/convene/convene/internal/live"
	"github.com/convene/convene/internal/testutil"
)

func receive(t *testing.T, ch <-chan live.Event, within time.Duration) (live.Event, bool) {
	t.Helper()
	select {
	case e, ok := <-ch:
		return e, ok
	case <-time.After(within):
		return live.Event{}, false
	}
}

// exercise checks the Broker contract on b (and, for PostgreSQL, across a
// second broker on the same database).
func exercise(t *testing.T, pub, sub live.Broker) {
	ctx := context.Background()
	// Topics of their own: notices of an earlier run may still be in flight.
	p := t.Name() + "/"
	a, cancelA := sub.Subscribe(ctx, p+"event:1")
	b, cancelB := sub.Subscribe(ctx, p+"event:1")
	other, cancelOther := sub.Subscribe(ctx, p+"event:2")
	defer cancelOther()

	if err := pub.Publish(ctx, p+"event:1", []byte(`{"kind":"attendance"}`)); err != nil {
		t.Fatal(err)
	}
	for name, ch := range map[string]<-chan live.Event{"a": a, "b": b} {
		e, ok := receive(t, ch, 5*time.Second)
		if !ok || e.Topic != p+"event:1" || string(e.Payload) != `{"kind":"attendance"}` {
			t.Fatalf("subscriber %s: %+v %v", name, e, ok)
		}
	}
	if e, ok := receive(t, other, 200*time.Millisecond); ok {
		t.Fatalf("other topic got %+v", e)
	}
	// Cancelled subscriptions close and get nothing more.
	cancelA()
	if _, ok := <-a; ok {
		t.Fatal("cancelled channel still open")
	}
	if err := pub.Publish(ctx, p+"event:1", []byte(`{"n":2}`)); err != nil {
		t.Fatal(err)
	}
	if e, ok := receive(t, b, 5*time.Second); !ok || string(e.Payload) != `{"n":2}` {
		t.Fatalf("b after a left: %+v %v", e, ok)
	}
	cancelB()
	// A subscription ends with its context.
	cctx, stop := context.WithCancel(ctx)
	c, _ := sub.Subscribe(cctx, p+"event:3")
	stop()
	if _, ok := receive(t, c, 5*time.Second); ok {
		t.Fatal("subscription outlived its context")
	}
	if err := pub.Publish(ctx, p+"event:1", make([]byte, live.MaxPayload+1)); err == nil {
		t.Fatal("oversized payload accepted")
	}
}

func TestMemoryBroker(t *testing.T) {
	m := live.NewMemory()
	exercise(t, m, m)
	// A slow subscriber loses notices rather than blocking publishers.
	ch, cancel := m.Subscribe(context.Background(), "slow")
	defer cancel()
	for range 1000 {
		if err := m.Publish(context.Background(), "slow", []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(ch); n == 0 || n > 1000 {
		t.Fatalf("buffered %d", n)
	}
	_ = m.Close()
	if _, ok := <-drain(ch); ok {
		t.Fatal("Close left a subscription open")
	}
}

func drain(ch <-chan live.Event) <-chan live.Event {
	for len(ch) > 0 {
		<-ch
	}
	return ch
}

func TestPostgresBroker(t *testing.T) {
	if testutil.PostgresURL() == "" {
		t.Skip("PostgreSQL LISTEN/NOTIFY: set " + testutil.PostgresEnv + " to run")
	}
	dsn := testutil.DSN(t)
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	ctx := context.Background()
	one, err := live.NewPostgres(ctx, dsn, pool, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	two, err := live.NewPostgres(ctx, dsn, pool, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer two.Close()
	t.Run("same replica", func(t *testing.T) { exercise(t, one, one) })
	t.Run("across replicas", func(t *testing.T) { exercise(t, one, two) })

	t.Run("reconnects", func(t *testing.T) {
		ch, cancel := two.Subscribe(ctx, "event:9")
		defer cancel()
		// Kill every LISTEN connection to this database from the server side.
		if _, err := pool.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'`); err != nil {
			t.Fatal(err)
		}
		// Subscribers are told to re-read once it is back …
		e, ok := receive(t, ch, 15*time.Second)
		if !ok || string(e.Payload) != string(live.Resync) {
			t.Fatalf("want a resync notice after reconnecting, got %+v %v", e, ok)
		}
		// … and notices flow again.
		deadline := time.Now().Add(15 * time.Second)
		for time.Now().Before(deadline) {
			if err := one.Publish(ctx, "event:9", []byte(`{"kind":"attendance"}`)); err != nil {
				t.Fatal(err)
			}
			if e, ok := receive(t, ch, 500*time.Millisecond); ok {
				var n map[string]string
				if json.Unmarshal(e.Payload, &n) == nil && n["kind"] == "attendance" {
					return
				}
			}
		}
		t.Fatal("no notices after reconnecting")
	})
}
