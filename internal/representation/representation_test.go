package representation_test

import (
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apitest"
)

// city is the hand-built fixture. A weekly forum has met six times
// (occurrences 1..6, oldest first); the next one is in the future.
//
//	person  group             organisations (sector)          series reply
//	Ash     LIVED_EXPERIENCE  Mind (VOLUNTARY)                 ACCEPTED
//	Bea     LIVED_EXPERIENCE  none                             ACCEPTED
//	Cal     FRONTLINE         Police (POLICE)                  DECLINED
//	Dee     FRONTLINE         Mind (VOLUNTARY), NHS (HEALTH)   ACCEPTED
//	Eli     SENIOR_MANAGER    NHS (HEALTH)                     ACCEPTED
//	Fay     COMMISSIONER      Police (POLICE)                  PENDING
//	Gus     SENIOR_MANAGER    NHS (HEALTH)                     not invited
//	Hal     FRONTLINE         NHS (HEALTH)                     withdrawn invitation
//
// Attendance:
//
//	Ash PRESENT at 1, 2, 3, 4
//	Bea APOLOGIES at 5, LATE at 6
//	Dee PRESENT at 2, LEFT_EARLY at 6
//	Eli PRESENT at 1, 3, 5; DEPUTY at 6 with Gus as deputy
//	Hal walk-in PRESENT at 6
//	Cal, Fay: nothing
type city struct {
	api          *apitest.API
	organiser    *apitest.API
	consultant   *apitest.API
	prog         *ent.Programme
	forum        *ent.Event
	starts       []time.Time // the six past occurrences
	people       map[string]*ent.Person
	mind, police *ent.Organisation
	nhs          *ent.Organisation
}

func newCity(t *testing.T) *city {
	t.Helper()
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	w := &city{api: api, people: map[string]*ent.Person{}}
	w.prog = c.Programme.Create().SetName("System change").SetSlug("system-change").SaveX(ctx)
	org := c.Person.Create().SetName("Olive").SaveX(ctx)
	cons := c.Person.Create().SetName("Cai").SaveX(ctx)
	c.ProgrammeRole.Create().SetProgramme(w.prog).SetPerson(org).SetRole("ORGANISER").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(w.prog).SetPerson(cons).SetRole("CONSULTANT").ExecX(ctx)
	w.organiser, w.consultant = api.As(org.ID), api.As(cons.ID)
	w.mind = c.Organisation.Create().SetName("Mind").SetSector(organisation.SectorVOLUNTARY).SaveX(ctx)
	w.nhs = c.Organisation.Create().SetName("NHS Trust").SetSector(organisation.SectorHEALTH).SaveX(ctx)
	w.police = c.Organisation.Create().SetName("Police").SetSector(organisation.SectorPOLICE).SaveX(ctx)
	add := func(name, group string, orgs ...*ent.Organisation) {
		p := c.Person.Create().SetName(name).SetStakeholderGroup(person.StakeholderGroup(group)).SaveX(ctx)
		for _, o := range orgs {
			c.Membership.Create().SetPerson(p).SetOrganisation(o).ExecX(ctx)
		}
		w.people[name] = p
	}
	add("Ash", "LIVED_EXPERIENCE", w.mind)
	add("Bea", "LIVED_EXPERIENCE")
	add("Cal", "FRONTLINE", w.police)
	add("Dee", "FRONTLINE", w.mind, w.nhs)
	add("Eli", "SENIOR_MANAGER", w.nhs)
	add("Fay", "COMMISSIONER", w.police)
	add("Gus", "SENIOR_MANAGER", w.nhs)
	add("Hal", "FRONTLINE", w.nhs)

	first := time.Now().UTC().Truncate(time.Hour).Add(-5*7*24*time.Hour - 24*time.Hour)
	w.forum = c.Event.Create().SetProgramme(w.prog).SetKind("FORUM").SetTitle("City forum").SetTimeZone("UTC").
		SetStartsAt(first).SetEndsAt(first.Add(2 * time.Hour)).SetRrule("FREQ=WEEKLY;COUNT=8").SaveX(ctx)
	for i := range 6 {
		w.starts = append(w.starts, first.Add(time.Duration(i)*7*24*time.Hour))
	}
	for name, resp := range map[string]invitation.Response{"Ash": "ACCEPTED", "Bea": "ACCEPTED", "Cal": "DECLINED", "Dee": "ACCEPTED", "Eli": "ACCEPTED", "Fay": "PENDING", "Hal": "ACCEPTED"} {
		inv := c.Invitation.Create().SetEvent(w.forum).SetPerson(w.people[name]).SetResponse(resp)
		if name == "Hal" {
			inv.SetWithdrawnAt(first)
		}
		inv.ExecX(ctx)
	}
	w.mark("Ash", "PRESENT", 1, 2, 3, 4)
	w.mark("Bea", "APOLOGIES", 5)
	w.mark("Bea", "LATE", 6)
	w.mark("Dee", "PRESENT", 2)
	w.mark("Dee", "LEFT_EARLY", 6)
	w.mark("Eli", "PRESENT", 1, 3, 5)
	c.Attendance.Create().SetEventID(w.forum.ID).SetPerson(w.people["Eli"]).SetOccurrenceStart(w.starts[5]).
		SetStatus("DEPUTY").SetDeputy(w.people["Gus"]).ExecX(ctx)
	c.Attendance.Create().SetEventID(w.forum.ID).SetPerson(w.people["Hal"]).SetOccurrenceStart(w.starts[5]).
		SetStatus("PRESENT").SetWalkIn(true).ExecX(ctx)
	return w
}

