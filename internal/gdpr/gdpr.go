// Package gdpr answers data-subject requests: export everything held about
// a person, and erase them while keeping anonymous counts intact.
//
// Both run under the caller's viewer, so the privacy rules decide who may
// (an admin, or the person themselves) — no check is repeated here.
package gdpr

import (
	"context"
	"fmt"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/apitoken"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/auditentry"
	"github.com/convene/convene/ent/feedtoken"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/magiclink"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/session"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/entx"
	"github.com/convene/convene/internal/viewer"
)

// mayAct: the person themselves, or an admin.
func mayAct(ctx context.Context, personID int) error {
	v := viewer.FromContext(ctx)
	switch {
	case v == nil:
		return apperr.Unauthenticatedf("sign in first")
	case v.Admin || v.IsSystem() || v.PersonID == personID:
		return nil
	}
	return apperr.Forbiddenf("only an admin or the person themselves can do this")
}

// Export returns everything held about the person, keyed by kind.
func Export(ctx context.Context, client *ent.Client, personID int) (map[string]any, error) {
	if err := mayAct(ctx, personID); err != nil {
		return nil, err
	}
	// The check above is the authorization; reads below must see the
	// person's rows regardless of the caller's programme roles.
	sys := viewer.SystemContext(ctx)
	client = entx.Client(ctx, client)
	p, err := client.Person.Get(sys, personID)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"exportedAt": time.Now().UTC().Format(time.RFC3339)}
	out["person"] = map[string]any{
		"id": p.ID, "name": p.Name, "email": p.Email, "phone": p.Phone,
		"stakeholderGroup": p.StakeholderGroup, "accessNeeds": p.AccessNeeds,
		"hideFromAttendeeLists": p.HideFromAttendeeLists, "isAdmin": p.IsAdmin,
		"hasPassword": p.PasswordHash != "", "createdAt": p.CreatedAt, "updatedAt": p.UpdatedAt,
	}
	if out["memberships"], err = client.Membership.Query().Where(membership.PersonID(personID)).WithOrganisation().All(sys); err != nil {
		return nil, err
	}
	if out["invitations"], err = client.Invitation.Query().Where(invitation.PersonID(personID)).WithEvent().All(sys); err != nil {
		return nil, err
	}
	if out["attendance"], err = client.Attendance.Query().Where(attendance.PersonID(personID)).All(sys); err != nil {
		return nil, err
	}
	if out["actions"], err = client.ActionItem.Query().Where(actionitem.OwnerPersonID(personID)).All(sys); err != nil {
		return nil, err
	}
	if out["sessions"], err = client.Session.Query().Where(session.PersonID(personID)).All(sys); err != nil {
		return nil, err
	}
	if out["apiTokens"], err = client.APIToken.Query().Where(apitoken.PersonID(personID)).All(sys); err != nil {
		return nil, err
	}
	if out["feedTokens"], err = client.FeedToken.Query().Where(feedtoken.PersonID(personID)).All(sys); err != nil {
		return nil, err
	}
	if out["auditLog"], err = client.AuditEntry.Query().Where(auditentry.Or(
		auditentry.And(auditentry.EntityType("Person"), auditentry.EntityID(personID)),
		auditentry.ActorID(personID),
	)).All(sys); err != nil {
		return nil, err
	}
	return out, nil
}

// Erase removes or pseudonymises everything personal about a person in
// one transaction. Invitations, attendance and the person row itself
// survive without personal content, so counts and reports stay correct.
func Erase(ctx context.Context, client *ent.Client, personID int) (*ent.Person, error) {
	if err := mayAct(ctx, personID); err != nil {
		return nil, err
	}
	var p *ent.Person
	err := entx.WithTx(ctx, client, func(tx *ent.Client) (err error) {
		p, err = erase(viewer.SystemContext(ctx), tx, personID)
		return err
	})
	return p, err
}

func erase(ctx context.Context, c *ent.Client, personID int) (*ent.Person, error) {
	now := time.Now().UTC()
	p, err := c.Person.UpdateOneID(personID).
		SetName(fmt.Sprintf("Erased person %d", personID)).
		ClearEmail().
		SetPhone("").
		SetAccessNeeds("").
		SetPasswordHash("").
		SetHideFromAttendeeLists(true).
		SetIsAdmin(false).
		SetErasedAt(now).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		func() error { _, err := c.Session.Delete().Where(session.PersonID(personID)).Exec(ctx); return err },
		func() error { _, err := c.MagicLink.Delete().Where(magiclink.PersonID(personID)).Exec(ctx); return err },
		func() error {
			return c.APIToken.Update().Where(apitoken.PersonID(personID), apitoken.RevokedAtIsNil()).SetRevokedAt(now).SetName("revoked").Exec(ctx)
		},
		func() error {
			return c.FeedToken.Update().Where(feedtoken.PersonID(personID), feedtoken.RevokedAtIsNil()).SetRevokedAt(now).SetName("revoked").Exec(ctx)
		},
		func() error {
			return c.Invitation.Update().Where(invitation.PersonID(personID)).SetAccessNeeds("").Exec(ctx)
		},
		func() error {
			return c.Membership.Update().Where(membership.PersonID(personID)).SetJobTitle("").Exec(ctx)
		},
		// The audit log keeps that changes happened, not what they said.
		func() error {
			return c.AuditEntry.Update().
				Where(auditentry.EntityType("Person"), auditentry.EntityID(personID)).
				SetChanges(map[string]any{"erased": true}).Exec(ctx)
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return p, nil
}
