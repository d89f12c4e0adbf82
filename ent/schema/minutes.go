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

// Minutes is one revision of the notes taken at an occurrence; every save
// adds a revision, the highest is current.
type Minutes struct {
	ent.Schema
}

func (Minutes) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Minutes) Fields() []ent.Field {
	return []ent.Field{
		field.Int("event_id").Immutable(),
		field.Time("occurrence_start").Immutable(),
		field.Int("revision").Positive().Immutable().Annotations(entgql.OrderField("REVISION")),
		field.Text("body").Immutable(),
		field.Int("author_id").Optional().Nillable().Immutable(),
	}
}

func (Minutes) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("event", Event.Type).Ref("minutes").Field("event_id").Unique().Required().Immutable(),
		edge.To("author", Person.Type).Field("author_id").Unique().Immutable().Annotations(noFilter),
	}
}

func (Minutes) Indexes() []ent.Index {
	return []ent.Index{index.Fields("event_id", "occurrence_start", "revision").Unique()}
}

func (Minutes) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy: see policy.go.
func (Minutes) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), minutesQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), minutesMutationRule()},
	}
}
