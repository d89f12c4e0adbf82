package representation

import (
	"context"
	"sort"

	"github.com/convene/convene/ent"
)

// Cell is one stakeholder group × organisation sector.
type Cell struct {
	Group string
	// Sector is "" for people with no organisation.
	Sector                      string
	Invited, Accepted, Attended int
}

// Breakdown is the group × sector report for a scope.
type Breakdown struct {
	Scope       Scope
	Occurrences []Occurrence
	Cells       []Cell
	// MissingVoices are the cells with invitees but nobody attending.
	MissingVoices []Cell
	// MissingGroups and MissingSectors were invited but nobody from them
	// attended at all.
	MissingGroups  []string
	MissingSectors []string
}

// Breakdown computes the group × sector report in one query.
func (s *Service) Breakdown(ctx context.Context, sc Scope) (*Breakdown, error) {
	occs, err := s.occurrences(ctx, sc, false, MaxOccurrences)
	if err != nil {
		return nil, err
	}
	out := &Breakdown{Scope: sc, Occurrences: occs}
	if len(occs) == 0 {
		return out, nil
	}
	cte, args := s.occurrencesCTE(occs)
	q := `WITH ` + cte + `,
inv AS (
	SELECT i.person_id, MAX(CASE WHEN i.response = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted
	FROM invitations i JOIN occ ON i.event_id = occ.event_id AND (i.scope_key = '' OR i.scope_key = occ.scope_key)
	WHERE i.withdrawn_at IS NULL
	GROUP BY i.person_id),
att AS (
	SELECT DISTINCT ` + attendedPerson + ` AS person_id
	FROM attendances a JOIN occ ON a.event_id = occ.event_id AND a.occurrence_start = occ.occurrence_start
	WHERE a.status IN ` + attendedStatuses + `),
ppl AS (SELECT person_id FROM inv UNION SELECT person_id FROM att WHERE person_id IS NOT NULL),
ps AS (
	SELECT DISTINCT ppl.person_id, COALESCE(p.stakeholder_group, 'OTHER') AS grp, COALESCE(o.sector, '') AS sector
	FROM ppl JOIN people p ON p.id = ppl.person_id
	LEFT JOIN memberships m ON m.person_id = ppl.person_id
	LEFT JOIN organisations o ON o.id = m.organisation_id)
SELECT ps.grp, ps.sector, COUNT(inv.person_id), COALESCE(SUM(inv.accepted), 0), COUNT(att.person_id)
FROM ps
LEFT JOIN inv ON inv.person_id = ps.person_id
LEFT JOIN att ON att.person_id = ps.person_id
GROUP BY ps.grp, ps.sector
ORDER BY ps.grp, ps.sector`
	rows, err := s.client(ctx).QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c Cell
		var inv, acc, att int64
		if err := rows.Scan(&c.Group, &c.Sector, &inv, &acc, &att); err != nil {
			return nil, err
		}
		c.Invited, c.Accepted, c.Attended = int(inv), int(acc), int(att)
		out.Cells = append(out.Cells, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out.MissingVoices, out.MissingGroups, out.MissingSectors = missing(out.Cells)
	return out, nil
}

// missing works out the invited-but-absent cells, groups and sectors.
// Every person is in at least one cell, so "nobody from group G attended"
// is exactly "every cell of G has Attended 0".
func missing(cells []Cell) (voices []Cell, groups, sectors []string) {
	type tally struct{ invited, attended int }
	byGroup, bySector := map[string]*tally{}, map[string]*tally{}
	for _, c := range cells {
		if c.Invited > 0 && c.Attended == 0 {
			voices = append(voices, c)
		}
		for _, m := range []struct {
			set map[string]*tally
			key string
		}{{byGroup, c.Group}, {bySector, c.Sector}} {
			t := m.set[m.key]
			if t == nil {
				t = &tally{}
				m.set[m.key] = t
			}
			t.invited += c.Invited
			t.attended += c.Attended
		}
	}
	pick := func(set map[string]*tally) []string {
		var out []string
		for k, t := range set {
			if t.invited > 0 && t.attended == 0 {
				out = append(out, k)
			}
		}
		sort.Strings(out)
		return out
	}
	return voices, pick(byGroup), pick(bySector)
}

// OrganisationPoint is one organisation at one occurrence.
type OrganisationPoint struct {
	Occurrence                  Occurrence
	Invited, Accepted, Attended int
}

// Rate is attended / invited, or nil when nobody was invited.
func (p OrganisationPoint) Rate() *float64 {
	if p.Invited == 0 {
		return nil
	}
	r := float64(p.Attended) / float64(p.Invited)
	return &r
}

// OrganisationSeries is one organisation's attendance over time.
type OrganisationSeries struct {
	OrganisationID int
	Name, Sector   string
	Points         []OrganisationPoint
}

// OrganisationRates is attendance rate over time per organisation.
type OrganisationRates struct {
	Scope         Scope
	Occurrences   []Occurrence
	Organisations []OrganisationSeries
}

// OrganisationRates computes the report in one query: per organisation and
// occurrence, its people invited, accepted and attended. Occurrences at
// which an organisation had nobody invited or present are left out of its
// series.
func (s *Service) OrganisationRates(ctx context.Context, sc Scope) (*OrganisationRates, error) {
	occs, err := s.occurrences(ctx, sc, false, MaxOccurrences)
	if err != nil {
		return nil, err
	}
	out := &OrganisationRates{Scope: sc, Occurrences: occs}
	if len(occs) == 0 {
		return out, nil
	}
	cte, args := s.occurrencesCTE(occs)
	q := `WITH ` + cte + `,
` + organisationPointsSQL + `
ORDER BY o.name, o.id, x.seq`
	rows, err := s.client(ctx).QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, seq       int64
			name, sector  string
			inv, acc, att int64
		)
		if err := rows.Scan(&id, &name, &sector, &seq, &inv, &acc, &att); err != nil {
			return nil, err
		}
		n := len(out.Organisations)
		if n == 0 || out.Organisations[n-1].OrganisationID != int(id) {
			out.Organisations = append(out.Organisations, OrganisationSeries{OrganisationID: int(id), Name: name, Sector: sector})
			n++
		}
		out.Organisations[n-1].Points = append(out.Organisations[n-1].Points, OrganisationPoint{
			Occurrence: occs[seq], Invited: int(inv), Accepted: int(acc), Attended: int(att),
		})
	}
	return out, rows.Err()
}

