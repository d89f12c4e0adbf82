package graph_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/outboxmessage"
	"github.com/convene/convene/internal/alerts"
	"github.com/convene/convene/internal/apitest"
)

// ledgerWorld: programme A (weekly forum, organiser, consultant, a member
// who owns an action) and programme B with its own organiser.
type ledgerWorld struct {
	api                                 *apitest.API
	progA, progB                        *ent.Programme
	forum                               *ent.Event
	organiserA, consultantA, organiserB *apitest.API
	member                              *apitest.API
	memberP                             *ent.Person
	funder, charity                     *ent.Organisation
	occ                                 []time.Time
}

func buildLedgerWorld(t *testing.T) *ledgerWorld {
	t.Helper()
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	w := &ledgerWorld{api: api}
	w.funder = c.Organisation.Create().SetName("City Fund").SetSector("FUNDER").SaveX(ctx)
	w.charity = c.Organisation.Create().SetName("Northgate Mind").SetSector("VOLUNTARY").SaveX(ctx)
	w.progA = c.Programme.Create().SetName("System change").SetSlug("a").SetTimeZone("Europe/London").
		SetFundingThreshold(decimal.RequireFromString("50000")).SaveX(ctx)
	w.progB = c.Programme.Create().SetName("Other").SetSlug("b").SaveX(ctx)
	person := func(name, email string) *ent.Person {
		return c.Person.Create().SetName(name).SetEmail(email).SaveX(ctx)
	}
	oA, cA, oB := person("Olive", "olive@example.org"), person("Cai", "cai@example.org"), person("Bea", "bea@example.org")
	w.memberP = person("Ash", "ash@example.org")
	c.ProgrammeRole.Create().SetProgramme(w.progA).SetPerson(oA).SetRole("ORGANISER").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(w.progA).SetPerson(cA).SetRole("CONSULTANT").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(w.progB).SetPerson(oB).SetRole("ORGANISER").ExecX(ctx)
	c.Membership.Create().SetPerson(w.memberP).SetOrganisation(w.charity).ExecX(ctx)

	loc, _ := time.LoadLocation("Europe/London")
	y, m, d := time.Now().In(loc).AddDate(0, 0, -21).Date()
	start := time.Date(y, m, d, 10, 0, 0, 0, loc)
	w.forum = c.Event.Create().SetProgramme(w.progA).SetKind("FORUM").SetTitle("Weekly forum").SetTimeZone("Europe/London").
		SetStartsAt(start).SetEndsAt(start.Add(2 * time.Hour)).SetRrule("FREQ=WEEKLY").SaveX(ctx)
	for i := range 4 {
		y, m, d := start.AddDate(0, 0, 7*i).Date()
		w.occ = append(w.occ, time.Date(y, m, d, 10, 0, 0, 0, loc))
	}
	c.Invitation.Create().SetEvent(w.forum).SetPerson(w.memberP).ExecX(ctx)
	w.organiserA, w.consultantA, w.organiserB, w.member = api.As(oA.ID), api.As(cA.ID), api.As(oB.ID), api.As(w.memberP.ID)
	return w
}

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

const saveMinutes = `mutation($in: SaveMinutesInput!) { saveMinutes(input: $in) {
  minutes { id revision body } actions { id title overdue status ownerPersonID } } }`

type savedMinutes struct {
	SaveMinutes struct {
		Minutes struct {
			ID       string
			Revision int
		}
		Actions []struct {
			ID      string
			Title   string
			Overdue bool
			Status  string
		}
	}
}

