package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/convene/convene/ent/privacy"
)

// Organisation is an agency taking part in a partnership: a voluntary-sector
// service, the police, an NHS trust, a funder, and so on.
type Organisation struct {
	ent.Schema
}

// Sectors an organisation can belong to.
var sectors = []string{"VOLUNTARY", "HEALTH", "POLICE", "CRIMINAL_JUSTICE", "HOUSING", "LOCAL_AUTHORITY", "EMPLOYMENT", "EDUCATION", "FUNDER", "OTHER"}

func (Organisation) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Organisation) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.Enum("sector").Values(sectors...).
			Annotations(entgql.OrderField("SECTOR")),
		field.Text("description").Optional(),
		field.String("contact_name").Optional().MaxLen(200),
		field.String("contact_email").Optional().Validate(validEmail),
		field.String("contact_phone").Optional().MaxLen(40),
		field.String("website").Optional().Validate(validHTTPURL),
	}
}

func (Organisation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("memberships", Membership.Type).
			Annotations(entgql.RelayConnection(), noPeopleFilter),
		edge.To("commitments", Commitment.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("benefiting_commitments", Commitment.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("owned_actions", ActionItem.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Organisation) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy: see policy.go.
func (Organisation) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), privacy.AlwaysAllowRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), directoryMutationRule()},
	}
}
