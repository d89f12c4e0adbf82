package seed

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	_ "time/tzdata" // Europe/London on hosts without zoneinfo

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
	"github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/commitment"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/migrations"
	"github.com/convene/convene/internal/recurrence"
	"github.com/convene/convene/internal/testutil"
	"github.com/convene/convene/internal/viewer"
)

// sys reads as the system: privacy rules would otherwise hide everything
// from a context without a viewer.
func sys() context.Context { return viewer.SystemContext(context.Background()) }

// must unwraps a query result in the checks below; a failing query is a
// broken test database, so it panics (failing the test with a stack)
// rather than threading t through every expression.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// rowCounts counts every table the seeders write (and the audit log).
func rowCounts(t testing.TB, c *ent.Client) map[string]int {
	t.Helper()
	ctx := sys()
	return map[string]int{
		"organisations":   must(c.Organisation.Query().Count(ctx)),
		"people":          must(c.Person.Query().Count(ctx)),
		"memberships":     must(c.Membership.Query().Count(ctx)),
		"programmes":      must(c.Programme.Query().Count(ctx)),
		"programme roles": must(c.ProgrammeRole.Query().Count(ctx)),
		"events":          must(c.Event.Query().Count(ctx)),
		"invitations":     must(c.Invitation.Query().Count(ctx)),
		"attendances":     must(c.Attendance.Query().Count(ctx)),
		"actions":         must(c.ActionItem.Query().Count(ctx)),
		"action updates":  must(c.ActionUpdate.Query().Count(ctx)),
		"commitments":     must(c.Commitment.Query().Count(ctx)),
		"audit entries":   must(c.AuditEntry.Query().Count(ctx)),
	}
}

func sameCounts(t *testing.T, what string, got, want map[string]int) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %s = %d, want %d", what, k, got[k], w)
		}
	}
}

func seriesOf(e *ent.Event) recurrence.Series {
	return recurrence.Series{Start: e.StartsAt, End: e.EndsAt, TimeZone: e.TimeZone, AllDay: e.AllDay, RRule: e.Rrule}
}

// TestDemo loads the demo at several moments, including either side of the
// clock changes and when London is already in the next month, checks the
// story it tells, and that loading it again changes nothing.
func TestDemo(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, 3, 18, 9, 30, 0, 0, time.UTC),  // before BST starts
		time.Date(2026, 10, 26, 0, 30, 0, 0, time.UTC), // the day after BST ends
		time.Date(2026, 7, 31, 23, 30, 0, 0, time.UTC), // already 1 August in London
		time.Date(2028, 2, 29, 12, 0, 0, 0, time.UTC),  // leap day
		time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),    // new year
	} {
		t.Run(now.Format("2006-01-02T15:04"), func(t *testing.T) { checkDemo(t, now) })
	}
}

func checkDemo(t *testing.T, now time.Time) {
	db := testutil.Open(t)
	c := db.Client
	res, err := Demo(context.Background(), c, now)
	if err != nil {
		t.Fatalf("Demo: %v", err)
	}
	if !res.Created || res.ProgrammeID == 0 {
		t.Fatalf("first load: %+v", res)
	}
	counts := rowCounts(t, c)
	sameCounts(t, "database vs result", counts, map[string]int{
		"organisations": res.Organisations, "people": res.People, "memberships": res.Memberships,
		"programmes": 1, "programme roles": res.ProgrammeRoles, "events": res.Events,
		"invitations": res.Invitations, "attendances": res.Attendances, "actions": res.Actions,
		"action updates": res.ActionUpdates, "commitments": res.Commitments,
	})
	if res.Organisations < 14 || res.People < 55 || res.Events != 5 || res.Actions < 10 || res.Commitments < 8 {
		t.Errorf("demo smaller than promised: %+v", res)
	}
	if counts["audit entries"] == 0 {
		t.Error("the demo should be in the audit log")
	}

	checkDemoDirectory(t, c, res)
	forum, workshops := checkDemoEvents(t, c, res, now)
	checkDemoInvitations(t, c, now, append([]*ent.Event{forum}, workshops...))
	checkDemoAttendance(t, c, now, forum)
	checkDemoActions(t, c, now)
	checkDemoCommitments(t, c, now)

	// Loading again, even a day later, finds the programme and stops.
	again, err := Demo(context.Background(), c, now.Add(24*time.Hour))
	if err != nil {
		t.Fatalf("second Demo: %v", err)
	}
	if again.Created || again.ProgrammeID != res.ProgrammeID || again.People != 0 || again.Accounts != res.Accounts {
		t.Errorf("second load: %+v", again)
	}
	sameCounts(t, "after second load", rowCounts(t, c), counts)
}

