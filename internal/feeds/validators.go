package feeds

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/programme"
)

// Validators are a feed's ETag and Last-Modified, computed from change
// markers instead of from the body, so that a conditional request can be
// answered 304 without building the calendar or reading the events table.
//
// Why this is correct: every feed body is a deterministic function of
// (rows it shows, the current UTC day). The markers cover those rows:
//
//   - personal feed: the person row, and count + max(updated_at) of their
//     invitations (and, with to-dos, of the actions they own). An ent hook
//     (ent/schema/feed_touch.go) bumps updated_at on all invitations of an
//     event whenever the event or one of its occurrences changes, on all
//     invitations of a programme when its organisers change, and on a
//     person when one of their invitations or actions is deleted or moved
//     away; so any change a feed shows moves the maximum or the count.
//   - programme and series feeds: the programme row, bumped by the same
//     hook when any of its events, occurrences or organisers change.
//   - organisation feed: the organisation row, and count + max(updated_at)
//     of the public programmes, of its memberships, of its members'
//     invitations and of the actions it owns.
//
// The day is part of the ETag and a floor of Last-Modified because a feed
// changes on its own at most daily (cancelled events age out after 30 days;
// VTIMEZONE spans reach two years ahead of today).
type Validators struct {
	ETag         string
	LastModified time.Time
}

// marker accumulates the inputs of a validator.
type marker struct {
	parts []string
	last  time.Time
}

func (m *marker) add(label string, v any) { m.parts = append(m.parts, fmt.Sprintf("%s=%v", label, v)) }

func (m *marker) time(label string, t time.Time) {
	m.add(label, t.UTC().Format(time.RFC3339Nano))
	if t.After(m.last) {
		m.last = t
	}
}

// agg is count + max(updated_at) over a set of rows.
type agg struct {
	Count int            `json:"count"`
	Max   sql.NullString `json:"max"`
}

func (m *marker) agg(label string, a agg) {
	m.add(label+".n", a.Count)
	if !a.Max.Valid {
		return
	}
	m.add(label+".max", a.Max.String)
	if t, ok := parseDBTime(a.Max.String); ok && t.After(m.last) {
		m.last = t
	}
}

func (m *marker) validators(day time.Time) Validators {
	m.time("day", day)
	m.add("format", formatVersion)
	sum := sha256.Sum256([]byte(strings.Join(m.parts, "\n")))
	return Validators{
		ETag:         `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`,
		LastModified: m.last.UTC().Truncate(time.Second),
	}
}

// parseDBTime reads max(updated_at) as the drivers return it: SQLite gives
// the stored text — modernc's driver writes time.Time.String(), e.g.
// "2026-11-25 01:30:50.25274535 +0000 UTC" —, PostgreSQL a timestamp that
// database/sql formats as RFC 3339.
func parseDBTime(s string) (time.Time, bool) {
	if i := strings.Index(s, " m="); i >= 0 {
		s = s[:i] // a monotonic clock reading, if one was ever stored
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// scanner is an ent selector (XQuery.Aggregate(...)).
type scanner interface {
	Scan(context.Context, any) error
}

// aggregate reads one count + max(updated_at) row.
func aggregate(ctx context.Context, sel scanner) (agg, error) {
	var rows []agg
	if err := sel.Scan(ctx, &rows); err != nil {
		return agg{}, err
	}
	if len(rows) == 0 {
		return agg{}, nil
	}
	return rows[0], nil
}

func countMax(field string) []ent.AggregateFunc {
	return []ent.AggregateFunc{ent.Count(), ent.Max(field)}
}

// personalValidators: three indexed queries (two with to-dos), none on events.
func (s *Service) personalValidators(ctx context.Context, p *ent.Person, opts PersonalOptions) (Validators, error) {
	var m marker
	m.add("kind", "personal")
	m.add("person", p.ID)
	m.add("opts", fmt.Sprintf("%t/%t", opts.Declined, opts.Todos))
	m.time("person.updated", p.UpdatedAt)
	a, err := aggregate(ctx, s.Client.Invitation.Query().Where(invitation.PersonID(p.ID)).Aggregate(countMax(invitation.FieldUpdatedAt)...))
	if err != nil {
		return Validators{}, err
	}
	m.agg("invitations", a)
	if opts.Todos {
		a, err := aggregate(ctx, s.Client.ActionItem.Query().Where(actionitem.OwnerPersonID(p.ID)).Aggregate(countMax(actionitem.FieldUpdatedAt)...))
		if err != nil {
			return Validators{}, err
		}
		m.agg("actions", a)
	}
	return m.validators(s.day()), nil
}

// programmeValidators covers the programme and series feeds (and downloads).
func (s *Service) programmeValidators(p *ent.Programme, kind string, id int) Validators {
	var m marker
	m.add("kind", kind)
	m.add("id", id)
	m.add("programme", p.ID)
	m.add("public", p.Public)
	m.time("programme.updated", p.UpdatedAt)
	return m.validators(s.day())
}

func (s *Service) organisationValidators(ctx context.Context, o *ent.Organisation) (Validators, error) {
	var m marker
	m.add("kind", "organisation")
	m.add("organisation", o.ID)
	m.time("organisation.updated", o.UpdatedAt)
	steps := []struct {
		label string
		run   func() (agg, error)
	}{
		{"programmes", func() (agg, error) {
			return aggregate(ctx, s.Client.Programme.Query().Where(programme.Public(true)).Aggregate(countMax(programme.FieldUpdatedAt)...))
		}},
		{"memberships", func() (agg, error) {
			return aggregate(ctx, s.Client.Membership.Query().Where(membership.OrganisationID(o.ID)).Aggregate(countMax(membership.FieldUpdatedAt)...))
		}},
		{"invitations", func() (agg, error) {
			return aggregate(ctx, s.Client.Invitation.Query().Where(invitation.HasPersonWith(
				person.HasMembershipsWith(membership.OrganisationID(o.ID)))).Aggregate(countMax(invitation.FieldUpdatedAt)...))
		}},
		{"actions", func() (agg, error) {
			return aggregate(ctx, s.Client.ActionItem.Query().Where(actionitem.OwnerOrganisationID(o.ID)).Aggregate(countMax(actionitem.FieldUpdatedAt)...))
		}},
	}
	for _, st := range steps {
		a, err := st.run()
		if err != nil {
			return Validators{}, err
		}
		m.agg(st.label, a)
	}
	return m.validators(s.day()), nil
}
