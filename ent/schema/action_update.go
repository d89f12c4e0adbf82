package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/convene/convene/ent/privacy"
)

// ActionUpdate is one entry in an action's progress history.
type ActionUpdate struct {
	ent.Schema
}

func (ActionUpdate) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (ActionUpdate) Fields() []ent.Field {
	return []ent.Field{
		field.Int("action_id").Immutable(),
		field.Int("author_id").Optional().Nillable().Immutable(),
		field.Text("note").Optional().Immutable(),
		field.Enum("old_status").Values(actionStatuses...).Optional().Nillable().Immutable(),
		field.Enum("new_status").Values(actionStatuses...).Optional().Nillable().Immutable(),
		field.Int("old_progress").Optional().Nillable().Immutable(),
		field.Int("new_progress").Optional().Nillable().Immutable(),
	}
}

func (ActionUpdate) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("action", ActionItem.Type).Ref("updates").Field("action_id").Unique().Required().Immutable(),
		edge.To("author", Person.Type).Field("author_id").Unique().Immutable().Annotations(noFilter),
	}
}

func (ActionUpdate) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.Mutations(entgql.MutationCreate())}
}

// Policy: see policy.go.
func (ActionUpdate) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), actionUpdateQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), actionUpdateMutationRule()},
	}
}
