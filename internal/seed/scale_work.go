package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/actionupdate"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/organisation"
)

type scaleAction struct {
	id          int
	programme   int
	event       int       // -1: recorded at programme level
	occurrence  time.Time // zero with event -1
	title       string
	description string
	ownerPerson int // -1 for none
	ownerOrg    int // -1 for none
	due         time.Time
	status      actionitem.Status
	progress    int
	created     time.Time
	updated     time.Time // the last update; for DONE, the completion
}

type scaleUpdate struct {
	action    int32
	author    int32 // -1 for none
	note      string
	oldStatus actionitem.Status // "" when unchanged
	newStatus actionitem.Status
	oldProg   int
	newProg   int // equal to oldProg when unchanged
	at        time.Time
}

var (
	// Status mix of actions whose due date has passed, and of the rest.
	pastDueStatuses = []weightedChoice[actionitem.Status]{
		{actionitem.StatusDONE, 55}, {actionitem.StatusDROPPED, 8},
		{actionitem.StatusIN_PROGRESS, 20}, {actionitem.StatusOPEN, 17},
	}
	notDueStatuses = []weightedChoice[actionitem.Status]{
		{actionitem.StatusOPEN, 45}, {actionitem.StatusIN_PROGRESS, 40},
		{actionitem.StatusDONE, 12}, {actionitem.StatusDROPPED, 3},
	}
	updateNotes = []string{
		"Discussed at the forum; owner to report back next month.",
		"Waiting on information governance.",
		"First draft shared with partners.",
		"Meeting booked with the commissioner.",
		"Blocked until the new post is filled.",
		"Raised at the operational group.",
		"Partners asked for more time.",
	}
)

func (s *scaler) insertActions(ctx context.Context) error {
	n := s.size(baseActions)
	s.actions = make([]scaleAction, n)
	var updates []scaleUpdate
	for i := range s.actions {
		a := &s.actions[i]
		a.programme = s.rng.IntN(len(s.programmes))
		p := &s.programmes[a.programme]
		a.event = -1
		if len(p.pastEvents) > 0 && s.chance(85) {
			a.event = pick(s.rng, p.pastEvents)
			a.occurrence = pick(s.rng, s.events[a.event].pastOccurrences(s.now))
			a.created = minTime(s.now, a.occurrence.Add(3*time.Hour)) // typed up after the meeting
		} else {
			a.created = s.now.Add(-s.between(day, 400*day))
		}
		a.title = pick(s.rng, actionVerbs) + " " + pick(s.rng, actionObjects)
		if s.chance(40) {
			a.description = "Agreed so that " + pick(s.rng, actionObjects) + " no longer depends on one person."
		}
		a.ownerPerson, a.ownerOrg = -1, -1
		switch r := s.rng.IntN(100); {
		case r < 50:
			a.ownerPerson = s.rng.IntN(len(s.people))
			a.ownerOrg = s.people[a.ownerPerson].org
		case r < 75:
			a.ownerOrg = s.rng.IntN(len(s.orgs))
		case r < 95:
			a.ownerPerson = s.rng.IntN(len(s.people))
		}
		a.due = dateOnly(a.created.Add(s.between(7*day, 120*day)), s.loc)
		if a.due.Before(s.now) {
			a.status = choose(s.rng, pastDueStatuses)
		} else {
			a.status = choose(s.rng, notDueStatuses)
		}
		updates = s.history(int32(i), a, updates)
	}
	err := s.insert(ctx, n, len(actionitem.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.ActionItemCreate, 0, hi-lo)
		for _, a := range s.actions[lo:hi] {
			b := tx.ActionItem.Create().
				SetProgrammeID(s.programmes[a.programme].id).
				SetTitle(a.title).
				SetDueDate(a.due).
				SetStatus(a.status).
				SetProgress(a.progress).
				SetCreatedAt(a.created).
				SetUpdatedAt(a.updated)
			if a.event >= 0 {
				b.SetEventID(s.events[a.event].id).SetOccurrenceStart(a.occurrence)
			}
			if a.description != "" {
				b.SetDescription(a.description)
			}
			if a.ownerPerson >= 0 {
				b.SetOwnerPersonID(s.people[a.ownerPerson].id)
			}
			if a.ownerOrg >= 0 {
				b.SetOwnerOrganisationID(s.orgs[a.ownerOrg].id)
			}
			// completed_at is stamped "now" by the schema hook for DONE
			// actions; restoreCompletedAt sets it to a.updated below.
			builders = append(builders, b)
		}
		saved, err := tx.ActionItem.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return err
		}
		for k, a := range saved {
			s.actions[lo+k].id = a.ID
		}
		if err := ascending(idsOf(saved, func(a *ent.ActionItem) int { return a.ID })); err != nil {
			return err
		}
		return restoreCompletedAt(ctx, tx, saved[0].ID, saved[len(saved)-1].ID)
	})
	s.res.Actions = n
	s.updates = updates
	return err
}

