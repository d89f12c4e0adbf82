// Package history carries the note that goes with an action's progress
// change from the service that makes the change to the ent hook that writes
// the history row (ent/schema/action_hooks.go) in the same transaction.
// It has no dependencies so the ent schema can import it.
package history

import "context"

type noteKey struct{}

// WithNote returns ctx carrying the note for the next progress change.
func WithNote(ctx context.Context, note string) context.Context {
	return context.WithValue(ctx, noteKey{}, note)
}

// Note returns the note carried by ctx, or "".
func Note(ctx context.Context) string {
	s, _ := ctx.Value(noteKey{}).(string)
	return s
}
