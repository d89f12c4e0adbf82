package graph

import (
	"context"
	"encoding/json"
	"time"

	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/attendance"
	"github.com/convene/convene/internal/live"
	"github.com/convene/convene/internal/scheduling"
)

// liveDebounce gathers a burst of notices (a bulk check-in sends one per
// person) into one recount.
const liveDebounce = 50 * time.Millisecond

// watchTopic is the loop behind the live subscriptions: it subscribes to
// topic, sends load("initial") at once, then after each burst of notices
// that relevant accepts, load(reason) again, reason naming what triggered
// it. load runs with the subscriber's context, so the first call decides
// whether they may subscribe at all (its error is the subscription's) and
// every recount passes the same privacy rules; a later error (the event
// went away, access was lost) ends the stream rather than show stale
// numbers.
func watchTopic[T any](ctx context.Context, broker live.Broker, topic string,
	relevant func(payload []byte) (reason string, ok bool), load func(reason string) (T, error)) (<-chan T, error) {
	if broker == nil {
		return nil, apperr.Conflictf("live updates are not available on this server")
	}
	// Subscribe before the first load so no change falls between them.
	events, cancel := broker.Subscribe(ctx, topic)
	first, err := load("initial")
	if err != nil {
		cancel()
		return nil, err
	}
	out := make(chan T, 1)
	out <- first
	go func() {
		defer close(out)
		defer cancel()
		for {
			var reasons []string
			select {
			case <-ctx.Done():
				return
			case e, ok := <-events:
				if !ok {
					return
				}
				if reason, ok := relevant(e.Payload); ok {
					reasons = append(reasons, reason)
				}
			}
			// Drain the rest of a burst.
			timer := time.NewTimer(liveDebounce)
		drain:
			for {
				select {
				case <-ctx.Done():
					timer.Stop()
					return
				case e, ok := <-events:
					if !ok {
						timer.Stop()
						return
					}
					if reason, ok := relevant(e.Payload); ok {
						reasons = append(reasons, reason)
					}
				case <-timer.C:
					break drain
				}
			}
			if len(reasons) == 0 {
				continue
			}
			v, err := load(mainReason(reasons))
			if err != nil {
				return
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// eventReplies streams an event's reply counts: at once, then after every
// change to its invitations. Check-ins do not change replies and are
// ignored; a resync (or a notice this version cannot read) recounts.
func (r *Resolver) eventReplies(ctx context.Context, eventID int) (<-chan *scheduling.Counts, error) {
	if r.scheduling == nil {
		return nil, apperr.Conflictf("live updates are not available on this server")
	}
	return watchTopic(ctx, r.live, attendance.Topic(eventID), replyNoticeReason,
		func(string) (*scheduling.Counts, error) {
			return r.scheduling.ReplyTotals(ctx, r.client, eventID)
		})
}

// replyNoticeReason decides whether a notice on the event's topic may
// change its reply counts.
func replyNoticeReason(payload []byte) (string, bool) {
	var n attendance.Notice
	if err := json.Unmarshal(payload, &n); err != nil || n.Kind == "" {
		return "resync", true
	}
	if n.Kind == "attendance" {
		return "", false
	}
	return n.Kind, true
}
