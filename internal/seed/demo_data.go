package seed

import (
	"strings"
	"unicode"

	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
)

// The demo partnership: a fictional northern English city ("Northgate", in
// "Northshire"). Names are invented; emails use example.org and phone numbers
// come from Ofcom's ranges reserved for drama (0113 496 0xxx, 07700 900xxx),
// so nothing here can reach a real person.

// Demo accounts: fixed addresses so the README and the sign-in page can name
// them.
const (
	DemoSlug          = "system-change-2026"
	DemoOrganiserMail = "organiser@convene.test"
	DemoConsultMail   = "consultant@convene.test"
	DemoAttendeeMail  = "attendee@convene.test"
	DemoAdminMail     = "admin@convene.test"
)

type demoOrg struct {
	key         string // handle used by the rest of the demo script
	name        string
	sector      organisation.Sector
	description string
	contact     string
	phone       string
	domain      string // gives contact email and website
}

var demoOrgs = []demoOrg{
	{"mind", "Northgate Mind", organisation.SectorVOLUNTARY,
		"Local mental health charity running the navigator service, the crisis café and the partnership forum.",
		"Andrew Holt", "0113 496 0101", "northgate-mind"},
	{"peer", "Northgate Lived Experience Network", organisation.SectorVOLUNTARY,
		"Peer network of people with lived experience of multiple disadvantage, hosted by Northgate Mind. Members are paid for their time.",
		"Tanya Brooks", "0113 496 0102", "lived-experience-network"},
	{"recovery", "Northgate Recovery Partnership", organisation.SectorVOLUNTARY,
		"Drug and alcohol treatment and harm reduction service.",
		"Karen Whitehouse", "0113 496 0103", "northgate-recovery"},
	{"nhs", "City NHS Foundation Trust", organisation.SectorHEALTH,
		"Mental health and community services trust, including the emergency department liaison team.",
		"Fiona Grant", "0113 496 0110", "city-nhs"},
	{"icb", "Northshire Integrated Care Board", organisation.SectorHEALTH,
		"NHS commissioner for the city and county.",
		"Deborah Quinn", "0113 496 0111", "northshire-icb"},
	{"police", "Northshire Police", organisation.SectorPOLICE,
		"City neighbourhood policing and the mental health liaison team.",
		"Mark Stevens", "0113 496 0120", "northshire-police"},
	{"probation", "Probation Service — City", organisation.SectorCRIMINAL_JUSTICE,
		"Probation delivery unit covering the city, including resettlement on release.",
		"Helen Barker", "0113 496 0130", "probation-city"},
	{"opcc", "Office of the Police and Crime Commissioner for Northshire", organisation.SectorCRIMINAL_JUSTICE,
		"Commissions victim services and diversion schemes.",
		"Yvonne Campbell", "0113 496 0131", "northshire-opcc"},
	{"asc", "City Council Adult Social Care", organisation.SectorLOCAL_AUTHORITY,
		"Care Act assessments, safeguarding and commissioning for vulnerable adults.",
		"Michael Dunn", "0113 496 0140", "city-council"},
	{"homes", "Homes First Housing Association", organisation.SectorHOUSING,
		"Housing association running the city's Housing First service.",
		"Simon Pearce", "0113 496 0150", "homes-first"},
	{"hostel", "Safe Harbour Hostels", organisation.SectorHOUSING,
		"Supported accommodation: two direct-access hostels and a women's project.",
		"Rachel Goodwin", "0113 496 0151", "safe-harbour"},
	{"jcp", "Jobcentre Plus — Northgate", organisation.SectorEMPLOYMENT,
		"Work coaches and the complex needs partnership manager.",
		"Neil Chapman", "0113 496 0160", "jobcentre-northgate"},
	{"college", "Northgate College", organisation.SectorEDUCATION,
		"Further education college; community learning and the recovery college courses.",
		"Anita Sharma", "0113 496 0170", "northgate-college"},
	{"nlcf", "National Lottery Community Fund", organisation.SectorFUNDER,
		"Funds the navigator service through a Reaching Communities grant.",
		"James Whitaker", "0113 496 0180", "lottery-fund"},
	{"ncf", "Northshire Community Foundation", organisation.SectorFUNDER,
		"Local grant-maker; funds lived-experience participation.",
		"Louise Palmer", "0113 496 0181", "northshire-foundation"},
	{"healthwatch", "Healthwatch Northgate", organisation.SectorOTHER,
		"Independent champion for people who use health and care services.",
		"Sarah Lewis", "0113 496 0190", "healthwatch-northgate"},
}

