package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/viewer"
)

// DemoAccounts are the sign-in addresses of the demo's fixed accounts.
type DemoAccounts struct {
	Organiser  string // ORGANISER of the demo programme
	Consultant string // CONSULTANT of the demo programme
	Attendee   string // a lived-experience member of the peer network
	Admin      string // is_admin
}

// DemoResult says what Demo did. Counts are rows this call created: all
// zero when the demo was already present (Created false).
type DemoResult struct {
	Created     bool
	ProgrammeID int
	Accounts    DemoAccounts

	Organisations  int
	People         int
	Memberships    int
	ProgrammeRoles int
	Events         int
	Invitations    int
	Attendances    int
	Actions        int
	ActionUpdates  int
	Commitments    int
}

var demoAccounts = DemoAccounts{
	Organiser:  DemoOrganiserMail,
	Consultant: DemoConsultMail,
	Attendee:   DemoAttendeeMail,
	Admin:      DemoAdminMail,
}

// demoRandSeed fixes the demo's small random choices (who replied what, who
// turned up) so every install tells the same story.
const demoRandSeed = 2026

// Demo loads the demo partnership around now: a programme with a monthly
// forum that started about four months ago, four workshops (two past, two
// coming), invitations, attendance, actions and commitments, including one
// agreed grant that ends in 45 days (the funding "cliff").
//
// It is idempotent: the programme's slug marks the demo as loaded, and a
// second call changes nothing and reports Created false. Organisations
// (matched by name) and people (matched by email) that already exist are
// reused rather than duplicated, so the demo can be loaded into a database
// that already has real data about the same partners. Everything is written
// in one transaction: a failed load leaves nothing behind.
//
// Demo acts as the system (privacy rules allow it everything) and, unlike
// Scale, leaves the audit log on: the demo's rows are recorded as created
// by the system, as any other data would be.
func Demo(ctx context.Context, client *ent.Client, now time.Time) (*DemoResult, error) {
	ctx = viewer.SystemContext(ctx)
	loc, err := loadLondon()
	if err != nil {
		return nil, err
	}
	res := &DemoResult{Accounts: demoAccounts}
	err = withTx(ctx, client, func(tx *ent.Tx) error {
		id, err := tx.Programme.Query().Where(programme.Slug(DemoSlug)).OnlyID(ctx)
		switch {
		case err == nil:
			res.ProgrammeID = id
			return nil
		case !ent.IsNotFound(err):
			return fmt.Errorf("seed: look for the demo programme: %w", err)
		}
		d := &demoLoader{
			tx:     tx,
			now:    now.UTC().Truncate(time.Second),
			loc:    loc,
			rng:    rand.New(rand.NewPCG(demoRandSeed, demoRandSeed)),
			res:    res,
			orgs:   map[string]int{},
			people: map[string]int{},
		}
		if err := d.load(ctx); err != nil {
			return err
		}
		res.Created = true
		return nil
	})
	if err != nil {
		// Two processes started with --demo at once: on PostgreSQL both can
		// miss the programme and race to load it. The loser waits on the
		// winner's rows and then hits a unique index (an email, the slug);
		// if the programme is there now, that is all the caller wanted.
		if ent.IsConstraintError(err) {
			if id, qerr := client.Programme.Query().Where(programme.Slug(DemoSlug)).OnlyID(ctx); qerr == nil {
				return &DemoResult{ProgrammeID: id, Accounts: demoAccounts}, nil
			}
		}
		return nil, err
	}
	return res, nil
}

// demoLoader writes the demo inside one transaction. Maps hold the IDs of
// rows by their script keys (see demo_data.go).
type demoLoader struct {
	tx  *ent.Tx
	now time.Time
	loc *time.Location
	rng *rand.Rand
	res *DemoResult

	orgs   map[string]int
	people map[string]int

	programmeID int
	forum       *ent.Event
	// forumStarts are all occurrence starts of the forum (UTC), pastForums
	// those before now.
	forumStarts, pastForums []time.Time
	workshops               map[string]*ent.Event
	invites                 []demoInvite
	actions                 map[string]int
}