// history writes the progress updates that led a to its status, and sets
// its progress, completion and last-update times to match.
func (s *scaler) history(ai int32, a *scaleAction, out []scaleUpdate) []scaleUpdate {
	author := int32(-1)
	if a.ownerPerson >= 0 {
		author = int32(a.ownerPerson)
	}
	// Updates fall between creation and now, in order.
	span := s.now.Sub(a.created)
	at := func(frac float64) time.Time {
		return a.created.Add(time.Duration(float64(span) * frac)).Truncate(time.Second)
	}
	status, prog := actionitem.StatusOPEN, 0
	step := func(t time.Time, to actionitem.Status, toProg int, note string) {
		u := scaleUpdate{action: ai, author: author, note: note, oldProg: prog, newProg: toProg, at: t}
		if to != status {
			u.oldStatus, u.newStatus = status, to
		}
		out = append(out, u)
		status, prog = to, toProg
		a.updated = t
	}
	a.updated = a.created
	switch a.status {
	case actionitem.StatusOPEN:
		if s.chance(40) {
			step(at(0.2+0.6*s.rng.Float64()), actionitem.StatusOPEN, 0, pick(s.rng, updateNotes))
		}
	case actionitem.StatusIN_PROGRESS:
		final := 10 * (1 + s.rng.IntN(9))
		if s.chance(50) {
			step(at(0.1+0.3*s.rng.Float64()), actionitem.StatusIN_PROGRESS, final/2, pick(s.rng, updateNotes))
		}
		step(at(0.5+0.4*s.rng.Float64()), actionitem.StatusIN_PROGRESS, final, pick(s.rng, updateNotes))
	case actionitem.StatusDONE:
		if s.chance(50) {
			step(at(0.1+0.3*s.rng.Float64()), actionitem.StatusIN_PROGRESS, 50, pick(s.rng, updateNotes))
		}
		step(at(0.5+0.4*s.rng.Float64()), actionitem.StatusDONE, 100, "Done and reported to the forum.")
	case actionitem.StatusDROPPED:
		step(at(0.2+0.7*s.rng.Float64()), actionitem.StatusDROPPED, 0, "No longer needed: superseded by another action.")
	}
	a.progress = prog
	return out
}

func (s *scaler) insertActionUpdates(ctx context.Context) error {
	rows := s.updates
	err := s.insert(ctx, len(rows), len(actionupdate.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.ActionUpdateCreate, 0, hi-lo)
		for _, u := range rows[lo:hi] {
			b := tx.ActionUpdate.Create().
				SetActionID(s.actions[u.action].id).
				SetNote(u.note).
				SetCreatedAt(u.at).
				SetUpdatedAt(u.at)
			if u.author >= 0 {
				b.SetAuthorID(s.people[u.author].id)
			}
			if u.newStatus != "" {
				b.SetOldStatus(actionupdate.OldStatus(u.oldStatus)).SetNewStatus(actionupdate.NewStatus(u.newStatus))
			}
			if u.newProg != u.oldProg {
				b.SetOldProgress(u.oldProg).SetNewProgress(u.newProg)
			}
			builders = append(builders, b)
		}
		return tx.ActionUpdate.CreateBulk(builders...).Exec(ctx)
	})
	s.res.ActionUpdates = len(rows)
	return err
}

type scaleCommitment struct {
	id          int
	programme   int
	org         int
	beneficiary int // -1 for none
	kind        commitment.Kind
	title       string
	amount      string // decimal, "" for none
	hours       string // decimal, "" for none
	period      commitment.HoursPeriod
	starts      time.Time
	ends        time.Time // zero: open-ended
	status      commitment.Status
	review      time.Time
	evidence    string
	predecessor int   // commitment index, -1 for none
	actions     []int // action indexes
}

