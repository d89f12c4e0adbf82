package feeds

import (
	"context"
	"strings"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/feedtoken"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/audit"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/viewer"
)

// Feed tokens: 256 random bits (auth.NewToken), shown once in the feed URL;
// only their SHA-256 is stored, so a leaked database yields no feed. A person
// may hold several, named ("work phone"), each revocable on its own.

// tokenPrefix makes feed secrets recognisable in logs and secret scanners.
const tokenPrefix = "cvf_"

// CreateToken issues a private feed token for the viewer. The raw token
// is returned once; the row (name, created, last used) is listable.
func (s *Service) CreateToken(ctx context.Context, name string) (string, *ent.FeedToken, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return "", nil, apperr.Unauthenticatedf("sign in to create a calendar feed")
	}
	return s.createToken(ctx, s.clientFrom(ctx), v.PersonID, name)
}

func (s *Service) createToken(ctx context.Context, client *ent.Client, personID int, name string) (string, *ent.FeedToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil, apperr.Invalid("name", "give the feed a name, e.g. \"work phone\"")
	}
	if len([]rune(name)) > 100 {
		return "", nil, apperr.Invalid("name", "the name can be at most 100 characters")
	}
	token := tokenPrefix + auth.NewToken()
	t, err := client.FeedToken.Create().SetPersonID(personID).SetName(name).SetTokenHash(auth.Hash(token)).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return token, t, nil
}

// RevokeToken revokes one of the viewer's tokens (privacy keeps others'
// tokens invisible: NOT_FOUND). Revoking twice keeps the first time.
func (s *Service) RevokeToken(ctx context.Context, id int) (*ent.FeedToken, error) {
	client := s.clientFrom(ctx)
	t, err := client.FeedToken.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if t.RevokedAt != nil {
		return t, nil
	}
	return client.FeedToken.UpdateOne(t).SetRevokedAt(s.now()).Save(ctx)
}

// Tokens lists the viewer's feed tokens, newest first, revoked included.
func (s *Service) Tokens(ctx context.Context) ([]*ent.FeedToken, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.PersonID == 0 {
		return nil, apperr.Unauthenticatedf("sign in first")
	}
	return s.Client.FeedToken.Query().Where(feedtoken.PersonID(v.PersonID)).
		Order(ent.Desc(feedtoken.FieldCreatedAt), ent.Desc(feedtoken.FieldID)).All(ctx)
}

// IssueForEmail is the CLI chore: a new private feed for the person with
// that email, named name. It runs as the system (an admin at the console).
func (s *Service) IssueForEmail(ctx context.Context, email, name string) (string, *ent.Person, error) {
	sys := viewer.SystemContext(ctx)
	email = auth.NormaliseEmail(email)
	if email == "" {
		return "", nil, apperr.Invalid("email", "an email address is required")
	}
	p, err := s.Client.Person.Query().Where(person.Email(email), person.ErasedAtIsNil()).Only(sys)
	if ent.IsNotFound(err) {
		return "", nil, apperr.NotFoundf("nobody has the email address %s", email)
	}
	if err != nil {
		return "", nil, err
	}
	token, _, err := s.createToken(sys, s.Client, p.ID, name)
	return token, p, err
}

// ListForEmail lists a person's feed tokens (for the CLI).
func (s *Service) ListForEmail(ctx context.Context, email string) ([]*ent.FeedToken, error) {
	sys := viewer.SystemContext(ctx)
	return s.Client.FeedToken.Query().
		Where(feedtoken.HasPersonWith(person.Email(auth.NormaliseEmail(email)))).
		Order(ent.Asc(feedtoken.FieldID)).All(sys)
}

// lookupToken finds the active token for a raw secret, as the system: the
// secret itself is the authorisation. Unknown, revoked and erased-person
// tokens are all "not found", indistinguishably.
func (s *Service) lookupToken(ctx context.Context, raw string) (*ent.FeedToken, *ent.Person, error) {
	sys := viewer.SystemContext(ctx)
	if !strings.HasPrefix(raw, tokenPrefix) || len(raw) > 100 {
		return nil, nil, errNotFound
	}
	t, err := s.Client.FeedToken.Query().
		Where(feedtoken.TokenHash(auth.Hash(raw)), feedtoken.RevokedAtIsNil()).
		WithPerson().Only(sys)
	if ent.IsNotFound(err) {
		return nil, nil, errNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	p := t.Edges.Person
	if p == nil || p.ErasedAt != nil {
		return nil, nil, errNotFound
	}
	return t, p, nil
}

// touchLastUsed records use, at most once per lastUsedGranularity.
func (s *Service) touchLastUsed(ctx context.Context, t *ent.FeedToken) {
	now := s.now()
	if t.LastUsedAt != nil && now.Sub(*t.LastUsedAt) < lastUsedGranularity {
		return
	}
	// Bookkeeping, not a change anyone made: not worth failing the feed.
	_ = s.Client.FeedToken.UpdateOneID(t.ID).SetLastUsedAt(now).Exec(audit.Skip(viewer.SystemContext(ctx)))
}

func (s *Service) clientFrom(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return s.Client
}