func (d *demoLoader) load(ctx context.Context) error {
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"organisations", d.organisations},
		{"people", d.persons},
		{"memberships", d.memberships},
		{"programme", d.programme},
		{"events", d.events},
		{"invitations", d.invitations},
		{"attendance", d.attendance},
		{"actions", d.actionItems},
		{"commitments", d.commitments},
	}
	for _, s := range steps {
		if err := s.fn(ctx); err != nil {
			return fmt.Errorf("seed: demo %s: %w", s.name, err)
		}
	}
	return nil
}

// days returns midnight UTC of the London date n days from now.
func (d *demoLoader) days(n int) time.Time {
	return dateOnly(d.now.AddDate(0, 0, n), d.loc)
}

func (d *demoLoader) organisations(ctx context.Context) error {
	names := make([]string, len(demoOrgs))
	for i, o := range demoOrgs {
		names[i] = o.name
	}
	existing, err := d.tx.Organisation.Query().Where(organisation.NameIn(names...)).All(ctx)
	if err != nil {
		return err
	}
	for _, o := range existing {
		for _, spec := range demoOrgs {
			if spec.name == o.Name {
				if _, dup := d.orgs[spec.key]; !dup {
					d.orgs[spec.key] = o.ID
				}
			}
		}
	}
	var (
		builders []*ent.OrganisationCreate
		keys     []string
	)
	for _, o := range demoOrgs {
		if _, ok := d.orgs[o.key]; ok {
			continue
		}
		builders = append(builders, d.tx.Organisation.Create().
			SetName(o.name).
			SetSector(o.sector).
			SetDescription(o.description).
			SetContactName(o.contact).
			SetContactEmail("hello@"+o.domain+".example.org").
			SetContactPhone(o.phone).
			SetWebsite("https://"+o.domain+".example.org"))
		keys = append(keys, o.key)
	}
	created, err := d.tx.Organisation.CreateBulk(builders...).Save(ctx)
	if err != nil {
		return err
	}
	for i, o := range created {
		d.orgs[keys[i]] = o.ID
	}
	d.res.Organisations = len(created)
	return nil
}

func (d *demoLoader) persons(ctx context.Context) error {
	var emails []string
	for _, p := range demoPeople {
		if e := p.address(); e != "" {
			emails = append(emails, e)
		}
	}
	existing, err := d.tx.Person.Query().Where(person.EmailIn(emails...)).All(ctx)
	if err != nil {
		return err
	}
	byEmail := map[string]*ent.Person{}
	for _, p := range existing {
		byEmail[*p.Email] = p
	}
	var (
		builders []*ent.PersonCreate
		keys     []string
	)
	for _, p := range demoPeople {
		if old, ok := byEmail[p.address()]; ok {
			d.people[p.key] = old.ID
			// The admin account must be able to administer the demo even
			// if someone created the person by hand first.
			if p.admin && !old.IsAdmin {
				if err := d.tx.Person.UpdateOneID(old.ID).SetIsAdmin(true).Exec(ctx); err != nil {
					return err
				}
			}
			continue
		}
		b := d.tx.Person.Create().
			SetName(p.name).
			SetStakeholderGroup(p.group).
			SetIsAdmin(p.admin).
			SetHideFromAttendeeLists(p.hide)
		if e := p.address(); e != "" {
			b.SetEmail(e)
		}
		if p.phone != "" {
			b.SetPhone(p.phone)
		}
		if p.access != "" {
			b.SetAccessNeeds(p.access)
		}
		builders = append(builders, b)
		keys = append(keys, p.key)
	}
	created, err := d.tx.Person.CreateBulk(builders...).Save(ctx)
	if err != nil {
		return err
	}
	for i, p := range created {
		d.people[keys[i]] = p.ID
	}
	d.res.People = len(created)
	return nil
}

