package schema

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	gen "github.com/convene/convene/ent"
	"github.com/convene/convene/ent/hook"
	"github.com/convene/convene/ent/privacy"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// randomHash returns the hex SHA-256 of a fresh random secret nobody knows.
// Used as the default for token hashes so rows are valid before a real token
// is issued (issuing one replaces the hash).
func randomHash() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	sum := sha256.Sum256(b[:])
	return hex.EncodeToString(sum[:])
}

// newEventUID makes a globally unique, never-changing iCalendar UID.
func newEventUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:]) + "@convene"
}

// normaliseEmailHook lower-cases and trims emails so look-ups are exact.
func normaliseEmailHook(next gen.Mutator) gen.Mutator {
	return hook.PersonFunc(func(ctx context.Context, m *gen.PersonMutation) (gen.Value, error) {
		if e, ok := m.Email(); ok {
			m.SetEmail(strings.ToLower(strings.TrimSpace(e)))
		}
		return next.Mutate(ctx, m)
	})
}

// invitationScopeHook derives the scope key the uniqueness index relies on.
func invitationScopeHook(next gen.Mutator) gen.Mutator {
	return hook.InvitationFunc(func(ctx context.Context, m *gen.InvitationMutation) (gen.Value, error) {
		if t, ok := m.OccurrenceStart(); ok {
			m.SetScopeKey(t.UTC().Format(time.RFC3339))
		}
		return next.Mutate(ctx, m)
	})
}

// eventRulesHook checks cross-field rules (end after start), fills the time
// zone from the programme on create, and raises SEQUENCE when a change is one
// calendars must see (RFC 5545 §3.8.7.4); cosmetic edits leave it alone.
func eventRulesHook(next gen.Mutator) gen.Mutator {
	return hook.EventFunc(func(ctx context.Context, m *gen.EventMutation) (gen.Value, error) {
		start, hasStart := m.StartsAt()
		end, hasEnd := m.EndsAt()
		if m.Op().Is(gen.OpCreate) {
			if tz, _ := m.TimeZone(); tz == "" {
				pid, _ := m.ProgrammeID()
				p, err := m.Client().Programme.Get(ctx, pid)
				if err != nil {
					return nil, apperr.Invalid("programmeID", "programme %d does not exist", pid)
				}
				m.SetTimeZone(p.TimeZone)
			}
		} else if m.Op().Is(gen.OpUpdateOne) && (hasStart != hasEnd) {
			if !hasStart {
				old, err := m.OldStartsAt(ctx)
				if err != nil {
					return nil, err
				}
				start, hasStart = old, true
			}
			if !hasEnd {
				old, err := m.OldEndsAt(ctx)
				if err != nil {
					return nil, err
				}
				end, hasEnd = old, true
			}
		}
		if hasStart && hasEnd && !end.After(start) {
			return nil, apperr.Invalid("endsAt", "the event must end after it starts (starts %s, ends %s)",
				start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339))
		}
		if m.Op().Is(gen.OpUpdateOne | gen.OpUpdate) {
			if _, seen := m.AddedSequence(); !seen && calendarVisibleChange(m) {
				m.AddSequence(1)
			}
		}
		return next.Mutate(ctx, m)
	})
}

// calendarVisibleFields are the fields whose change a subscribed calendar
// must pick up; a higher SEQUENCE tells clients to replace their copy.
var calendarVisibleFields = map[string]bool{
	"starts_at": true, "ends_at": true, "all_day": true, "time_zone": true,
	"rrule": true, "exdates": true, "status": true,
	"venue_name": true, "venue_address": true, "online_url": true,
}

func calendarVisibleChange(m *gen.EventMutation) bool {
	for _, f := range m.Fields() {
		if calendarVisibleFields[f] {
			return true
		}
	}
	for _, f := range m.ClearedFields() {
		if calendarVisibleFields[f] {
			return true
		}
	}
	return false
}

// creatorOrganisesHook makes the organiser who creates a programme one of
// its organisers, in the same transaction: otherwise they could neither
// edit it nor schedule anything in it. Site admins and the system already
// may do everything and are not added.
func creatorOrganisesHook(next gen.Mutator) gen.Mutator {
	return hook.ProgrammeFunc(func(ctx context.Context, m *gen.ProgrammeMutation) (gen.Value, error) {
		v, err := next.Mutate(ctx, m)
		if err != nil || !m.Op().Is(gen.OpCreate) {
			return v, err
		}
		who := viewer.FromContext(ctx)
		p, ok := v.(*gen.Programme)
		if !ok || who == nil || who.IsSystem() || who.Admin || who.PersonID == 0 {
			return v, nil
		}
		// The viewer's roles were read before this programme existed, so
		// the role rule would refuse; the decision is made here instead.
		err = m.Client().ProgrammeRole.Create().SetProgrammeID(p.ID).SetPersonID(who.PersonID).
			SetRole(programmerole.RoleORGANISER).Exec(privacy.DecisionContext(ctx, privacy.Allow))
		return v, err
	})
}