func checkDemoDirectory(t *testing.T, c *ent.Client, res *DemoResult) {
	t.Helper()
	ctx := sys()
	p := must(c.Programme.Get(ctx, res.ProgrammeID))
	if p.Slug != DemoSlug || !p.Public || p.TimeZone != "Europe/London" || p.FundingThreshold == nil ||
		!p.FundingThreshold.Equal(decimal.NewFromInt(50000)) || p.ReportingCurrency != "GBP" {
		t.Errorf("programme: %+v", p)
	}

	sectors := map[organisation.Sector]bool{}
	for _, o := range must(c.Organisation.Query().All(ctx)) {
		sectors[o.Sector] = true
		if o.ContactEmail == "" || o.ContactName == "" {
			t.Errorf("organisation %q has no contact", o.Name)
		}
	}
	if len(sectors) != 10 {
		t.Errorf("sectors covered: %v", sectors)
	}

	people := must(c.Person.Query().WithMemberships().All(ctx))
	groups := map[person.StakeholderGroup]int{}
	var livedNoEmail, livedAccess int
	for _, p := range people {
		groups[*p.StakeholderGroup]++
		if *p.StakeholderGroup == person.StakeholderGroupLIVED_EXPERIENCE {
			if p.Email == nil {
				livedNoEmail++
			}
			if p.AccessNeeds != "" {
				livedAccess++
			}
		}
	}
	if groups[person.StakeholderGroupLIVED_EXPERIENCE] < 12 || len(groups) != 6 {
		t.Errorf("stakeholder groups: %v", groups)
	}
	if livedNoEmail < 3 || livedAccess < 4 {
		t.Errorf("lived experience: %d without email, %d with access needs", livedNoEmail, livedAccess)
	}

	account := func(email string) *ent.Person {
		t.Helper()
		p, err := c.Person.Query().Where(person.Email(email)).WithProgrammeRoles().WithMemberships().Only(ctx)
		if err != nil {
			t.Fatalf("account %s: %v", email, err)
		}
		return p
	}
	hasRole := func(p *ent.Person, r programmerole.Role) bool {
		for _, pr := range p.Edges.ProgrammeRoles {
			if pr.ProgrammeID == res.ProgrammeID && pr.Role == r {
				return true
			}
		}
		return false
	}
	if p := account(res.Accounts.Organiser); !hasRole(p, programmerole.RoleORGANISER) {
		t.Error("organiser account is not an ORGANISER of the programme")
	}
	if p := account(res.Accounts.Consultant); !hasRole(p, programmerole.RoleCONSULTANT) || *p.StakeholderGroup != person.StakeholderGroupCONSULTANT {
		t.Error("consultant account is not a CONSULTANT of the programme")
	}
	att := account(res.Accounts.Attendee)
	if *att.StakeholderGroup != person.StakeholderGroupLIVED_EXPERIENCE || len(att.Edges.Memberships) != 1 || len(att.Edges.ProgrammeRoles) != 0 {
		t.Errorf("attendee account: %+v", att)
	} else if o := must(c.Organisation.Get(ctx, att.Edges.Memberships[0].OrganisationID)); o.Sector != organisation.SectorVOLUNTARY {
		t.Errorf("attendee belongs to %q", o.Name)
	}
	if a := account(res.Accounts.Admin); !a.IsAdmin {
		t.Error("admin account is not an admin")
	}
	if n := must(c.Person.Query().Where(person.IsAdmin(true)).Count(ctx)); n != 1 {
		t.Errorf("%d admins", n)
	}
}