// Repeat is repeat attendance over the last Window forums.
type Repeat struct {
	Scope       Scope
	Occurrences []Occurrence
	Window      int
	Threshold   int
	// People[k-1] is how many people came to exactly k of the occurrences.
	People []int
	// Attenders came at least once; Repeaters came at least Threshold times.
	Attenders, Repeaters int
}

// Repeat counts how many people came to at least threshold of the last
// window occurrences (forums only, for a programme) in one query.
func (s *Service) Repeat(ctx context.Context, sc Scope, window, threshold int) (*Repeat, error) {
	if window <= 0 {
		window = 6
	}
	if threshold <= 0 {
		threshold = 3
	}
	if window > 100 {
		return nil, errInvalidWindow
	}
	occs, err := s.occurrences(ctx, sc, true, window)
	if err != nil {
		return nil, err
	}
	out := &Repeat{Scope: sc, Occurrences: occs, Window: window, Threshold: threshold, People: make([]int, len(occs))}
	if len(occs) == 0 {
		return out, nil
	}
	cte, args := s.occurrencesCTE(occs)
	q := `WITH ` + cte + `,
att AS (
	SELECT DISTINCT occ.seq, ` + attendedPerson + ` AS person_id
	FROM attendances a JOIN occ ON a.event_id = occ.event_id AND a.occurrence_start = occ.occurrence_start
	WHERE a.status IN ` + attendedStatuses + `),
n AS (SELECT person_id, COUNT(*) AS times FROM att WHERE person_id IS NOT NULL GROUP BY person_id)
SELECT times, COUNT(*) FROM n GROUP BY times ORDER BY times`
	rows, err := s.client(ctx).QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var times, people int64
		if err := rows.Scan(&times, &people); err != nil {
			return nil, err
		}
		if times >= 1 && int(times) <= len(out.People) {
			out.People[times-1] = int(people)
		}
		out.Attenders += int(people)
		if int(times) >= threshold {
			out.Repeaters += int(people)
		}
	}
	return out, rows.Err()
}

