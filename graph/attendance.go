package graph

import (
	"context"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/organisation"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/graph/model"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/attendance"
	"github.com/convene/convene/internal/representation"
)

// Helpers for schema/attendance.graphqls: converting the attendance and
// representation packages' results to GraphQL models, and the
// occurrenceLive subscription loop.

func statusOf(s *entattendance.Status) string {
	if s == nil {
		return ""
	}
	return string(*s)
}

func sheetModel(sh *attendance.Sheet) *model.AttendanceSheet {
	base := attendance.OccurrencePath(sh.Occurrence.Event.ID, sh.Occurrence.Start)
	out := &model.AttendanceSheet{
		EventID: sh.Occurrence.Event.ID, OccurrenceStart: sh.Occurrence.Start, Title: sh.Occurrence.Title,
		Begins: sh.Occurrence.Begins, Ends: sh.Occurrence.Ends,
		Rows: make([]*model.AttendanceSheetRow, 0, len(sh.Rows)), NoShows: []*model.AttendanceSheetRow{},
		CSVURL: base + "/sheet.csv", PrintURL: base + "/sheet",
	}
	for _, r := range sh.Rows {
		row := &model.AttendanceSheetRow{
			Person: r.Person, Organisations: r.Organisations, Invitation: r.Invitation, Attendance: r.Attendance,
			Derived: r.Derived, Deputy: r.Deputy,
		}
		if row.Organisations == nil {
			row.Organisations = []string{}
		}
		if r.Status != "" {
			st := entattendance.Status(r.Status)
			row.Status = &st
		}
		out.Rows = append(out.Rows, row)
		if r.Status == attendance.Absent {
			out.NoShows = append(out.NoShows, row)
		}
	}
	return out
}

func countsModel(c *attendance.Counts, reason string) *model.OccurrenceLive {
	out := &model.OccurrenceLive{
		EventID: c.EventID, OccurrenceStart: c.OccurrenceStart, CheckedIn: c.CheckedIn, NoShows: c.NoShows,
		LatestCheckIns: c.Latest, Reason: reason,
		Replies: []*model.ReplyCount{}, Statuses: []*model.StatusCount{},
	}
	if out.LatestCheckIns == nil {
		out.LatestCheckIns = []*ent.Attendance{}
	}
	// Every value, zeros included, in the enums' order: screens need not
	// special-case missing keys.
	for _, r := range []invitation.Response{invitation.ResponsePENDING, invitation.ResponseACCEPTED,
		invitation.ResponseTENTATIVE, invitation.ResponseDECLINED, invitation.ResponseWAITLISTED} {
		out.Replies = append(out.Replies, &model.ReplyCount{Response: r, Count: c.Replies[string(r)]})
	}
	// ABSENT is derived and reported as noShows.
	for _, s := range []string{attendance.Present, attendance.Late, attendance.LeftEarly, attendance.Apologies, attendance.Deputy} {
		out.Statuses = append(out.Statuses, &model.StatusCount{Status: entattendance.Status(s), Count: c.Statuses[s]})
	}
	return out
}

func scopeOf(s model.ReportScope) representation.Scope {
	var sc representation.Scope
	if s.ProgrammeID != nil {
		sc.ProgrammeID = *s.ProgrammeID
	}
	if s.EventID != nil {
		sc.EventID = *s.EventID
	}
	if s.OccurrenceStart != nil {
		t := s.OccurrenceStart.UTC()
		sc.OccurrenceStart = &t
	}
	return sc
}

func validScope(s model.ReportScope) error {
	if s.ProgrammeID == nil && s.EventID == nil {
		return apperr.Invalid("scope", "give programmeId, eventId, or eventId and occurrenceStart")
	}
	if s.ProgrammeID != nil && s.EventID != nil {
		return apperr.Invalid("scope", "give either programmeId or eventId, not both")
	}
	if s.OccurrenceStart != nil && s.EventID == nil {
		return apperr.Invalid("scope", "occurrenceStart needs eventId")
	}
	return nil
}

// reportURL is the CSV download of a report for the same scope.
func reportURL(name string, sc representation.Scope, extra url.Values) string {
	q := url.Values{}
	if sc.ProgrammeID != 0 {
		q.Set("programme", strconv.Itoa(sc.ProgrammeID))
	}
	if sc.EventID != 0 {
		q.Set("event", strconv.Itoa(sc.EventID))
	}
	if sc.OccurrenceStart != nil {
		q.Set("start", sc.OccurrenceStart.UTC().Format(time.RFC3339))
	}
	for k, v := range extra {
		q[k] = v
	}
	return "/reports/" + name + ".csv?" + q.Encode()
}

func occurrencesModel(occs []representation.Occurrence) []*model.ReportOccurrence {
	out := make([]*model.ReportOccurrence, 0, len(occs))
	for _, o := range occs {
		out = append(out, occurrenceModel(o))
	}
	return out
}

func occurrenceModel(o representation.Occurrence) *model.ReportOccurrence {
	return &model.ReportOccurrence{EventID: o.EventID, Title: o.Title, Kind: event.Kind(o.Kind), Start: o.Start, Begins: o.Begins}
}

func cellModel(c representation.Cell) *model.RepresentationCell {
	out := &model.RepresentationCell{StakeholderGroup: person.StakeholderGroup(c.Group), Invited: c.Invited, Accepted: c.Accepted, Attended: c.Attended}
	if c.Sector != "" {
		s := organisation.Sector(c.Sector)
		out.Sector = &s
	}
	return out
}