func checkDemoEvents(t *testing.T, c *ent.Client, res *DemoResult, now time.Time) (forum *ent.Event, workshops []*ent.Event) {
	t.Helper()
	ctx := sys()
	london, _ := time.LoadLocation("Europe/London")
	for _, e := range must(c.Event.Query().Where(event.ProgrammeID(res.ProgrammeID)).All(ctx)) {
		if err := recurrence.Validate(seriesOf(e)); err != nil {
			t.Errorf("event %q is not a valid series: %v", e.Title, err)
		}
		if e.TimeZone != "Europe/London" || e.UID == "" {
			t.Errorf("event %q: zone %q uid %q", e.Title, e.TimeZone, e.UID)
		}
		switch e.Kind {
		case event.KindFORUM:
			forum = e
		case event.KindWORKSHOP:
			workshops = append(workshops, e)
		}
	}
	if forum == nil || len(workshops) != 4 {
		t.Fatalf("forum %v, %d workshops", forum, len(workshops))
	}
	start, end := forum.StartsAt.In(london), forum.EndsAt.In(london)
	if start.Hour() != 10 || start.Minute() != 0 || end.Hour() != 12 || end.Minute() != 30 || start.Weekday() != time.Tuesday {
		t.Errorf("forum runs %s–%s London time", start, end)
	}
	if ago := now.Sub(forum.StartsAt); ago < 90*24*time.Hour || ago > 150*24*time.Hour {
		t.Errorf("forum began %s before now", ago)
	}
	occ := must(recurrence.Expand(seriesOf(forum), forum.StartsAt, forum.StartsAt.AddDate(2, 0, 0)))
	if len(occ) != forumOccurrences {
		t.Errorf("forum has %d occurrences", len(occ))
	}
	for _, o := range occ {
		if l := o.Start.In(london); l.Hour() != 10 || l.Weekday() != time.Tuesday || l.Day() < 8 || l.Day() > 14 {
			t.Errorf("occurrence %s is not the second Tuesday at 10:00", l)
		}
	}
	var past, future, online int
	for _, w := range workshops {
		if w.Capacity == nil || *w.Capacity < 20 {
			t.Errorf("workshop %q capacity %v", w.Title, w.Capacity)
		}
		if w.StartsAt.Before(now) {
			past++
		} else {
			future++
		}
		switch {
		case w.OnlineURL != "":
			online++
		case w.VenueName == "" || w.VenueAddress == "" || w.VenueAccess == "":
			t.Errorf("workshop %q has no venue details", w.Title)
		}
	}
	if past != 2 || future != 2 || online != 1 {
		t.Errorf("workshops: %d past, %d future, %d online", past, future, online)
	}
	return forum, workshops
}

func checkDemoInvitations(t *testing.T, c *ent.Client, now time.Time, events []*ent.Event) {
	t.Helper()
	ctx := sys()
	capacity := map[int]int{}
	for _, e := range events {
		if e.Capacity != nil {
			capacity[e.ID] = *e.Capacity
		}
	}
	responses := map[invitation.Response]int{}
	accepted := map[int]int{}
	waitPositions := map[int64]bool{}
	var occurrenceOnly int
	for _, inv := range must(c.Invitation.Query().All(ctx)) {
		responses[inv.Response]++
		if inv.Response == invitation.ResponseACCEPTED {
			accepted[inv.EventID]++
		}
		if (inv.Response == invitation.ResponsePENDING) != (inv.RespondedAt == nil) {
			t.Errorf("invitation %d: %s responded at %v", inv.ID, inv.Response, inv.RespondedAt)
		}
		if inv.RespondedAt != nil && (inv.RespondedAt.After(now) || inv.RespondedAt.Before(inv.CreatedAt)) {
			t.Errorf("invitation %d invited %s, answered %s (now %s)", inv.ID, inv.CreatedAt, inv.RespondedAt, now)
		}
		if (inv.Response == invitation.ResponseWAITLISTED) != (inv.WaitlistPosition != nil) {
			t.Errorf("invitation %d: %s at waitlist position %v", inv.ID, inv.Response, inv.WaitlistPosition)
		} else if inv.WaitlistPosition != nil {
			waitPositions[*inv.WaitlistPosition] = true
		}
		if inv.OccurrenceStart != nil {
			occurrenceOnly++
			if inv.ScopeKey == "" {
				t.Errorf("occurrence invitation %d has no scope key", inv.ID)
			}
		}
	}
	for _, r := range []invitation.Response{
		invitation.ResponsePENDING, invitation.ResponseACCEPTED, invitation.ResponseTENTATIVE,
		invitation.ResponseDECLINED, invitation.ResponseWAITLISTED,
	} {
		if responses[r] == 0 {
			t.Errorf("no %s invitations: %v", r, responses)
		}
	}
	if !waitPositions[1] || !waitPositions[2] {
		t.Errorf("waitlist positions %v", waitPositions)
	}
	for id, n := range accepted {
		if limit, ok := capacity[id]; ok && n > limit {
			t.Errorf("event %d: %d accepted, capacity %d", id, n, limit)
		}
	}
	if occurrenceOnly != 1 {
		t.Errorf("%d occurrence invitations", occurrenceOnly)
	}
}