func (d *demoLoader) memberships(ctx context.Context) error {
	ids := make([]int, 0, len(d.people))
	for _, id := range d.people {
		ids = append(ids, id)
	}
	// Reused people may already belong to some of these organisations.
	existing, err := d.tx.Membership.Query().Where(membership.PersonIDIn(ids...)).All(ctx)
	if err != nil {
		return err
	}
	type pair struct{ person, org int }
	have := map[pair]bool{}
	for _, m := range existing {
		have[pair{m.PersonID, m.OrganisationID}] = true
	}
	var builders []*ent.MembershipCreate
	for _, p := range demoPeople {
		for _, ms := range p.orgs {
			k := pair{d.people[p.key], d.orgs[ms.org]}
			if have[k] {
				continue
			}
			have[k] = true
			builders = append(builders, d.tx.Membership.Create().
				SetPersonID(k.person).SetOrganisationID(k.org).SetJobTitle(ms.title))
		}
	}
	if err := d.tx.Membership.CreateBulk(builders...).Exec(ctx); err != nil {
		return err
	}
	d.res.Memberships = len(builders)
	return nil
}

func (d *demoLoader) programme(ctx context.Context) error {
	p, err := d.tx.Programme.Create().
		SetName("Multiple disadvantage: system change 2026").
		SetSlug(DemoSlug).
		SetDescription("Service users, frontline staff, managers and commissioners from across the city " +
			"working out why people with multiple and complex needs fall between services, and changing it. " +
			"A monthly partnership forum plus themed workshops; actions and partner commitments are tracked here.").
		SetTimeZone(zoneLondon).
		SetPublic(true).
		SetFundingThreshold(decimal.RequireFromString("50000.00")).
		SetReportingCurrency("GBP").
		Save(ctx)
	if err != nil {
		return err
	}
	d.programmeID = p.ID
	d.res.ProgrammeID = p.ID
	roles := []struct {
		key  string
		role programmerole.Role
	}{
		{"organiser", programmerole.RoleORGANISER},
		{"zoe", programmerole.RoleORGANISER},
		{"consultant", programmerole.RoleCONSULTANT},
	}
	for _, r := range roles {
		if err := d.tx.ProgrammeRole.Create().
			SetProgrammeID(p.ID).SetPersonID(d.people[r.key]).SetRole(r.role).
			Exec(ctx); err != nil {
			return err
		}
	}
	d.res.ProgrammeRoles = len(roles)
	return nil
}

// Forum schedule: second Tuesday of the month, 10:00–12:30 London time,
// twelve meetings, the first about four months before now.
const (
	forumRule        = "FREQ=MONTHLY;BYDAY=2TU;COUNT=12"
	forumOccurrences = 12
)

type demoWorkshop struct {
	key, title, description string
	// Day relative to now, moved forward to weekday; local start and end.
	dayOffset      int
	weekday        time.Weekday
	startH, startM int
	endH, endM     int
	venue, address string
	access, online string
	capacity       int
}

