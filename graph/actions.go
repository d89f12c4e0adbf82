package graph

import (
	"context"
	"encoding/base64"
	"strconv"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/graph/model"
	"github.com/convene/convene/internal/actions"
	"github.com/convene/convene/internal/alerts"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/commitments"
	"github.com/convene/convene/internal/dashboard"
)

// Helpers for schema/actions.graphqls: conversions between the GraphQL
// models and internal/actions, commitments, alerts and dashboard.

func actionBoardFilter(f *model.ActionBoardFilter) actions.BoardFilter {
	if f == nil {
		return actions.BoardFilter{}
	}
	return actions.BoardFilter{
		ProgrammeID: f.ProgrammeID, Sector: f.Sector, OwnerPersonID: f.OwnerPersonID, OwnerOrganisationID: f.OwnerOrganisationID,
		Statuses: f.Status, DueFrom: f.DueFrom, DueBefore: f.DueBefore, Overdue: f.Overdue,
	}
}

func ledgerFilter(f *model.CommitmentLedgerFilter) commitments.LedgerFilter {
	if f == nil {
		return commitments.LedgerFilter{}
	}
	return commitments.LedgerFilter{
		ProgrammeID: f.ProgrammeID, Sector: f.Sector, OrganisationID: f.OrganisationID, BeneficiaryID: f.BeneficiaryID,
		Kinds: f.Kind, Statuses: f.Status, EndsFrom: f.EndsFrom, EndsBefore: f.EndsBefore, AtRisk: f.AtRisk != nil && *f.AtRisk,
	}
}

func saveMinutesInput(in model.SaveMinutesInput) actions.MinutesInput {
	out := actions.MinutesInput{EventID: in.EventID, OccurrenceStart: in.OccurrenceStart, Body: in.Body, BaseRevision: in.BaseRevision}
	for _, a := range in.Actions {
		na := actions.NewAction{Title: a.Title, OwnerPersonID: a.OwnerPersonID, OwnerOrganisationID: a.OwnerOrganisationID, DueDate: a.DueDate, CommitmentIDs: a.CommitmentIDs}
		if a.Description != nil {
			na.Description = *a.Description
		}
		out.Actions = append(out.Actions, na)
	}
	return out
}

func moneyList(ms []commitments.Money) []*model.MoneyAmount {
	out := make([]*model.MoneyAmount, 0, len(ms))
	for _, m := range ms {
		out = append(out, &model.MoneyAmount{Currency: m.Currency, Amount: m.Amount})
	}
	return out
}