func TestMinutesActionsAndMattersArising(t *testing.T) {
	w := buildLedgerWorld(t)
	now := time.Now()
	in := map[string]any{
		"eventID": w.forum.ID, "occurrenceStart": rfc(w.occ[0]), "body": "# Forum\nWe agreed two things.", "baseRevision": 0,
		"actions": []map[string]any{
			{"title": "Write to the ICB", "ownerPersonID": w.memberP.ID, "dueDate": rfc(now.Add(-24 * time.Hour))},
			{"title": "Map referral routes", "ownerOrganisationID": w.charity.ID, "dueDate": rfc(now.Add(72 * time.Hour))},
		},
	}
	var saved savedMinutes
	w.organiserA.MustDo(saveMinutes, map[string]any{"in": in}, &saved)
	if saved.SaveMinutes.Minutes.Revision != 1 || len(saved.SaveMinutes.Actions) != 2 {
		t.Fatalf("saved = %+v", saved)
	}
	a1, a2 := saved.SaveMinutes.Actions[0], saved.SaveMinutes.Actions[1]
	if !a1.Overdue || a2.Overdue || a1.Status != "OPEN" {
		t.Errorf("overdue flags = %v %v", a1.Overdue, a2.Overdue)
	}

	// A second revision from revision 1 works; a stale edit is a conflict.
	in2 := map[string]any{"eventID": w.forum.ID, "occurrenceStart": rfc(w.occ[0]), "body": "# Forum\nCorrected.", "baseRevision": 1}
	w.consultantA.MustDo(saveMinutes, map[string]any{"in": in2}, &saved)
	if saved.SaveMinutes.Minutes.Revision != 2 {
		t.Errorf("revision = %d", saved.SaveMinutes.Minutes.Revision)
	}
	e := w.organiserA.ErrorCode(saveMinutes, map[string]any{"in": in2}, "CONFLICT")
	if !strings.Contains(e.Message, "revision 2") {
		t.Errorf("conflict message = %q", e.Message)
	}
	// Not an occurrence of the series.
	bad := map[string]any{"eventID": w.forum.ID, "occurrenceStart": rfc(w.occ[0].Add(time.Hour)), "body": "x"}
	w.organiserA.ErrorCode(saveMinutes, map[string]any{"in": bad}, "BAD_USER_INPUT")
	// Programme B's organiser cannot write A's minutes; members neither.
	w.organiserB.ErrorCode(saveMinutes, map[string]any{"in": in2}, "NOT_FOUND")
	w.member.ErrorCode(saveMinutes, map[string]any{"in": map[string]any{"eventID": w.forum.ID, "occurrenceStart": rfc(w.occ[0]), "body": "x"}}, "FORBIDDEN")

	// The next occurrence lists both as matters arising; revisions are kept.
	var om struct {
		OccurrenceMinutes struct {
			Current        *struct{ Body string }
			Revisions      []struct{ Revision int }
			MattersArising []struct{ ID, Title, ArisesAt string }
		}
	}
	q := `query($e: ID!, $o: Time!) { occurrenceMinutes(eventID: $e, occurrenceStart: $o) {
	  current { body } revisions { revision } mattersArising { id title arisesAt } } }`
	w.consultantA.MustDo(q, map[string]any{"e": w.forum.ID, "o": rfc(w.occ[1])}, &om)
	if len(om.OccurrenceMinutes.MattersArising) != 2 || om.OccurrenceMinutes.Current != nil {
		t.Fatalf("matters arising at occurrence 2 = %+v", om)
	}
	if got, _ := time.Parse(time.RFC3339, om.OccurrenceMinutes.MattersArising[0].ArisesAt); !got.Equal(w.occ[1]) {
		t.Errorf("arisesAt = %s, want %s", om.OccurrenceMinutes.MattersArising[0].ArisesAt, w.occ[1])
	}
	w.consultantA.MustDo(q, map[string]any{"e": w.forum.ID, "o": rfc(w.occ[0])}, &om)
	if om.OccurrenceMinutes.Current == nil || om.OccurrenceMinutes.Current.Body != "# Forum\nCorrected." || len(om.OccurrenceMinutes.Revisions) != 2 || len(om.OccurrenceMinutes.MattersArising) != 0 {
		t.Errorf("occurrence 1 = %+v", om)
	}

	// The owner reports progress; the history records who, old → new, note.
	progress := `mutation($id: ID!, $in: ActionProgressInput!) { reportActionProgress(id: $id, input: $in) {
	  status progress overdue updates(first: 10) { edges { node { note oldStatus newStatus oldProgress newProgress authorID } } } } }`
	var rep struct {
		ReportActionProgress struct {
			Status   string
			Progress int
			Overdue  bool
			Updates  struct {
				Edges []struct {
					Node struct {
						Note                     string
						OldStatus, NewStatus     *string
						OldProgress, NewProgress *int
						AuthorID                 string
					}
				}
			}
		}
	}
	w.member.MustDo(progress, map[string]any{"id": a1.ID, "in": map[string]any{"status": "IN_PROGRESS", "progress": 50, "note": "Draft sent"}}, &rep)
	r := rep.ReportActionProgress
	if r.Status != "IN_PROGRESS" || r.Progress != 50 || !r.Overdue || len(r.Updates.Edges) != 1 {
		t.Fatalf("progress = %+v", r)
	}
	h := r.Updates.Edges[0].Node
	if h.Note != "Draft sent" || *h.OldStatus != "OPEN" || *h.NewStatus != "IN_PROGRESS" || *h.OldProgress != 0 || *h.NewProgress != 50 || h.AuthorID != strconv.Itoa(w.memberP.ID) {
		t.Errorf("history = %+v", h)
	}
	// The generic updateAction writes history too; DONE stops it being overdue.
	var upd struct {
		UpdateAction struct {
			Overdue     bool
			CompletedAt *string
			Updates     struct{ TotalCount int }
		}
	}
	w.consultantA.MustDo(`mutation($id: ID!) { updateAction(id: $id, input: {status: DONE}) { overdue completedAt updates(first: 10) { totalCount } } }`, map[string]any{"id": a1.ID}, &upd)
	if upd.UpdateAction.Overdue || upd.UpdateAction.CompletedAt == nil || upd.UpdateAction.Updates.TotalCount != 2 {
		t.Errorf("after DONE = %+v", upd)
	}
	// A note on its own is a report too: it is kept in the history.
	w.member.MustDo(progress, map[string]any{"id": a1.ID, "in": map[string]any{"note": "Chased the council"}}, &rep)
	if n := len(rep.ReportActionProgress.Updates.Edges); n != 3 {
		t.Fatalf("after a note-only report the history has %d entries, want 3", n)
	}
	noteOnly := 0
	for _, e := range rep.ReportActionProgress.Updates.Edges {
		if e.Node.Note == "Chased the council" && e.Node.NewStatus == nil && e.Node.NewProgress == nil {
			noteOnly++
		}
	}
	if noteOnly != 1 {
		t.Errorf("the note-only report is not in the history: %+v", rep.ReportActionProgress.Updates.Edges)
	}
	// The member cannot edit another's action or report on one not theirs.
	w.member.ErrorCode(progress, map[string]any{"id": a2.ID, "in": map[string]any{"progress": 10}}, "NOT_FOUND")
	w.member.ErrorCode(progress, map[string]any{"id": a1.ID, "in": map[string]any{"progress": 101}}, "BAD_USER_INPUT")

	// Members see only their own actions; B's organiser none; anonymous nothing.
	count := func(api *apitest.API) int {
		var out struct{ ActionBoard struct{ TotalCount int } }
		api.MustDo(`{ actionBoard(first: 10) { totalCount } }`, nil, &out)
		return out.ActionBoard.TotalCount
	}
	if n := count(w.member); n != 1 {
		t.Errorf("member sees %d actions, want 1", n)
	}
	if n := count(w.organiserB); n != 0 {
		t.Errorf("B's organiser sees %d actions", n)
	}
	if n := count(w.consultantA); n != 2 {
		t.Errorf("consultant sees %d actions", n)
	}
	w.api.Anonymous().ErrorCode(`{ actionBoard(first: 10) { totalCount } }`, nil, "UNAUTHENTICATED")
}