var demoWorkshops = []demoWorkshop{
	{
		key:   "journey",
		title: "Mapping the journey: a year in the life of multiple disadvantage",
		description: "Peer researchers walk through an anonymised year of one person's contacts with services — " +
			"47 appointments with 11 agencies — and we map where the hand-offs failed.",
		dayOffset: -42, weekday: time.Thursday, startH: 13, startM: 30, endH: 16, endM: 30,
		venue:    "Northgate Central Library, Community Room",
		address:  "Calverley Square, Northgate NT1 2AB",
		access:   "Step-free entrance from the square; lift to all floors; hearing loop; accessible toilets on every floor.",
		capacity: 25,
	},
	{
		key:   "dual",
		title: "Dual diagnosis: who holds the risk?",
		description: "Mental health and substance use services, police and people with lived experience on the " +
			"first 72 hours after someone is turned away from one service because of the other.",
		dayOffset: -14, weekday: time.Wednesday, startH: 9, startM: 30, endH: 12, endM: 30,
		venue:    "City NHS Foundation Trust Education Centre",
		address:  "St Anne's Hospital, Moor Road, Northgate NT3 7HH",
		access:   "Step-free via the main hospital entrance; quiet room next to the seminar room; blue-badge bays by the door.",
		capacity: 25,
	},
	{
		key:   "housing",
		title: "Housing First, then what? Designing the move-on pathway",
		description: "Homes First, the hostels, probation and peer mentors design what happens after a Housing " +
			"First tenancy is stable, so support tapers rather than stops.",
		dayOffset: 10, weekday: time.Thursday, startH: 13, startM: 0, endH: 16, endM: 0,
		venue:    "Homes First Community Room",
		address:  "2 Canal Wharf, Northgate NT2 5QP",
		access:   "Ground floor and step-free; quiet room next door; BSL interpreter booked.",
		capacity: 25,
	},
	{
		key:   "funding",
		title: "After the grant ends: sustaining the navigator service",
		description: "The navigator service's lottery grant ends soon. Commissioners and funders look at the " +
			"evidence and at who could pick up which part of the cost.",
		dayOffset: 35, weekday: time.Wednesday, startH: 10, startM: 0, endH: 12, endM: 0,
		access:   "Online. Live captions on; a dial-in number is available on request.",
		online:   "https://meet.example.org/convene/navigator-funding",
		capacity: 40,
	},
}

func (d *demoLoader) events(ctx context.Context) error {
	// The first forum falls in the month four months before now.
	local := d.now.In(d.loc)
	first := time.Date(local.Year(), local.Month()-4, 1, 12, 0, 0, 0, d.loc)
	for k := range forumOccurrences {
		m := first.AddDate(0, k, 0)
		start := nthWeekday(m.Year(), m.Month(), 2, time.Tuesday, d.loc, 10, 0)
		d.forumStarts = append(d.forumStarts, start)
		if start.Before(d.now) {
			d.pastForums = append(d.pastForums, start)
		}
	}
	forum, err := d.tx.Event.Create().
		SetProgrammeID(d.programmeID).
		SetKind(event.KindFORUM).
		SetTitle("Multiple Disadvantage Partnership Forum").
		SetDescription("The monthly forum: people with lived experience, frontline staff, managers and " +
			"commissioners review cases that fell between services and agree who does what next.").
		SetTimeZone(zoneLondon).
		SetStartsAt(d.forumStarts[0]).
		SetEndsAt(wallClock(d.forumStarts[0], d.loc, 12, 30)).
		SetRrule(forumRule).
		SetVenueName("Northgate Mind Community Hub").
		SetVenueAddress("14 Market Street, Northgate NT1 4DX").
		SetVenueAccess("Step-free entrance on Market Street; hearing loop in the main room; quiet room on the " +
			"ground floor; accessible toilet. Lunch provided; travel costs paid on the day.").
		SetCreatedAt(d.forumStarts[0].AddDate(0, 0, -30)).
		Save(ctx)
	if err != nil {
		return err
	}
	d.forum = forum
	d.workshops = map[string]*ent.Event{}
	for _, w := range demoWorkshops {
		day := d.now.AddDate(0, 0, w.dayOffset)
		start := nextWeekday(day, d.loc, w.weekday, w.startH, w.startM)
		b := d.tx.Event.Create().
			SetProgrammeID(d.programmeID).
			SetKind(event.KindWORKSHOP).
			SetTitle(w.title).
			SetDescription(w.description).
			SetTimeZone(zoneLondon).
			SetStartsAt(start).
			SetEndsAt(wallClock(start, d.loc, w.endH, w.endM)).
			SetVenueAccess(w.access).
			SetCapacity(w.capacity).
			SetCreatedAt(minTime(start.AddDate(0, 0, -28), d.now))
		if w.venue != "" {
			b.SetVenueName(w.venue).SetVenueAddress(w.address)
		}
		if w.online != "" {
			b.SetOnlineURL(w.online)
		}
		e, err := b.Save(ctx)
		if err != nil {
			return err
		}
		d.workshops[w.key] = e
	}
	d.res.Events = 1 + len(d.workshops)
	return nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