func (w *city) mark(name, status string, occurrences ...int) {
	for _, i := range occurrences {
		w.api.Client().Attendance.Create().SetEventID(w.forum.ID).SetPerson(w.people[name]).
			SetOccurrenceStart(w.starts[i-1]).SetStatus("PRESENT").SetStatus(attendanceStatus(status)).ExecX(w.api.Ctx())
	}
}

const breakdownQuery = `query($s: ReportScope!) { representationReport(scope: $s) {
  occurrences { start kind }
  cells { stakeholderGroup sector invited accepted attended }
  missingVoices { stakeholderGroup sector }
  missingGroups missingSectors missingUnaffiliated csvUrl } }`

type cell struct {
	StakeholderGroup string
	Sector           *string
	Invited          int
	Accepted         int
	Attended         int
}

type breakdown struct {
	RepresentationReport struct {
		Occurrences   []struct{ Start time.Time }
		Cells         []cell
		MissingVoices []struct {
			StakeholderGroup string
			Sector           *string
		}
		MissingGroups       []string
		MissingSectors      []string
		MissingUnaffiliated bool
		CsvURL              string
	}
}

func cellsText(cells []cell) []string {
	var out []string
	for _, c := range cells {
		s := "-"
		if c.Sector != nil {
			s = *c.Sector
		}
		out = append(out, fmt.Sprintf("%s/%s %d %d %d", c.StakeholderGroup, s, c.Invited, c.Accepted, c.Attended))
	}
	return out
}

func TestRepresentationBreakdownKnownAnswers(t *testing.T) {
	w := newCity(t)

	// The last forum alone. Bea came (LATE), Dee (LEFT_EARLY), Gus as Eli's
	// deputy, Hal walked in; Ash, Cal, Eli, Fay did not.
	var occ breakdown
	w.consultant.MustDo(breakdownQuery, map[string]any{"s": map[string]any{"eventId": w.forum.ID, "occurrenceStart": w.starts[5]}}, &occ)
	want := []string{
		"COMMISSIONER/POLICE 1 0 0",
		"FRONTLINE/HEALTH 1 1 2", // Dee invited; Dee and Hal came
		"FRONTLINE/POLICE 1 0 0",
		"FRONTLINE/VOLUNTARY 1 1 1",
		"LIVED_EXPERIENCE/- 1 1 1",
		"LIVED_EXPERIENCE/VOLUNTARY 1 1 0",
		"SENIOR_MANAGER/HEALTH 1 1 1", // Eli invited; Gus came in his place
	}
	if got := cellsText(occ.RepresentationReport.Cells); !reflect.DeepEqual(got, want) {
		t.Fatalf("occurrence cells:\n got %q\nwant %q", got, want)
	}
	r := occ.RepresentationReport
	if len(r.Occurrences) != 1 || !reflect.DeepEqual(r.MissingGroups, []string{"COMMISSIONER"}) ||
		!reflect.DeepEqual(r.MissingSectors, []string{"POLICE"}) || r.MissingUnaffiliated || len(r.MissingVoices) != 3 {
		t.Fatalf("occurrence missing voices: %+v", r)
	}

	// The whole series (six occurrences so far, not the future ones).
	var series breakdown
	w.consultant.MustDo(breakdownQuery, map[string]any{"s": map[string]any{"eventId": w.forum.ID}}, &series)
	want = []string{
		"COMMISSIONER/POLICE 1 0 0",
		"FRONTLINE/HEALTH 1 1 2",
		"FRONTLINE/POLICE 1 0 0",
		"FRONTLINE/VOLUNTARY 1 1 1",
		"LIVED_EXPERIENCE/- 1 1 1",
		"LIVED_EXPERIENCE/VOLUNTARY 1 1 1",
		"SENIOR_MANAGER/HEALTH 1 1 2",
	}
	if got := cellsText(series.RepresentationReport.Cells); !reflect.DeepEqual(got, want) {
		t.Fatalf("series cells:\n got %q\nwant %q", got, want)
	}
	if n := len(series.RepresentationReport.Occurrences); n != 6 {
		t.Fatalf("series covers %d occurrences, want 6", n)
	}
	if !reflect.DeepEqual(series.RepresentationReport.MissingSectors, []string{"POLICE"}) ||
		!reflect.DeepEqual(series.RepresentationReport.MissingGroups, []string{"COMMISSIONER"}) {
		t.Fatalf("series missing: %+v", series.RepresentationReport)
	}

	// The programme scope covers the same forum here.
	var prog breakdown
	w.organiser.MustDo(breakdownQuery, map[string]any{"s": map[string]any{"programmeId": w.prog.ID}}, &prog)
	if !reflect.DeepEqual(cellsText(prog.RepresentationReport.Cells), want) {
		t.Fatalf("programme cells: %q", cellsText(prog.RepresentationReport.Cells))
	}
}

