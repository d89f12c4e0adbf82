package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/convene/convene/ent/privacy"
)

// ServerSecret is a random key the server needs to agree on across
// replicas (the key of self check-in codes). The first replica that needs
// one creates it; the others read the same row, so several `convene serve`
// processes over one database behave as one without shared configuration.
// Only the system viewer can read or write it, and it is not in GraphQL.
type ServerSecret struct{ ent.Schema }

func (ServerSecret) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Unique().Immutable().NotEmpty().MaxLen(64),
		field.Bytes("value").Sensitive().Immutable().MinLen(32),
		field.Time("created_at").Immutable().Default(nowUTC),
	}
}

func (ServerSecret) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (ServerSecret) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowSystem(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowSystem(), privacy.AlwaysDenyRule()},
	}
}