func TestActionBoardOverdueFilterInSQL(t *testing.T) {
	w := buildLedgerWorld(t)
	ctx, c := w.api.Ctx(), w.api.Client()
	now := time.Now()
	mk := func(title string, due time.Duration, status string) {
		c.ActionItem.Create().SetProgrammeID(w.progA.ID).SetTitle(title).SetDueDate(now.Add(due)).SetStatus(actionitem.Status(status)).SetOwnerOrganisation(w.charity).ExecX(ctx)
	}
	mk("late", -48*time.Hour, "OPEN")
	mk("late but in progress", -time.Hour, "IN_PROGRESS")
	mk("late but done", -48*time.Hour, "DONE")
	mk("late but dropped", -48*time.Hour, "DROPPED")
	mk("soon", 48*time.Hour, "OPEN")
	mk("later", 30*24*time.Hour, "OPEN")
	var out struct {
		ActionBoard struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Title   string
					Overdue bool
				}
			}
		}
	}
	q := `query($f: ActionBoardFilter) { actionBoard(filter: $f, orderBy: {field: DUE_DATE}, first: 50) { totalCount edges { node { title overdue } } } }`
	w.consultantA.MustDo(q, map[string]any{"f": map[string]any{"overdue": true}}, &out)
	if out.ActionBoard.TotalCount != 2 || out.ActionBoard.Edges[0].Node.Title != "late" || !out.ActionBoard.Edges[1].Node.Overdue {
		t.Errorf("overdue = %+v", out.ActionBoard)
	}
	w.consultantA.MustDo(q, map[string]any{"f": map[string]any{"overdue": false, "dueBefore": rfc(now.Add(7 * 24 * time.Hour))}}, &out)
	if out.ActionBoard.TotalCount != 3 { // done, dropped, soon
		t.Errorf("not overdue, due within a week = %+v", out.ActionBoard)
	}
	w.consultantA.MustDo(q, map[string]any{"f": map[string]any{"sector": "VOLUNTARY", "status": []string{"OPEN"}, "programmeID": w.progA.ID}}, &out)
	if out.ActionBoard.TotalCount != 3 {
		t.Errorf("voluntary open = %+v", out.ActionBoard)
	}
}

const createCommitment = `mutation($in: CreateCommitmentInput!) { createCommitment(input: $in) { id status amount currency } }`

func (w *ledgerWorld) commitment(t *testing.T, api *apitest.API, status, amount, currency string, starts, ends time.Time) string {
	t.Helper()
	var out struct{ CreateCommitment struct{ ID string } }
	api.MustDo(createCommitment, map[string]any{"in": map[string]any{
		"programmeID": w.progA.ID, "organisationID": w.funder.ID, "beneficiaryID": w.charity.ID, "kind": "FUNDING",
		"title": "Navigator grant " + amount, "amount": amount, "currency": currency, "status": status,
		"startsOn": rfc(starts), "endsOn": rfc(ends),
	}}, &out)
	return out.CreateCommitment.ID
}

func TestCommitmentLifecycleHistoryAndAuthorization(t *testing.T) {
	w := buildLedgerWorld(t)
	now := time.Now()
	id := w.commitment(t, w.consultantA, "PROPOSED", "40000.10", "GBP", now.AddDate(0, 0, -300), now.AddDate(0, 0, 60))
	setStatus := `mutation($id: ID!, $s: CommitmentStatus!) { updateCommitment(id: $id, input: {status: $s}) { status } }`
	w.organiserA.MustDo(setStatus, map[string]any{"id": id, "s": "AGREED"}, nil)
	e := w.consultantA.ErrorCode(setStatus, map[string]any{"id": id, "s": "PROPOSED"}, "BAD_USER_INPUT")
	if !strings.Contains(e.Message, "AGREED") || !strings.Contains(e.Message, "PROPOSED") {
		t.Errorf("message = %q", e.Message)
	}
	w.consultantA.MustDo(setStatus, map[string]any{"id": id, "s": "DELIVERED"}, nil)
	for _, to := range []string{"AGREED", "LAPSED", "WITHDRAWN", "PROPOSED"} {
		e := w.consultantA.ErrorCode(setStatus, map[string]any{"id": id, "s": to}, "BAD_USER_INPUT")
		if !strings.Contains(e.Message, "DELIVERED") || !strings.Contains(e.Message, to) {
			t.Errorf("DELIVERED → %s message = %q", to, e.Message)
		}
	}
	// Amount rules: a currency is required, floats are refused by the scalar.
	w.consultantA.ErrorCode(createCommitment, map[string]any{"in": map[string]any{"programmeID": w.progA.ID, "organisationID": w.funder.ID,
		"kind": "FUNDING", "title": "x", "amount": "10", "startsOn": rfc(now)}}, "BAD_USER_INPUT")
	w.consultantA.ErrorCode(createCommitment, map[string]any{"in": map[string]any{"programmeID": w.progA.ID, "organisationID": w.funder.ID,
		"kind": "FUNDING", "title": "x", "amount": "-1", "currency": "GBP", "startsOn": rfc(now)}}, "BAD_USER_INPUT")

	// Full history, readable by the consultant.
	var hist struct {
		Node struct {
			History []struct {
				Operation string
				ActorID   any
				Changes   map[string]map[string]any
			}
		}
	}
	w.consultantA.MustDo(`query($id: ID!) { node(id: $id) { ... on Commitment { history { operation actorID changes } } } }`, map[string]any{"id": id}, &hist)
	hs := hist.Node.History
	if len(hs) != 3 || hs[0].Operation != "CREATE" || hs[1].Changes["status"]["old"] != "PROPOSED" || hs[1].Changes["status"]["new"] != "AGREED" ||
		hs[2].Changes["status"]["new"] != "DELIVERED" || hs[0].Changes["amount"]["new"] != "40000.1" {
		raw, _ := json.Marshal(hs)
		t.Errorf("history = %s", raw)
	}

	// Programme B's organiser neither sees nor changes A's ledger; members
	// and anonymous callers neither.
	w.organiserB.ErrorCode(setStatus, map[string]any{"id": id, "s": "LAPSED"}, "NOT_FOUND")
	w.organiserB.ErrorCode(createCommitment, map[string]any{"in": map[string]any{"programmeID": w.progA.ID, "organisationID": w.funder.ID,
		"kind": "VENUE", "title": "x", "startsOn": rfc(now)}}, "FORBIDDEN")
	w.member.ErrorCode(createCommitment, map[string]any{"in": map[string]any{"programmeID": w.progA.ID, "organisationID": w.funder.ID,
		"kind": "VENUE", "title": "x", "startsOn": rfc(now)}}, "FORBIDDEN")
	ledger := func(api *apitest.API) int {
		var out struct{ CommitmentLedger struct{ TotalCount int } }
		api.MustDo(`{ commitmentLedger(first: 10) { totalCount } }`, nil, &out)
		return out.CommitmentLedger.TotalCount
	}
	if ledger(w.organiserB) != 0 || ledger(w.member) != 0 || ledger(w.consultantA) != 1 {
		t.Errorf("ledger visibility: B %d, member %d, consultant %d", ledger(w.organiserB), ledger(w.member), ledger(w.consultantA))
	}
	w.api.Anonymous().ErrorCode(`{ commitmentLedger(first: 10) { totalCount } }`, nil, "UNAUTHENTICATED")
}