func TestOrganisationRatesAndRepeatAttendance(t *testing.T) {
	w := newCity(t)
	q := `query($s: ReportScope!) { organisationAttendanceReport(scope: $s) {
	  organisations { name sector points { invited accepted attended rate } } csvUrl } }`
	var out struct {
		OrganisationAttendanceReport struct {
			Organisations []struct {
				Name, Sector string
				Points       []struct {
					Invited, Accepted, Attended int
					Rate                        *float64
				}
			}
		}
	}
	w.consultant.MustDo(q, map[string]any{"s": map[string]any{"eventId": w.forum.ID}}, &out)
	got := map[string]string{}
	for _, o := range out.OrganisationAttendanceReport.Organisations {
		s := ""
		for _, p := range o.Points {
			s += fmt.Sprintf("%d/%d/%d ", p.Invited, p.Accepted, p.Attended)
		}
		got[o.Name+" "+o.Sector] = s
	}
	want := map[string]string{
		// occurrences 1..6: invited/accepted/attended
		"Mind VOLUNTARY":   "2/2/1 2/2/2 2/2/1 2/2/1 2/2/0 2/2/1 ",
		"NHS Trust HEALTH": "2/2/1 2/2/1 2/2/1 2/2/0 2/2/1 2/2/3 ",
		"Police POLICE":    "2/0/0 2/0/0 2/0/0 2/0/0 2/0/0 2/0/0 ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("organisation rates:\n got %q\nwant %q", got, want)
	}
	if names := out.OrganisationAttendanceReport.Organisations; names[0].Name != "Mind" || *names[0].Points[1].Rate != 1 || *names[2].Points[0].Rate != 0 {
		t.Fatalf("order or rates: %+v", names)
	}

	rq := `query($s: ReportScope!, $w: Int, $t: Int) { repeatAttendanceReport(scope: $s, window: $w, threshold: $t) {
	  occurrences { start } window threshold people attenders repeaters csvUrl } }`
	var rep struct {
		RepeatAttendanceReport struct {
			Occurrences          []struct{ Start time.Time }
			Window, Threshold    int
			People               []int
			Attenders, Repeaters int
		}
	}
	w.consultant.MustDo(rq, map[string]any{"s": map[string]any{"programmeId": w.prog.ID}}, &rep)
	r := rep.RepeatAttendanceReport
	// Ash 4 times, Eli 3, Dee 2, Bea, Gus and Hal once each.
	if !reflect.DeepEqual(r.People, []int{3, 1, 1, 1, 0, 0}) || r.Attenders != 6 || r.Repeaters != 2 || r.Window != 6 || r.Threshold != 3 || len(r.Occurrences) != 6 {
		t.Fatalf("repeat attendance: %+v", r)
	}
	// The last three forums only: everyone came once.
	w.consultant.MustDo(rq, map[string]any{"s": map[string]any{"eventId": w.forum.ID}, "w": 3, "t": 2}, &rep)
	if r := rep.RepeatAttendanceReport; !reflect.DeepEqual(r.People, []int{6, 0, 0}) || r.Repeaters != 0 || !r.Occurrences[0].Start.Equal(w.starts[3]) {
		t.Fatalf("repeat attendance over 3: %+v", r)
	}
	w.consultant.ErrorCode(rq, map[string]any{"s": map[string]any{"eventId": w.forum.ID}, "w": 3, "t": 4}, "BAD_USER_INPUT")
	w.consultant.ErrorCode(rq, map[string]any{"s": map[string]any{}}, "BAD_USER_INPUT")
}

