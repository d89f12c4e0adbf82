package scheduling_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/apitest"
)

// world is a programme with an organiser, arranged directly in the
// database; the behaviour under test is then driven through the API.
type world struct {
	api       *apitest.API // anonymous
	admin     *apitest.API
	organiser *apitest.API
	orgPerson *ent.Person
	programme *ent.Programme
}

func newWorld(t *testing.T, api *apitest.API, slug string) *world {
	t.Helper()
	ctx := api.Ctx()
	prog, err := api.Client().Programme.Create().SetName("Programme " + slug).SetSlug(slug).SetTimeZone("Europe/London").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	org, err := api.Client().Person.Create().SetName("Olu Organiser " + slug).SetEmail("organiser-" + slug + "@example.org").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := api.Client().ProgrammeRole.Create().SetProgrammeID(prog.ID).SetPersonID(org.ID).SetRole(programmerole.RoleORGANISER).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	return &world{api: api.Anonymous(), admin: api.AsNewAdmin(), organiser: api.As(org.ID), orgPerson: org, programme: prog}
}

func id(n int) string   { return strconv.Itoa(n) }
func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

type gqlOccurrence struct {
	RecurrenceID string `json:"recurrenceId"`
	StartsAt     string `json:"startsAt"`
	EndsAt       string `json:"endsAt"`
	Cancelled    bool   `json:"cancelled"`
	Moved        bool   `json:"moved"`
	Title        string `json:"title"`
	VenueName    string `json:"venueName"`
	Event        struct {
		ID string `json:"id"`
	} `json:"event"`
}

const occurrenceFields = `recurrenceId startsAt endsAt cancelled moved title venueName event { id }`

// scheduleEvent schedules through GraphQL and returns the event id.
func (w *world) schedule(t *testing.T, input map[string]any) string {
	t.Helper()
	input["programmeID"] = id(w.programme.ID)
	var out struct {
		ScheduleEvent struct{ ID string } `json:"scheduleEvent"`
	}
	w.organiser.MustDo(`mutation($in: ScheduleEventInput!) { scheduleEvent(input: $in) { id } }`, map[string]any{"in": input}, &out)
	return out.ScheduleEvent.ID
}

// addWeeklies schedules n endless weekly series from 6 January 2026 10:00
// UTC, each with the date cancelled (an original start) cancelled.
func (w *world) addWeeklies(t *testing.T, n int, cancelled string) {
	t.Helper()
	for range n {
		e := w.schedule(t, map[string]any{"kind": "FORUM", "title": "Weekly", "rrule": "FREQ=WEEKLY",
			"startsAt": "2026-01-06T10:00:00Z", "endsAt": "2026-01-06T11:00:00Z"})
		w.organiser.MustDo(`mutation($e: ID!, $r: Time!) { cancelOccurrence(eventID: $e, recurrenceId: $r) { cancelled } }`,
			map[string]any{"e": e, "r": cancelled}, nil)
	}
}

// statements runs the query on the programme as its organiser and returns
// how many SQL statements it took.
func (w *world) statements(api *apitest.API, query string) int64 {
	api.Counter.Reset()
	w.organiser.MustDo(query, map[string]any{"p": id(w.programme.ID)}, nil)
	return api.Counter.Count()
}

func (w *world) occurrences(t *testing.T, eventID, from, to string) []gqlOccurrence {
	t.Helper()
	var out struct {
		Node struct {
			Occurrences []gqlOccurrence `json:"occurrences"`
		} `json:"node"`
	}
	w.organiser.MustDo(`query($id: ID!, $from: Time!, $to: Time!) { node(id: $id) { ... on Event { occurrences(from: $from, to: $to) { `+occurrenceFields+` } } } }`,
		map[string]any{"id": eventID, "from": from, "to": to}, &out)
	return out.Node.Occurrences
}

func starts(occs []gqlOccurrence) []string {
	out := make([]string, len(occs))
	for i, o := range occs {
		out[i] = utc(o.StartsAt).UTC().Format(time.RFC3339)
		if o.Cancelled {
			out[i] += " cancelled"
		}
		if o.Moved {
			out[i] += " moved-from " + utc(o.RecurrenceID).UTC().Format(time.RFC3339)
		}
	}
	return out
}

func equal(t *testing.T, what string, got, want []string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s:\n got  %q\n want %q", what, got, want)
	}
}

func (w *world) newInvitee(t *testing.T, email string) int {
	t.Helper()
	p, err := w.admin.Client().Person.Create().SetName("Invitee " + email).SetEmail(email).Save(w.admin.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func (w *world) invitationOf(t *testing.T, eventID, personID int) int {
	t.Helper()
	inv, err := w.admin.Client().Invitation.Query().Where(invitation.EventID(eventID), invitation.PersonID(personID)).Only(w.admin.Ctx())
	if err != nil {
		t.Fatal(err)
	}
	return inv.ID
}