var (
	kindChoices = []weightedChoice[commitment.Kind]{
		{commitment.KindFUNDING, 35}, {commitment.KindSTAFF_TIME, 25}, {commitment.KindREFERRAL_PATHWAY, 12},
		{commitment.KindDATA_SHARING, 10}, {commitment.KindVENUE, 10}, {commitment.KindOTHER, 8},
	}
	endedStatuses = []weightedChoice[commitment.Status]{
		{commitment.StatusDELIVERED, 60}, {commitment.StatusLAPSED, 25}, {commitment.StatusWITHDRAWN, 15},
	}
	futureStatuses = []weightedChoice[commitment.Status]{
		{commitment.StatusPROPOSED, 70}, {commitment.StatusAGREED, 25}, {commitment.StatusWITHDRAWN, 5},
	}
	currentStatuses = []weightedChoice[commitment.Status]{
		{commitment.StatusAGREED, 75}, {commitment.StatusPROPOSED, 15},
		{commitment.StatusWITHDRAWN, 5}, {commitment.StatusLAPSED, 5},
	}
	periodChoices = []weightedChoice[commitment.HoursPeriod]{
		{commitment.HoursPeriodWEEK, 60}, {commitment.HoursPeriodMONTH, 30}, {commitment.HoursPeriodTOTAL, 10},
	}
	staffHours   = []string{"2", "3.5", "4", "7.5", "15", "22.5", "37.5"}
	terms        = []int{180, 365, 730, 1095} // days
	evidenceText = []string{
		"Signed agreement on file.", "Confirmed by email from the director.", "Minuted at the forum.",
		"Quarterly return received.", "Awaiting countersignature.",
	}
)

