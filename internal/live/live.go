// Package live carries "something changed" signals from the request that
// made a change to every subscriber watching it, on this replica and on the
// others. One small interface, two implementations: Memory for a single
// process (SQLite), Postgres (LISTEN/NOTIFY) for several replicas sharing a
// PostgreSQL database.
//
// Events are small notices (which event, which occurrence, what kind of
// change), not the data itself: subscribers re-read what they show, so a
// notice that arrives late or twice does no harm, and one that is dropped
// under load is made good by the next.
package live

import (
	"context"
	"encoding/json"
)

// Event is one notice on a topic.
type Event struct {
	Topic   string
	Payload json.RawMessage
}

// Broker publishes notices to topics and fans them out to subscribers.
type Broker interface {
	// Publish sends payload (JSON, at most MaxPayload bytes) to every
	// subscriber of topic, on every replica. Call it after the change has
	// been committed.
	Publish(ctx context.Context, topic string, payload []byte) error
	// Subscribe returns a channel of the topic's notices until ctx ends or
	// cancel is called; the channel is closed then.
	Subscribe(ctx context.Context, topic string) (<-chan Event, func())
	// Close stops the broker and closes every subscription.
	Close() error
}

// MaxPayload bounds a notice. PostgreSQL's NOTIFY takes at most 8000 bytes,
// topic and envelope included.
const MaxPayload = 7000

// subscriberBuffer is how many notices a slow subscriber may fall behind
// before further ones are dropped for it (see the package comment).
const subscriberBuffer = 64

// Resync is the payload sent to every subscriber when notices may have been
// missed (the PostgreSQL listener reconnected): re-read everything.
var Resync = json.RawMessage(`{"kind":"resync"}`)
