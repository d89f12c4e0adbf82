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

// ActionItem is the GraphQL type Action (named so in Go because ent would
// otherwise call Action's update builder "ActionUpdate", the name of the
// history entity). It is something agreed at a forum (or in a programme) that someone owes.
// Overdue is derived from due_date and status, never stored.
type ActionItem struct {
	ent.Schema
}

var actionStatuses = []string{"OPEN", "IN_PROGRESS", "DONE", "DROPPED"}

func (ActionItem) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (ActionItem) Fields() []ent.Field {
	return []ent.Field{
		field.Int("programme_id").Immutable(),
		field.Int("event_id").Optional().Nillable().Immutable(),
		field.Time("occurrence_start").Optional().Nillable().Immutable(),
		field.String("title").NotEmpty().MaxLen(300).Annotations(entgql.OrderField("TITLE")),
		field.Text("description").Optional(),
		field.Int("owner_person_id").Optional().Nillable(),
		field.Int("owner_organisation_id").Optional().Nillable(),
		field.Time("due_date").Optional().Nillable().Annotations(entgql.OrderField("DUE_DATE")),
		field.Enum("status").Values(actionStatuses...).Default("OPEN").Annotations(entgql.OrderField("STATUS")),
		field.Int("progress").Default(0).Range(0, 100),
		field.Time("completed_at").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (ActionItem) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("programme", Programme.Type).Ref("actions").Field("programme_id").Unique().Required().Immutable(),
		edge.From("event", Event.Type).Ref("actions").Field("event_id").Unique().Immutable(),
		edge.From("owner_person", Person.Type).Ref("owned_actions").Field("owner_person_id").Unique().Annotations(noFilter),
		edge.From("owner_organisation", Organisation.Type).Ref("owned_actions").Field("owner_organisation_id").Unique(),
		edge.To("updates", ActionUpdate.Type).
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("commitments", Commitment.Type).Ref("actions").Annotations(entgql.RelayConnection()),
	}
}

func (ActionItem) Indexes() []ent.Index {
	return []ent.Index{index.Fields("programme_id", "status"), index.Fields("due_date"), index.Fields("owner_organisation_id"), index.Fields("owner_person_id")}
}

func (ActionItem) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Type("Action"),
		entgql.QueryField("actions"),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Hooks: progress history and completion stamp (ledger_hooks.go).
func (ActionItem) Hooks() []ent.Hook { return []ent.Hook{actionProgressHook, feedTouchHook} }

// Policy: see policy.go.
func (ActionItem) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), actionQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), actionMutationRule()},
	}
}
