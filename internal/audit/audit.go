// Package audit holds the switches of the audit log; the log itself is
// written by an ent hook (ent/schema/audit.go) in each mutation's own
// transaction.
package audit

import "context"

type skipKey struct{}

// Skip marks ctx so mutations under it are not audited. Only bulk loads
// by the system (benchmark seeding) use it.
func Skip(ctx context.Context) context.Context { return context.WithValue(ctx, skipKey{}, true) }

// Skipped reports whether ctx was marked with Skip.
func Skipped(ctx context.Context) bool { v, _ := ctx.Value(skipKey{}).(bool); return v }

// SensitiveFields are written to the log as "[redacted]".
var SensitiveFields = map[string]bool{
	"email": true, "phone": true, "access_needs": true, "password_hash": true,
	"token_hash": true, "stakeholder_group": true, "contact_email": true, "contact_phone": true,
}
