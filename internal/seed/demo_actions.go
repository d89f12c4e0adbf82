package seed

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/actionupdate"
	"github.com/convene/convene/ent/commitment"
)

// demoUpdate is one entry in an action's history, afterDays after the
// meeting that agreed the action. A zero status means a note without a
// status change.
type demoUpdate struct {
	afterDays int
	status    actionitem.Status
	progress  int
	note      string
}

type demoAction struct {
	key, title, description string
	// Where it was agreed: forum is an index into the past forums (0 is the
	// oldest; indexes 0–3 always exist because the forum began four months
	// ago), or workshop names a workshop (forum then ignored).
	forum    int
	workshop string
	owner    string // person key, may be ""
	ownerOrg string // organisation key, may be ""
	dueDays  int    // due date relative to now
	updates  []demoUpdate
}

// demoActionList tells the story of the last four forums. Three actions are
// overdue (custody, aedata, easyread); the ICB letter is what the consultant
// does about the funding cliff.
var demoActionList = []demoAction{
	{key: "custody", title: "Map referral routes from police custody into the navigator service",
		description: "Nobody in custody knows the navigator service exists. Find out who is released with nowhere to go and where they could be referred.",
		forum:       0, owner: "mark", ownerOrg: "police", dueDays: -20,
		updates: []demoUpdate{
			{7, actionitem.StatusIN_PROGRESS, 20, "Liaison team pulled three months of custody records: 14 people released with no onward referral."},
			{30, "", 40, "Draft route map shared with Northgate Mind; waiting for the custody sergeants' rota to test it."},
		}},
	{key: "aedata", title: "Share anonymised A&E frequent-attender data with the partnership",
		description: "So the forum can see how many of the people it discusses also attend A&E, and how often.",
		forum:       0, owner: "fiona", ownerOrg: "nhs", dueDays: -10,
		updates: []demoUpdate{
			{14, "", 0, "Information governance need a data protection impact assessment before anything leaves the trust."},
		}},
	{key: "friday", title: "Agree a joint protocol for prison releases on a Friday",
		description: "People released on a Friday afternoon miss housing and benefits appointments until Monday.",
		forum:       0, owner: "helen", ownerOrg: "probation", dueDays: -30,
		updates: []demoUpdate{
			{10, actionitem.StatusIN_PROGRESS, 50, "Draft protocol circulated to Homes First and the hostels."},
			{25, actionitem.StatusDONE, 100, "Signed off: no release after midday on a Friday without an accommodation plan."},
		}},
	{key: "payment", title: "Pay lived-experience members for forum time at the Real Living Wage",
		forum: 0, owner: "andrew", ownerOrg: "mind", dueDays: -60,
		updates: []demoUpdate{
			{12, actionitem.StatusDONE, 100, "Board approved the payment policy; vouchers replaced by bank transfer or cash on the day."},
		}},
	{key: "dropin", title: "Set up a peer-led drop-in at Safe Harbour",
		forum: 1, owner: "tanya", ownerOrg: "peer", dueDays: 21,
		updates: []demoUpdate{
			{5, actionitem.StatusIN_PROGRESS, 30, "Room agreed with the hostel manager for Thursday afternoons."},
			{20, "", 60, "Two peer mentors trained; first session booked."},
		}},
	{key: "mdt", title: "Add a housing officer to the weekly complex-needs MDT",
		forum: 1, owner: "megan", ownerOrg: "homes", dueDays: -15,
		updates: []demoUpdate{
			{7, actionitem.StatusIN_PROGRESS, 50, "Megan attending from next week on a trial basis."},
			{14, actionitem.StatusDONE, 100, "Now a standing member of the MDT."},
		}},
	{key: "easyread", title: "Produce easy-read and BSL versions of forum papers",
		forum: 1, owner: "organiser", ownerOrg: "mind", dueDays: -5,
		updates: []demoUpdate{
			{10, actionitem.StatusIN_PROGRESS, 50, "Easy-read template done. Recorded BSL summaries still to arrange."},
		}},
	{key: "icbletter", title: "Write to the ICB about the navigator funding gap when the lottery grant ends",
		description: "Set out what stops if the grant is not replaced, with the outcomes evidence, and ask for a meeting before the grant ends.",
		forum:       2, owner: "consultant", dueDays: 7,
		updates: []demoUpdate{
			{3, "", 0, "Drafting, using the commitment ledger's figures for what ends when."},
		}},
	{key: "jcp", title: "Invite work coaches to the forum",
		forum: 2, owner: "neil", ownerOrg: "jcp", dueDays: 10,
		updates: []demoUpdate{
			{5, actionitem.StatusDROPPED, 0, "Superseded: a work coach now joins the MDT instead."},
		}},
	{key: "consent", title: "Agree a single consent form across partners",
		description: "People tell their story once; the form must satisfy every partner's information governance.",
		forum:       2, ownerOrg: "asc", dueDays: 30,
		updates: []demoUpdate{
			{6, "", 0, "First draft circulated; police and probation legal teams reviewing."},
		}},
	{key: "crisis", title: "List the crisis café's opening hours in the police and NHS 111 directories",
		forum: 3, owner: "kate", ownerOrg: "mind", dueDays: 5,
		updates: []demoUpdate{
			{3, actionitem.StatusDONE, 100, "Listed in both directories."},
		}},
	{key: "dualreport", title: "Write up the dual diagnosis workshop findings for the forum",
		workshop: "dual", owner: "consultant", dueDays: 14,
		updates: []demoUpdate{
			{2, actionitem.StatusIN_PROGRESS, 30, "Themes so far: no shared risk assessment; nobody owns the first 72 hours after someone is turned away."},
		}},
}

