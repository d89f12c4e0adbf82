package representation

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// WriteCSV writes the group × sector cells, each flagged when it is a
// missing voice (invited, nobody attended).
func (b *Breakdown) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"stakeholder_group", "sector", "invited", "accepted", "attended", "missing"})
	for _, c := range b.Cells {
		_ = cw.Write([]string{c.Group, c.Sector, strconv.Itoa(c.Invited), strconv.Itoa(c.Accepted), strconv.Itoa(c.Attended),
			strconv.FormatBool(c.Invited > 0 && c.Attended == 0)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteCSV writes one line per organisation and occurrence.
func (r *OrganisationRates) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"organisation_id", "organisation", "sector", "event_id", "event", "occurrence_start", "invited", "accepted", "attended", "rate"})
	for _, o := range r.Organisations {
		for _, p := range o.Points {
			rate := ""
			if v := p.Rate(); v != nil {
				rate = strconv.FormatFloat(*v, 'f', 3, 64)
			}
			_ = cw.Write([]string{strconv.Itoa(o.OrganisationID), safe(o.Name), o.Sector, strconv.Itoa(p.Occurrence.EventID),
				safe(p.Occurrence.Title), p.Occurrence.Start.UTC().Format(time.RFC3339),
				strconv.Itoa(p.Invited), strconv.Itoa(p.Accepted), strconv.Itoa(p.Attended), rate})
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteCSV writes how many people came to exactly k of the occurrences.
func (r *Repeat) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"times_attended", "people", "of_occurrences", "repeat_threshold"})
	for i, n := range r.People {
		_ = cw.Write([]string{strconv.Itoa(i + 1), strconv.Itoa(n), strconv.Itoa(len(r.Occurrences)), strconv.Itoa(r.Threshold)})
	}
	cw.Flush()
	return cw.Error()
}

// safe keeps spreadsheet programs from running a cell as a formula.
func safe(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}