func checkDemoAttendance(t *testing.T, c *ent.Client, now time.Time, forum *ent.Event) {
	t.Helper()
	ctx := sys()
	statuses := map[attendance.Status]int{}
	var walkIns, deputies int
	for _, a := range must(c.Attendance.Query().WithEvent().All(ctx)) {
		statuses[a.Status]++
		if !a.OccurrenceStart.Before(now) {
			t.Errorf("attendance at a future meeting %s", a.OccurrenceStart)
		}
		if !recurrence.Contains(seriesOf(a.Edges.Event), a.OccurrenceStart) {
			t.Errorf("attendance at %s, not an occurrence of %q", a.OccurrenceStart, a.Edges.Event.Title)
		}
		if a.WalkIn {
			walkIns++
		}
		if a.Status == attendance.StatusDEPUTY {
			deputies++
			if a.DeputyID == nil {
				t.Error("DEPUTY without a deputy")
			}
		}
		checkedIn := a.Status != attendance.StatusAPOLOGIES
		if checkedIn != (a.CheckedInAt != nil) {
			t.Errorf("%s checked in at %v", a.Status, a.CheckedInAt)
		}
		if a.Method == attendance.MethodDOOR && checkedIn && a.CheckedInByID == nil {
			t.Error("door check-in by nobody")
		}
	}
	for _, s := range []attendance.Status{attendance.StatusPRESENT, attendance.StatusLATE, attendance.StatusAPOLOGIES, attendance.StatusDEPUTY} {
		if statuses[s] == 0 {
			t.Errorf("no %s attendance: %v", s, statuses)
		}
	}
	if walkIns != 1 || deputies != 1 {
		t.Errorf("%d walk-ins, %d deputies", walkIns, deputies)
	}
	held := must(c.Attendance.Query().Where(attendance.EventID(forum.ID)).GroupBy(attendance.FieldOccurrenceStart).Strings(ctx))
	if len(held) < 4 {
		t.Errorf("attendance at %d forums, want every past one (at least 4)", len(held))
	}
}

func checkDemoActions(t *testing.T, c *ent.Client, now time.Time) {
	t.Helper()
	ctx := sys()
	var overdue, done int
	for _, a := range must(c.ActionItem.Query().WithUpdates().WithEvent().All(ctx)) {
		if a.DueDate == nil || (a.OwnerPersonID == nil && a.OwnerOrganisationID == nil) || a.EventID == nil || a.OccurrenceStart == nil {
			t.Errorf("action %q: incomplete %+v", a.Title, a)
			continue
		}
		if !recurrence.Contains(seriesOf(a.Edges.Event), *a.OccurrenceStart) || !a.OccurrenceStart.Before(now) {
			t.Errorf("action %q from %s: not a past meeting", a.Title, a.OccurrenceStart)
		}
		if n := len(a.Edges.Updates); n < 1 || n > 2 {
			t.Errorf("action %q has %d updates", a.Title, n)
		}
		for _, u := range a.Edges.Updates {
			if u.CreatedAt.After(now) || u.CreatedAt.Before(a.CreatedAt) {
				t.Errorf("action %q updated at %s (created %s)", a.Title, u.CreatedAt, a.CreatedAt)
			}
		}
		if a.DueDate.Before(now) && (a.Status == actionitem.StatusOPEN || a.Status == actionitem.StatusIN_PROGRESS) {
			overdue++
		}
		if (a.Status == actionitem.StatusDONE) != (a.CompletedAt != nil) {
			t.Errorf("action %q: %s completed at %v", a.Title, a.Status, a.CompletedAt)
		}
		if a.Status == actionitem.StatusDONE {
			done++
			// Completed when its last update said so, not when the demo loaded.
			last := a.Edges.Updates[len(a.Edges.Updates)-1].CreatedAt
			for _, u := range a.Edges.Updates {
				last = maxTime(last, u.CreatedAt)
			}
			if !a.CompletedAt.Equal(last) {
				t.Errorf("action %q completed at %s, last update %s", a.Title, a.CompletedAt, last)
			}
		}
	}
	if overdue < 2 || done < 2 {
		t.Errorf("%d overdue and %d done actions", overdue, done)
	}
}