func (d *demoLoader) actionItems(ctx context.Context) error {
	d.actions = map[string]int{}
	for _, a := range demoActionList {
		ev, occ := d.forum, time.Time{}
		if a.workshop != "" {
			ev = d.workshops[a.workshop]
			occ = ev.StartsAt
		} else {
			occ = d.pastForums[a.forum]
		}
		created := occ.Add(3 * time.Hour) // typed up after the meeting
		status, progress, last := actionitem.StatusOPEN, 0, created
		for _, u := range a.updates {
			if u.status != "" {
				status = u.status
			}
			progress = u.progress
			last = occ.AddDate(0, 0, u.afterDays)
		}
		b := d.tx.ActionItem.Create().
			SetProgrammeID(d.programmeID).
			SetEventID(ev.ID).
			SetOccurrenceStart(occ).
			SetTitle(a.title).
			SetDueDate(d.days(a.dueDays)).
			SetStatus(status).
			SetProgress(progress).
			SetCreatedAt(created).
			SetUpdatedAt(last)
		if a.description != "" {
			b.SetDescription(a.description)
		}
		if a.owner != "" {
			b.SetOwnerPersonID(d.people[a.owner])
		}
		if a.ownerOrg != "" {
			b.SetOwnerOrganisationID(d.orgs[a.ownerOrg])
		}
		item, err := b.Save(ctx)
		if err != nil {
			return err
		}
		d.actions[a.key] = item.ID
		// The last update of a done action is its completion (updated_at
		// above); the schema hook stamped completed_at with the time of
		// loading instead.
		if status == actionitem.StatusDONE {
			if err := restoreCompletedAt(ctx, d.tx, item.ID, item.ID); err != nil {
				return err
			}
		}

		// History: each entry records the change it made.
		author := d.people["organiser"]
		if a.owner != "" {
			author = d.people[a.owner]
		}
		prevStatus, prevProgress := actionitem.StatusOPEN, 0
		for _, u := range a.updates {
			at := occ.AddDate(0, 0, u.afterDays)
			ub := d.tx.ActionUpdate.Create().
				SetActionID(item.ID).
				SetAuthorID(author).
				SetNote(u.note).
				SetCreatedAt(at).
				SetUpdatedAt(at)
			if u.status != "" && u.status != prevStatus {
				ub.SetOldStatus(actionupdate.OldStatus(prevStatus)).SetNewStatus(actionupdate.NewStatus(u.status))
				prevStatus = u.status
			}
			if u.progress != prevProgress {
				ub.SetOldProgress(prevProgress).SetNewProgress(u.progress)
				prevProgress = u.progress
			}
			if err := ub.Exec(ctx); err != nil {
				return err
			}
			d.res.ActionUpdates++
		}
	}
	d.res.Actions = len(demoActionList)
	return nil
}

type demoCommitment struct {
	key, org, beneficiary string
	kind                  commitment.Kind
	title                 string
	amount, hours         string // decimals; "" when not applicable
	period                commitment.HoursPeriod
	startDays             int
	endDays               *int // nil: open-ended
	reviewDays            *int
	status                commitment.Status
	conditions, evidence  string
	predecessor           string   // key of the commitment this renews
	actions               []string // keys of linked actions
}

func days(n int) *int { return &n }

