package seed

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/membership"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/programme"
	"github.com/convene/convene/ent/programmerole"
)

type scaleOrg struct {
	id     int
	sector organisation.Sector
	name   string
}

type scalePerson struct {
	id     int
	group  person.StakeholderGroup
	name   string
	email  string // "" for none
	phone  string
	access string
	hide   bool
	org    int // primary organisation index, -1 for none
	second int // second organisation index, -1 for none
	title  string
}

type scaleProgramme struct {
	id         int
	name, slug string
	public     bool
	threshold  string // decimal, "" for none
	organisers []int  // person indexes
	consultant int    // person index
	pastEvents []int  // indexes of events held (first meeting before now, not cancelled)
}

// slugify makes "Probation Service — St Anne's" into "probation-service-st-annes".
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(asciiFold.Replace(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'':
			// "Anne's" → "annes"
		default:
			dash = true
		}
	}
	return b.String()
}

var asciiFold = strings.NewReplacer("ë", "e", "é", "e", "è", "e", "ö", "o", "ü", "u", "ï", "i")

func (s *scaler) insertOrganisations(ctx context.Context) error {
	n := s.size(baseOrganisations)
	s.orgs = make([]scaleOrg, n)
	for i := range s.orgs {
		sector := choose(s.rng, sectorWeights)
		place := pick(s.rng, places)
		s.orgs[i] = scaleOrg{sector: sector, name: fmt.Sprintf(pick(s.rng, orgTemplates[sector]), place)}
	}
	err := s.insert(ctx, n, len(organisation.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.OrganisationCreate, 0, hi-lo)
		for i := lo; i < hi; i++ {
			o := s.orgs[i]
			domain := slugify(o.name) + ".example.org"
			builders = append(builders, tx.Organisation.Create().
				SetName(o.name).
				SetSector(o.sector).
				SetContactName(pick(s.rng, firstNames)+" "+pick(s.rng, surnames)).
				SetContactEmail("info@"+domain).
				SetContactPhone(fmt.Sprintf("0113 496 %04d", i%1000)).
				SetWebsite("https://"+domain).
				SetCreatedAt(s.now.Add(-s.between(400*day, 900*day))))
		}
		saved, err := tx.Organisation.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return err
		}
		for k, o := range saved {
			s.orgs[lo+k].id = o.ID
		}
		return ascending(idsOf(saved, func(o *ent.Organisation) int { return o.ID }))
	})
	s.res.Organisations = n
	return err
}

// orgsIn returns the indexes of organisations in the given sectors.
func (s *scaler) orgsIn(sectors ...organisation.Sector) []int {
	var out []int
	for i, o := range s.orgs {
		for _, sec := range sectors {
			if o.sector == sec {
				out = append(out, i)
			}
		}
	}
	return out
}

func (s *scaler) insertPeople(ctx context.Context) error {
	n := s.size(basePeople)
	s.people = make([]scalePerson, n)
	voluntary := s.orgsIn(organisation.SectorVOLUNTARY)
	commissioning := s.orgsIn(organisation.SectorFUNDER, organisation.SectorHEALTH, organisation.SectorLOCAL_AUTHORITY)
	for i := range s.people {
		g := choose(s.rng, groupWeights)
		first, last := pick(s.rng, firstNames), pick(s.rng, surnames)
		p := scalePerson{group: g, name: first + " " + last, org: -1, second: -1}
		lived := g == person.StakeholderGroupLIVED_EXPERIENCE
		// Many service users take part without an email address.
		if noEmail := (lived && s.chance(35)) || s.chance(2); !noEmail {
			p.email = fmt.Sprintf("%s.%d@%s.example.org", emailLocalPart(first+" "+last), i+1, s.tag)
		}
		if s.chance(30) {
			p.phone = fmt.Sprintf("07700 900%03d", s.rng.IntN(1000))
		}
		if (lived && s.chance(30)) || s.chance(5) {
			p.access = pick(s.rng, accessNeeds)
		}
		p.hide = s.chance(5)
		// Memberships: lived-experience members join a voluntary-sector
		// peer group or nothing; commissioners sit in funders, the NHS or
		// the council; everyone else works somewhere, a few in two places.
		switch {
		case lived:
			if len(voluntary) > 0 && s.chance(50) {
				p.org = pick(s.rng, voluntary)
			}
		case g == person.StakeholderGroupCOMMISSIONER && len(commissioning) > 0:
			p.org = pick(s.rng, commissioning)
		case g == person.StakeholderGroupCONSULTANT && s.chance(50):
			// independent
		case s.chance(95):
			p.org = s.rng.IntN(len(s.orgs))
		}
		if p.org >= 0 {
			p.title = pick(s.rng, jobTitles[g])
			if !lived && len(s.orgs) > 1 && s.chance(8) {
				if second := s.rng.IntN(len(s.orgs)); second != p.org {
					p.second = second
				}
			}
		}
		s.people[i] = p
	}
	err := s.insert(ctx, n, len(person.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.PersonCreate, 0, hi-lo)
		for i := lo; i < hi; i++ {
			p := s.people[i]
			b := tx.Person.Create().
				SetName(p.name).
				SetStakeholderGroup(p.group).
				SetHideFromAttendeeLists(p.hide).
				SetCreatedAt(s.now.Add(-s.between(30*day, 800*day)))
			if p.email != "" {
				b.SetEmail(p.email)
			}
			if p.phone != "" {
				b.SetPhone(p.phone)
			}
			if p.access != "" {
				b.SetAccessNeeds(p.access)
			}
			builders = append(builders, b)
		}
		saved, err := tx.Person.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return err
		}
		for k, p := range saved {
			s.people[lo+k].id = p.ID
		}
		return ascending(idsOf(saved, func(p *ent.Person) int { return p.ID }))
	})
	s.res.People = n
	return err
}