func checkDemoCommitments(t *testing.T, c *ent.Client, now time.Time) {
	t.Helper()
	ctx := sys()
	kinds := map[commitment.Kind]bool{}
	statuses := map[commitment.Status]bool{}
	var cliffs, linked int
	for _, cm := range must(c.Commitment.Query().WithActions().All(ctx)) {
		kinds[cm.Kind], statuses[cm.Status] = true, true
		if len(cm.Edges.Actions) > 0 {
			linked++
		}
		switch cm.Kind {
		case commitment.KindFUNDING:
			if cm.Amount == nil || !cm.Amount.IsPositive() || cm.Currency != "GBP" {
				t.Errorf("funding %q: %v %q", cm.Title, cm.Amount, cm.Currency)
			}
			if cm.Status == commitment.StatusAGREED && cm.EndsOn != nil && cm.EndsOn.After(now) && cm.EndsOn.Before(now.AddDate(0, 0, 60)) {
				cliffs++
			}
		case commitment.KindSTAFF_TIME:
			if cm.Hours == nil || cm.HoursPeriod == nil {
				t.Errorf("staff time %q without hours", cm.Title)
			}
		}
	}
	if cliffs != 1 {
		t.Errorf("%d agreed funding commitments end within 60 days, want exactly 1", cliffs)
	}
	for _, k := range []commitment.Kind{commitment.KindFUNDING, commitment.KindSTAFF_TIME, commitment.KindREFERRAL_PATHWAY, commitment.KindDATA_SHARING, commitment.KindVENUE} {
		if !kinds[k] {
			t.Errorf("no %s commitment", k)
		}
	}
	if len(statuses) != 5 || linked < 2 { // PROPOSED to WITHDRAWN: the whole lifecycle
		t.Errorf("statuses %v, %d commitments linked to actions", statuses, linked)
	}
	renewal := must(c.Commitment.Query().Where(commitment.PredecessorIDNotNil()).Only(ctx))
	if renewal.Status != commitment.StatusPROPOSED {
		t.Errorf("the cliff's successor is %s; an agreed successor would remove the risk", renewal.Status)
	}
}

// TestDemoReusesExisting: people and organisations already in the database
// (matched by email and by name) are used, not duplicated.
func TestDemoReusesExisting(t *testing.T) {
	db := testutil.Open(t)
	c, ctx := db.Client, sys()
	admin := must(c.Person.Create().SetName("Site Admin").SetEmail("Admin@Convene.test").Save(ctx))
	mind := must(c.Organisation.Create().SetName("Northgate Mind").SetSector(organisation.SectorVOLUNTARY).Save(ctx))

	res := must(Demo(context.Background(), c, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)))
	if res.People != len(demoPeople)-1 || res.Organisations != len(demoOrgs)-1 {
		t.Errorf("created %d people and %d organisations", res.People, res.Organisations)
	}
	if n := must(c.Person.Query().Where(person.Email(DemoAdminMail)).Count(ctx)); n != 1 {
		t.Errorf("%d admin accounts", n)
	}
	if p := must(c.Person.Get(ctx, admin.ID)); !p.IsAdmin || p.Name != "Site Admin" {
		t.Errorf("existing admin person: %+v", p)
	}
	if n := must(c.Organisation.Query().Where(organisation.Name("Northgate Mind")).Count(ctx)); n != 1 {
		t.Errorf("%d Northgate Minds", n)
	}
	if n := must(c.Membership.Query().Where(membership.OrganisationID(mind.ID)).Count(ctx)); n < 5 {
		t.Errorf("%d members of the existing Northgate Mind", n)
	}
}

// TestDemoConcurrent: two servers starting with --demo at once load it
// once; neither fails.
func TestDemoConcurrent(t *testing.T) {
	db := testutil.Open(t)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	results := make([]*DemoResult, 2)
	errs := make([]error, 2)
	start := make(chan struct{})
	for i := range results {
		wg.Go(func() {
			<-start
			results[i], errs[i] = Demo(context.Background(), db.Client, now)
		})
	}
	close(start)
	wg.Wait()
	created := 0
	for i := range results {
		if errs[i] != nil {
			t.Fatalf("Demo %d: %v", i, errs[i])
		}
		if results[i].Created {
			created++
		}
	}
	if created != 1 {
		t.Errorf("%d loads created the demo", created)
	}
	if n := must(db.Client.Programme.Query().Where(programme.Slug(DemoSlug)).Count(sys())); n != 1 {
		t.Errorf("%d demo programmes", n)
	}
}

var scaleNow = time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC)

