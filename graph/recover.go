package graph

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/convene/convene/internal/requestid"
)

// recoverPanic logs a resolver panic with its stack and returns an error
// the presenter masks as INTERNAL: a bug never takes the server down or
// shows a stack to a client.
func recoverPanic(ctx context.Context, p any) error {
	slog.ErrorContext(ctx, "graphql: panic", "panic", fmt.Sprint(p), "request_id", requestid.From(ctx), "stack", string(debug.Stack()))
	return fmt.Errorf("panic: %v", p)
}
