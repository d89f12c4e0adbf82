package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/convene/convene/ent/privacy"
)

// Programme is a stream of work, e.g. "Multiple disadvantage: system change
// 2026", with its own organisers, consultants and time zone.
type Programme struct {
	ent.Schema
}

func (Programme) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Programme) Hooks() []ent.Hook { return []ent.Hook{creatorOrganisesHook} }

func (Programme) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.String("slug").Unique().Validate(validSlug).
			Annotations(entgql.OrderField("SLUG")),
		field.Text("description").Optional(),
		field.String("time_zone").Default("Europe/London").Validate(validTimeZone),
		// Public programmes publish a calendar feed anyone may subscribe to.
		field.Bool("public").Default(false),
		// Funding "cliff" threshold: the date after which secured funding drops
		// below this amount (in the programme's reporting currency) is flagged.
		optionalDecimal("funding_threshold"),
		field.String("reporting_currency").Default("GBP").Validate(validCurrency),
	}
}

func (Programme) Edges() []ent.Edge {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.To("roles", ProgrammeRole.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("events", Event.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("actions", ActionItem.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("commitments", Commitment.Type).Annotations(entgql.RelayConnection(), noInput),
	}
}

func (Programme) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy: see policy.go.
func (Programme) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), programmeQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), programmeMutationRule()},
	}
}
