package attendance

import (
	"encoding/csv"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSVHeader is the first row of the attendance sheet export.
var CSVHeader = []string{"person_id", "name", "organisations", "stakeholder_group", "invited", "response", "status", "derived", "method", "walk_in", "checked_in_at", "deputy"}

// WriteCSV writes the sheet as CSV. Cells that a spreadsheet would run as a
// formula are prefixed with a quote (CSV injection).
func (sh *Sheet) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, r := range sh.Rows {
		rec := []string{
			itoa(r.Person.ID), r.Person.Name, strings.Join(r.Organisations, "; "), group(r),
			yesNo(r.Invitation != nil), response(r), r.Status, yesNo(r.Derived), method(r), yesNo(r.Attendance != nil && r.Attendance.WalkIn),
			checkedIn(r), deputyName(r),
		}
		for i := range rec {
			rec[i] = safeCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func group(r Row) string {
	if r.Person.StakeholderGroup == nil {
		return ""
	}
	return string(*r.Person.StakeholderGroup)
}

func response(r Row) string {
	if r.Invitation == nil {
		return ""
	}
	return string(r.Invitation.Response)
}

func method(r Row) string {
	if r.Attendance == nil {
		return ""
	}
	return string(r.Attendance.Method)
}

func checkedIn(r Row) string {
	if r.Attendance == nil || r.Attendance.CheckedInAt == nil {
		return ""
	}
	return r.Attendance.CheckedInAt.UTC().Format(time.RFC3339)
}

func deputyName(r Row) string {
	if r.Deputy == nil {
		return ""
	}
	return r.Deputy.Name
}

// WriteHTML writes a printable sign-in sheet: one line per expected person
// with a box to sign, then blank lines for walk-ins.
func (sh *Sheet) WriteHTML(w io.Writer, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	type line struct {
		Name, Organisations, Group, Response, Status string
	}
	data := struct {
		Title, When, Venue, Code string
		Lines                    []line
		Blank                    []int
	}{
		Title: sh.Occurrence.Title,
		When:  sh.Occurrence.Begins.In(loc).Format("Monday 2 January 2006, 15:04") + "–" + sh.Occurrence.Ends.In(loc).Format("15:04 MST"),
		Venue: sh.Occurrence.Event.VenueName,
		Code:  sh.Code,
		Blank: make([]int, 10),
	}
	for _, r := range sh.Rows {
		status := r.Status
		if r.Derived {
			status = ""
		}
		data.Lines = append(data.Lines, line{r.Person.Name, strings.Join(r.Organisations, ", "), group(r), response(r), status})
	}
	return sheetTemplate.Execute(w, data)
}

var sheetTemplate = template.Must(template.New("sheet").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in sheet: {{.Title}}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
h1{font-size:1.4rem;margin:0}
p.meta{margin:.25rem 0 1rem}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #444;padding:.45rem .5rem;text-align:left;font-size:.95rem}
th{background:#eee}
td.sign{width:30%}
.code{font-family:ui-monospace,monospace;font-size:1.1rem;letter-spacing:.15em}
@media print{body{margin:0}button{display:none}}
</style></head>
<body>
<h1>{{.Title}}</h1>
<p class="meta">{{.When}}{{if .Venue}} · {{.Venue}}{{end}}</p>
<p>Self check-in code: <span class="code">{{.Code}}</span></p>
<table>
<thead><tr><th>Name</th><th>Organisation</th><th>Group</th><th>Reply</th><th>Recorded</th><th>Signature</th></tr></thead>
<tbody>
{{range .Lines}}<tr><td>{{.Name}}</td><td>{{.Organisations}}</td><td>{{.Group}}</td><td>{{.Response}}</td><td>{{.Status}}</td><td class="sign"></td></tr>
{{end}}{{range .Blank}}<tr><td>&nbsp;</td><td></td><td></td><td>walk-in</td><td></td><td class="sign"></td></tr>
{{end}}</tbody></table>
</body></html>
`))
