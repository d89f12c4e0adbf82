package dashboard

import (
	"context"
	"sort"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/predicate"
)

// Edge kinds of the partnership network.
const (
	EdgeCommitment   = "COMMITMENT"
	EdgeSharedAction = "SHARED_ACTION"
)

// NetworkFilter narrows the network. Zero values mean "any".
type NetworkFilter struct {
	ProgrammeID *int
	// From/To keep commitments running at some point in [From, To) and
	// actions due (or, without a due date, recorded) in it.
	From, To *time.Time
	Statuses []commitment.Status
}

// Node is an organisation in the network; its weights say how involved it is.
type Node struct {
	Organisation *ent.Organisation
	Commitments  int // made or received
	Actions      int // shared actions it owns or is the committing party of
}

// Edge links two organisations. For COMMITMENT edges From commits to To
// (the beneficiary); for SHARED_ACTION edges From owns actions linked to
// commitments made by To. Weight counts them.
type Edge struct {
	From, To int
	Kind     string
	Weight   int
}

// Network is a graph ready for the UI to draw.
type Network struct {
	Nodes []Node
	Edges []Edge
}

// PartnershipNetwork builds the network in 4 queries: commitment pairs
// grouped in SQL, shared actions with their commitments' makers (one query
// each), and the organisations involved.
func PartnershipNetwork(ctx context.Context, client *ent.Client, f NetworkFilter) (*Network, error) {
	cq := client.Commitment.Query().Where(commitment.BeneficiaryIDNotNil())
	if f.ProgrammeID != nil {
		cq.Where(commitment.ProgrammeID(*f.ProgrammeID))
	}
	if len(f.Statuses) > 0 {
		cq.Where(commitment.StatusIn(f.Statuses...))
	}
	if f.To != nil {
		cq.Where(commitment.StartsOnLT(f.To.UTC()))
	}
	if f.From != nil {
		cq.Where(commitment.Or(commitment.EndsOnIsNil(), commitment.EndsOnGTE(f.From.UTC())))
	}
	var pairs []struct {
		OrganisationID int `json:"organisation_id"`
		BeneficiaryID  int `json:"beneficiary_id"`
		Count          int `json:"count"`
	}
	if err := cq.GroupBy(commitment.FieldOrganisationID, commitment.FieldBeneficiaryID).Aggregate(ent.Count()).Scan(ctx, &pairs); err != nil {
		return nil, err
	}
	weights := map[[2]int]int{}
	nodeCommitments, nodeActions := map[int]int{}, map[int]int{}
	var edges []Edge
	for _, p := range pairs {
		edges = append(edges, Edge{From: p.OrganisationID, To: p.BeneficiaryID, Kind: EdgeCommitment, Weight: p.Count})
		nodeCommitments[p.OrganisationID] += p.Count
		if p.BeneficiaryID != p.OrganisationID {
			nodeCommitments[p.BeneficiaryID] += p.Count
		}
	}

	aq := client.ActionItem.Query().Where(actionitem.OwnerOrganisationIDNotNil(), actionitem.HasCommitments())
	if f.ProgrammeID != nil {
		aq.Where(actionitem.ProgrammeID(*f.ProgrammeID))
	}
	if f.From != nil || f.To != nil {
		aq.Where(actionWindow(f.From, f.To))
	}
	acts, err := aq.Select(actionitem.FieldOwnerOrganisationID).
		WithCommitments(func(q *ent.CommitmentQuery) { q.Select(commitment.FieldOrganisationID) }).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range acts {
		seen := map[int]bool{}
		for _, c := range a.Edges.Commitments {
			if c.OrganisationID == *a.OwnerOrganisationID || seen[c.OrganisationID] {
				continue
			}
			seen[c.OrganisationID] = true
			weights[[2]int{*a.OwnerOrganisationID, c.OrganisationID}]++
			nodeActions[*a.OwnerOrganisationID]++
			nodeActions[c.OrganisationID]++
		}
	}
	for k, w := range weights {
		edges = append(edges, Edge{From: k[0], To: k[1], Kind: EdgeSharedAction, Weight: w})
	}
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})

	ids := map[int]bool{}
	for _, e := range edges {
		ids[e.From], ids[e.To] = true, true
	}
	list := make([]int, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	net := &Network{Edges: edges}
	if len(list) == 0 {
		return net, nil
	}
	orgs, err := client.Organisation.Query().Where(organisation.IDIn(list...)).Order(ent.Asc(organisation.FieldName), ent.Asc(organisation.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		net.Nodes = append(net.Nodes, Node{Organisation: o, Commitments: nodeCommitments[o.ID], Actions: nodeActions[o.ID]})
	}
	return net, nil
}

// actionWindow: due in [from, to), or with no due date, recorded in it.
func actionWindow(from, to *time.Time) predicate.ActionItem {
	var due, created []predicate.ActionItem
	if from != nil {
		due = append(due, actionitem.DueDateGTE(from.UTC()))
		created = append(created, actionitem.CreatedAtGTE(from.UTC()))
	}
	if to != nil {
		due = append(due, actionitem.DueDateLT(to.UTC()))
		created = append(created, actionitem.CreatedAtLT(to.UTC()))
	}
	return actionitem.Or(
		actionitem.And(due...),
		actionitem.And(append(created, actionitem.DueDateIsNil())...),
	)
}
