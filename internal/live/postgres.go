package live

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channel is the one PostgreSQL notification channel every replica listens
// on; the topic travels inside the payload, so topics need not be valid
// identifiers and one LISTEN serves them all.
const Channel = "convene_live"

// Postgres fans notices out across replicas with LISTEN/NOTIFY. Each
// replica holds one dedicated pgx connection that LISTENs (reconnecting
// with backoff when it drops) and delivers what arrives, its own notices
// included, to its local subscribers. Publishing goes through the ordinary
// pool with pg_notify.
type Postgres struct {
	dsn    string
	pool   *sql.DB
	logger *slog.Logger
	hub    hub

	cancel context.CancelFunc
	done   chan struct{}

	mu        sync.Mutex
	listening bool
	ready     chan struct{}
}

type envelope struct {
	Topic   string          `json:"t"`
	Payload json.RawMessage `json:"p"`
}

// NewPostgres starts listening on dsn and publishes through pool. It waits
// (up to the context's deadline or five seconds) for the first LISTEN to be
// in place, so that a replica that reports ready does not miss notices;
// after that it keeps reconnecting in the background until Close.
func NewPostgres(ctx context.Context, dsn string, pool *sql.DB, logger *slog.Logger) (*Postgres, error) {
	if logger == nil {
		logger = slog.Default()
	}
	runCtx, cancel := context.WithCancel(context.Background())
	p := &Postgres{dsn: dsn, pool: pool, logger: logger, cancel: cancel, done: make(chan struct{}), ready: make(chan struct{})}
	go p.run(runCtx)
	wait, stop := context.WithTimeout(ctx, 5*time.Second)
	defer stop()
	select {
	case <-p.ready:
		return p, nil
	case <-wait.Done():
		_ = p.Close()
		return nil, fmt.Errorf("live: could not LISTEN on PostgreSQL: %w", wait.Err())
	}
}

// Publish sends the notice through PostgreSQL to every replica.
func (p *Postgres) Publish(ctx context.Context, topic string, payload []byte) error {
	body, err := json.Marshal(envelope{Topic: topic, Payload: payload})
	if err != nil {
		return err
	}
	if len(body) > MaxPayload {
		return fmt.Errorf("live: payload of %d bytes is too large", len(body))
	}
	_, err = p.pool.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, string(body))
	return err
}

// Subscribe implements Broker.
func (p *Postgres) Subscribe(ctx context.Context, topic string) (<-chan Event, func()) {
	return p.hub.subscribe(ctx, topic)
}

// Listening reports whether the LISTEN connection is up right now.
func (p *Postgres) Listening() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.listening
}

// Close stops listening and closes every subscription.
func (p *Postgres) Close() error {
	p.cancel()
	<-p.done
	p.hub.closeAll()
	return nil
}

func (p *Postgres) setListening(v bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v && !p.listening {
		select {
		case <-p.ready:
		default:
			close(p.ready)
		}
	}
	p.listening = v
}

func (p *Postgres) run(ctx context.Context) {
	defer close(p.done)
	backoff := 100 * time.Millisecond
	connectedBefore := false
	for ctx.Err() == nil {
		err := p.listen(ctx, func() {
			backoff = 100 * time.Millisecond
			if connectedBefore {
				// Notices sent while we were away are lost: tell every
				// subscriber to re-read.
				p.hub.deliverAll(Resync)
			}
			connectedBefore = true
		})
		p.setListening(false)
		if ctx.Err() != nil {
			return
		}
		p.logger.Warn("live: LISTEN connection lost; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

// listen holds one connection until it fails or ctx ends.
func (p *Postgres) listen(ctx context.Context, connected func()) error {
	connectCtx, stop := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.Connect(connectCtx, p.dsn)
	stop()
	if err != nil {
		return err
	}
	defer func() {
		closeCtx, stop := context.WithTimeout(context.Background(), time.Second)
		defer stop()
		_ = conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{Channel}.Sanitize()); err != nil {
		return err
	}
	p.setListening(true)
	connected()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				return nil
			}
			return err
		}
		var env envelope
		if err := json.Unmarshal([]byte(n.Payload), &env); err != nil || env.Topic == "" {
			p.logger.Warn("live: ignoring malformed notification", "err", err)
			continue
		}
		p.hub.deliver(Event{Topic: env.Topic, Payload: env.Payload})
	}
}
