package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/convene/convene/internal/alerts"
)

// runDigest runs the daily digest job once. It only enqueues: the outbox
// worker in `convene serve` sends. Running it again the same day (or on
// several replicas) enqueues nothing new.
func runDigest(ctx context.Context, args []string, stdout io.Writer) error {
	fs, common := newCommand("digest")
	baseURL := fs.String("base-url", envOr("CONVENE_BASE_URL", ""), "public URL of the server, for links in the digest (env CONVENE_BASE_URL)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	logger, db, err := common.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := (&alerts.Digest{Client: db.Client, BaseURL: *baseURL, Logger: logger}).Run(ctx, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "digest: %d recipients with items, %d emails enqueued\n", res.Recipients, res.Enqueued)
	return nil
}
