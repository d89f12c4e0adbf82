package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/apitoken"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/magiclink"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/ent/session"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/audit"
	"github.com/convene/convene/internal/entx"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/viewer"
)

const (
	// MagicLinkTTL: long enough to switch to the mail app, short enough
	// that a forwarded or leaked link is soon useless.
	MagicLinkTTL = 15 * time.Minute
	// SessionTTL is the idle lifetime; each use within it extends it.
	SessionTTL = 30 * 24 * time.Hour
	// touchEvery limits last-seen writes to one per session per minute.
	touchEvery = time.Minute
	// MinPasswordLength follows NIST SP 800-63B.
	MinPasswordLength = 12
)

// Service holds sign-in state transitions. All its queries run under the
// system viewer and are scoped by the secret or id they were handed.
type Service struct {
	Client  *ent.Client
	Mailer  mail.Sender
	BaseURL string
	Now     func() time.Time
	Logger  *slog.Logger
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// ErrInvalidLink covers unknown, used and expired links alike: which one it
// was is nobody's business but the log's.
var ErrInvalidLink = apperr.Unauthenticatedf("this sign-in link is invalid or has expired; request a new one")

// ErrBadCredentials is returned for any failed password sign-in.
var ErrBadCredentials = apperr.Unauthenticatedf("email or password is incorrect")

// NormaliseEmail is the form emails are stored and looked up in.
func NormaliseEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// RequestMagicLink emails a single-use sign-in link if the address belongs
// to a person who may sign in. It reports nothing either way, so the form
// cannot be used to find out who is in the system.
func (s *Service) RequestMagicLink(ctx context.Context, email string) error {
	sys := viewer.SystemContext(ctx)
	p, err := s.Client.Person.Query().
		Where(person.Email(NormaliseEmail(email)), person.ErasedAtIsNil()).
		Only(sys)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	token := NewToken()
	if _, err := s.Client.MagicLink.Create().
		SetTokenHash(Hash(token)).
		SetPersonID(p.ID).
		SetExpiresAt(s.now().Add(MagicLinkTTL)).
		Save(sys); err != nil {
		return err
	}
	link := strings.TrimRight(s.BaseURL, "/") + "/auth/magic/" + token
	return s.Mailer.Send(ctx, mail.Message{
		To:      *p.Email,
		Subject: "Your Convene sign-in link",
		Text: fmt.Sprintf("Hello %s,\n\nUse this link to sign in to Convene. It works once and expires in 15 minutes:\n\n%s\n\nIf you did not ask for it, ignore this email.\n",
			p.Name, link),
	})
}

// RedeemMagicLink consumes a link and opens a session. The conditional
// update makes it single-use even when two requests race.
func (s *Service) RedeemMagicLink(ctx context.Context, token, userAgent, ip string) (sessionToken string, _ *ent.Person, _ error) {
	sys := viewer.SystemContext(ctx)
	now := s.now()
	link, err := s.Client.MagicLink.Query().Where(magiclink.TokenHash(Hash(token))).Only(sys)
	if ent.IsNotFound(err) {
		return "", nil, ErrInvalidLink
	}
	if err != nil {
		return "", nil, err
	}
	if link.UsedAt != nil || !now.Before(link.ExpiresAt) {
		return "", nil, ErrInvalidLink
	}
	n, err := s.Client.MagicLink.Update().
		Where(magiclink.ID(link.ID), magiclink.UsedAtIsNil()).
		SetUsedAt(now).
		Save(sys)
	if err != nil {
		return "", nil, err
	}
	if n == 0 {
		return "", nil, ErrInvalidLink // someone else used it a moment ago
	}
	p, err := s.Client.Person.Get(sys, link.PersonID)
	if err != nil {
		return "", nil, err
	}
	if p.ErasedAt != nil {
		return "", nil, ErrInvalidLink
	}
	tok, err := s.CreateSession(ctx, p.ID, userAgent, ip)
	return tok, p, err
}

// SignInWithPassword checks an argon2id password and opens a session.
func (s *Service) SignInWithPassword(ctx context.Context, email, password, userAgent, ip string) (string, *ent.Person, error) {
	sys := viewer.SystemContext(ctx)
	p, err := s.Client.Person.Query().Where(person.Email(NormaliseEmail(email)), person.ErasedAtIsNil()).Only(sys)
	if err != nil || p.PasswordHash == "" {
		// Spend comparable time whether or not the account exists.
		_, _ = argon2id.ComparePasswordAndHash(password, dummyHash)
		if err != nil && !ent.IsNotFound(err) {
			return "", nil, err
		}
		return "", nil, ErrBadCredentials
	}
	ok, err := argon2id.ComparePasswordAndHash(password, p.PasswordHash)
	if err != nil || !ok {
		return "", nil, ErrBadCredentials
	}
	tok, err := s.CreateSession(ctx, p.ID, userAgent, ip)
	return tok, p, err
}

var dummyHash, _ = argon2id.CreateHash("convene-dummy-password", argon2id.DefaultParams)

// SetPassword sets (or replaces) a person's password.
func (s *Service) SetPassword(ctx context.Context, personID int, password string) error {
	if len([]rune(password)) < MinPasswordLength {
		return apperr.Invalid("password", "use at least %d characters", MinPasswordLength)
	}
	h, err := argon2id.CreateHash(password, argon2id.DefaultParams)
	if err != nil {
		return err
	}
	return entx.Client(ctx, s.Client).Person.UpdateOneID(personID).SetPasswordHash(h).Exec(viewer.SystemContext(ctx))
}

// CreateSession opens a session for a person and returns its secret.
func (s *Service) CreateSession(ctx context.Context, personID int, userAgent, ip string) (string, error) {
	token := NewToken()
	now := s.now()
	_, err := s.Client.Session.Create().
		SetTokenHash(Hash(token)).
		SetPersonID(personID).
		SetExpiresAt(now.Add(SessionTTL)).
		SetLastSeenAt(now).
		SetUserAgent(truncate(userAgent, 500)).
		SetIP(truncate(ip, 64)).
		Save(viewer.SystemContext(ctx))
	return token, err
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Identity is what a request's credentials resolve to.
type Identity struct {
	Viewer    *viewer.Viewer
	SessionID int // 0 for API tokens
}

// AuthenticateSession resolves a session cookie's secret.
func (s *Service) AuthenticateSession(ctx context.Context, token string) (*Identity, error) {
	sys := viewer.SystemContext(ctx)
	now := s.now()
	sess, err := s.Client.Session.Query().Where(session.TokenHash(Hash(token)), session.ExpiresAtGT(now)).Only(sys)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if sess.LastSeenAt == nil || now.Sub(*sess.LastSeenAt) > touchEvery {
		// Sliding expiry; errors here must not fail the request.
		_ = s.Client.Session.UpdateOneID(sess.ID).SetLastSeenAt(now).SetExpiresAt(now.Add(SessionTTL)).Exec(audit.Skip(sys))
	}
	v, err := s.LoadViewer(ctx, sess.PersonID)
	if err != nil || v == nil {
		return nil, err
	}
	return &Identity{Viewer: v, SessionID: sess.ID}, nil
}

// AuthenticateBearer resolves a personal API token.
func (s *Service) AuthenticateBearer(ctx context.Context, token string) (*Identity, error) {
	sys := viewer.SystemContext(ctx)
	t, err := s.Client.APIToken.Query().Where(apitoken.TokenHash(Hash(token)), apitoken.RevokedAtIsNil()).Only(sys)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > touchEvery {
		// Routine bookkeeping, not a change anyone made: not audited.
		_ = s.Client.APIToken.UpdateOneID(t.ID).SetLastUsedAt(now).Exec(audit.Skip(sys))
	}
	v, err := s.LoadViewer(ctx, t.PersonID)
	if err != nil || v == nil {
		return nil, err
	}
	return &Identity{Viewer: v}, nil
}

// LoadViewer builds a viewer with every programme role the person holds:
// stored ORGANISER/CONSULTANT roles plus MEMBER wherever they are invited.
// Two queries per request, after which the privacy rules need none.
func (s *Service) LoadViewer(ctx context.Context, personID int) (*viewer.Viewer, error) {
	sys := viewer.SystemContext(ctx)
	p, err := s.Client.Person.Get(sys, personID)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if p.ErasedAt != nil {
		return nil, nil
	}
	v := &viewer.Viewer{PersonID: p.ID, Admin: p.IsAdmin, Roles: map[int][]viewer.Role{}}
	roles, err := s.Client.ProgrammeRole.Query().Where(programmerole.PersonID(p.ID)).All(sys)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		v.Roles[r.ProgrammeID] = append(v.Roles[r.ProgrammeID], viewer.Role(r.Role))
	}
	var member []struct {
		ProgrammeID int `json:"programme_id"`
	}
	err = s.Client.Event.Query().
		Where(event.HasInvitationsWith(invitation.PersonID(p.ID), invitation.WithdrawnAtIsNil())).
		Unique(true).Select(event.FieldProgrammeID).Scan(sys, &member)
	if err != nil {
		return nil, err
	}
	for _, m := range member {
		v.Roles[m.ProgrammeID] = append(v.Roles[m.ProgrammeID], viewer.Member)
	}
	return v, nil
}

// SignOut ends one session.
func (s *Service) SignOut(ctx context.Context, sessionID int) error {
	err := s.Client.Session.DeleteOneID(sessionID).Exec(viewer.SystemContext(ctx))
	if ent.IsNotFound(err) {
		return nil
	}
	return err
}

// SignOutEverywhere ends every session of a person; returns how many.
func (s *Service) SignOutEverywhere(ctx context.Context, personID int) (int, error) {
	return entx.Client(ctx, s.Client).Session.Delete().Where(session.PersonID(personID)).Exec(viewer.SystemContext(ctx))
}

// CreateAPIToken issues a named personal token for the viewer; the secret
// is returned once and never again.
func (s *Service) CreateAPIToken(ctx context.Context, name string) (string, *ent.APIToken, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return "", nil, apperr.Unauthenticatedf("sign in to create API tokens")
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil, apperr.Invalid("name", "give the token a name, e.g. \"reporting script\"")
	}
	token := "cvn_" + NewToken()
	t, err := entx.Client(ctx, s.Client).APIToken.Create().SetName(name).SetPersonID(v.PersonID).SetTokenHash(Hash(token)).Save(ctx)
	return token, t, err
}

// CreateUser is the CLI's bootstrap: create (or promote) a person who can
// sign in by magic link.
func (s *Service) CreateUser(ctx context.Context, email, name string, admin bool) (*ent.Person, bool, error) {
	sys := viewer.SystemContext(ctx)
	email = NormaliseEmail(email)
	if email == "" {
		return nil, false, errors.New("--email is required")
	}
	p, err := s.Client.Person.Query().Where(person.Email(email)).Only(sys)
	switch {
	case ent.IsNotFound(err):
		if name == "" {
			name = strings.Split(email, "@")[0]
		}
		p, err = s.Client.Person.Create().SetEmail(email).SetName(name).SetIsAdmin(admin).Save(sys)
		return p, true, err
	case err != nil:
		return nil, false, err
	}
	if admin && !p.IsAdmin {
		p, err = p.Update().SetIsAdmin(true).Save(sys)
	}
	return p, false, err
}
