package live

import (
	"context"
	"fmt"
	"sync"
)

// Memory is the in-process broker: enough for a single replica.
type Memory struct {
	hub hub
}

// NewMemory returns an in-process broker.
func NewMemory() *Memory { return &Memory{} }

// Publish delivers to this process's subscribers.
func (m *Memory) Publish(_ context.Context, topic string, payload []byte) error {
	if len(payload)+len(topic) > MaxPayload {
		return fmt.Errorf("live: payload of %d bytes is too large", len(payload))
	}
	m.hub.deliver(Event{Topic: topic, Payload: append([]byte(nil), payload...)})
	return nil
}

// Subscribe implements Broker.
func (m *Memory) Subscribe(ctx context.Context, topic string) (<-chan Event, func()) {
	return m.hub.subscribe(ctx, topic)
}

// Close closes every subscription.
func (m *Memory) Close() error {
	m.hub.closeAll()
	return nil
}

// hub is the local fan-out shared by both implementations.
type hub struct {
	mu     sync.Mutex
	subs   map[string]map[*subscription]struct{}
	closed bool
}

type subscription struct {
	ch   chan Event
	once sync.Once
}

func (h *hub) subscribe(ctx context.Context, topic string) (<-chan Event, func()) {
	s := &subscription{ch: make(chan Event, subscriberBuffer)}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		close(s.ch)
		return s.ch, func() {}
	}
	if h.subs == nil {
		h.subs = map[string]map[*subscription]struct{}{}
	}
	if h.subs[topic] == nil {
		h.subs[topic] = map[*subscription]struct{}{}
	}
	h.subs[topic][s] = struct{}{}
	h.mu.Unlock()

	done := make(chan struct{})
	cancel := func() {
		s.once.Do(func() {
			close(done)
			h.mu.Lock()
			if set := h.subs[topic]; set != nil {
				if _, ok := set[s]; ok {
					delete(set, s)
					close(s.ch)
				}
				if len(set) == 0 {
					delete(h.subs, topic)
				}
			}
			h.mu.Unlock()
		})
	}
	go func() {
		select {
		case <-ctx.Done():
			cancel()
		case <-done:
		}
	}()
	return s.ch, cancel
}

// deliver never blocks: a subscriber whose buffer is full misses this
// notice and catches up with the next one.
func (h *hub) deliver(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs[e.Topic] {
		select {
		case s.ch <- e:
		default:
		}
	}
}

// deliverAll sends payload to every subscriber of every topic.
func (h *hub) deliverAll(payload []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for topic, set := range h.subs {
		for s := range set {
			select {
			case s.ch <- Event{Topic: topic, Payload: payload}:
			default:
			}
		}
	}
}

func (h *hub) closeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for topic, set := range h.subs {
		for s := range set {
			close(s.ch)
		}
		delete(h.subs, topic)
	}
}
