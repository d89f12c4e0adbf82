package alerts

import (
	"context"
	"log/slog"
	"time"

	"github.com/convene/convene/ent"
)

// DigestHour is when (UTC) the daily digest runs.
const DigestHour = 7

// RunDaily runs the digest once at start-up (a no-op for anyone already
// sent today's) and then every day at DigestHour UTC, until ctx ends.
// Every replica may run it: the outbox dedupe key makes one digest per
// person per day whichever replica gets there first.
func RunDaily(ctx context.Context, client *ent.Client, baseURL string, logger *slog.Logger) {
	if logger == nil {
		logger = slog.Default()
	}
	d := &Digest{Client: client, BaseURL: baseURL, Logger: logger}
	for {
		if _, err := d.Run(ctx, time.Now()); err != nil && ctx.Err() == nil {
			logger.ErrorContext(ctx, "daily digest failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Until(nextRun(time.Now()))):
		}
	}
}

// nextRun is the next DigestHour:00 UTC strictly after now.
func nextRun(now time.Time) time.Time {
	now = now.UTC()
	next := time.Date(now.Year(), now.Month(), now.Day(), DigestHour, 0, 0, 0, time.UTC)
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}