// organisationPointsSQL counts, per organisation and occurrence of the occ
// CTE, its members invited (to the series or to that occurrence, not
// withdrawn), accepted and attended (the person in the room; walk-ins
// included). Columns: id, name, sector, seq, invited, accepted, attended.
const organisationPointsSQL = `inv AS (
	SELECT occ.seq, i.person_id, MAX(CASE WHEN i.response = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted
	FROM invitations i JOIN occ ON i.event_id = occ.event_id AND (i.scope_key = '' OR i.scope_key = occ.scope_key)
	WHERE i.withdrawn_at IS NULL
	GROUP BY occ.seq, i.person_id),
att AS (
	SELECT DISTINCT occ.seq, ` + attendedPerson + ` AS person_id
	FROM attendances a JOIN occ ON a.event_id = occ.event_id AND a.occurrence_start = occ.occurrence_start
	WHERE a.status IN ` + attendedStatuses + `),
x AS (SELECT seq, person_id FROM inv UNION SELECT seq, person_id FROM att WHERE person_id IS NOT NULL)
SELECT o.id, o.name, o.sector, x.seq,
	COUNT(DISTINCT inv.person_id) AS invited,
	COUNT(DISTINCT CASE WHEN inv.accepted = 1 THEN inv.person_id END) AS accepted,
	COUNT(DISTINCT att.person_id) AS attended
FROM x
JOIN memberships m ON m.person_id = x.person_id
JOIN organisations o ON o.id = m.organisation_id
LEFT JOIN inv ON inv.seq = x.seq AND inv.person_id = x.person_id
LEFT JOIN att ON att.seq = x.seq AND att.person_id = x.person_id
GROUP BY o.id, o.name, o.sector, x.seq`

// OrganisationTotal is one organisation's attendance summed over a list of
// occurrences: each occurrence counts each member invited, accepted or
// attended there once, so someone who accepted an invitation to a weekly
// series is expected once per occurrence.
type OrganisationTotal struct {
	Invited, Accepted, Attended int
}

// OrganisationTotals sums the OrganisationRates counts over occs per
// organisation ID, in one query. dialect is the database's (dialect.SQLite
// or dialect.Postgres). Like every report this is raw SQL that ent privacy
// does not see: callers pass only occurrences of events they loaded
// through the viewer's context, in programmes whose reports the viewer may
// read (attendance.RequireReader).
func OrganisationTotals(ctx context.Context, client *ent.Client, dialect string, occs []Occurrence) (map[int]OrganisationTotal, error) {
	out := map[int]OrganisationTotal{}
	if len(occs) == 0 {
		return out, nil
	}
	s := &Service{Client: client, Dialect: dialect}
	cte, args := s.occurrencesCTE(occs)
	q := `WITH ` + cte + `,
` + organisationPointsSQL
	q = `SELECT p.id, CAST(SUM(p.invited) AS bigint), CAST(SUM(p.accepted) AS bigint), CAST(SUM(p.attended) AS bigint)
FROM (` + q + `) p GROUP BY p.id`
	rows, err := s.client(ctx).QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, inv, acc, att int64
		if err := rows.Scan(&id, &inv, &acc, &att); err != nil {
			return nil, err
		}
		out[int(id)] = OrganisationTotal{Invited: int(inv), Accepted: int(acc), Attended: int(att)}
	}
	return out, rows.Err()
}
