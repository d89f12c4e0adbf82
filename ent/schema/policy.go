package schema

// Authorization, enforced once, here. Query rules narrow every query of a
// type (node lookups, connections, totalCount, eager-loaded edges, where
// filters) to the rows the viewer may see; mutation rules decide writes.
// The rules of PRODUCT.md / issue "Accounts, roles and privacy":
//
//   - site ADMIN and the system (workers, token-scoped flows) see and do all;
//   - an ORGANISER manages their programmes' events, invitations,
//     attendance, actions and commitments, and may manage the directory
//     (organisations, people, memberships) to invite people;
//   - a CONSULTANT reads everything in their programmes and manages actions
//     and commitments;
//   - a MEMBER (invited to an event) sees those events, who else is going
//     (unless they opted out), their own invitations, attendance and actions;
//   - anonymous requests see nothing.
//
// Sensitive person fields are redacted per row by interceptors (redact.go).

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/actionupdate"
	"github.com/convene/convene/ent/apitoken"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/auditentry"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/feedtoken"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/minutes"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/ent/privacy"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/ent/session"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// Edges that lead to people are left out of where: filters: a filter is
// a SQL subquery that privacy rules cannot narrow, so it could reveal who
// is invited or attended where. Traversing the edge itself is fine — the
// target's query rules apply.
var (
	noFilter       = entgql.Skip(entgql.SkipWhereInput)
	noPeopleFilter = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput)
)

var (
	errSignIn = apperr.Unauthenticatedf("sign in to see this")
	errDenied = apperr.Forbiddenf("you are not allowed to do this")
)

// allowPrivileged lets the system and site admins through every rule.
func allowPrivileged() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if v := viewer.FromContext(ctx); v != nil && (v.IsSystem() || v.Admin) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// allowSystem lets only the system viewer (server start-up, workers)
// through: for rows no person, not even a site admin, should touch.
func allowSystem() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if v := viewer.FromContext(ctx); v != nil && v.IsSystem() {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// denyAnonymous stops requests without a signed-in viewer.
func denyAnonymous() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx) == nil {
			return errSignIn
		}
		return privacy.Skip
	})
}

// privileged is the standard prefix of every policy.
func privileged() []privacy.QueryMutationRule {
	return []privacy.QueryMutationRule{allowPrivileged(), denyAnonymous()}
}

func managers(v *viewer.Viewer) []int         { return v.ProgrammesWith(viewer.Organiser) }
func readers(v *viewer.Viewer) []int          { return v.ProgrammesWith(viewer.Organiser, viewer.Consultant) }
func isDirectoryEditor(v *viewer.Viewer) bool { return len(managers(v)) > 0 }

// --- visibility predicates, shared by the types that point at each other ---

// invitedToSameEvent: people invited to an event the viewer is invited to.
func viewerEvents(v *viewer.Viewer) predicate.Event {
	return event.Or(
		event.ProgrammeIDIn(readers(v)...),
		event.HasInvitationsWith(invitation.PersonID(v.PersonID), invitation.WithdrawnAtIsNil()),
	)
}

func visibleProgrammes(v *viewer.Viewer) predicate.Programme {
	return programme.Or(
		programme.IDIn(readers(v)...),
		programme.HasEventsWith(event.HasInvitationsWith(invitation.PersonID(v.PersonID), invitation.WithdrawnAtIsNil())),
	)
}

// visiblePeople: staff of any programme need the directory to invite and
// assign; members see themselves and the non-opted-out co-invitees.
func visiblePeople(v *viewer.Viewer) predicate.Person {
	if len(readers(v)) > 0 {
		return nil
	}
	return person.Or(
		person.ID(v.PersonID),
		person.And(
			person.HideFromAttendeeLists(false),
			person.ErasedAtIsNil(),
			person.HasInvitationsWith(invitation.HasEventWith(
				event.HasInvitationsWith(invitation.PersonID(v.PersonID), invitation.WithdrawnAtIsNil()))),
		),
	)
}

func visibleInvitations(v *viewer.Viewer) predicate.Invitation {
	return invitation.Or(
		invitation.HasEventWith(event.ProgrammeIDIn(readers(v)...)),
		invitation.PersonID(v.PersonID),
		invitation.And(
			invitation.WithdrawnAtIsNil(),
			invitation.HasPersonWith(person.HideFromAttendeeLists(false), person.ErasedAtIsNil()),
			invitation.HasEventWith(event.HasInvitationsWith(invitation.PersonID(v.PersonID), invitation.WithdrawnAtIsNil())),
		),
	)
}

func visibleActions(v *viewer.Viewer) predicate.ActionItem {
	return actionitem.Or(actionitem.ProgrammeIDIn(readers(v)...), actionitem.OwnerPersonID(v.PersonID))
}

// --- query rules ---