// TestReportCostDoesNotGrowWithPeople: each report costs the same number
// of SQL statements with 8 people as with 80.
func TestReportCostDoesNotGrowWithPeople(t *testing.T) {
	w := newCity(t)
	reports := map[string]string{
		"breakdown":    `query($p: ID!) { representationReport(scope: {programmeId: $p}) { cells { invited } missingGroups } }`,
		"organisation": `query($p: ID!) { organisationAttendanceReport(scope: {programmeId: $p}) { organisations { name points { rate } } } }`,
		"repeat":       `query($p: ID!) { repeatAttendanceReport(scope: {programmeId: $p}) { people repeaters } }`,
	}
	cost := func() map[string]int64 {
		out := map[string]int64{}
		for name, q := range reports {
			w.consultant.Counter.Reset()
			w.consultant.MustDo(q, map[string]any{"p": w.prog.ID}, nil)
			out[name] = w.consultant.Counter.Count()
		}
		return out
	}
	cost() // warm up: the first request also stamps the API token's last use
	before := cost()
	ctx, c := w.api.Ctx(), w.api.Client()
	for i := range 72 {
		p := c.Person.Create().SetName(fmt.Sprintf("Extra %d", i)).SetStakeholderGroup("FRONTLINE").SaveX(ctx)
		c.Membership.Create().SetPerson(p).SetOrganisation([]*ent.Organisation{w.mind, w.nhs, w.police}[i%3]).ExecX(ctx)
		c.Invitation.Create().SetEvent(w.forum).SetPerson(p).SetResponse("ACCEPTED").ExecX(ctx)
		c.Attendance.Create().SetEventID(w.forum.ID).SetPerson(p).SetOccurrenceStart(w.starts[i%6]).ExecX(ctx)
	}
	after := cost()
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("report cost grew with the number of people: %v → %v", before, after)
	}
	for name, n := range after {
		// Viewer (auth) + scope (programme, events, overrides) + the report.
		if n > 8 {
			t.Errorf("%s costs %d statements", name, n)
		}
	}
	t.Logf("statements per report: %v", after)
	// And the numbers moved: 72 more frontline people invited and present.
	var b breakdown
	w.consultant.MustDo(breakdownQuery, map[string]any{"s": map[string]any{"programmeId": w.prog.ID}}, &b)
	total := 0
	for _, c := range b.RepresentationReport.Cells {
		total += c.Attended
	}
	// Ash, Bea, Dee (twice: two sectors), Eli, Gus, Hal, and the 72.
	if total != 7+72 {
		t.Fatalf("attended total %d, want %d", total, 7+72)
	}
}

func TestReportCSVDownloads(t *testing.T) {
	w := newCity(t)
	get := func(api *apitest.API, path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, api.Server.URL+path, nil)
		for k, v := range api.Header {
			req.Header[k] = v
		}
		res, err := api.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	// The csvUrl the GraphQL report hands out is the download.
	var b breakdown
	w.consultant.MustDo(breakdownQuery, map[string]any{"s": map[string]any{"eventId": w.forum.ID}}, &b)
	status, body := get(w.consultant, b.RepresentationReport.CsvURL)
	want := "stakeholder_group,sector,invited,accepted,attended,missing\n" +
		"COMMISSIONER,POLICE,1,0,0,true\n" +
		"FRONTLINE,HEALTH,1,1,2,false\n" +
		"FRONTLINE,POLICE,1,0,0,true\n" +
		"FRONTLINE,VOLUNTARY,1,1,1,false\n" +
		"LIVED_EXPERIENCE,,1,1,1,false\n" +
		"LIVED_EXPERIENCE,VOLUNTARY,1,1,1,false\n" +
		"SENIOR_MANAGER,HEALTH,1,1,2,false\n"
	if status != 200 || body != want {
		t.Fatalf("representation.csv: %d\n%s", status, body)
	}
	status, body = get(w.consultant, fmt.Sprintf("/reports/repeat-attendance.csv?programme=%d", w.prog.ID))
	if status != 200 || !strings.HasPrefix(body, "times_attended,people,of_occurrences,repeat_threshold\n1,3,6,3\n2,1,6,3\n3,1,6,3\n4,1,6,3\n") {
		t.Fatalf("repeat-attendance.csv: %d\n%s", status, body)
	}
	status, body = get(w.consultant, fmt.Sprintf("/reports/organisation-rates.csv?event=%d", w.forum.ID))
	if status != 200 || strings.Count(body, "\n") != 1+18 || !strings.Contains(body, ",Mind,VOLUNTARY,") {
		t.Fatalf("organisation-rates.csv: %d\n%s", status, body)
	}
	if status, _ := get(w.api.Anonymous(), b.RepresentationReport.CsvURL); status != 401 {
		t.Fatalf("anonymous csv: %d", status)
	}
	if status, _ := get(w.consultant, "/reports/representation.csv"); status != 400 {
		t.Fatalf("csv without scope: %d", status)
	}
}
