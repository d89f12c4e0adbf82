package alerts

import (
	"fmt"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/mail"
)

var kindHeadings = []struct {
	kind    Kind
	heading string
}{
	{ActionOverdue, "Overdue actions"},
	{ActionDueSoon, "Actions due in the next 7 days"},
	{CommitmentEnding, "Commitments ending within 90 days with no successor agreed"},
	{ReviewDue, "Commitment reviews due"},
}

// compose writes one person's digest as plain text: per programme, the
// items grouped by kind with their dates in the programme's time zone.
func (d *Digest) compose(p *ent.Person, progs []*ent.Programme, items map[int][]Item, now time.Time) mail.Message {
	var b strings.Builder
	total := 0
	fmt.Fprintf(&b, "Hello %s,\n\nHere is what needs attention in your Convene programmes today.\n", p.Name)
	for _, prog := range progs {
		loc, err := time.LoadLocation(prog.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		fmt.Fprintf(&b, "\n== %s ==\n", prog.Name)
		for _, h := range kindHeadings {
			var lines []string
			for _, it := range items[prog.ID] {
				if it.Kind != h.kind {
					continue
				}
				lines = append(lines, fmt.Sprintf("  - %s (%s %s)", it.Title, dueWord(it.Kind), it.Due.In(loc).Format("Mon 2 Jan 2006")))
			}
			if len(lines) == 0 {
				continue
			}
			total += len(lines)
			fmt.Fprintf(&b, "\n%s:\n%s\n", h.heading, strings.Join(lines, "\n"))
		}
		if d.BaseURL != "" {
			fmt.Fprintf(&b, "\nOpen the programme: %s/programmes/%d\n", strings.TrimRight(d.BaseURL, "/"), prog.ID)
		}
	}
	b.WriteString("\nYou receive this daily digest because you organise or consult on these programmes.\n")
	noun := "items need"
	if total == 1 {
		noun = "item needs"
	}
	return mail.Message{
		To:      *p.Email,
		Subject: fmt.Sprintf("Convene digest %s: %d %s attention", now.UTC().Format("2 Jan 2006"), total, noun),
		Text:    b.String(),
	}
}

func dueWord(k Kind) string {
	switch k {
	case ActionOverdue:
		return "was due"
	case CommitmentEnding:
		return "ends"
	case ReviewDue:
		return "review"
	default:
		return "due"
	}
}
