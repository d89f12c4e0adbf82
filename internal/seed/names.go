package seed

import (
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
)

// Word lists for the synthetic city. Kept deliberately varied (names from
// the communities of a large UK city, long and accented names, apostrophes)
// so that benchmarks and UI tests meet realistic strings, not "User 1".

var firstNames = []string{
	"Aaliyah", "Aaron", "Abdul", "Adaeze", "Adam", "Agnieszka", "Ahmed", "Aisha", "Alan", "Alex",
	"Alice", "Amara", "Amir", "Amy", "Andrea", "Andrew", "Angela", "Anil", "Ann", "Arjun",
	"Bartosz", "Ben", "Bethan", "Bilal", "Bridget", "Callum", "Carl", "Caroline", "Catherine", "Chantelle",
	"Charlotte", "Chen", "Chloe", "Chris", "Ciaran", "Claire", "Connor", "Craig", "Dami", "Daniel",
	"Darren", "David", "Dawn", "Dean", "Deborah", "Declan", "Denise", "Dylan", "Eilidh", "Eleanor",
	"Emma", "Erin", "Esther", "Fatima", "Femi", "Fiona", "Gareth", "Gemma", "Grace", "Graham",
	"Hamza", "Hannah", "Hassan", "Helen", "Iqra", "Isaac", "Jack", "Jade", "Jamal", "James",
	"Jasmine", "Jennifer", "Joanne", "John", "Jordan", "Joseph", "Karen", "Kayleigh", "Kemi", "Kerry",
	"Kevin", "Kieran", "Kwame", "Laura", "Leanne", "Lee", "Liam", "Lisa", "Louise", "Lucy",
	"Mandeep", "Marek", "Maria", "Mark", "Martin", "Maryam", "Matthew", "Megan", "Michelle", "Mohammed",
	"Nadia", "Natalie", "Neil", "Nicola", "Niamh", "Oliver", "Oluwaseun", "Omar", "Owen", "Patrick",
	"Paul", "Priya", "Rachel", "Rajesh", "Rebecca", "Rhys", "Richard", "Rosa", "Ruth", "Ryan",
	"Saima", "Samuel", "Sandra", "Sarah", "Sean", "Shanice", "Simon", "Siobhan", "Sophie", "Stacey",
	"Stephen", "Stuart", "Tariq", "Tendai", "Thomas", "Tom", "Tracey", "Usman", "Victoria", "Wayne",
	"Wei", "Yasmin", "Yusuf", "Zainab", "Zoë", "Zofia",
}

var surnames = []string{
	"Abbott", "Adeyemi", "Ahmed", "Ali", "Allen", "Anderson", "Atkinson", "Bailey", "Baker", "Begum",
	"Bell", "Bennett", "Bibi", "Brown", "Butler", "Campbell", "Carter", "Chapman", "Chaudhry", "Chen",
	"Clarke", "Collins", "Cooper", "Cox", "Davies", "Dixon", "Doherty", "Edwards", "Ellis", "Evans",
	"Fletcher", "Foster", "Gallagher", "Gill", "Graham", "Green", "Hall", "Harris", "Hughes", "Hussain",
	"Iqbal", "Jackson", "James", "Jenkins", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "King",
	"Kowalski", "Lee", "Lewis", "Lloyd", "MacDonald", "Mahmood", "Marshall", "Martin", "Mensah", "Mitchell",
	"Moore", "Morgan", "Morris", "Murphy", "Nowak", "O'Brien", "O'Neill", "Okafor", "Owen", "Parker",
	"Patel", "Phillips", "Price", "Rahman", "Reid", "Richards", "Roberts", "Robinson", "Rogers", "Scott",
	"Shah", "Sharma", "Shaw", "Singh", "Smith", "Stewart", "Taylor", "Thomas", "Thompson", "Turner",
	"Walker", "Walsh", "Ward", "Watson", "White", "Williams", "Wilson", "Wood", "Wright", "Young",
}