// demoCommitmentList is the partnership's ledger. Exactly one agreed grant
// (the navigator service's) ends within 60 days and only a proposed bid
// follows it: the funding cliff the consultant should see first.
var demoCommitmentList = []demoCommitment{
	{key: "navigator", org: "nlcf", beneficiary: "mind", kind: commitment.KindFUNDING,
		title: "Navigator service: Reaching Communities grant", amount: "180000.00",
		startDays: -3*365 + 45, endDays: days(45), reviewDays: days(14), status: commitment.StatusAGREED,
		conditions: "Quarterly monitoring returns; 60% of people supported to have a stable address within a year.",
		evidence:   "Grant agreement RC-2023-04127, signed by both parties.",
		actions:    []string{"icbletter"}},
	{key: "navigator-bid", org: "nlcf", beneficiary: "mind", kind: commitment.KindFUNDING,
		title: "Navigator service: continuation bid (three years)", amount: "210000.00",
		startDays: 46, endDays: days(46 + 3*365), reviewDays: days(30), status: commitment.StatusPROPOSED,
		evidence:    "Stage one application submitted; the decision is expected after the current grant ends.",
		predecessor: "navigator"},
	{key: "crisiscafe", org: "icb", beneficiary: "mind", kind: commitment.KindFUNDING,
		title: "Crisis café: recurrent funding", amount: "62500.00",
		startDays: -200, endDays: days(300), reviewDays: days(120), status: commitment.StatusAGREED,
		evidence: "Contract variation signed; paid quarterly in advance."},
	{key: "participation", org: "ncf", beneficiary: "peer", kind: commitment.KindFUNDING,
		title: "Lived-experience participation fund", amount: "12000.00",
		startDays: -400, endDays: days(-35), status: commitment.StatusDELIVERED,
		evidence: "End-of-grant report accepted by the foundation."},
	{key: "diversion", org: "opcc", beneficiary: "recovery", kind: commitment.KindFUNDING,
		title: "Custody diversion pilot", amount: "45000.00",
		startDays: 90, endDays: days(455), reviewDays: days(40), status: commitment.StatusPROPOSED,
		conditions: "Subject to the Police and Crime Panel approving next year's budget."},
	{key: "liaison", org: "police", beneficiary: "mind", kind: commitment.KindSTAFF_TIME,
		title: "Mental health liaison sergeant at the forum and the weekly MDT", hours: "7.5", period: commitment.HoursPeriodWEEK,
		startDays: -150, endDays: days(180), reviewDays: days(60), status: commitment.StatusAGREED,
		actions: []string{"custody"}},
	{key: "ddnurse", org: "nhs", beneficiary: "hostel", kind: commitment.KindSTAFF_TIME,
		title: "Dual diagnosis nurse sessions at Safe Harbour", hours: "4", period: commitment.HoursPeriodWEEK,
		startDays: -300, endDays: days(-20), status: commitment.StatusLAPSED,
		evidence: "Not renewed: the nurse post has been vacant since the pilot ended."},
	{key: "release", org: "probation", beneficiary: "mind", kind: commitment.KindREFERRAL_PATHWAY,
		title:     "Direct referral route for people released without accommodation",
		startDays: -60, reviewDays: days(90), status: commitment.StatusAGREED,
		actions: []string{"friday"}},
	{key: "aedata", org: "nhs", kind: commitment.KindDATA_SHARING,
		title:     "Anonymised A&E frequent-attender data, monthly",
		startDays: 14, endDays: days(379), reviewDays: days(21), status: commitment.StatusPROPOSED,
		conditions: "A data protection impact assessment and a data sharing agreement signed by every partner first.",
		actions:    []string{"aedata"}},
	{key: "learninghub", org: "college", kind: commitment.KindVENUE,
		title: "Free use of the Learning Hub for workshops", hours: "24", period: commitment.HoursPeriodTOTAL,
		startDays: -100, endDays: days(265), reviewDays: days(75), status: commitment.StatusAGREED},
	{key: "workcoach", org: "jcp", beneficiary: "mind", kind: commitment.KindSTAFF_TIME,
		title: "Co-located work coach at the navigator hub", hours: "3", period: commitment.HoursPeriodWEEK,
		startDays: -90, endDays: days(275), status: commitment.StatusWITHDRAWN,
		evidence: "Withdrawn after the district restructure; to be revisited at the next review."},
}

func (d *demoLoader) commitments(ctx context.Context) error {
	ids := map[string]int{}
	for _, c := range demoCommitmentList {
		b := d.tx.Commitment.Create().
			SetProgrammeID(d.programmeID).
			SetOrganisationID(d.orgs[c.org]).
			SetKind(c.kind).
			SetTitle(c.title).
			SetStartsOn(d.days(c.startDays)).
			SetStatus(c.status).
			SetCreatedAt(minTime(d.days(c.startDays-30), d.now))
		if c.conditions != "" {
			b.SetConditions(c.conditions)
		}
		if c.evidence != "" {
			b.SetEvidence(c.evidence)
		}
		if c.beneficiary != "" {
			b.SetBeneficiaryID(d.orgs[c.beneficiary])
		}
		if c.amount != "" {
			b.SetAmount(decimal.RequireFromString(c.amount)).SetCurrency("GBP")
		}
		if c.hours != "" {
			b.SetHours(decimal.RequireFromString(c.hours)).SetHoursPeriod(c.period)
		}
		if c.endDays != nil {
			b.SetEndsOn(d.days(*c.endDays))
		}
		if c.reviewDays != nil {
			b.SetReviewOn(d.days(*c.reviewDays))
		}
		if c.predecessor != "" {
			b.SetPredecessorID(ids[c.predecessor])
		}
		for _, a := range c.actions {
			b.AddActionIDs(d.actions[a])
		}
		saved, err := b.Save(ctx)
		if err != nil {
			return err
		}
		ids[c.key] = saved.ID
	}
	d.res.Commitments = len(demoCommitmentList)
	return nil
}
