package attendance_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/internal/apitest"
	"github.com/convene/convene/internal/auth"
)

// door is one programme with an organiser, a consultant, invitees, and a
// second programme whose organiser must see nothing of the first.
type door struct {
	api                         *apitest.API
	prog, otherProg             *ent.Programme
	organiser, consultant       *apitest.API
	outsider                    *apitest.API
	ash, cora, dev, eve, nonInv *ent.Person
	tokens                      map[int]string // person id → raw RSVP token
}

func newDoor(t *testing.T) *door {
	t.Helper()
	api := apitest.New(t)
	ctx, c := api.Ctx(), api.Client()
	d := &door{api: api, tokens: map[int]string{}}
	d.prog = c.Programme.Create().SetName("System change").SetSlug("system-change").SaveX(ctx)
	d.otherProg = c.Programme.Create().SetName("Other").SetSlug("other").SaveX(ctx)
	newPerson := func(name, group string) *ent.Person {
		return c.Person.Create().SetName(name).SetStakeholderGroup(person.StakeholderGroup(group)).SaveX(ctx)
	}
	org := newPerson("Olive Organiser", "SENIOR_MANAGER")
	cons := newPerson("Cai Consultant", "CONSULTANT")
	other := newPerson("Otto Other", "SENIOR_MANAGER")
	c.ProgrammeRole.Create().SetProgramme(d.prog).SetPerson(org).SetRole("ORGANISER").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(d.prog).SetPerson(cons).SetRole("CONSULTANT").ExecX(ctx)
	c.ProgrammeRole.Create().SetProgramme(d.otherProg).SetPerson(other).SetRole("ORGANISER").ExecX(ctx)
	d.organiser, d.consultant, d.outsider = api.As(org.ID), api.As(cons.ID), api.As(other.ID)
	d.ash = newPerson("Ash Attendee", "LIVED_EXPERIENCE")
	d.cora = newPerson("Cora Colleague", "FRONTLINE")
	d.dev = newPerson("Dev Director", "SENIOR_MANAGER")
	d.eve = newPerson("Eve Evans", "COMMISSIONER")
	d.nonInv = newPerson("Nia Notinvited", "FRONTLINE")
	return d
}

// event creates a one-off forum from start to start+length, inviting the
// people with the given responses.
func (d *door) event(t *testing.T, start time.Time, length time.Duration, invites map[*ent.Person]invitation.Response) *ent.Event {
	t.Helper()
	ctx, c := d.api.Ctx(), d.api.Client()
	ev := c.Event.Create().SetProgramme(d.prog).SetKind("FORUM").SetTitle("Door forum").SetTimeZone("Europe/London").
		SetStartsAt(start).SetEndsAt(start.Add(length)).SaveX(ctx)
	for p, resp := range invites {
		token := auth.NewToken()
		d.tokens[p.ID] = token
		c.Invitation.Create().SetEvent(ev).SetPerson(p).SetResponse(resp).SetTokenHash(auth.Hash(token)).ExecX(ctx)
	}
	return ev
}

func at(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// now rounded to the second, as stored occurrence starts are.
func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

const checkInMutation = `mutation($e: ID!, $s: Time!, $p: ID!, $st: AttendanceStatus, $d: ID) {
  checkIn(input: {eventId: $e, occurrenceStart: $s, personId: $p, status: $st, deputyId: $d}) {
    id status walkIn method checkedInAt deputy { id name } person { id }
  }
}`

type attendanceOut struct {
	ID          gid     `json:"id"`
	Status      string  `json:"status"`
	WalkIn      bool    `json:"walkIn"`
	Method      string  `json:"method"`
	CheckedInAt *string `json:"checkedInAt"`
	Deputy      *struct {
		ID   gid    `json:"id"`
		Name string `json:"name"`
	} `json:"deputy"`
	Person struct {
		ID gid `json:"id"`
	} `json:"person"`
}

func vars(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func decode(t *testing.T, raw json.RawMessage, out any) {
	t.Helper()
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
}

// gid decodes GraphQL IDs, which are strings on the wire.
type gid int

func (g *gid) UnmarshalJSON(b []byte) error {
	var s json.Number
	if err := json.Unmarshal(b, &s); err != nil {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		s = json.Number(str)
	}
	n, err := s.Int64()
	*g = gid(n)
	return err
}
