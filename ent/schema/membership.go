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

// Membership links a person to an organisation they work for or with.
type Membership struct {
	ent.Schema
}

func (Membership) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Membership) Fields() []ent.Field {
	return []ent.Field{
		field.Int("person_id").Immutable(),
		field.Int("organisation_id").Immutable(),
		field.String("job_title").Optional().MaxLen(200).
			Annotations(entgql.OrderField("JOB_TITLE")),
	}
}

func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("person", Person.Type).Ref("memberships").Field("person_id").Unique().Required().Immutable().Annotations(noFilter),
		edge.From("organisation", Organisation.Type).Ref("memberships").Field("organisation_id").Unique().Required().Immutable(),
	}
}

func (Membership) Indexes() []ent.Index {
	return []ent.Index{index.Fields("person_id", "organisation_id").Unique(), index.Fields("organisation_id")}
}

func (Membership) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy: see policy.go.
func (Membership) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), membershipQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), directoryMutationRule()},
	}
}