// places name the organisations' towns and boroughs.
var places = []string{
	"Northgate", "Southmoor", "Eastwick", "Westbridge", "Ashdale", "Brackenfield", "Calder Vale", "Dunmore",
	"Elmstead", "Fellside", "Greyhaven", "Harrowby", "Ironbridge Road", "Kingsmead", "Larkhill", "Millbrook",
	"Netherton", "Oakfield", "Pennington", "Queensway", "Riverside", "Saltmarsh", "Thornbury", "Upperby",
	"Valley Park", "Wharfedale", "Yewtree", "Canal Side", "St Anne's", "Moor End",
}

// orgTemplates are organisation names by sector; %s is a place.
var orgTemplates = map[organisation.Sector][]string{
	organisation.SectorVOLUNTARY: {
		"%s Mind", "%s Women's Centre", "%s Recovery Network", "%s Foodbank", "%s Citizens Advice",
		"%s Lived Experience Network", "%s Outreach Trust", "%s Advocacy Service", "%s Young People's Project",
	},
	organisation.SectorHEALTH: {
		"%s NHS Foundation Trust", "%s GP Federation", "%s Community Health Services", "%s Integrated Care Partnership",
	},
	organisation.SectorPOLICE:           {"%s Neighbourhood Policing Team", "%s Police Mental Health Liaison"},
	organisation.SectorCRIMINAL_JUSTICE: {"Probation Service — %s", "%s Youth Justice Service", "HMP %s", "%s Liaison and Diversion"},
	organisation.SectorHOUSING:          {"%s Homes", "%s Housing Association", "%s Supported Housing", "%s Night Shelter"},
	organisation.SectorLOCAL_AUTHORITY:  {"%s Council Adult Social Care", "%s Council Housing Options", "%s Council Public Health"},
	organisation.SectorEMPLOYMENT:       {"Jobcentre Plus — %s", "%s Works", "%s Employment Hub"},
	organisation.SectorEDUCATION:        {"%s College", "%s Recovery College", "University of %s"},
	organisation.SectorFUNDER:           {"%s Community Foundation", "%s Charitable Trust", "The %s Fund"},
	organisation.SectorOTHER:            {"Healthwatch %s", "%s Faith Network", "%s Chamber of Commerce"},
}

// sectorWeights: the voluntary and housing sectors dominate a city's
// partnership by number of organisations; funders and police are few.
var sectorWeights = []weightedChoice[organisation.Sector]{
	{organisation.SectorVOLUNTARY, 34}, {organisation.SectorHEALTH, 10}, {organisation.SectorPOLICE, 3},
	{organisation.SectorCRIMINAL_JUSTICE, 7}, {organisation.SectorHOUSING, 15}, {organisation.SectorLOCAL_AUTHORITY, 8},
	{organisation.SectorEMPLOYMENT, 8}, {organisation.SectorEDUCATION, 6}, {organisation.SectorFUNDER, 5},
	{organisation.SectorOTHER, 4},
}

var groupWeights = []weightedChoice[person.StakeholderGroup]{
	{person.StakeholderGroupLIVED_EXPERIENCE, 20}, {person.StakeholderGroupFRONTLINE, 40},
	{person.StakeholderGroupSENIOR_MANAGER, 18}, {person.StakeholderGroupCOMMISSIONER, 6},
	{person.StakeholderGroupCONSULTANT, 3}, {person.StakeholderGroupOTHER, 13},
}

// jobTitles by stakeholder group; lived-experience members of a voluntary
// organisation get a peer role.
var jobTitles = map[person.StakeholderGroup][]string{
	person.StakeholderGroupLIVED_EXPERIENCE: {"Peer network member", "Peer mentor", "Peer researcher", "Expert by experience"},
	person.StakeholderGroupFRONTLINE: {
		"Support worker", "Navigator", "Community mental health nurse", "Housing officer", "Probation officer",
		"Neighbourhood police constable", "Social worker", "Recovery worker", "Work coach", "Outreach worker",
		"Tenancy sustainment officer", "Harm reduction worker",
	},
	person.StakeholderGroupSENIOR_MANAGER: {
		"Service manager", "Head of service", "Operations director", "Chief executive", "Team leader",
		"Associate director", "Chief inspector",
	},
	person.StakeholderGroupCOMMISSIONER: {"Commissioning manager", "Funding officer", "Grants manager", "Head of commissioning"},
	person.StakeholderGroupCONSULTANT:   {"Partnership consultant", "Evaluator", "Systems change coach"},
	person.StakeholderGroupOTHER:        {"Administrator", "Engagement officer", "Councillor", "Volunteer", "Researcher"},
}