// TestScale loads a miniature city (1/100 of N=1, and 1/100 of N=2) and
// checks its counts and invariants.
func TestScale(t *testing.T) {
	for _, n := range []int{1, 2} {
		t.Run(fmt.Sprintf("N=%d", n), func(t *testing.T) {
			db := testutil.Open(t)
			opts := ScaleOptions{N: n, Seed: 42, Fraction: 0.01, Now: scaleNow}
			res, err := ScaleWith(context.Background(), db, opts)
			if err != nil {
				t.Fatalf("ScaleWith: %v", err)
			}
			// 20 programmes × 0.01 rounds to none: there is always one.
			want := ScaleResult{Programmes: 1, Organisations: 2 * n, People: 50 * n, Events: 20 * n, Invitations: 1000 * n, Actions: 200 * n, Commitments: 10 * n}
			if res.Programmes != want.Programmes || res.Organisations != want.Organisations || res.People != want.People ||
				res.Events != want.Events || res.Invitations != want.Invitations || res.Actions != want.Actions || res.Commitments != want.Commitments {
				t.Errorf("got %+v, want %+v", *res, want)
			}
			counts := rowCounts(t, db.Client)
			sameCounts(t, "database vs result", counts, map[string]int{
				"organisations": res.Organisations, "people": res.People, "memberships": res.Memberships,
				"programmes": res.Programmes, "programme roles": res.ProgrammeRoles, "events": res.Events,
				"invitations": res.Invitations, "attendances": res.Attendances, "actions": res.Actions,
				"action updates": res.ActionUpdates, "commitments": res.Commitments,
				"audit entries": 0, // bulk loads skip the audit log
			})
			if res.Memberships == 0 || res.Attendances == 0 || res.ActionUpdates == 0 || res.ProgrammeRoles < 2 {
				t.Errorf("missing rows: %+v", *res)
			}
			checkScaleInvariants(t, db.Client, scaleNow)

			// The same seed again would collide; another seed coexists.
			if _, err := ScaleWith(context.Background(), db, opts); !errors.Is(err, ErrAlreadyScaled) {
				t.Errorf("second load with the same seed: %v", err)
			}
			opts.Seed = 43
			if _, err := ScaleWith(context.Background(), db, opts); err != nil {
				t.Errorf("load with another seed: %v", err)
			}
		})
	}
}

func checkScaleInvariants(t *testing.T, c *ent.Client, now time.Time) {
	t.Helper()
	ctx := sys()
	events := map[int]*ent.Event{}
	var forums int
	for _, e := range must(c.Event.Query().All(ctx)) {
		events[e.ID] = e
		if err := recurrence.Validate(seriesOf(e)); err != nil {
			t.Errorf("event %d (%s): %v", e.ID, e.Rrule, err)
		}
		if e.Kind == event.KindFORUM {
			forums++
		}
	}
	if forums == 0 {
		t.Error("no forums")
	}

	accepted := map[int]int{}
	waitlist := map[int]map[int64]bool{}
	responses := map[invitation.Response]int{}
	for _, inv := range must(c.Invitation.Query().All(ctx)) {
		responses[inv.Response]++
		switch inv.Response {
		case invitation.ResponseACCEPTED:
			accepted[inv.EventID]++
		case invitation.ResponseWAITLISTED:
			if inv.WaitlistPosition == nil || waitlist[inv.EventID][*inv.WaitlistPosition] {
				t.Errorf("invitation %d: bad waitlist position", inv.ID)
			} else {
				if waitlist[inv.EventID] == nil {
					waitlist[inv.EventID] = map[int64]bool{}
				}
				waitlist[inv.EventID][*inv.WaitlistPosition] = true
			}
		}
		if (inv.Response == invitation.ResponsePENDING) != (inv.RespondedAt == nil) {
			t.Errorf("invitation %d: %s responded %v", inv.ID, inv.Response, inv.RespondedAt)
		}
		if inv.RespondedAt != nil && (inv.RespondedAt.After(now) || inv.RespondedAt.Before(inv.CreatedAt)) {
			t.Errorf("invitation %d: invited %s answered %s", inv.ID, inv.CreatedAt, inv.RespondedAt)
		}
		if inv.OccurrenceStart != nil && !recurrence.Contains(seriesOf(events[inv.EventID]), *inv.OccurrenceStart) {
			t.Errorf("invitation %d to a non-occurrence %s", inv.ID, inv.OccurrenceStart)
		}
	}
	for _, r := range []invitation.Response{invitation.ResponsePENDING, invitation.ResponseACCEPTED, invitation.ResponseDECLINED} {
		if responses[r] == 0 {
			t.Errorf("no %s invitations", r)
		}
	}
	for id, n := range accepted {
		if e := events[id]; e.Capacity != nil && n > *e.Capacity {
			t.Errorf("event %d: %d accepted, capacity %d", id, n, *e.Capacity)
		}
	}
	for id, positions := range waitlist {
		if events[id].Capacity == nil || accepted[id] != *events[id].Capacity {
			t.Errorf("event %d has a waitlist but is not full", id)
		}
		for p := int64(1); p <= int64(len(positions)); p++ {
			if !positions[p] {
				t.Errorf("event %d: waitlist positions %v are not 1..n", id, positions)
			}
		}
	}

	for _, a := range must(c.Attendance.Query().All(ctx)) {
		if e := events[a.EventID]; !a.OccurrenceStart.Before(now) || !recurrence.Contains(seriesOf(e), a.OccurrenceStart) || e.Status == event.StatusCANCELLED {
			t.Errorf("attendance %d at %s of event %d", a.ID, a.OccurrenceStart, a.EventID)
		}
	}
	var overdue int
	for _, a := range must(c.ActionItem.Query().All(ctx)) {
		if a.EventID != nil && (a.OccurrenceStart == nil || !recurrence.Contains(seriesOf(events[*a.EventID]), *a.OccurrenceStart)) {
			t.Errorf("action %d from a non-occurrence of event %d", a.ID, *a.EventID)
		}
		if a.DueDate.Before(now) && (a.Status == actionitem.StatusOPEN || a.Status == actionitem.StatusIN_PROGRESS) {
			overdue++
		}
		if (a.Status == actionitem.StatusDONE) != (a.CompletedAt != nil) {
			t.Errorf("action %d: %s completed %v", a.ID, a.Status, a.CompletedAt)
		} else if a.CompletedAt != nil && (a.CompletedAt.After(now) || a.CompletedAt.Before(a.CreatedAt)) {
			t.Errorf("action %d created %s, completed %s", a.ID, a.CreatedAt, a.CompletedAt)
		}
	}
	if overdue == 0 {
		t.Error("no overdue actions")
	}
}

