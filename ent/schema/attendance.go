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

// Attendance records who came to one occurrence of an event. ABSENT is
// derived for accepted invitees with no record, never stored by check-in.
type Attendance struct {
	ent.Schema
}

func (Attendance) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Attendance) Fields() []ent.Field {
	return []ent.Field{
		field.Int("event_id").Immutable(),
		field.Int("person_id").Immutable(),
		// Original start of the occurrence attended.
		field.Time("occurrence_start").Immutable().Annotations(entgql.OrderField("OCCURRENCE_START")),
		field.Enum("status").Values("PRESENT", "LATE", "LEFT_EARLY", "APOLOGIES", "ABSENT", "DEPUTY").Default("PRESENT").
			Annotations(entgql.OrderField("STATUS")),
		field.Enum("method").Values("DOOR", "SELF", "IMPORT").Default("DOOR"),
		field.Bool("walk_in").Default(false),
		field.Time("checked_in_at").Optional().Nillable().Annotations(entgql.OrderField("CHECKED_IN_AT")),
		field.Int("checked_in_by_id").Optional().Nillable(),
		// With status DEPUTY: the person who came in this person's place.
		field.Int("deputy_id").Optional().Nillable(),
	}
}

func (Attendance) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("event", Event.Type).Ref("attendances").Field("event_id").Unique().Required().Immutable(),
		edge.From("person", Person.Type).Ref("attendances").Field("person_id").Unique().Required().Immutable().Annotations(noFilter),
		edge.To("checked_in_by", Person.Type).Field("checked_in_by_id").Unique().Annotations(noFilter),
		edge.To("deputy", Person.Type).Field("deputy_id").Unique().Annotations(noFilter),
	}
}

func (Attendance) Indexes() []ent.Index {
	return []ent.Index{index.Fields("event_id", "occurrence_start", "person_id").Unique(), index.Fields("person_id")}
}

func (Attendance) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy: see policy.go.
func (Attendance) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), attendanceQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), attendanceMutationRule()},
	}
}
