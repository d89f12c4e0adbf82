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

// Invitation asks a person to an event series, or to one occurrence of it.
type Invitation struct {
	ent.Schema
}

func (Invitation) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Invitation) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("event_id").Immutable(),
		field.Int("person_id").Immutable(),
		// Set when the invitation is to one occurrence only (its original start).
		field.Time("occurrence_start").Optional().Nillable().Immutable(),
		// "" for the whole series, else the occurrence start in UTC; lets one
		// unique index ignore duplicate invitations on both databases.
		field.String("scope_key").Default("").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("role").Values("PARTICIPANT", "SPEAKER", "FACILITATOR", "OBSERVER").Default("PARTICIPANT").
			Annotations(entgql.OrderField("ROLE")),
		field.Enum("response").Values("PENDING", "ACCEPTED", "TENTATIVE", "DECLINED", "WAITLISTED").Default("PENDING").
			Annotations(entgql.OrderField("RESPONSE"), noInput),
		field.Time("responded_at").Optional().Nillable().
			Annotations(entgql.OrderField("RESPONDED_AT"), noInput),
		// Arrival order on the waitlist; lower goes first.
		field.Int64("waitlist_position").Optional().Nillable().Annotations(noInput),
		field.Text("access_needs").Optional().Annotations(entgql.Skip(entgql.SkipWhereInput)),
		// SHA-256 of the no-login RSVP token; the token itself is only ever emailed.
		field.String("token_hash").Unique().Sensitive().DefaultFunc(randomHash).Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("withdrawn_at").Optional().Nillable().Annotations(noInput),
		field.Time("reminded_at").Optional().Nillable().Annotations(noInput),
	}
}

func (Invitation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("event", Event.Type).Ref("invitations").Field("event_id").Unique().Required().Immutable(),
		edge.From("person", Person.Type).Ref("invitations").Field("person_id").Unique().Required().Immutable().Annotations(noFilter),
	}
}

func (Invitation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("event_id", "person_id", "scope_key").Unique(),
		index.Fields("person_id"),
		index.Fields("event_id", "response"),
	}
}

func (Invitation) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Invitation) Hooks() []ent.Hook {
	return []ent.Hook{invitationScopeHook, feedTouchHook}
}

// Policy: see policy.go.
func (Invitation) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), invitationQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), invitationMutationRule()},
	}
}

// Interceptors redact other people's access needs (redact.go).
func (Invitation) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{redactInvitationsInterceptor()}
}
