// Package representation answers "who was in the room?": for an
// occurrence, an event series or a programme, how many people were
// invited, accepted and attended, by stakeholder group × organisation
// sector; which groups and sectors were invited but absent ("missing
// voices"); attendance rate over time per organisation; and repeat
// attendance (who came to at least 3 of the last 6 forums).
//
// Each report is one aggregate SQL query over a list of occurrences worked
// out in Go from the events' recurrence rules (the database does not know
// a series' occurrences). The cost is constant in the number of people:
// a few queries to load the scope's events, then one for the report.
//
// Counting rules:
//   - a person is counted once per (group, sector) however many
//     invitations or organisations they have; someone in organisations of
//     two sectors counts once in each (the sector total can exceed the
//     head count); people with no organisation are under sector "" (none);
//   - invited: a live (not withdrawn) invitation to the series or to one of
//     the scope's occurrences; accepted: any of those invitations ACCEPTED;
//   - attended: a record PRESENT, LATE or LEFT_EARLY — or DEPUTY, which
//     counts the deputy (the person in the room), not the absent invitee;
//     walk-ins count as attended without having been invited.
//
// The raw SQL bypasses ent's privacy rules, so every entry point first
// loads the event or programme through the viewer's context (NOT_FOUND if
// invisible) and requires an organiser, consultant or admin.
package representation

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/attendance"
)

// MaxOccurrences bounds how many past occurrences a series or programme
// report covers (the latest ones).
const MaxOccurrences = 500

// Service computes the reports.
type Service struct {
	Client  *ent.Client
	Dialect string
	Now     func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// ScopeKind says what a report covers.
type ScopeKind string

const (
	ScopeOccurrence ScopeKind = "OCCURRENCE"
	ScopeEvent      ScopeKind = "EVENT"
	ScopeProgramme  ScopeKind = "PROGRAMME"
)

// Scope selects what a report covers: one occurrence (EventID and
// OccurrenceStart), a series (EventID) or a programme (ProgrammeID).
type Scope struct {
	ProgrammeID     int
	EventID         int
	OccurrenceStart *time.Time
}

// Kind reports which kind of scope s is.
func (s Scope) Kind() ScopeKind {
	switch {
	case s.EventID != 0 && s.OccurrenceStart != nil:
		return ScopeOccurrence
	case s.EventID != 0:
		return ScopeEvent
	}
	return ScopeProgramme
}

// Occurrence is one occurrence a report covers.
type Occurrence struct {
	EventID int
	Title   string
	Kind    string
	// Start is the original start (what attendance rows key on); Begins is
	// when it actually began.
	Start, Begins time.Time
}

// Key is the invitation scope key of the occurrence.
func (o Occurrence) Key() string { return o.Start.UTC().Format(time.RFC3339) }

// occurrences resolves a scope to its occurrences, oldest first, after
// checking that the viewer may read reports for it. forumsOnly keeps the
// programme's FORUM events only. limit keeps the latest ones.
func (s *Service) occurrences(ctx context.Context, sc Scope, forumsOnly bool, limit int) ([]Occurrence, error) {
	c := s.client(ctx)
	now := s.now()
	switch sc.Kind() {
	case ScopeOccurrence:
		att := &attendance.Service{Client: c, Dialect: s.Dialect}
		occ, err := att.LoadOccurrence(ctx, c, sc.EventID, *sc.OccurrenceStart, false)
		if err != nil {
			return nil, err
		}
		if err := attendance.RequireReader(ctx, occ.Event.ProgrammeID); err != nil {
			return nil, err
		}
		return []Occurrence{{EventID: occ.Event.ID, Title: occ.Title, Kind: string(occ.Event.Kind), Start: occ.Start, Begins: occ.Begins}}, nil
	case ScopeEvent:
		ev, err := c.Event.Query().Where(event.ID(sc.EventID)).WithOverrides().Only(ctx)
		if ent.IsNotFound(err) {
			return nil, apperr.NotFoundf("event not found")
		}
		if err != nil {
			return nil, err
		}
		if err := attendance.RequireReader(ctx, ev.ProgrammeID); err != nil {
			return nil, err
		}
		return pastOf([]*ent.Event{ev}, now, limit)
	default:
		if sc.ProgrammeID == 0 {
			return nil, apperr.Invalid("programmeId", "choose a programme, an event or an occurrence")
		}
		p, err := c.Programme.Query().Where(programme.ID(sc.ProgrammeID)).Only(ctx)
		if ent.IsNotFound(err) {
			return nil, apperr.NotFoundf("programme not found")
		}
		if err != nil {
			return nil, err
		}
		if err := attendance.RequireReader(ctx, p.ID); err != nil {
			return nil, err
		}
		q := c.Event.Query().Where(event.ProgrammeID(p.ID), event.StartsAtLT(now), event.StatusNEQ(event.StatusCANCELLED))
		if forumsOnly {
			q = q.Where(event.KindEQ(event.KindFORUM))
		}
		evs, err := q.WithOverrides().All(ctx)
		if err != nil {
			return nil, err
		}
		return pastOf(evs, now, limit)
	}
}

func pastOf(evs []*ent.Event, now time.Time, limit int) ([]Occurrence, error) {
	var out []Occurrence
	for _, ev := range evs {
		if ev.Status == event.StatusCANCELLED {
			continue
		}
		occs, err := attendance.PastOccurrences(ev, ev.Edges.Overrides, now, limit)
		if err != nil {
			return nil, err
		}
		for _, o := range occs {
			out = append(out, Occurrence{EventID: ev.ID, Title: ev.Title, Kind: string(ev.Kind), Start: o.RecurrenceID.UTC(), Begins: o.Start.UTC()})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Begins.Equal(out[j].Begins) {
			return out[i].Begins.Before(out[j].Begins)
		}
		return out[i].EventID < out[j].EventID
	})
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, nil
}

func (s *Service) client(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return s.Client
}

// --- SQL helpers ---

// occurrencesCTE is a VALUES list of the scope's occurrences, written so
// both SQLite and PostgreSQL type it (PostgreSQL needs the casts).
func (s *Service) occurrencesCTE(occs []Occurrence) (string, []any) {
	var b strings.Builder
	args := make([]any, 0, len(occs)*4)
	b.WriteString("occ(seq, event_id, occurrence_start, scope_key) AS (VALUES ")
	for i, o := range occs {
		if i > 0 {
			b.WriteString(", ")
		}
		if s.Dialect == dialect.Postgres {
			b.WriteString("(CAST(? AS bigint), CAST(? AS bigint), CAST(? AS timestamptz), CAST(? AS text))")
		} else {
			b.WriteString("(?, ?, ?, ?)")
		}
		args = append(args, i, o.EventID, o.Start.UTC(), o.Key())
	}
	b.WriteString(")")
	return b.String(), args
}

// rebind turns ? placeholders into PostgreSQL's $n.
func (s *Service) rebind(q string) string {
	if s.Dialect != dialect.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$")
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// attendedPerson is the person in the room for a record: the deputy for
// DEPUTY records.
const attendedPerson = "CASE WHEN a.status = 'DEPUTY' THEN a.deputy_id ELSE a.person_id END"

const attendedStatuses = "('PRESENT', 'LATE', 'LEFT_EARLY', 'DEPUTY')"

var errInvalidWindow = apperr.Invalid("window", "look back over at most 100 occurrences")
