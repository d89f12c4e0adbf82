package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/graph/model"
	"github.com/convene/convene/internal/agenda"
	"github.com/convene/convene/internal/apperr"
)

// agendaFilter converts the GraphQL filter.
func agendaFilter(where *model.ViewerInvitationsFilter) agenda.Filter {
	if where == nil {
		return agenda.Filter{}
	}
	return agenda.Filter{Responses: where.Responses, Upcoming: where.Upcoming}
}

func checkPageArgs(first, last *int) error {
	if first != nil && *first < 0 {
		return apperr.Invalid("first", "first must not be negative")
	}
	if last != nil && *last < 0 {
		return apperr.Invalid("last", "last must not be negative")
	}
	if first != nil && last != nil {
		return apperr.Invalid("last", "give first or last, not both")
	}
	return nil
}

// cursorKey reads an invitations cursor given out by invitationConnection.
func cursorKey(c *ent.Cursor, field string) (*agenda.Key, error) {
	if c == nil {
		return nil, nil
	}
	s, _ := c.Value.(string)
	k, err := agenda.ParseKey(s)
	if err != nil || k.ID != c.ID {
		return nil, apperr.Invalid(field, "the cursor is not one this list gave out")
	}
	return &k, nil
}

// invitationConnection pages the viewer's ordered invitations as a Relay
// connection. The page's invitations are then read again through ent's
// pagination, restricted to their ids, so the fields the client selects
// under them (event, programme, …) are loaded with ent's field collection:
// one query per level, whatever the page size.
func invitationConnection(ctx context.Context, client *ent.Client, entries []agenda.Entry, after *ent.Cursor, first *int, before *ent.Cursor, last *int) (*ent.InvitationConnection, error) {
	if err := checkPageArgs(first, last); err != nil {
		return nil, err
	}
	afterKey, err := cursorKey(after, "after")
	if err != nil {
		return nil, err
	}
	beforeKey, err := cursorKey(before, "before")
	if err != nil {
		return nil, err
	}
	conn := &ent.InvitationConnection{Edges: []*ent.InvitationEdge{}, TotalCount: len(entries)}
	page := make([]agenda.Entry, 0, len(entries))
	for _, e := range entries {
		k := e.Key()
		if afterKey != nil && k.Compare(*afterKey) <= 0 {
			continue
		}
		if beforeKey != nil && k.Compare(*beforeKey) >= 0 {
			continue
		}
		page = append(page, e)
	}
	conn.PageInfo.HasPreviousPage = after != nil
	conn.PageInfo.HasNextPage = before != nil
	if first != nil && len(page) > *first {
		page = page[:*first]
		conn.PageInfo.HasNextPage = true
	}
	if last != nil && len(page) > *last {
		page = page[len(page)-*last:]
		conn.PageInfo.HasPreviousPage = true
	}
	if len(page) == 0 || !selects(ctx, "edges") {
		return conn, nil
	}
	ids := make([]int, len(page))
	events := make([]int, len(page))
	ovs := map[int][]*ent.OccurrenceOverride{}
	for i, e := range page {
		ids[i] = e.Invitation.ID
		events[i] = e.Invitation.EventID
		ovs[e.Invitation.EventID] = e.Overrides
	}
	// Event.occurrences under the page needs no further query.
	primeOverrides(ctx, events, ovs)
	loaded, err := client.Invitation.Query().Where(invitation.IDIn(ids...)).Paginate(ctx, nil, nil, nil, nil)
	if err != nil {
		return nil, err
	}
	nodes := make(map[int]*ent.Invitation, len(loaded.Edges))
	for _, e := range loaded.Edges {
		nodes[e.Node.ID] = e.Node
	}
	for _, e := range page {
		n := nodes[e.Invitation.ID]
		if n == nil {
			continue // gone between the two reads
		}
		k := e.Key()
		conn.Edges = append(conn.Edges, &ent.InvitationEdge{Node: n, Cursor: ent.Cursor{ID: n.ID, Value: k.String()}})
	}
	if l := len(conn.Edges); l > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[l-1].Cursor
	}
	return conn, nil
}

// agendaConnection pages the viewer's agenda after the cursor.
func agendaConnection(items []agenda.Item, after *ent.Cursor, first *int) (*model.AgendaConnection, error) {
	if err := checkPageArgs(first, nil); err != nil {
		return nil, err
	}
	var afterKey *agenda.ItemKey
	if after != nil {
		s, _ := after.Value.(string)
		k, err := agenda.ParseItemKey(s)
		if err != nil || k.EventID != after.ID {
			return nil, apperr.Invalid("after", "the cursor is not one this list gave out")
		}
		afterKey = &k
	}
	conn := &model.AgendaConnection{Edges: []*model.AgendaEdge{}, PageInfo: &ent.PageInfo{HasPreviousPage: after != nil}, TotalCount: len(items)}
	for i := range items {
		it := &items[i]
		k := it.Key()
		if afterKey != nil && k.Compare(*afterKey) <= 0 {
			continue
		}
		if first != nil && len(conn.Edges) == *first {
			conn.PageInfo.HasNextPage = true
			break
		}
		conn.Edges = append(conn.Edges, &model.AgendaEdge{
			Node:   &model.AgendaItem{Occurrence: &it.Occurrence, Invitation: it.Invitation},
			Cursor: ent.Cursor{ID: k.EventID, Value: k.String()},
		})
	}
	if l := len(conn.Edges); l > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[l-1].Cursor
	}
	return conn, nil
}

// now is the clock resolvers date "upcoming" by: the scheduling service's
// (tests move it), else the wall clock.
func (r *Resolver) now() time.Time {
	if r.scheduling != nil && r.scheduling.Now != nil {
		return r.scheduling.Now()
	}
	return time.Now()
}

// selects reports whether the current field's selection includes name.
func selects(ctx context.Context, name string) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return true
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}