// fundingView converts the view, loading the funders in one query.
func fundingView(ctx context.Context, client *ent.Client, programmeID int, v *commitments.View) (*model.FundingView, error) {
	prog, err := client.Programme.Get(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	ids := make([]int, 0, len(v.ByFunder))
	for _, f := range v.ByFunder {
		id, _ := strconv.Atoi(f.Key)
		ids = append(ids, id)
	}
	orgs, err := client.Organisation.Query().Where(organisation.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Organisation{}
	for _, o := range orgs {
		byID[o.ID] = o
	}
	out := &model.FundingView{
		Programme: prog, AsOf: v.AsOf.String(), ReportingCurrency: v.ReportingCurrency, Threshold: v.Threshold,
		TotalSecured: moneyList(v.TotalSecured), InForceToday: v.InForceToday, OpenEnded: v.OpenEnded,
	}
	for _, f := range v.ByFunder {
		id, _ := strconv.Atoi(f.Key)
		if o := byID[id]; o != nil {
			out.ByFunder = append(out.ByFunder, &model.FunderTotal{Funder: o, Totals: moneyList(f.Totals)})
		}
	}
	for _, k := range v.ByKind {
		out.ByKind = append(out.ByKind, &model.KindTotal{Kind: commitment.Kind(k.Key), Totals: moneyList(k.Totals)})
	}
	for _, p := range v.ByPeriod {
		out.ByPeriod = append(out.ByPeriod, &model.PeriodTotal{Label: p.Label, Start: p.Start.String(), End: p.End.String(), Totals: moneyList(p.Totals)})
	}
	for _, w := range v.Secured {
		out.Secured = append(out.Secured, &model.SecuredWindow{Months: w.Months, From: w.From.String(), To: w.To.String(), Totals: moneyList(w.Totals)})
	}
	out.InForce = make([]*model.FundingMonth, 0, len(v.InForce))
	for _, m := range v.InForce {
		out.InForce = append(out.InForce, &model.FundingMonth{Start: m.Start.String(), From: m.From.String(), Totals: moneyList(m.Totals)})
	}
	if c := v.Cliff; c != nil {
		mc := &model.FundingCliff{FirstShortDay: c.FirstShortDay.String(), InForce: c.InForce}
		if c.LastCoveredDay != nil {
			s := c.LastCoveredDay.String()
			mc.LastCoveredDay = &s
		}
		out.Cliff = mc
	}
	return out, nil
}

func fundingPeriod(p *model.FundingPeriod) commitments.Period {
	if p == nil {
		return commitments.Quarter
	}
	return commitments.Period(*p)
}

func attentionItems(items []alerts.Item) []*model.AttentionItem {
	out := make([]*model.AttentionItem, 0, len(items))
	for _, it := range items {
		out = append(out, &model.AttentionItem{Kind: model.AttentionKind(it.Kind), Due: it.Due, Title: it.Title,
			ProgrammeID: it.ProgrammeID, Action: it.Action, Commitment: it.Commitment})
	}
	return out
}

// Scorecard pages use opaque offset cursors.
func encodeOffset(n int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(n)))
}

func decodeOffset(s *string) (int, error) {
	if s == nil || *s == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*s)
	if err == nil && len(raw) > 2 && string(raw[:2]) == "o:" {
		if n, err := strconv.Atoi(string(raw[2:])); err == nil && n >= 0 {
			return n, nil
		}
	}
	return 0, apperr.Invalid("after", "not a cursor returned by scorecards")
}

func scorecardPage(p *dashboard.Page) *model.ScorecardPage {
	out := &model.ScorecardPage{TotalCount: p.TotalCount}
	for _, s := range p.Items {
		sc := &model.OrganisationScorecard{
			Organisation: s.Organisation, ActionsOpen: s.ActionsOpen, ActionsOverdue: s.ActionsOverdue,
			ActionsDoneLast90Days: s.ActionsDoneRecently, Attended: s.Attended, Expected: s.Expected, AttendanceRate: s.AttendanceRate(),
		}
		for _, st := range []commitment.Status{commitment.StatusPROPOSED, commitment.StatusAGREED, commitment.StatusDELIVERED, commitment.StatusLAPSED, commitment.StatusWITHDRAWN} {
			sc.CommitmentsByStatus = append(sc.CommitmentsByStatus, &model.CommitmentStatusCount{Status: st, Count: s.CommitmentsByStatus[st]})
		}
		out.Items = append(out.Items, sc)
	}
	if p.HasNext {
		c := encodeOffset(p.Offset + len(p.Items))
		out.NextCursor = &c
	}
	return out
}

func network(n *dashboard.Network) *model.PartnershipNetwork {
	out := &model.PartnershipNetwork{Nodes: []*model.NetworkNode{}, Edges: []*model.NetworkEdge{}}
	for _, nd := range n.Nodes {
		out.Nodes = append(out.Nodes, &model.NetworkNode{Organisation: nd.Organisation, Commitments: nd.Commitments, Actions: nd.Actions})
	}
	for _, e := range n.Edges {
		out.Edges = append(out.Edges, &model.NetworkEdge{From: e.From, To: e.To, Kind: model.NetworkEdgeKind(e.Kind), Weight: e.Weight})
	}
	return out
}

func now() time.Time { return time.Now() }