// TestScaleDeterministic: the same options give the same city, whatever
// the statement and transaction sizes (which differ between SQLite and
// PostgreSQL in production).
func TestScaleDeterministic(t *testing.T) {
	base := ScaleOptions{N: 1, Seed: 7, Fraction: 0.02, Now: scaleNow}
	small := base
	small.maxParams, small.txRows = 300, 250 // ~20 rows a statement, many transactions

	var digests []string
	for _, opts := range []ScaleOptions{base, small} {
		db := testutil.Open(t)
		if _, err := ScaleWith(context.Background(), db, opts); err != nil {
			t.Fatal(err)
		}
		digests = append(digests, digest(t, db))
	}
	if digests[0] != digests[1] {
		t.Errorf("same seed, different cities:\n%s\n%s", digests[0], digests[1])
	}

	other := base
	other.Seed = 8
	db := testutil.Open(t)
	if _, err := ScaleWith(context.Background(), db, other); err != nil {
		t.Fatal(err)
	}
	if digest(t, db) == digests[0] {
		t.Error("a different seed gave the same city")
	}
}

// TestScaleSameOnBothDatabases: with CONVENE_TEST_POSTGRES set, the same
// options give the same city on PostgreSQL as on SQLite (whose statements
// hold half as many rows, and whose timestamps keep nanoseconds).
func TestScaleSameOnBothDatabases(t *testing.T) {
	if testutil.PostgresURL() == "" {
		t.Skip("needs PostgreSQL: set " + testutil.PostgresEnv)
	}
	pg := testutil.Open(t)
	lite := must(database.Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "city.db")))
	t.Cleanup(func() { _ = lite.Close() })
	must(migrations.Up(context.Background(), lite))

	opts := ScaleOptions{N: 1, Seed: 9, Fraction: 0.02, Now: scaleNow}
	var digests []string
	for _, db := range []*database.DB{pg, lite} {
		if _, err := ScaleWith(context.Background(), db, opts); err != nil {
			t.Fatalf("%s: %v", db.Dialect, err)
		}
		digests = append(digests, digest(t, db))
	}
	if digests[0] != digests[1] {
		t.Errorf("PostgreSQL and SQLite cities differ: %s vs %s", digests[0], digests[1])
	}
}

