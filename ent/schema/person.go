package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/convene/convene/ent/privacy"
)

// Person is anyone who takes part: a service user with lived experience, a
// frontline worker, a manager, a commissioner, a consultant. A person may or
// may not be able to sign in; contact details and access needs are sensitive.
type Person struct {
	ent.Schema
}

var stakeholderGroups = []string{"LIVED_EXPERIENCE", "FRONTLINE", "SENIOR_MANAGER", "COMMISSIONER", "CONSULTANT", "OTHER"}

func (Person) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (Person) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("NAME")),
		// Email is optional: some service users take part without one.
		// Stored lower-cased (see the person hook) so sign-in is case-insensitive.
		// Sensitive fields are kept out of where: filters and orderBy so they
		// cannot be probed by people who may not read them (redact.go).
		field.String("email").Optional().Nillable().Unique().Validate(validEmail).
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.String("phone").Optional().MaxLen(40).
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		// Nil when withheld from the viewer (LIVED_EXPERIENCE is sensitive).
		field.Enum("stakeholder_group").Values(stakeholderGroups...).Default("OTHER").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		field.Text("access_needs").Optional().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		// Opting out hides the person from "who else is going" lists shown to
		// other attendees; organisers still see them.
		field.Bool("hide_from_attendee_lists").Default(false),
		field.Bool("is_admin").Default(false).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.String("password_hash").Optional().Sensitive().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Set when the person's data was erased on request; the row survives
		// (pseudonymised) so that anonymous counts stay correct.
		field.Time("erased_at").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Person) Edges() []ent.Edge {
	// No where-filters through a person's edges: they would reveal
	// invitations and attendance the viewer may not see (policy.go).
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)
	return []ent.Edge{
		edge.To("memberships", Membership.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("programme_roles", ProgrammeRole.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("invitations", Invitation.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("attendances", Attendance.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("owned_actions", ActionItem.Type).Annotations(entgql.RelayConnection(), noInput),
		edge.To("sessions", Session.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("magic_links", MagicLink.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("api_tokens", APIToken.Type).Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("feed_tokens", FeedToken.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Person) Indexes() []ent.Index {
	return []ent.Index{index.Fields("stakeholder_group")}
}

func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entsql.Table("people"),
		entgql.QueryField("people"),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Person) Hooks() []ent.Hook {
	return []ent.Hook{normaliseEmailHook, feedTouchHook}
}

// Policy: see policy.go.
func (Person) Policy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{allowPrivileged(), denyAnonymous(), personQueryRule()},
		Mutation: privacy.MutationPolicy{allowPrivileged(), denyAnonymous(), denyBulk(), personMutationRule()},
	}
}

// Interceptors redact sensitive fields per row (redact.go).
func (Person) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{redactPeopleInterceptor()}
}