// insertCommitments writes the ledger in two passes: first the original
// commitments (with their links to the programme's actions), then renewals
// of funding, which need their predecessor's id.
func (s *scaler) insertCommitments(ctx context.Context) error {
	n := s.size(baseCommitments)
	renewals := n / 10
	originals := n - renewals
	actionsOf := make([][]int, len(s.programmes))
	for i, a := range s.actions {
		actionsOf[a.programme] = append(actionsOf[a.programme], i)
	}
	funders := s.orgsIn(organisation.SectorFUNDER, organisation.SectorHEALTH, organisation.SectorLOCAL_AUTHORITY, organisation.SectorCRIMINAL_JUSTICE)
	if len(funders) == 0 {
		funders = s.orgsIn(s.orgs[0].sector)
	}
	voluntary := s.orgsIn(organisation.SectorVOLUNTARY, organisation.SectorHOUSING)

	rows := make([]scaleCommitment, 0, n)
	var fundingWithEnd []int
	for range originals {
		c := scaleCommitment{programme: s.rng.IntN(len(s.programmes)), beneficiary: -1, predecessor: -1}
		c.kind = choose(s.rng, kindChoices)
		if c.kind == commitment.KindFUNDING {
			c.org = pick(s.rng, funders)
			c.amount = s.money(1_000, 250_000)
		} else {
			c.org = s.rng.IntN(len(s.orgs))
		}
		switch {
		case c.kind == commitment.KindSTAFF_TIME:
			c.hours, c.period = pick(s.rng, staffHours), choose(s.rng, periodChoices)
		case c.kind == commitment.KindVENUE && s.chance(50):
			c.hours, c.period = pick(s.rng, []string{"12", "24", "48"}), commitment.HoursPeriodTOTAL
		}
		if len(voluntary) > 0 && s.chance(70) {
			if b := pick(s.rng, voluntary); b != c.org {
				c.beneficiary = b
			}
		}
		c.title = pick(s.rng, commitmentTitles[string(c.kind)])
		c.starts = dateOnly(s.now.Add(s.between(-720*day, 180*day)), s.loc)
		if s.chance(90) {
			c.ends = c.starts.AddDate(0, 0, pick(s.rng, terms))
		}
		switch {
		case !c.ends.IsZero() && c.ends.Before(s.now):
			c.status = choose(s.rng, endedStatuses)
		case c.starts.After(s.now):
			c.status = choose(s.rng, futureStatuses)
		default:
			c.status = choose(s.rng, currentStatuses)
		}
		s.commitmentDetails(&c, actionsOf[c.programme])
		if c.kind == commitment.KindFUNDING && !c.ends.IsZero() {
			fundingWithEnd = append(fundingWithEnd, len(rows))
		}
		rows = append(rows, c)
	}
	if len(fundingWithEnd) == 0 {
		originals, renewals = len(rows), 0
	}
	for range renewals {
		pi := pick(s.rng, fundingWithEnd)
		pred := rows[pi]
		c := scaleCommitment{
			programme: pred.programme, org: pred.org, beneficiary: pred.beneficiary, predecessor: pi,
			kind: commitment.KindFUNDING, title: pred.title + " (renewal)", amount: s.money(1_000, 250_000),
			starts: pred.ends.AddDate(0, 0, 1),
			status: choose(s.rng, []weightedChoice[commitment.Status]{{commitment.StatusPROPOSED, 60}, {commitment.StatusAGREED, 40}}),
		}
		c.ends = c.starts.AddDate(0, 0, pick(s.rng, terms[1:]))
		s.commitmentDetails(&c, actionsOf[c.programme])
		rows = append(rows, c)
	}

	save := func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.CommitmentCreate, 0, hi-lo)
		for _, c := range rows[lo:hi] {
			b := tx.Commitment.Create().
				SetProgrammeID(s.programmes[c.programme].id).
				SetOrganisationID(s.orgs[c.org].id).
				SetKind(c.kind).
				SetTitle(c.title).
				SetStartsOn(c.starts).
				SetStatus(c.status).
				SetCreatedAt(minTime(s.now, c.starts.AddDate(0, 0, -30)))
			if c.beneficiary >= 0 {
				b.SetBeneficiaryID(s.orgs[c.beneficiary].id)
			}
			if c.amount != "" {
				b.SetAmount(decimal.RequireFromString(c.amount)).SetCurrency("GBP")
			}
			if c.hours != "" {
				b.SetHours(decimal.RequireFromString(c.hours)).SetHoursPeriod(c.period)
			}
			if !c.ends.IsZero() {
				b.SetEndsOn(c.ends)
			}
			if !c.review.IsZero() {
				b.SetReviewOn(c.review)
			}
			if c.evidence != "" {
				b.SetEvidence(c.evidence)
			}
			if c.predecessor >= 0 {
				b.SetPredecessorID(rows[c.predecessor].id)
			}
			for _, a := range c.actions {
				b.AddActionIDs(s.actions[a].id)
			}
			builders = append(builders, b)
		}
		saved, err := tx.Commitment.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return err
		}
		for k, c := range saved {
			rows[lo+k].id = c.ID
		}
		return ascending(idsOf(saved, func(c *ent.Commitment) int { return c.ID }))
	}
	cols := len(commitment.Columns)
	if err := s.insert(ctx, originals, cols, save); err != nil {
		return err
	}
	// Renewals: rows [originals, n), offset into the same slice.
	err := s.insert(ctx, renewals, cols, func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		return save(ctx, tx, originals+lo, originals+hi)
	})
	s.res.Commitments = len(rows)
	return err
}

// commitmentDetails adds the review date, evidence and linked actions.
func (s *scaler) commitmentDetails(c *scaleCommitment, actions []int) {
	if s.chance(70) {
		c.review = dateOnly(s.now.Add(s.between(-30*day, 180*day)), s.loc)
	}
	if s.chance(30) {
		c.evidence = pick(s.rng, evidenceText)
	}
	if len(actions) > 0 && s.chance(30) {
		first := pick(s.rng, actions)
		c.actions = []int{first}
		if second := pick(s.rng, actions); second != first && s.chance(50) {
			c.actions = append(c.actions, second)
		}
	}
}

// money returns an amount in pounds between lo and hi, in steps of £250,
// a fifth of them with pence, as an exact decimal string.
func (s *scaler) money(lo, hi int) string {
	pounds := lo + 250*s.rng.IntN((hi-lo)/250+1)
	pence := 0
	if s.chance(20) {
		pence = s.rng.IntN(100)
	}
	return fmt.Sprintf("%d.%02d", pounds, pence)
}
