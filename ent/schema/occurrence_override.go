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

// OccurrenceOverride changes one occurrence of a series (RECURRENCE-ID in
// iCalendar): moved, relocated or cancelled, without touching the others.
type OccurrenceOverride struct {
	ent.Schema
}

func (OccurrenceOverride) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (OccurrenceOverride) Fields() []ent.Field {
	return []ent.Field{
		field.Int("event_id").Immutable(),
		// The original start of the occurrence this overrides.
		field.Time("recurrence_id").Immutable().Annotations(entgql.OrderField("RECURRENCE_ID")),
		field.Time("starts_at").Optional().Nillable(),
		field.Time("ends_at").Optional().Nillable(),
		field.Bool("cancelled").Default(false),
		field.String("title").Optional().MaxLen(300),
		field.String("venue_name").Optional().MaxLen(300),
		field.Text("venue_address").Optional(),
		field.String("online_url").Optional().Validate(validHTTPURL),
		field.Int("sequence").Default(0).NonNegative().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Short code shown at the venue for self check-in.
		field.String("checkin_code").Optional().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (OccurrenceOverride) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("event", Event.Type).Ref("overrides").Field("event_id").Unique().Required().Immutable(),
	}
}

func (OccurrenceOverride) Indexes() []ent.Index {
	return []ent.Index{index.Fields("event_id", "recurrence_id").Unique()}
}

func (OccurrenceOverride) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Hooks: calendar feed change markers (feed_touch.go).
func (OccurrenceOverride) Hooks() []ent.Hook { return []ent.Hook{feedTouchHook, lastEndHook} }

// Policy: see policy.go.
func (OccurrenceOverride) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), overrideQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), overrideMutationRule()},
	}
}