func (s *scaler) insertMemberships(ctx context.Context) error {
	type row struct {
		person, org int
		title       string
	}
	var rows []row
	for i, p := range s.people {
		if p.org >= 0 {
			rows = append(rows, row{i, p.org, p.title})
		}
		if p.second >= 0 {
			rows = append(rows, row{i, p.second, pick(s.rng, jobTitles[p.group])})
		}
	}
	err := s.insert(ctx, len(rows), len(membership.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.MembershipCreate, 0, hi-lo)
		for _, r := range rows[lo:hi] {
			builders = append(builders, tx.Membership.Create().
				SetPersonID(s.people[r.person].id).
				SetOrganisationID(s.orgs[r.org].id).
				SetJobTitle(r.title))
		}
		return tx.Membership.CreateBulk(builders...).Exec(ctx)
	})
	s.res.Memberships = len(rows)
	return err
}

func (s *scaler) insertProgrammes(ctx context.Context) error {
	n := s.size(baseProgrammes)
	s.programmes = make([]scaleProgramme, n)
	for i := range s.programmes {
		theme := programmeThemes[i%len(programmeThemes)]
		name := theme
		if round := i / len(programmeThemes); round > 0 {
			name = fmt.Sprintf("%s (phase %d)", theme, round+1)
		}
		slug := fmt.Sprintf("scale-%s-%03d-%s", s.tag, i+1, slugify(theme))
		if len(slug) > 80 {
			slug = strings.TrimRight(slug[:80], "-")
		}
		p := scaleProgramme{name: name, slug: slug, public: s.chance(30)}
		if s.chance(40) {
			p.threshold = fmt.Sprintf("%d.00", 20_000+5_000*s.rng.IntN(27))
		}
		s.programmes[i] = p
	}
	err := s.insert(ctx, n, len(programme.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.ProgrammeCreate, 0, hi-lo)
		for _, p := range s.programmes[lo:hi] {
			b := tx.Programme.Create().
				SetName(p.name).
				SetSlug(p.slug).
				SetDescription("Benchmark programme: " + p.name + ".").
				SetTimeZone(zoneLondon).
				SetPublic(p.public).
				SetCreatedAt(s.now.Add(-s.between(500*day, 700*day)))
			if p.threshold != "" {
				b.SetFundingThreshold(decimal.RequireFromString(p.threshold))
			}
			builders = append(builders, b)
		}
		saved, err := tx.Programme.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return err
		}
		for k, p := range saved {
			s.programmes[lo+k].id = p.ID
		}
		return ascending(idsOf(saved, func(p *ent.Programme) int { return p.ID }))
	})
	s.res.Programmes = n
	return err
}

// insertProgrammeRoles gives each programme two organisers (managers or
// frontline staff) and a consultant.
func (s *scaler) insertProgrammeRoles(ctx context.Context) error {
	var staff, consultants []int
	for i, p := range s.people {
		switch p.group {
		case person.StakeholderGroupSENIOR_MANAGER, person.StakeholderGroupFRONTLINE:
			staff = append(staff, i)
		case person.StakeholderGroupCONSULTANT:
			consultants = append(consultants, i)
		}
	}
	if len(staff) == 0 {
		staff = []int{0}
	}
	if len(consultants) == 0 {
		consultants = staff
	}
	type row struct {
		programme, person int
		role              programmerole.Role
	}
	var rows []row
	for i := range s.programmes {
		p := &s.programmes[i]
		a := pick(s.rng, staff)
		b := pick(s.rng, staff)
		p.organisers = []int{a}
		if b != a {
			p.organisers = append(p.organisers, b)
		}
		p.consultant = pick(s.rng, consultants)
		for _, o := range p.organisers {
			rows = append(rows, row{i, o, programmerole.RoleORGANISER})
		}
		rows = append(rows, row{i, p.consultant, programmerole.RoleCONSULTANT})
	}
	err := s.insert(ctx, len(rows), len(programmerole.Columns), func(ctx context.Context, tx *ent.Tx, lo, hi int) error {
		builders := make([]*ent.ProgrammeRoleCreate, 0, hi-lo)
		for _, r := range rows[lo:hi] {
			builders = append(builders, tx.ProgrammeRole.Create().
				SetProgrammeID(s.programmes[r.programme].id).
				SetPersonID(s.people[r.person].id).
				SetRole(r.role))
		}
		return tx.ProgrammeRole.CreateBulk(builders...).Exec(ctx)
	})
	s.res.ProgrammeRoles = len(rows)
	return err
}

func idsOf[T any](xs []T, id func(T) int) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}