type demoMembership struct {
	org   string // organisation key
	title string
}

type demoPerson struct {
	key     string // handle used by the rest of the demo script
	name    string
	email   string // explicit address; "" derives firstname.lastname@example.org
	noEmail bool   // takes part without an email address
	phone   string
	group   person.StakeholderGroup
	access  string
	admin   bool
	hide    bool // opted out of "who else is going" lists
	orgs    []demoMembership
}

func (p demoPerson) address() string {
	switch {
	case p.noEmail:
		return ""
	case p.email != "":
		return p.email
	}
	return emailLocalPart(p.name) + "@example.org"
}

// emailLocalPart turns "Liam O'Connor" into "liam.oconnor" and "Zoë" into "zoe".
func emailLocalPart(name string) string {
	parts := strings.Fields(strings.ToLower(asciiFold.Replace(name)))
	for i, p := range parts {
		parts[i] = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) && r < unicode.MaxASCII {
				return r
			}
			return -1
		}, p)
	}
	return strings.Join(parts, ".")
}

func job(org, title string) []demoMembership { return []demoMembership{{org, title}} }

const (
	le  = person.StakeholderGroupLIVED_EXPERIENCE
	fl  = person.StakeholderGroupFRONTLINE
	sm  = person.StakeholderGroupSENIOR_MANAGER
	com = person.StakeholderGroupCOMMISSIONER
	con = person.StakeholderGroupCONSULTANT
	oth = person.StakeholderGroupOTHER
)

