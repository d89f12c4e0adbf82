package schema

import (
	"github.com/convene/convene/ent/privacy"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Event is a forum or workshop; with a recurrence rule it is a series whose
// occurrences are expanded on read (see internal/scheduling).
type Event struct {
	ent.Schema
}

func (Event) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Event) Fields() []ent.Field {
	return []ent.Field{
		field.Int("programme_id").Immutable(),
		// The iCalendar UID: stable across every edit, shared by feeds and email.
		field.String("uid").Immutable().Unique().NotEmpty().DefaultFunc(newEventUID).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Enum("kind").Values("FORUM", "WORKSHOP").
			Annotations(entgql.OrderField("KIND")),
		field.String("title").NotEmpty().MaxLen(300).
			Annotations(entgql.OrderField("TITLE")),
		field.Text("description").Optional(),
		// IANA zone the event is scheduled in; defaults to the programme's.
		field.String("time_zone").Optional().Validate(validTimeZone),
		// First occurrence start and end, as instants.
		field.Time("starts_at").Annotations(entgql.OrderField("STARTS_AT")),
		field.Time("ends_at").Annotations(entgql.OrderField("ENDS_AT")),
		field.Bool("all_day").Default(false),
		// RFC 5545 RRULE value (without the "RRULE:" prefix), empty for one-off events.
		field.String("rrule").Optional(),
		// Start instants of occurrences removed from the series (EXDATE).
		field.JSON("exdates", []time.Time{}).Optional().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.String("venue_name").Optional().MaxLen(300),
		field.Text("venue_address").Optional(),
		field.Text("venue_access").Optional(),
		field.String("online_url").Optional().Validate(validHTTPURL),
		field.Int("capacity").Optional().Nillable().Min(0),
		field.Enum("status").Values("SCHEDULED", "CANCELLED").Default("SCHEDULED").
			Annotations(entgql.OrderField("STATUS"), entgql.Skip(entgql.SkipMutationCreateInput)),
		// Raised on every change a calendar must see (RFC 5545 SEQUENCE).
		field.Int("sequence").Default(0).NonNegative().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("cancelled_at").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// A "this and following" split ends the original series and starts a
		// new one; the new one points back at where it came from.
		field.Int("split_from_id").Optional().Nillable().Immutable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// When the last occurrence ends, moves applied (a one-off event's
		// own end); null for a series without end. Kept by lastEndHook so
		// that "upcoming" and "past" can be asked in SQL, which cannot
		// expand a recurrence rule. Rows written before the column existed
		// hold null until their next change: readers treat null on a
		// series as "may still have dates to come".
		field.Time("last_ends_at").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Event) Edges() []ent.Edge {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Edge{
		edge.From("programme", Programme.Type).Ref("events").Field("programme_id").Unique().Required().Immutable(),
		edge.To("overrides", OccurrenceOverride.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("invitations", Invitation.Type).Annotations(entgql.RelayConnection(), noPeopleFilter),
		edge.To("attendances", Attendance.Type).Annotations(entgql.RelayConnection(), noPeopleFilter),
		edge.To("actions", ActionItem.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("minutes", Minutes.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("continuations", Event.Type).From("split_from").Field("split_from_id").Unique().Immutable().
			Annotations(noInput),
	}
}

func (Event) Indexes() []ent.Index {
	return []ent.Index{index.Fields("programme_id", "starts_at"), index.Fields("starts_at")}
}

func (Event) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Event) Hooks() []ent.Hook {
	return []ent.Hook{eventRulesHook, feedTouchHook, lastEndHook}
}

// Policy: see policy.go.
func (Event) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), eventQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), eventMutationRule()},
	}
}