func breakdownModel(b *representation.Breakdown) *model.RepresentationReport {
	out := &model.RepresentationReport{
		Occurrences: occurrencesModel(b.Occurrences), Cells: []*model.RepresentationCell{},
		MissingVoices: []*model.RepresentationCell{}, MissingGroups: []person.StakeholderGroup{},
		MissingSectors: []organisation.Sector{}, CSVURL: reportURL("representation", b.Scope, nil),
	}
	for _, c := range b.Cells {
		out.Cells = append(out.Cells, cellModel(c))
	}
	for _, c := range b.MissingVoices {
		out.MissingVoices = append(out.MissingVoices, cellModel(c))
	}
	for _, g := range b.MissingGroups {
		out.MissingGroups = append(out.MissingGroups, person.StakeholderGroup(g))
	}
	for _, s := range b.MissingSectors {
		if s == "" {
			out.MissingUnaffiliated = true
			continue
		}
		out.MissingSectors = append(out.MissingSectors, organisation.Sector(s))
	}
	return out
}

func organisationRatesModel(r *representation.OrganisationRates) *model.OrganisationAttendanceReport {
	out := &model.OrganisationAttendanceReport{
		Occurrences: occurrencesModel(r.Occurrences), Organisations: []*model.OrganisationAttendance{},
		CSVURL: reportURL("organisation-rates", r.Scope, nil),
	}
	for _, o := range r.Organisations {
		m := &model.OrganisationAttendance{OrganisationID: o.OrganisationID, Name: o.Name, Sector: organisation.Sector(o.Sector)}
		for _, p := range o.Points {
			m.Points = append(m.Points, &model.OrganisationAttendancePoint{
				Occurrence: occurrenceModel(p.Occurrence), Invited: p.Invited, Accepted: p.Accepted, Attended: p.Attended, Rate: p.Rate(),
			})
		}
		out.Organisations = append(out.Organisations, m)
	}
	return out
}

func repeatModel(r *representation.Repeat) *model.RepeatAttendanceReport {
	return &model.RepeatAttendanceReport{
		Occurrences: occurrencesModel(r.Occurrences), Window: r.Window, Threshold: r.Threshold,
		People: r.People, Attenders: r.Attenders, Repeaters: r.Repeaters,
		CSVURL: reportURL("repeat-attendance", r.Scope, url.Values{
			"window": {strconv.Itoa(r.Window)}, "threshold": {strconv.Itoa(r.Threshold)},
		}),
	}
}

// occurrenceLive streams the occurrence's counts: once at once, then after
// every change (see watchTopic). The event is loaded with the subscriber's
// own context first, so only those who may see it can subscribe, and every
// recount is read through the same privacy rules.
func (r *Resolver) occurrenceLive(ctx context.Context, eventID int, start time.Time) (<-chan *model.OccurrenceLive, error) {
	if r.live == nil || r.attendance == nil {
		return nil, apperr.Conflictf("live updates are not available on this server")
	}
	start = start.UTC()
	return watchTopic(ctx, r.live, attendance.Topic(eventID),
		func(payload []byte) (string, bool) { return noticeReason(payload, start) },
		func(reason string) (*model.OccurrenceLive, error) {
			counts, err := r.attendance.LoadCounts(ctx, eventID, start)
			if err != nil {
				return nil, err
			}
			return countsModel(counts, reason), nil
		})
}

// noticeReason decides whether a notice concerns the occurrence at start:
// series-wide invitation changes do, as do changes to this occurrence.
func noticeReason(payload []byte, start time.Time) (string, bool) {
	var n attendance.Notice
	if err := json.Unmarshal(payload, &n); err != nil || n.Kind == "" {
		return "resync", true
	}
	if n.OccurrenceStart != nil && !n.OccurrenceStart.Equal(start) {
		return "", false
	}
	return n.Kind, true
}

// mainReason names an update after what triggered it; attendance first,
// the door being what screens watch.
func mainReason(reasons []string) string {
	sort.SliceStable(reasons, func(i, j int) bool { return rank(reasons[i]) < rank(reasons[j]) })
	return reasons[0]
}

func rank(reason string) int {
	switch reason {
	case "attendance":
		return 0
	case "invitation":
		return 1
	}
	return 2
}

// walkInOf converts the GraphQL input.
func walkInOf(in model.WalkInInput) attendance.WalkIn {
	w := attendance.WalkIn{PersonID: in.PersonID, OrganisationID: in.OrganisationID, DeputyFor: in.DeputyFor, Status: statusOf(in.Status)}
	if in.Name != nil {
		w.Name = *in.Name
	}
	if in.Email != nil {
		w.Email = *in.Email
	}
	if in.StakeholderGroup != nil {
		w.StakeholderGroup = string(*in.StakeholderGroup)
	}
	if in.JobTitle != nil {
		w.JobTitle = *in.JobTitle
	}
	return w
}

func checkInURLs(s *attendance.Service, occ *attendance.Occurrence) *model.OccurrenceCheckIn {
	opens, closes := attendance.Window(occ)
	return &model.OccurrenceCheckIn{
		Code: s.Code(occ.Event.ID, occ.Start), URL: s.CheckInURL(occ.Event.ID, occ.Start),
		QRCodeURL: attendance.OccurrencePath(occ.Event.ID, occ.Start) + "/qr.png", OpensAt: opens, ClosesAt: closes,
	}
}