var accessNeeds = []string{
	"Step-free access.", "Quiet room.", "BSL interpreter.", "Hearing loop.", "Large print papers.",
	"Papers in advance.", "Interpreter (Polish).", "Interpreter (Urdu).", "Travel costs paid on the day.",
	"Needs regular breaks.", "Easy-read papers.", "Childcare costs covered.",
}

// Programme themes, events and actions.

var programmeThemes = []string{
	"Multiple disadvantage: system change", "Housing First expansion", "Dual diagnosis pathway",
	"Women's centre partnership", "Prison release and resettlement", "Crisis care concordat",
	"Young people in transition", "Employment and recovery", "Hospital discharge for people sleeping rough",
	"Street outreach review", "Domestic abuse and multiple needs", "Trauma-informed city",
	"Hoarding and self-neglect", "Financial inclusion", "Peer support network", "Substance use harm reduction",
	"Custody to community", "Asylum and refugee health", "Safeguarding adults review", "Older people with complex needs",
}

var workshopTopics = []string{
	"Mapping the journey", "Who holds the risk?", "Designing the move-on pathway", "After the grant ends",
	"One consent form", "The first 72 hours", "Making referrals stick", "Data we could share",
	"Lived experience in commissioning", "What good looks like", "Trauma-informed practice",
	"Friday releases", "The front door", "Hospital discharge", "Evictions and prevention", "Peer roles",
}

var venues = []struct{ name, address, access string }{
	{"Central Library, Community Room", "Calverley Square, %s", "Step-free entrance; lift; hearing loop."},
	{"Community Hub", "14 Market Street, %s", "Step-free; quiet room on the ground floor."},
	{"Town Hall, Committee Room 2", "Civic Centre, %s", "Lift to the first floor; accessible toilets."},
	{"Recovery Café", "3 Station Approach, %s", "Ground floor; step-free."},
	{"Education Centre", "Moor Road Hospital, %s", "Step-free via the main entrance; parking by the door."},
	{"Church Hall", "St Mary's Lane, %s", "Ramp at the side entrance; hearing loop."},
}

var actionVerbs = []string{"Map", "Review", "Agree", "Share", "Draft", "Publish", "Fund", "Pilot", "Evaluate", "Escalate"}

var actionObjects = []string{
	"referral routes from custody", "the joint consent form", "hospital discharge protocol", "move-on pathway",
	"data on repeat A&E attendance", "the peer support offer", "out-of-hours crisis cover", "Friday release protocol",
	"funding for the navigator service", "the MDT terms of reference", "easy-read versions of papers",
	"the eviction prevention panel", "dual diagnosis training", "a single point of contact list",
}

var commitmentTitles = map[string][]string{
	"FUNDING":          {"Navigator service grant", "Crisis café funding", "Peer support fund", "Outreach worker post", "Pilot funding"},
	"STAFF_TIME":       {"Liaison officer time at the MDT", "Nurse sessions at the hostel", "Work coach at the hub", "Social worker secondment"},
	"REFERRAL_PATHWAY": {"Direct referral route on release", "Fast-track housing assessment", "GP registration without ID"},
	"DATA_SHARING":     {"Anonymised A&E attendance data", "Shared caseload list", "Custody contact data"},
	"VENUE":            {"Free meeting room for workshops", "Drop-in space two afternoons a week"},
	"OTHER":            {"Named contact for the forum", "Training places for peer mentors"},
}
