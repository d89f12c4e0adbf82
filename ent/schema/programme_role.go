package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/convene/convene/ent/privacy"
)

// ProgrammeRole grants a person a role within one programme. MEMBER is not
// stored: anyone invited to one of the programme's events is a member.
type ProgrammeRole struct {
	ent.Schema
}

func (ProgrammeRole) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (ProgrammeRole) Fields() []ent.Field {
	return []ent.Field{
		field.Int("programme_id").Immutable(),
		field.Int("person_id").Immutable(),
		field.Enum("role").Values("ORGANISER", "CONSULTANT").
			Annotations(entgql.OrderField("ROLE")),
	}
}

func (ProgrammeRole) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("programme", Programme.Type).Ref("roles").Field("programme_id").Unique().Required().Immutable(),
		edge.From("person", Person.Type).Ref("programme_roles").Field("person_id").Unique().Required().Immutable().Annotations(noFilter),
	}
}

func (ProgrammeRole) Indexes() []ent.Index {
	return []ent.Index{index.Fields("programme_id", "person_id", "role").Unique(), index.Fields("person_id")}
}

func (ProgrammeRole) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate()),
	}
}

// Policy: see policy.go.
func (ProgrammeRole) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), programmeRoleQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), programmeRoleMutationRule()},
	}
}

// Hooks: calendar feed change markers (feed_touch.go).
func (ProgrammeRole) Hooks() []ent.Hook { return []ent.Hook{feedTouchHook} }