// narrowedBy is the shape of every query rule: narrow the query to the rows
// pred allows the viewer, then allow. A nil predicate leaves the query as
// it is. Q is the generated query type, P its predicate type.
func narrowedBy[Q interface{ Where(...P) Q }, P ~func(*sql.Selector)](pred func(*viewer.Viewer) P) func(context.Context, Q) error {
	return func(ctx context.Context, q Q) error {
		if p := pred(viewer.FromContext(ctx)); p != nil {
			q.Where(p)
		}
		return privacy.Allow
	}
}

func personQueryRule() privacy.QueryRule {
	return privacy.PersonQueryRuleFunc(narrowedBy[*gen.PersonQuery](visiblePeople))
}

func programmeQueryRule() privacy.QueryRule {
	return privacy.ProgrammeQueryRuleFunc(narrowedBy[*gen.ProgrammeQuery](visibleProgrammes))
}

func eventQueryRule() privacy.QueryRule {
	return privacy.EventQueryRuleFunc(narrowedBy[*gen.EventQuery](viewerEvents))
}

func invitationQueryRule() privacy.QueryRule {
	return privacy.InvitationQueryRuleFunc(narrowedBy[*gen.InvitationQuery](visibleInvitations))
}

func attendanceQueryRule() privacy.QueryRule {
	return privacy.AttendanceQueryRuleFunc(narrowedBy[*gen.AttendanceQuery](func(v *viewer.Viewer) predicate.Attendance {
		return attendance.Or(attendance.HasEventWith(event.ProgrammeIDIn(readers(v)...)), attendance.PersonID(v.PersonID))
	}))
}

func actionQueryRule() privacy.QueryRule {
	return privacy.ActionItemQueryRuleFunc(narrowedBy[*gen.ActionItemQuery](visibleActions))
}

func actionUpdateQueryRule() privacy.QueryRule {
	return privacy.ActionUpdateQueryRuleFunc(narrowedBy[*gen.ActionUpdateQuery](actionupdateOfVisibleAction))
}

func actionupdateOfVisibleAction(v *viewer.Viewer) predicate.ActionUpdate {
	return actionupdate.HasActionWith(visibleActions(v))
}

func commitmentQueryRule() privacy.QueryRule {
	return privacy.CommitmentQueryRuleFunc(narrowedBy[*gen.CommitmentQuery](func(v *viewer.Viewer) predicate.Commitment {
		return commitment.ProgrammeIDIn(readers(v)...)
	}))
}

func membershipQueryRule() privacy.QueryRule {
	return privacy.MembershipQueryRuleFunc(narrowedBy[*gen.MembershipQuery](func(v *viewer.Viewer) predicate.Membership {
		if p := visiblePeople(v); p != nil {
			return membership.HasPersonWith(p)
		}
		return nil
	}))
}

func programmeRoleQueryRule() privacy.QueryRule {
	return privacy.ProgrammeRoleQueryRuleFunc(narrowedBy[*gen.ProgrammeRoleQuery](func(v *viewer.Viewer) predicate.ProgrammeRole {
		return programmerole.HasProgrammeWith(visibleProgrammes(v))
	}))
}

func overrideQueryRule() privacy.QueryRule {
	return privacy.OccurrenceOverrideQueryRuleFunc(narrowedBy[*gen.OccurrenceOverrideQuery](func(v *viewer.Viewer) predicate.OccurrenceOverride {
		return occurrenceoverride.HasEventWith(viewerEvents(v))
	}))
}

func minutesQueryRule() privacy.QueryRule {
	return privacy.MinutesQueryRuleFunc(narrowedBy[*gen.MinutesQuery](func(v *viewer.Viewer) predicate.Minutes {
		return minutes.HasEventWith(viewerEvents(v))
	}))
}

func auditQueryRule() privacy.QueryRule {
	return privacy.AuditEntryQueryRuleFunc(narrowedBy[*gen.AuditEntryQuery](func(v *viewer.Viewer) predicate.AuditEntry {
		// Consultants also read the change history of the ledger they manage.
		return auditentry.Or(
			auditentry.ProgrammeIDIn(managers(v)...),
			auditentry.And(auditentry.ProgrammeIDIn(readers(v)...), auditentry.EntityTypeIn("Commitment", "ActionItem")),
		)
	}))
}

// Sessions and tokens are visible to their owner only.
func ownSessions() privacy.QueryRule {
	return privacy.SessionQueryRuleFunc(narrowedBy[*gen.SessionQuery](func(v *viewer.Viewer) predicate.Session {
		return session.PersonID(v.PersonID)
	}))
}

func ownAPITokens() privacy.QueryRule {
	return privacy.APITokenQueryRuleFunc(narrowedBy[*gen.APITokenQuery](func(v *viewer.Viewer) predicate.APIToken {
		return apitoken.PersonID(v.PersonID)
	}))
}

func ownFeedTokens() privacy.QueryRule {
	return privacy.FeedTokenQueryRuleFunc(narrowedBy[*gen.FeedTokenQuery](func(v *viewer.Viewer) predicate.FeedToken {
		return feedtoken.PersonID(v.PersonID)
	}))
}