// digest hashes what the generator decides (not ids, secrets or
// bookkeeping timestamps), naming rows by stable keys: event UIDs and
// people's names and emails.
func digest(t *testing.T, db *database.DB) string {
	t.Helper()
	c, ctx := db.Client, sys()
	var h hash.Hash = sha256.New()
	// SEED_DIGEST_DUMP=/tmp/city writes what is hashed to /tmp/city.<n>,
	// to diff two cities when digests differ.
	if f := os.Getenv("SEED_DIGEST_DUMP"); f != "" {
		out, err := os.Create(fmt.Sprintf("%s.%d", f, time.Now().UnixNano()))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		h = teeHash{h, out}
	}
	ts := func(t *time.Time) string {
		if t == nil {
			return "-"
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	people := map[int]string{}
	for _, p := range must(c.Person.Query().Order(ent.Asc(person.FieldID)).All(ctx)) {
		key := p.Name
		if p.Email != nil {
			key += "<" + *p.Email + ">"
		}
		people[p.ID] = key
		fmt.Fprintln(h, key, *p.StakeholderGroup, p.AccessNeeds, p.Phone)
	}
	orgs := map[int]string{}
	for _, o := range must(c.Organisation.Query().Order(ent.Asc(organisation.FieldID)).All(ctx)) {
		orgs[o.ID] = o.Name
		fmt.Fprintln(h, o.Name, o.Sector)
	}
	uids := map[int]string{}
	for _, e := range must(c.Event.Query().Order(ent.Asc(event.FieldID)).All(ctx)) {
		uids[e.ID] = e.UID
		fmt.Fprintln(h, e.UID, e.Title, ts(&e.StartsAt), ts(&e.EndsAt), e.Rrule, e.Capacity != nil, e.Status, e.VenueName, e.OnlineURL)
	}
	for _, inv := range must(c.Invitation.Query().Order(ent.Asc(invitation.FieldID)).All(ctx)) {
		fmt.Fprintln(h, uids[inv.EventID], people[inv.PersonID], inv.Role, inv.Response, ts(inv.RespondedAt), inv.WaitlistPosition != nil, ts(inv.OccurrenceStart))
	}
	for _, a := range must(c.Attendance.Query().Order(ent.Asc(attendance.FieldID)).All(ctx)) {
		fmt.Fprintln(h, uids[a.EventID], people[a.PersonID], ts(&a.OccurrenceStart), a.Status, a.Method, a.WalkIn)
	}
	for _, a := range must(c.ActionItem.Query().Order(ent.Asc(actionitem.FieldID)).WithUpdates().All(ctx)) {
		owner := "-"
		if a.OwnerPersonID != nil {
			owner = people[*a.OwnerPersonID]
		}
		if a.OwnerOrganisationID != nil {
			owner += "/" + orgs[*a.OwnerOrganisationID]
		}
		fmt.Fprintln(h, a.Title, owner, ts(a.DueDate), a.Status, a.Progress, ts(a.CompletedAt), len(a.Edges.Updates))
	}
	for _, cm := range must(c.Commitment.Query().Order(ent.Asc(commitment.FieldID)).WithActions().All(ctx)) {
		fmt.Fprintln(h, orgs[cm.OrganisationID], cm.Kind, cm.Title, cm.Amount, cm.Hours, ts(&cm.StartsOn), ts(cm.EndsOn), cm.Status, len(cm.Edges.Actions), cm.PredecessorID != nil)
	}
	return sum(h)
}

type teeHash struct {
	hash.Hash
	w io.Writer
}

func (t teeHash) Write(p []byte) (int, error) {
	_, _ = t.w.Write(p)
	return t.Hash.Write(p)
}

func sum(h hash.Hash) string { return fmt.Sprintf("%x", h.Sum(nil)) }

// BenchmarkScale loads the N=1 city into a fresh database per iteration.
// Run once with: go test -run XXX -bench Scale -benchtime 1x ./internal/seed/
func BenchmarkScale(b *testing.B) {
	if testing.Short() {
		b.Skip("loads 250,000+ rows; skipped with -short")
	}
	var elapsed time.Duration
	var res *ScaleResult
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := testutil.Open(b)
		stages := ""
		opts := ScaleOptions{N: 1, Seed: 1, Progress: func(stage string, rows int, took time.Duration) {
			stages += fmt.Sprintf(" %s=%d(%s)", stage, rows, took.Round(time.Millisecond))
		}}
		b.StartTimer()
		start := time.Now()
		var err error
		if res, err = ScaleWith(context.Background(), db, opts); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
		b.Logf("%s N=1 in %s:%s", db.Dialect, time.Since(start).Round(time.Millisecond), stages)
	}
	rows := res.Organisations + res.People + res.Memberships + res.Programmes + res.ProgrammeRoles + res.Events +
		res.Invitations + res.Attendances + res.Actions + res.ActionUpdates + res.Commitments
	b.ReportMetric(float64(rows)*float64(b.N)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(elapsed.Seconds()/float64(b.N), "s/city")
}
