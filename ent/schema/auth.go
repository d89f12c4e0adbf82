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

// Credentials (sessions, magic links, API and feed tokens) store only the
// SHA-256 of the secret; the secret itself is shown once and never kept.

func tokenHashField() ent.Field {
	return field.String("token_hash").Unique().Sensitive().Immutable().
		Annotations(entgql.Skip(entgql.SkipAll))
}

func credentialOwner(ref string) ent.Edge {
	return edge.From("person", Person.Type).Ref(ref).Field("person_id").Unique().Required().Immutable()
}

// Session is a signed-in browser.
type Session struct{ ent.Schema }

func (Session) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }
func (Session) Fields() []ent.Field {
	return []ent.Field{
		tokenHashField(),
		field.Int("person_id").Immutable(),
		field.Time("expires_at"),
		field.Time("last_seen_at").Optional().Nillable(),
		field.String("user_agent").Optional().MaxLen(500),
		field.String("ip").Optional().MaxLen(64),
	}
}
func (Session) Edges() []ent.Edge    { return []ent.Edge{credentialOwner("sessions")} }
func (Session) Indexes() []ent.Index { return []ent.Index{index.Fields("person_id")} }

// MagicLink is a single-use emailed sign-in link.
type MagicLink struct{ ent.Schema }

func (MagicLink) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }
func (MagicLink) Fields() []ent.Field {
	return []ent.Field{
		tokenHashField(),
		field.Int("person_id").Immutable(),
		field.Time("expires_at").Immutable(),
		field.Time("used_at").Optional().Nillable(),
	}
}
func (MagicLink) Edges() []ent.Edge { return []ent.Edge{credentialOwner("magic_links")} }
func (MagicLink) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// APIToken is a personal token for scripts, sent as "Authorization: Bearer".
type APIToken struct{ ent.Schema }

func (APIToken) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }
func (APIToken) Fields() []ent.Field {
	return []ent.Field{
		tokenHashField(),
		field.Int("person_id").Immutable(),
		field.String("name").NotEmpty().MaxLen(100),
		field.Time("last_used_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
	}
}
func (APIToken) Edges() []ent.Edge    { return []ent.Edge{credentialOwner("api_tokens")} }
func (APIToken) Indexes() []ent.Index { return []ent.Index{index.Fields("person_id")} }

// FeedToken is the secret part of a private calendar feed URL.
type FeedToken struct{ ent.Schema }

func (FeedToken) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }
func (FeedToken) Fields() []ent.Field {
	return []ent.Field{
		tokenHashField(),
		field.Int("person_id").Immutable(),
		field.String("name").NotEmpty().MaxLen(100),
		field.Time("last_used_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
	}
}
func (FeedToken) Edges() []ent.Edge    { return []ent.Edge{credentialOwner("feed_tokens")} }
func (FeedToken) Indexes() []ent.Index { return []ent.Index{index.Fields("person_id")} }

// AuditEntry records one mutation: who changed what, with before/after values
// (sensitive fields redacted), written in the mutation's own transaction.
type AuditEntry struct{ ent.Schema }

func (AuditEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(nowUTC).Immutable().Annotations(entgql.OrderField("CREATED_AT")),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("operation").Immutable(),
		field.String("entity_type").Immutable(),
		field.Int("entity_id").Immutable(),
		field.Int("programme_id").Optional().Nillable().Immutable(),
		// Mutable only so GDPR erasure can scrub what changes said.
		field.JSON("changes", map[string]any{}).Optional().Annotations(entgql.Type("Map")),
		field.String("request_id").Optional().Immutable(),
	}
}
func (AuditEntry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity_type", "entity_id"), index.Fields("programme_id", "created_at")}
}
func (AuditEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField("auditLog")}
}

// OutboxMessage is an email waiting to be sent, written in the same
// transaction as the change that caused it (transactional outbox).
type OutboxMessage struct{ ent.Schema }

func (OutboxMessage) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }
func (OutboxMessage) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind"),
		field.String("recipient"),
		field.String("subject"),
		field.Text("body_text"),
		field.Text("body_html").Optional(),
		field.Text("ics").Optional(),
		field.String("ics_method").Optional(),
		field.Enum("status").Values("PENDING", "SENDING", "SENT", "FAILED").Default("PENDING"),
		field.Int("attempts").Default(0),
		field.Time("next_attempt_at").Default(nowUTC),
		field.Time("locked_until").Optional().Nillable(),
		field.Time("sent_at").Optional().Nillable(),
		field.Text("last_error").Optional(),
		// Idempotency key: the same logical email is queued once.
		field.String("dedupe_key").Optional().Nillable().Unique(),
	}
}
func (OutboxMessage) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status", "next_attempt_at")}
}
func (OutboxMessage) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (Session) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), ownSessions()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), sessionMutationRule()},
	}
}

func (APIToken) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), ownAPITokens()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), apiTokenMutationRule()},
	}
}

func (FeedToken) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), ownFeedTokens()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), feedTokenMutationRule()},
	}
}

func (MagicLink) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), privacy.AlwaysDenyRule()},
	}
}

func (OutboxMessage) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), privacy.AlwaysDenyRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), privacy.AlwaysDenyRule()},
	}
}

func (AuditEntry) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), auditQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), privacy.AlwaysDenyRule()},
	}
}
