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

// Commitment is an organisation's pledge within a programme: money, staff
// time, a referral pathway, data sharing, a venue. Amounts are exact decimals.
type Commitment struct {
	ent.Schema
}

func (Commitment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Commitment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("programme_id").Immutable(),
		field.Int("organisation_id"),
		field.Int("beneficiary_id").Optional().Nillable(),
		field.Enum("kind").Values("FUNDING", "STAFF_TIME", "REFERRAL_PATHWAY", "DATA_SHARING", "VENUE", "OTHER").
			Annotations(entgql.OrderField("KIND")),
		field.String("title").NotEmpty().MaxLen(300).Annotations(entgql.OrderField("TITLE")),
		optionalDecimal("amount"),
		field.String("currency").Optional().Validate(validCurrency),
		optionalDecimal("hours"),
		field.Enum("hours_period").Values("WEEK", "MONTH", "TOTAL").Optional().Nillable(),
		field.Time("starts_on").Annotations(entgql.OrderField("STARTS_ON")),
		field.Time("ends_on").Optional().Nillable().Annotations(entgql.OrderField("ENDS_ON")),
		field.Enum("status").Values("PROPOSED", "AGREED", "DELIVERED", "LAPSED", "WITHDRAWN").Default("PROPOSED").
			Annotations(entgql.OrderField("STATUS")),
		field.Time("review_on").Optional().Nillable().Annotations(entgql.OrderField("REVIEW_ON")),
		field.Text("conditions").Optional(),
		field.Text("evidence").Optional(),
		// The commitment this one renews; an ending commitment with an agreed
		// successor is not flagged as a funding risk.
		field.Int("predecessor_id").Optional().Nillable(),
	}
}

func (Commitment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("programme", Programme.Type).Ref("commitments").Field("programme_id").Unique().Required().Immutable(),
		edge.From("organisation", Organisation.Type).Ref("commitments").Field("organisation_id").Unique().Required(),
		edge.From("beneficiary", Organisation.Type).Ref("benefiting_commitments").Field("beneficiary_id").Unique(),
		edge.To("actions", ActionItem.Type).Annotations(entgql.RelayConnection()),
		edge.To("successors", Commitment.Type).From("predecessor").Field("predecessor_id").Unique(),
	}
}

func (Commitment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("programme_id", "status"), index.Fields("organisation_id"), index.Fields("ends_on")}
}

func (Commitment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Hooks: status lifecycle and amount/date rules (ledger_hooks.go).
func (Commitment) Hooks() []ent.Hook { return []ent.Hook{commitmentRulesHook} }

// Policy: see policy.go.
func (Commitment) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), commitmentQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), commitmentMutationRule()},
	}
}