var demoPeople = []demoPerson{
	// Lived experience: most belong to the peer network, a few to nothing.
	{key: "attendee", name: "Sam Taylor", email: DemoAttendeeMail, group: le, orgs: job("peer", "Peer representative")},
	{key: "marcus", name: "Marcus Reid", group: le, access: "Step-free access (wheelchair user).", orgs: job("peer", "Peer researcher")},
	{key: "donna", name: "Donna Whitfield", noEmail: true, phone: "07700 900123", group: le, access: "Quiet room available during breaks.", orgs: job("peer", "Peer network member")},
	{key: "kieran", name: "Kieran Doyle", group: le, orgs: job("peer", "Peer mentor")},
	{key: "aisha", name: "Aisha Begum", group: le, access: "Papers a week in advance, in large print.", hide: true, orgs: job("peer", "Peer network member")},
	{key: "lee", name: "Lee Hargreaves", noEmail: true, phone: "07700 900124", group: le, access: "BSL interpreter."},
	{key: "tanya", name: "Tanya Brooks", group: le, orgs: []demoMembership{{"peer", "Co-chair, Lived Experience Network"}, {"mind", "Sessional peer worker"}}},
	{key: "gareth", name: "Gareth Price", noEmail: true, phone: "07700 900125", group: le, access: "Travel costs paid on the day."},
	{key: "chantelle", name: "Chantelle Morris", group: le, access: "Childcare costs covered; step-free access for a pushchair.", orgs: job("peer", "Peer network member")},
	{key: "dave", name: "Dave Kowalski", group: le, orgs: job("peer", "Peer mentor")},
	{key: "nadia", name: "Nadia Hussain", noEmail: true, phone: "07700 900126", group: le, access: "Urdu interpreter.", orgs: job("peer", "Peer network member")},
	{key: "paul", name: "Paul Ferguson", group: le},
	{key: "jade", name: "Jade Atkinson", group: le, access: "Quiet room.", orgs: job("peer", "Peer researcher")},
	{key: "bobby", name: "Bobby Shaw", noEmail: true, group: le, orgs: job("peer", "Peer network member")},
	{key: "precious", name: "Precious Adeyemi", group: le, orgs: job("peer", "Peer network member")},

	// Frontline staff.
	{key: "hannah", name: "Hannah Clarke", group: fl, orgs: job("mind", "Navigator, multiple disadvantage")},
	{key: "tom", name: "Tom Ashworth", group: fl, orgs: job("mind", "Navigator")},
	{key: "kate", name: "Kate Douglas", group: fl, orgs: job("mind", "Crisis café coordinator")},
	{key: "ruth", name: "Ruth Okafor", group: fl, orgs: job("nhs", "Community mental health nurse")},
	{key: "ben", name: "Ben Carter", group: fl, orgs: job("nhs", "Dual diagnosis nurse")},
	{key: "ryan", name: "Ryan Walsh", group: fl, orgs: job("police", "Neighbourhood police constable")},
	{key: "laura", name: "Laura Jenkins", group: fl, orgs: job("police", "Mental health liaison sergeant")},
	{key: "chloe", name: "Chloe Evans", group: fl, orgs: job("probation", "Probation officer")},
	{key: "imran", name: "Imran Siddiqui", group: fl, orgs: job("probation", "Resettlement officer")},
	{key: "megan", name: "Megan Lloyd", group: fl, orgs: job("homes", "Housing First support worker")},
	{key: "daniel", name: "Daniel Murphy", group: fl, orgs: job("hostel", "Hostel support worker")},
	{key: "sophie", name: "Sophie Marsh", group: fl, orgs: job("hostel", "Women's project worker")},
	{key: "joanne", name: "Joanne Fletcher", group: fl, orgs: job("asc", "Social worker, complex needs team")},
	{key: "liam", name: "Liam O'Connor", group: fl, orgs: job("recovery", "Recovery worker")},
	{key: "grace", name: "Grace Mensah", group: fl, orgs: job("recovery", "Harm reduction worker")},
	{key: "stuart", name: "Stuart Bell", group: fl, orgs: job("jcp", "Work coach")},
	{key: "emily", name: "Emily Roberts", group: fl, orgs: job("college", "Recovery college tutor")},

	// Senior managers.
	{key: "organiser", name: "Jo Bennett", email: DemoOrganiserMail, group: sm, orgs: job("mind", "Partnership lead, multiple disadvantage")},
	{key: "andrew", name: "Andrew Holt", group: sm, orgs: job("mind", "Chief executive")},
	{key: "fiona", name: "Fiona Grant", group: sm, orgs: job("nhs", "Associate director, community mental health")},
	{key: "owen", name: "Owen Richards", group: sm, orgs: job("nhs", "Head of nursing, urgent care")},
	{key: "mark", name: "Mark Stevens", group: sm, orgs: job("police", "Chief inspector, neighbourhood policing")},
	{key: "helen", name: "Helen Barker", group: sm, orgs: job("probation", "Head of probation delivery unit")},
	{key: "simon", name: "Simon Pearce", group: sm, orgs: job("homes", "Director of housing services")},
	{key: "rachel", name: "Rachel Goodwin", group: sm, orgs: job("hostel", "Operations manager")},
	{key: "michael", name: "Michael Dunn", group: sm, orgs: job("asc", "Head of adult social care")},
	{key: "karen", name: "Karen Whitehouse", group: sm, orgs: job("recovery", "Service manager")},
	{key: "neil", name: "Neil Chapman", group: sm, orgs: job("jcp", "Partnership manager")},
	{key: "anita", name: "Anita Sharma", group: sm, orgs: job("college", "Head of community learning")},

	// Commissioners and funders.
	{key: "claire", name: "Claire Robinson", group: com, orgs: job("icb", "Mental health commissioning manager")},
	{key: "deborah", name: "Deborah Quinn", group: com, orgs: job("icb", "Associate director of commissioning")},
	{key: "matthew", name: "Matthew Hale", group: com, orgs: job("asc", "Commissioning manager, vulnerable adults")},
	{key: "yvonne", name: "Yvonne Campbell", group: com, orgs: job("opcc", "Commissioning and partnerships officer")},
	{key: "james", name: "James Whitaker", group: com, orgs: job("nlcf", "Funding officer")},
	{key: "louise", name: "Louise Palmer", group: com, orgs: job("ncf", "Grants manager")},

	// Consultants: independent, so no organisation.
	{key: "consultant", name: "Priya Shah", email: DemoConsultMail, group: con},
	{key: "martin", name: "Martin Osei", group: con},
	{key: "ellen", name: "Ellen Fraser", group: con},

	// Everyone else.
	{key: "admin", name: "Convene Admin", email: DemoAdminMail, group: oth, admin: true},
	{key: "patricia", name: "Patricia Hughes", group: oth, orgs: job("asc", "Cabinet member for health and wellbeing")},
	{key: "sarah", name: "Sarah Lewis", group: oth, orgs: job("healthwatch", "Chief officer")},
	{key: "godfrey", name: "Godfrey Ndlovu", group: oth, orgs: job("healthwatch", "Engagement officer")},
	{key: "zoe", name: "Zoe Hamilton", group: oth, orgs: job("mind", "Forum administrator")},
	{key: "alan", name: "Alan Moss", noEmail: true, phone: "07700 900127", group: oth},
}
