package schema

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"entgo.io/ent"
	"entgo.io/ent/schema/mixin"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/internal/audit"
	"github.com/convene/convene/internal/requestid"
	"github.com/convene/convene/internal/viewer"
)

// AuditMixin records every mutation of a type in the audit log: who, which
// entity, which fields changed (before/after, sensitive values redacted) —
// written through the mutation's own client, so in its transaction.
type AuditMixin struct{ mixin.Schema }

// Hooks of the AuditMixin.
func (AuditMixin) Hooks() []ent.Hook { return []ent.Hook{auditHook} }

type auditedMutation interface {
	ent.Mutation
	Client() *gen.Client
	ID() (int, bool)
	IDs(context.Context) ([]int, error)
}

func auditHook(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		am, ok := m.(auditedMutation)
		if !ok || audit.Skipped(ctx) {
			return next.Mutate(ctx, m)
		}
		changes := map[string]any{}
		var ids []int
		sys := viewer.SystemContext(ctx)
		switch {
		case m.Op().Is(ent.OpUpdateOne):
			for _, f := range m.Fields() {
				if f == "updated_at" {
					continue
				}
				old, err := m.OldField(ctx, f)
				if err != nil {
					return nil, err
				}
				nv, _ := m.Field(f)
				changes[f] = map[string]any{"old": auditValue(f, old), "new": auditValue(f, nv)}
			}
			for _, f := range m.ClearedFields() {
				changes[f] = map[string]any{"new": nil}
			}
		case m.Op().Is(ent.OpCreate):
			for _, f := range m.Fields() {
				if f == "created_at" || f == "updated_at" {
					continue
				}
				nv, _ := m.Field(f)
				changes[f] = map[string]any{"new": auditValue(f, nv)}
			}
		default: // deletes and bulk updates: record the rows touched
			var err error
			if ids, err = am.IDs(sys); err != nil {
				return nil, err
			}
		}
		programmeID := auditProgramme(sys, am)
		value, err := next.Mutate(ctx, m)
		if err != nil {
			return value, err
		}
		if id, ok := am.ID(); ok {
			ids = []int{id}
		}
		var actor *int
		if v := viewer.FromContext(ctx); v != nil && v.PersonID != 0 {
			actor = &v.PersonID
		}
		builders := make([]*gen.AuditEntryCreate, 0, len(ids))
		for _, id := range ids {
			programme := programmeID
			if programme == nil && m.Type() == "Programme" {
				// A programme's own entries belong to it; on creation its
				// id is only known now.
				programme = &id
			}
			builders = append(builders, am.Client().AuditEntry.Create().
				SetNillableActorID(actor).
				SetOperation(opName(m.Op())).
				SetEntityType(m.Type()).
				SetEntityID(id).
				SetNillableProgrammeID(programme).
				SetChanges(changes).
				SetRequestID(requestid.From(ctx)))
		}
		if len(builders) > 0 {
			if err := am.Client().AuditEntry.CreateBulk(builders...).Exec(sys); err != nil {
				return nil, fmt.Errorf("audit: %w", err)
			}
		}
		return value, nil
	})
}

func opName(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return "CREATE"
	case op.Is(ent.OpUpdateOne), op.Is(ent.OpUpdate):
		return "UPDATE"
	default:
		return "DELETE"
	}
}

func auditValue(field string, v any) any {
	if audit.SensitiveFields[field] {
		return "[redacted]"
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil
		}
		v = rv.Elem().Interface()
	}
	switch t := v.(type) {
	case time.Time:
		return t.UTC().Format(time.RFC3339)
	case fmt.Stringer:
		return t.String()
	}
	return v
}

// auditProgramme finds the programme a change belongs to, so organisers
// can read their programmes' log.
func auditProgramme(ctx context.Context, m auditedMutation) *int {
	if v, ok := m.Field("programme_id"); ok {
		if id, ok := v.(int); ok {
			return &id
		}
	}
	if m.Op().Is(ent.OpUpdateOne) {
		if v, err := m.OldField(ctx, "programme_id"); err == nil {
			if id, ok := v.(int); ok {
				return &id
			}
		}
	}
	var eventID int
	if v, ok := m.Field("event_id"); ok {
		eventID, _ = v.(int)
	} else if m.Op().Is(ent.OpUpdateOne) {
		if v, err := m.OldField(ctx, "event_id"); err == nil {
			eventID, _ = v.(int)
		}
	}
	if eventID != 0 {
		if ev, err := m.Client().Event.Get(ctx, eventID); err == nil {
			return &ev.ProgrammeID
		}
	}
	if m.Type() == "Programme" {
		if id, ok := m.ID(); ok {
			return &id
		}
	}
	return nil
}