func TestFundingViewAttentionAndExport(t *testing.T) {
	w := buildLedgerWorld(t)
	now := time.Now()
	// £40,000 ending in 60 days with only a proposed successor: at risk.
	ending := w.commitment(t, w.consultantA, "AGREED", "40000", "GBP", now.AddDate(0, 0, -300), now.AddDate(0, 0, 60))
	var succ struct{ CreateCommitment struct{ ID string } }
	w.consultantA.MustDo(createCommitment, map[string]any{"in": map[string]any{"programmeID": w.progA.ID, "organisationID": w.funder.ID,
		"kind": "FUNDING", "title": "=HYPERLINK(\"x\")", "amount": "45000", "currency": "GBP", "startsOn": rfc(now.AddDate(0, 0, 61)),
		"endsOn": rfc(now.AddDate(1, 0, 61)), "predecessorID": ending}}, &succ)
	w.commitment(t, w.consultantA, "AGREED", "20000", "GBP", now.AddDate(0, 0, -10), now.AddDate(0, 0, 400))
	w.commitment(t, w.consultantA, "AGREED", "5000.50", "EUR", now.AddDate(0, 0, -10), now.AddDate(0, 0, 100))

	var fv struct {
		FundingView struct {
			TotalSecured []struct{ Currency, Amount string }
			InForceToday string
			Cliff        *struct{ FirstShortDay, InForce string }
			Secured      []struct {
				Months int
				Totals []struct{ Currency, Amount string }
			}
		}
	}
	w.consultantA.MustDo(`query($p: ID!) { fundingView(programmeID: $p) { totalSecured { currency amount } inForceToday
	  cliff { firstShortDay inForce } secured { months totals { currency amount } } } }`, map[string]any{"p": w.progA.ID}, &fv)
	f := fv.FundingView
	if len(f.TotalSecured) != 2 || f.TotalSecured[0] != (struct{ Currency, Amount string }{"EUR", "5000.5"}) || f.TotalSecured[1].Amount != "60000" || f.InForceToday != "60000" {
		t.Errorf("totals = %+v in force %s", f.TotalSecured, f.InForceToday)
	}
	loc, _ := time.LoadLocation("Europe/London")
	wantCliff := now.AddDate(0, 0, 61).In(loc).Format(time.DateOnly)
	if f.Cliff == nil || f.Cliff.FirstShortDay != wantCliff || f.Cliff.InForce != "20000" {
		t.Errorf("cliff = %+v, want %s at 20000", f.Cliff, wantCliff)
	}
	if len(f.Secured) != 3 || f.Secured[0].Months != 3 {
		t.Errorf("secured = %+v", f.Secured)
	}
	w.organiserB.ErrorCode(`query($p: ID!) { fundingView(programmeID: $p) { asOf } }`, map[string]any{"p": w.progA.ID}, "NOT_FOUND")

	// Attention: the ending commitment, not the renewed one.
	c := w.api.Client()
	c.ActionItem.Create().SetProgrammeID(w.progA.ID).SetTitle("Chase the funder").SetDueDate(now.Add(-time.Hour)).ExecX(w.api.Ctx())
	var att struct {
		Attention []struct {
			Kind       string
			Title      string
			Commitment *struct{ ID string }
		}
	}
	w.organiserA.MustDo(`{ attention { kind title commitment { id } } }`, nil, &att)
	kinds := map[string]int{}
	for _, it := range att.Attention {
		kinds[it.Kind]++
		if it.Kind == "COMMITMENT_ENDING" && it.Commitment.ID != ending {
			t.Errorf("ending item is %s", it.Commitment.ID)
		}
	}
	if kinds["COMMITMENT_ENDING"] != 1 || kinds["ACTION_OVERDUE"] != 1 {
		t.Errorf("attention = %+v", att.Attention)
	}
	w.organiserB.MustDo(`{ attention { kind } }`, nil, &att)
	if len(att.Attention) != 0 {
		t.Errorf("B sees attention items of A: %+v", att.Attention)
	}

	// The dashboard flags it: the at-risk ledger ending within 90 days.
	var risk struct {
		CommitmentLedger struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	w.consultantA.MustDo(`query($b: Time!) { commitmentLedger(first: 10, filter: {atRisk: true, endsBefore: $b}) { edges { node { id } } } }`,
		map[string]any{"b": rfc(now.AddDate(0, 0, 90))}, &risk)
	if len(risk.CommitmentLedger.Edges) != 1 || risk.CommitmentLedger.Edges[0].Node.ID != ending {
		t.Errorf("at-risk ledger = %+v", risk.CommitmentLedger.Edges)
	}
	// And so does the next digest, queued for the organiser.
	if _, err := (&alerts.Digest{Client: w.api.Client()}).Run(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	digest := w.api.Client().OutboxMessage.Query().Where(outboxmessage.Recipient("olive@example.org"), outboxmessage.Kind("digest")).OnlyX(w.api.Ctx())
	if !strings.Contains(digest.BodyText, "Navigator grant 40000 (ends") || !strings.Contains(digest.BodyText, "Chase the funder") {
		t.Errorf("digest = %s", digest.BodyText)
	}

	// CSV export through the viewer's token.
	get := func(api *apitest.API, path string) (int, [][]string) {
		req, _ := http.NewRequest(http.MethodGet, api.Server.URL+path, nil)
		for k, v := range api.Header {
			req.Header[k] = v
		}
		res, err := api.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			return res.StatusCode, nil
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\ufeff"))).ReadAll()
		if err != nil {
			t.Fatalf("csv: %v\n%s", err, body)
		}
		return res.StatusCode, rows
	}
	path := fmt.Sprintf("/export/commitments.csv?programme=%d", w.progA.ID)
	code, rows := get(w.consultantA, path)
	if code != 200 || len(rows) != 5 || rows[0][0] != "id" {
		t.Fatalf("export = %d %v", code, rows)
	}
	amounts := map[string]bool{}
	for _, r := range rows[1:] {
		amounts[r[6]+" "+r[7]] = true
		if strings.HasPrefix(r[5], "=") {
			t.Errorf("formula not defused: %q", r[5])
		}
	}
	if !amounts["40000 GBP"] || !amounts["5000.5 EUR"] {
		t.Errorf("amounts = %v", amounts)
	}
	if code, rows := get(w.organiserB, path); code != 200 || len(rows) != 1 {
		t.Errorf("B export = %d %v", code, rows)
	}
	if code, _ := get(w.api.Anonymous(), path); code != http.StatusUnauthorized {
		t.Errorf("anonymous export = %d", code)
	}
	if code, _ := get(w.consultantA, "/export/commitments.csv?programme=abc"); code != http.StatusBadRequest {
		t.Errorf("bad id = %d", code)
	}
	for _, p := range []string{"/export/actions.csv?overdue=true", "/export/scorecard.csv", "/export/network.csv"} {
		if code, rows := get(w.consultantA, p); code != 200 || len(rows) < 2 {
			t.Errorf("%s = %d %v", p, code, rows)
		}
	}
}

func TestDashboardQueryCountsDoNotGrow(t *testing.T) {
	w := buildLedgerWorld(t)
	ctx, c := w.api.Ctx(), w.api.Client()
	now := time.Now()
	made := 0
	grow := func(n int) {
		for range n {
			i := made
			made++
			org := c.Organisation.Create().SetName(fmt.Sprintf("Org %03d", i)).SetSector("HOUSING").SaveX(ctx)
			p := c.Person.Create().SetName(fmt.Sprintf("P %d", i)).SaveX(ctx)
			c.Membership.Create().SetPerson(p).SetOrganisation(org).ExecX(ctx)
			cm := c.Commitment.Create().SetProgrammeID(w.progA.ID).SetOrganisation(org).SetBeneficiary(w.charity).SetKind("STAFF_TIME").
				SetTitle("Time").SetStartsOn(now).SetStatus("AGREED").SaveX(ctx)
			c.ActionItem.Create().SetProgrammeID(w.progA.ID).SetTitle("a").SetOwnerOrganisation(w.charity).SetDueDate(now.Add(-time.Hour)).AddCommitments(cm).ExecX(ctx)
			ev := c.Event.Create().SetProgrammeID(w.progA.ID).SetKind("WORKSHOP").SetTitle("w").SetStartsAt(now.Add(-48 * time.Hour)).SetEndsAt(now.Add(-47 * time.Hour)).SaveX(ctx)
			c.Invitation.Create().SetEvent(ev).SetPerson(p).SetResponse("ACCEPTED").ExecX(ctx)
			c.Attendance.Create().SetEvent(ev).SetPerson(p).SetOccurrenceStart(ev.StartsAt).ExecX(ctx)
		}
	}
	queries := map[string]string{
		"scorecards": `query($p: ID) { scorecards(filter: {programmeID: $p}, orderBy: {field: ACTIONS_OVERDUE, direction: DESC}, first: 5) {
		  totalCount nextCursor items { organisation { name } actionsOpen actionsOverdue actionsDoneLast90Days attendanceRate commitmentsByStatus { status count } } } }`,
		"network":   `query($p: ID) { partnershipNetwork(filter: {programmeID: $p}) { nodes { organisation { name } commitments actions } edges { from to kind weight } } }`,
		"board":     `query($p: ID) { actionBoard(filter: {programmeID: $p, overdue: true}, first: 20) { totalCount edges { node { title overdue ownerOrganisation { name } } } } }`,
		"funding":   `query($p: ID!) { fundingView(programmeID: $p) { byFunder { funder { name } totals { amount } } cliff { firstShortDay } } }`,
		"attention": `query($p: ID) { attention(programmeID: $p) { kind due title action { title } commitment { title } } }`,
		"ledger":    `query($p: ID) { commitmentLedger(filter: {programmeID: $p}, first: 50) { totalCount edges { node { title amount organisation { name } beneficiary { name } } } } }`,
	}
	w.consultantA.MustDo(`{ viewer { isAdmin } }`, nil, nil) // the token's first use is recorded once
	measure := func() map[string]int64 {
		out := map[string]int64{}
		for name, q := range queries {
			w.consultantA.Counter.Reset()
			w.consultantA.MustDo(q, map[string]any{"p": w.progA.ID}, nil)
			out[name] = w.consultantA.Counter.Count()
		}
		return out
	}
	grow(3)
	small := measure()
	grow(30)
	large := measure()
	for name := range queries {
		if large[name] != small[name] {
			t.Errorf("%s: %d queries with 3 organisations, %d with 33", name, small[name], large[name])
		}
	}
	t.Logf("queries per request (incl. auth): %v", large)

	// And the numbers are right: 33 housing orgs each with one attended
	// workshop and one agreed commitment; the charity owns 33 overdue actions.
	var sc struct {
		Scorecards struct {
			TotalCount int
			NextCursor *string
			Items      []struct {
				Organisation   struct{ Name string }
				ActionsOverdue int
				AttendanceRate *float64
			}
		}
	}
	w.consultantA.MustDo(queries["scorecards"], map[string]any{"p": w.progA.ID}, &sc)
	if sc.Scorecards.TotalCount != 34 || sc.Scorecards.Items[0].Organisation.Name != "Northgate Mind" || sc.Scorecards.Items[0].ActionsOverdue != 33 ||
		sc.Scorecards.Items[1].AttendanceRate == nil || *sc.Scorecards.Items[1].AttendanceRate != 1 || sc.Scorecards.NextCursor == nil {
		t.Errorf("scorecards = %+v", sc.Scorecards)
	}
	var next struct {
		Scorecards struct {
			Items []struct{ Organisation struct{ Name string } }
		}
	}
	w.consultantA.MustDo(`query($a: String) { scorecards(first: 5, after: $a, filter: {sector: HOUSING}) { items { organisation { name } } } }`, map[string]any{"a": *sc.Scorecards.NextCursor}, &next)
	if len(next.Scorecards.Items) != 5 || next.Scorecards.Items[0].Organisation.Name != "Org 005" {
		t.Errorf("page 2 = %+v", next.Scorecards.Items)
	}
	var net struct {
		PartnershipNetwork struct {
			Nodes []struct{ Commitments, Actions int }
			Edges []struct {
				Kind   string
				Weight int
			}
		}
	}
	w.consultantA.MustDo(queries["network"], map[string]any{"p": w.progA.ID}, &net)
	kinds := map[string]int{}
	for _, e := range net.PartnershipNetwork.Edges {
		kinds[e.Kind] += e.Weight
	}
	if len(net.PartnershipNetwork.Nodes) != 34 || kinds["COMMITMENT"] != 33 || kinds["SHARED_ACTION"] != 33 {
		t.Errorf("network: %d nodes, weights %v", len(net.PartnershipNetwork.Nodes), kinds)
	}
	// A member sees no programme-wide dashboard rows beyond their own actions.
	var mine struct {
		Scorecards struct {
			Items []struct{ ActionsOverdue int }
		}
	}
	w.member.MustDo(`{ scorecards(filter: {organisationIDs: [`+strconv.Itoa(w.charity.ID)+`]}) { items { actionsOverdue } } }`, nil, &mine)
	if len(mine.Scorecards.Items) != 1 || mine.Scorecards.Items[0].ActionsOverdue != 0 {
		t.Errorf("member scorecard = %+v", mine)
	}
}

// Action.arisesAt and Commitment.history are computed per item; the
// per-request loaders (actions_loaders.go) batch them, so a list of 30
// costs the same statements as a list of 3.
func TestArisesAtAndHistoryQueryCountsDoNotGrow(t *testing.T) {
	w := buildLedgerWorld(t)
	ctx, c := w.api.Ctx(), w.api.Client()
	loc, _ := time.LoadLocation("Europe/London")
	made := 0
	grow := func(n int) {
		for range n {
			i := made
			made++
			// Each action comes from its own weekly series, started i+1
			// weeks ago, recorded at that series' first occurrence.
			y, m, d := time.Now().In(loc).AddDate(0, 0, -7*(i+1)).Date()
			start := time.Date(y, m, d, 14, 0, 0, 0, loc)
			ev := c.Event.Create().SetProgramme(w.progA).SetKind("FORUM").SetTitle(fmt.Sprintf("Series %d", i)).SetTimeZone("Europe/London").
				SetStartsAt(start).SetEndsAt(start.Add(time.Hour)).SetRrule("FREQ=WEEKLY").SaveX(ctx)
			c.ActionItem.Create().SetProgrammeID(w.progA.ID).SetTitle(fmt.Sprintf("Action %03d", i)).SetEventID(ev.ID).SetOccurrenceStart(start.UTC()).ExecX(ctx)
			cm := c.Commitment.Create().SetProgrammeID(w.progA.ID).SetOrganisation(w.funder).SetBeneficiary(w.charity).SetKind("STAFF_TIME").
				SetTitle(fmt.Sprintf("Time %03d", i)).SetStartsOn(time.Now()).SaveX(ctx)
			c.Commitment.UpdateOne(cm).SetStatus("AGREED").ExecX(ctx)
		}
	}
	const board = `query($p: ID) { actionBoard(filter: {programmeID: $p}, first: 100, orderBy: {field: TITLE}) { edges { node { title arisesAt } } } }`
	const ledger = `query($p: ID) { commitmentLedger(filter: {programmeID: $p}, first: 100) { edges { node { title history { id operation } } } } }`
	type boardResult struct {
		ActionBoard struct {
			Edges []struct {
				Node struct {
					Title    string
					ArisesAt *time.Time
				}
			}
		}
	}
	type ledgerResult struct {
		CommitmentLedger struct {
			Edges []struct {
				Node struct {
					Title   string
					History []struct{ ID, Operation string }
				}
			}
		}
	}
	w.consultantA.MustDo(`{ viewer { isAdmin } }`, nil, nil) // the token's first use is recorded once
	measure := func() (int64, int64, boardResult, ledgerResult) {
		var b boardResult
		var l ledgerResult
		w.consultantA.Counter.Reset()
		w.consultantA.MustDo(board, map[string]any{"p": w.progA.ID}, &b)
		nb := w.consultantA.Counter.Count()
		w.consultantA.Counter.Reset()
		w.consultantA.MustDo(ledger, map[string]any{"p": w.progA.ID}, &l)
		return nb, w.consultantA.Counter.Count(), b, l
	}
	grow(3)
	smallBoard, smallLedger, b, l := measure()
	if len(b.ActionBoard.Edges) != 3 || len(l.CommitmentLedger.Edges) != 3 {
		t.Fatalf("3 items expected: %+v %+v", b, l)
	}
	grow(27)
	largeBoard, largeLedger, b, l := measure()
	if largeBoard != smallBoard || largeLedger != smallLedger {
		t.Errorf("actionBoard with arisesAt: %d statements for 3, %d for 30; commitmentLedger with history: %d for 3, %d for 30",
			smallBoard, largeBoard, smallLedger, largeLedger)
	}
	t.Logf("statements per request (incl. auth): actionBoard+arisesAt %d, commitmentLedger+history %d", largeBoard, largeLedger)

	// The batched values are the right ones: action i was recorded at the
	// first occurrence of a series started i+1 weeks ago, so it arises a
	// week later; each commitment was created then agreed.
	if len(b.ActionBoard.Edges) != 30 || len(l.CommitmentLedger.Edges) != 30 {
		t.Fatalf("30 items expected: %d actions, %d commitments", len(b.ActionBoard.Edges), len(l.CommitmentLedger.Edges))
	}
	for _, e := range b.ActionBoard.Edges {
		var i int
		fmt.Sscanf(e.Node.Title, "Action %d", &i)
		y, m, d := time.Now().In(loc).AddDate(0, 0, -7*(i+1)+7).Date()
		want := time.Date(y, m, d, 14, 0, 0, 0, loc)
		if e.Node.ArisesAt == nil || !e.Node.ArisesAt.Equal(want) {
			t.Errorf("%s arises at %v, want %v", e.Node.Title, e.Node.ArisesAt, want)
		}
	}
	for _, e := range l.CommitmentLedger.Edges {
		if h := e.Node.History; len(h) != 2 || h[0].ID == h[1].ID {
			t.Errorf("%s history = %+v", e.Node.Title, h)
		}
	}
}

// The scorecard's attendance counts recurring series per occurrence: an
// accepted invitation to a weekly series expects the person at each of its
// occurrences that has ended; an invitation to one occurrence at that one.
func TestScorecardAttendanceCountsSeriesOccurrences(t *testing.T) {
	w := buildLedgerWorld(t)
	ctx, c := w.api.Ctx(), w.api.Client()
	loc, _ := time.LoadLocation("Europe/London")
	orgX := c.Organisation.Create().SetName("Riverside Housing").SetSector("HOUSING").SaveX(ctx)
	orgY := c.Organisation.Create().SetName("Probation North").SetSector("CRIMINAL_JUSTICE").SaveX(ctx)
	member := func(name string, org *ent.Organisation) *ent.Person {
		p := c.Person.Create().SetName(name).SaveX(ctx)
		c.Membership.Create().SetPerson(p).SetOrganisation(org).ExecX(ctx)
		return p
	}
	x1, x2, x3 := member("Xena", orgX), member("Xavier", orgX), member("Xiu", orgX)
	y1, y2 := member("Yusuf", orgY), member("Yara", orgY)

	// Weekly, an hour at 10:00 London, first 15 days ago: occurrences 15, 8
	// and 1 days ago have ended, the next is in 6 days.
	y, m, d := time.Now().In(loc).AddDate(0, 0, -15).Date()
	start := time.Date(y, m, d, 10, 0, 0, 0, loc)
	series := c.Event.Create().SetProgramme(w.progA).SetKind("FORUM").SetTitle("Housing forum").SetTimeZone("Europe/London").
		SetStartsAt(start).SetEndsAt(start.Add(time.Hour)).SetRrule("FREQ=WEEKLY").SaveX(ctx)
	occ := func(i int) time.Time {
		y, m, d := start.AddDate(0, 0, 7*i).Date()
		return time.Date(y, m, d, 10, 0, 0, 0, loc).UTC()
	}
	// Org X: two members accepted the series (2 × 3 expected), one declined.
	c.Invitation.Create().SetEvent(series).SetPerson(x1).SetResponse("ACCEPTED").ExecX(ctx)
	c.Invitation.Create().SetEvent(series).SetPerson(x2).SetResponse("ACCEPTED").ExecX(ctx)
	c.Invitation.Create().SetEvent(series).SetPerson(x3).SetResponse("DECLINED").ExecX(ctx)
	// Four records in the room; an ABSENT one does not count.
	for i := range 3 {
		c.Attendance.Create().SetEvent(series).SetPerson(x1).SetOccurrenceStart(occ(i)).ExecX(ctx)
	}
	c.Attendance.Create().SetEvent(series).SetPerson(x2).SetOccurrenceStart(occ(0)).SetStatus("LATE").ExecX(ctx)
	c.Attendance.Create().SetEvent(series).SetPerson(x2).SetOccurrenceStart(occ(1)).SetStatus("ABSENT").ExecX(ctx)
	// Org Y: one member invited to the second occurrence only (accepted, did
	// not come), one to a one-off workshop that has ended (accepted, came),
	// and an accepted invitation to a workshop that has not ended yet.
	c.Invitation.Create().SetEvent(series).SetPerson(y1).SetOccurrenceStart(occ(1)).SetResponse("ACCEPTED").ExecX(ctx)
	ws := c.Event.Create().SetProgramme(w.progA).SetKind("WORKSHOP").SetTitle("Workshop").
		SetStartsAt(time.Now().Add(-72 * time.Hour)).SetEndsAt(time.Now().Add(-70 * time.Hour)).SaveX(ctx)
	c.Invitation.Create().SetEvent(ws).SetPerson(y2).SetResponse("ACCEPTED").ExecX(ctx)
	c.Attendance.Create().SetEvent(ws).SetPerson(y2).SetOccurrenceStart(ws.StartsAt).ExecX(ctx)
	running := c.Event.Create().SetProgramme(w.progA).SetKind("WORKSHOP").SetTitle("Running now").
		SetStartsAt(time.Now().Add(-time.Hour)).SetEndsAt(time.Now().Add(time.Hour)).SaveX(ctx)
	c.Invitation.Create().SetEvent(running).SetPerson(y2).SetResponse("ACCEPTED").ExecX(ctx)

	type card struct {
		Organisation       struct{ Name string }
		Attended, Expected int
		AttendanceRate     *float64
	}
	var res struct {
		Scorecards struct{ Items []card }
	}
	q := `query($ids: [ID!]) { scorecards(filter: {organisationIDs: $ids}, orderBy: {field: ATTENDANCE_RATE, direction: DESC}) {
	  items { organisation { name } attended expected attendanceRate } } }`
	w.consultantA.MustDo(q, map[string]any{"ids": []int{orgX.ID, orgY.ID}}, &res)
	items := res.Scorecards.Items
	if len(items) != 2 {
		t.Fatalf("scorecards = %+v", items)
	}
	// Y: 1 of 2 = 0.5; X: 4 of 6 ≈ 0.67, so X comes first.
	x, yc := items[0], items[1]
	if x.Organisation.Name != "Riverside Housing" || x.Attended != 4 || x.Expected != 6 || x.AttendanceRate == nil || *x.AttendanceRate != 4.0/6.0 {
		t.Errorf("org X = %+v (rate %v), want 4/6", x, deref(x.AttendanceRate))
	}
	if yc.Organisation.Name != "Probation North" || yc.Attended != 1 || yc.Expected != 2 || yc.AttendanceRate == nil || *yc.AttendanceRate != 0.5 {
		t.Errorf("org Y = %+v (rate %v), want 1/2", yc, deref(yc.AttendanceRate))
	}
	// A member of the organisation (not an organiser or consultant) sees no
	// attendance figures: they come from the programme's attendance sheets.
	var mine struct {
		Scorecards struct{ Items []card }
	}
	w.api.As(x1.ID).MustDo(q, map[string]any{"ids": []int{orgX.ID}}, &mine)
	if len(mine.Scorecards.Items) != 1 || mine.Scorecards.Items[0].Expected != 0 || mine.Scorecards.Items[0].AttendanceRate != nil {
		t.Errorf("member's scorecard = %+v", mine.Scorecards.Items)
	}
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// Ordered by name, scorecards are ordered and paged by the database
// (case-insensitively) and only the page's organisations are counted: the
// statements per page do not grow with the number of organisations.
func TestScorecardsByNamePagedInTheDatabase(t *testing.T) {
	w := buildLedgerWorld(t)
	ctx, c := w.api.Ctx(), w.api.Client()
	for _, n := range []string{"elder", "Banana", "apple", "Date", "cherry"} {
		o := c.Organisation.Create().SetName(n).SetSector("EDUCATION").SaveX(ctx)
		if n == "cherry" {
			c.ActionItem.Create().SetProgrammeID(w.progA.ID).SetTitle("Lend a room").SetOwnerOrganisation(o).ExecX(ctx)
		}
	}
	type page struct {
		Scorecards struct {
			TotalCount int
			NextCursor *string
			Items      []struct {
				Organisation struct{ Name string }
				ActionsOpen  int
			}
		}
	}
	const q = `query($a: String, $d: OrderDirection!) { scorecards(filter: {sector: EDUCATION}, orderBy: {field: NAME, direction: $d}, first: 2, after: $a) {
	  totalCount nextCursor items { organisation { name } actionsOpen attendanceRate commitmentsByStatus { count } } } }`
	walk := func(dir string) (names []string, open map[string]int) {
		open = map[string]int{}
		var after any
		for range 5 {
			var p page
			w.consultantA.MustDo(q, map[string]any{"a": after, "d": dir}, &p)
			if p.Scorecards.TotalCount != 5 {
				t.Errorf("totalCount = %d", p.Scorecards.TotalCount)
			}
			for _, it := range p.Scorecards.Items {
				names = append(names, it.Organisation.Name)
				open[it.Organisation.Name] = it.ActionsOpen
			}
			if p.Scorecards.NextCursor == nil {
				return names, open
			}
			after = *p.Scorecards.NextCursor
		}
		t.Fatalf("more pages than expected: %v", names)
		return nil, nil
	}
	names, open := walk("ASC")
	if strings.Join(names, ",") != "apple,Banana,cherry,Date,elder" || open["cherry"] != 1 || open["apple"] != 0 {
		t.Errorf("ascending = %v, open = %v", names, open)
	}
	if names, _ := walk("DESC"); strings.Join(names, ",") != "elder,Date,cherry,Banana,apple" {
		t.Errorf("descending = %v", names)
	}

	w.consultantA.MustDo(`{ viewer { isAdmin } }`, nil, nil) // the token's first use is recorded once
	measure := func() int64 {
		w.consultantA.Counter.Reset()
		w.consultantA.MustDo(q, map[string]any{"a": nil, "d": "ASC"}, nil)
		return w.consultantA.Counter.Count()
	}
	small := measure()
	for i := range 30 {
		o := c.Organisation.Create().SetName(fmt.Sprintf("School %02d", i)).SetSector("EDUCATION").SaveX(ctx)
		c.ActionItem.Create().SetProgrammeID(w.progA.ID).SetTitle("Host").SetOwnerOrganisation(o).ExecX(ctx)
	}
	if large := measure(); large != small {
		t.Errorf("a page by name: %d statements with 5 organisations, %d with 35", small, large)
	} else {
		t.Logf("statements per page by name (incl. auth): %d", large)
	}
}
