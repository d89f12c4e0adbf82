package graph

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/scheduling"
)

// overrideLoader batches the override look-ups of Event.occurrences: the
// events of a list resolve concurrently and each asks for its overrides.
//
// When a field returns a list of events, the list's ids are announced
// (expect, from the field middleware below) and the first look-up for any
// of them reads the overrides of all of them in one query, which the
// others wait for: one query per list however the resolvers are scheduled.
// Events reached some other way share a query with the look-ups arriving
// within a few milliseconds of them.
type overrideLoader struct {
	mu sync.Mutex
	// primed holds overrides already read in this operation.
	primed map[int][]*ent.OccurrenceOverride
	// expected are events a list returned whose overrides are not read yet.
	expected map[int]bool
	// inflight maps an event to the query reading its overrides now.
	inflight map[int]*overrideBatch
	cur      *overrideBatch
}

type overrideBatch struct {
	ids  []int
	done chan struct{}
	res  map[int][]*ent.OccurrenceOverride
	err  error
}

const overrideBatchWait = 2 * time.Millisecond

type overrideLoaderKey struct{}

// withOverrideLoader gives each operation its own loader.
func withOverrideLoader(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, overrideLoaderKey{}, &overrideLoader{
		primed: map[int][]*ent.OccurrenceOverride{}, expected: map[int]bool{}, inflight: map[int]*overrideBatch{},
	}))
}

// announceEventLists is a field middleware: whatever field returns events
// (a connection or a list), their ids are announced to the loader.
func announceEventLists(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil {
		return res, err
	}
	var ids []int
	switch v := res.(type) {
	case *ent.EventConnection:
		if v != nil {
			for _, e := range v.Edges {
				if e != nil && e.Node != nil {
					ids = append(ids, e.Node.ID)
				}
			}
		}
	case []*ent.Event:
		for _, e := range v {
			if e != nil {
				ids = append(ids, e.ID)
			}
		}
	}
	if len(ids) > 1 {
		if l, ok := ctx.Value(overrideLoaderKey{}).(*overrideLoader); ok {
			l.expect(ids)
		}
	}
	return res, nil
}

func (l *overrideLoader) expect(ids []int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range ids {
		if _, done := l.primed[id]; !done && l.inflight[id] == nil {
			l.expected[id] = true
		}
	}
}

// prime hands the loader overrides already read in this operation (all of
// the given events'), so Event.occurrences under them costs no query.
func (l *overrideLoader) prime(eventIDs []int, ovs map[int][]*ent.OccurrenceOverride) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, id := range eventIDs {
		l.primed[id] = ovs[id]
		delete(l.expected, id)
	}
}

func (l *overrideLoader) load(ctx context.Context, client *ent.Client, eventID int) ([]*ent.OccurrenceOverride, error) {
	l.mu.Lock()
	if ovs, ok := l.primed[eventID]; ok {
		l.mu.Unlock()
		return ovs, nil
	}
	if b := l.inflight[eventID]; b != nil {
		l.mu.Unlock()
		return b.wait(ctx, eventID)
	}
	if l.expected[eventID] {
		// The first of a list: read the whole list's overrides now.
		b := &overrideBatch{done: make(chan struct{})}
		for id := range l.expected {
			b.ids = append(b.ids, id)
			l.inflight[id] = b
		}
		clear(l.expected)
		l.mu.Unlock()
		l.run(ctx, client, b)
		return b.wait(ctx, eventID)
	}
	b := l.cur
	if b == nil {
		b = &overrideBatch{done: make(chan struct{})}
		l.cur = b
		time.AfterFunc(overrideBatchWait, func() {
			l.mu.Lock()
			if l.cur == b {
				l.cur = nil
			}
			l.mu.Unlock()
			l.run(ctx, client, b)
		})
	}
	b.ids = append(b.ids, eventID)
	l.inflight[eventID] = b
	l.mu.Unlock()
	return b.wait(ctx, eventID)
}

// run reads a batch's overrides and keeps them for later look-ups.
func (l *overrideLoader) run(ctx context.Context, client *ent.Client, b *overrideBatch) {
	l.mu.Lock()
	ids := append([]int(nil), b.ids...)
	l.mu.Unlock()
	res, err := scheduling.OverridesFor(ctx, client, ids)
	l.mu.Lock()
	b.res, b.err = res, err
	for _, id := range ids {
		if err == nil {
			l.primed[id] = res[id]
		}
		delete(l.inflight, id)
	}
	l.mu.Unlock()
	close(b.done)
}

func (b *overrideBatch) wait(ctx context.Context, eventID int) ([]*ent.OccurrenceOverride, error) {
	select {
	case <-b.done:
		return b.res[eventID], b.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// eventOverrides returns an event's overrides through the operation's
// loader (one query for all the events in a response).
func eventOverrides(ctx context.Context, client *ent.Client, eventID int) ([]*ent.OccurrenceOverride, error) {
	if l, ok := ctx.Value(overrideLoaderKey{}).(*overrideLoader); ok {
		return l.load(ctx, client, eventID)
	}
	m, err := scheduling.OverridesFor(ctx, client, []int{eventID})
	return m[eventID], err
}

// primeOverrides passes overrides already loaded to the operation's loader.
func primeOverrides(ctx context.Context, eventIDs []int, ovs map[int][]*ent.OccurrenceOverride) {
	if l, ok := ctx.Value(overrideLoaderKey{}).(*overrideLoader); ok {
		l.prime(eventIDs, ovs)
	}
}
