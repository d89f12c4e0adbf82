package scheduling

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"entgo.io/ent/dialect"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// Counts is how many invitees gave each answer.
type Counts struct {
	Total, Pending, Accepted, Tentative, Declined, Waitlisted int
}

func (c *Counts) add(response string, n int) {
	c.Total += n
	switch response {
	case "PENDING":
		c.Pending += n
	case "ACCEPTED":
		c.Accepted += n
	case "TENTATIVE":
		c.Tentative += n
	case "DECLINED":
		c.Declined += n
	case "WAITLISTED":
		c.Waitlisted += n
	}
}

// Breakdown is the counts for one stakeholder group or sector.
type Breakdown struct {
	Key    string
	Counts Counts
}

// ReplySummary is what organisers watch while replies come in.
type ReplySummary struct {
	Totals             Counts
	ByStakeholderGroup []Breakdown
	// BySector counts each invitee once per sector of the organisations
	// they belong to; "NONE" for people without an organisation.
	BySector []Breakdown
}

// replyCountsSQL aggregates in the database, in one statement: per
// stakeholder group (which also gives the totals) and per sector.
const replyCountsSQL = `
SELECT 'group' AS dim, COALESCE(p.stakeholder_group, 'OTHER') AS k, i.response AS response, COUNT(*) AS n
FROM invitations i JOIN people p ON p.id = i.person_id
WHERE i.event_id = $1 AND i.withdrawn_at IS NULL AND ($2 = '' OR i.scope_key = '' OR i.scope_key = $2)
GROUP BY COALESCE(p.stakeholder_group, 'OTHER'), i.response
UNION ALL
SELECT 'sector' AS dim, COALESCE(o.sector, 'NONE') AS k, i.response AS response, COUNT(DISTINCT i.id) AS n
FROM invitations i
LEFT JOIN memberships m ON m.person_id = i.person_id
LEFT JOIN organisations o ON o.id = m.organisation_id
WHERE i.event_id = $1 AND i.withdrawn_at IS NULL AND ($2 = '' OR i.scope_key = '' OR i.scope_key = $2)
GROUP BY COALESCE(o.sector, 'NONE'), i.response`

// ReplyCounts summarises the replies to an event (or, with occurrence, to
// one occurrence: series invitations plus that occurrence's). Visible to
// the programme's organisers and consultants (and admins).
func (s *Service) ReplyCounts(ctx context.Context, client *ent.Client, eventID int, occurrence *time.Time) (*ReplySummary, error) {
	if err := mayReadReplies(ctx, client, eventID); err != nil {
		return nil, err
	}
	scope := ""
	if occurrence != nil {
		scope = occurrence.UTC().Truncate(time.Second).Format(time.RFC3339)
	}
	query := replyCountsSQL
	if s.Dialect != dialect.Postgres {
		query = sqliteParams(query)
	}
	rows, err := client.QueryContext(ctx, query, eventID, scope)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &ReplySummary{}
	groups, sectors := map[string]*Counts{}, map[string]*Counts{}
	for rows.Next() {
		var dim, key, response string
		var n int
		if err := rows.Scan(&dim, &key, &response, &n); err != nil {
			return nil, err
		}
		target := sectors
		if dim == "group" {
			target = groups
			out.Totals.add(response, n)
		}
		if target[key] == nil {
			target[key] = &Counts{}
		}
		target[key].add(response, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out.ByStakeholderGroup = sorted(groups)
	out.BySector = sorted(sectors)
	return out, nil
}

// mayReadReplies loads the event as the viewer (privacy: NOT_FOUND for
// those who may not see it) and allows its programme's organisers and
// consultants, and admins.
func mayReadReplies(ctx context.Context, client *ent.Client, eventID int) error {
	ev, err := client.Event.Get(ctx, eventID)
	if ent.IsNotFound(err) {
		return apperr.NotFoundf("event %d not found", eventID)
	} else if err != nil {
		return err
	}
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.Admin && !v.Has(ev.ProgrammeID, viewer.Organiser) && !v.Has(ev.ProgrammeID, viewer.Consultant) {
		return apperr.Forbiddenf("only the programme's organisers and consultants see reply counts")
	}
	return nil
}

// replyTotalsSQL counts an event's live invitations (series and
// per-occurrence ones) by reply, in one statement.
const replyTotalsSQL = `
SELECT i.response, COUNT(*) FROM invitations i
WHERE i.event_id = $1 AND i.withdrawn_at IS NULL
GROUP BY i.response`

// ReplyTotals is the event-wide count of each reply (what ReplyCounts
// gives as Totals without the breakdowns), for live screens that recount
// after every change. Visible to the same people as ReplyCounts.
func (s *Service) ReplyTotals(ctx context.Context, client *ent.Client, eventID int) (*Counts, error) {
	if err := mayReadReplies(ctx, client, eventID); err != nil {
		return nil, err
	}
	query := replyTotalsSQL
	if s.Dialect != dialect.Postgres {
		query = sqliteParams(query)
	}
	rows, err := client.QueryContext(ctx, query, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &Counts{}
	for rows.Next() {
		var response string
		var n int
		if err := rows.Scan(&response, &n); err != nil {
			return nil, err
		}
		out.add(response, n)
	}
	return out, rows.Err()
}

func sorted(m map[string]*Counts) []Breakdown {
	out := make([]Breakdown, 0, len(m))
	for k, c := range m {
		out = append(out, Breakdown{Key: k, Counts: *c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// sqliteParams rewrites $1, $2 as ?1, ?2 (SQLite's numbered parameters).
func sqliteParams(q string) string {
	b := []byte(q)
	for i := 0; i < len(b)-1; i++ {
		if b[i] == '$' && b[i+1] >= '0' && b[i+1] <= '9' {
			b[i] = '?'
		}
	}
	return string(b)
}

var _ = sql.ErrNoRows
