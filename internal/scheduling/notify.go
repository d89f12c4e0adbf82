package scheduling

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/occurrenceoverride"
	"github.com/convene/convene/ent/outboxmessage"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/icalendar"
	"github.com/convene/convene/internal/imip"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/outbox"
	"github.com/convene/convene/internal/recurrence"
	"github.com/convene/convene/internal/viewer"
)

// Email kinds, as stored on outbox rows.
const (
	kindInvitation   = "invitation"
	kindUpdate       = "update"
	kindCancellation = "cancellation"
	kindPromotion    = "waitlist-promotion"
	kindReminder     = "reminder"
	kindNudge        = "reply-reminder"
)

// issueToken returns the invitation's RSVP link token. With a LinkSecret
// (always, in the server) the token is derived from the secret and the
// invitation's id, so every email about the invitation carries the same
// link and a link from an earlier email keeps working after the forum
// moves; only its hash is stored, as for every credential, and it is
// written once. Without one (some tests) each email gets a fresh random
// token and only the newest link works.
func (s *Service) issueToken(ctx context.Context, tx *ent.Client, inv *ent.Invitation) (string, error) {
	token := auth.NewToken()
	if len(s.LinkSecret) > 0 {
		token = rsvpToken(s.LinkSecret, inv.ID)
	}
	hash := auth.Hash(token)
	if inv.TokenHash == hash {
		return token, nil // already stored by an earlier email
	}
	if err := tx.Invitation.UpdateOne(inv).SetTokenHash(hash).Exec(viewer.SystemContext(ctx)); err != nil {
		return "", err
	}
	inv.TokenHash = hash
	return token, nil
}

// rsvpToken is HMAC-SHA256(secret, "rsvp:<id>"), URL-safe: as long and as
// unguessable as a random token, and the same every time.
func rsvpToken(secret []byte, invitationID int) string {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("rsvp:" + strconv.Itoa(invitationID)))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// recipients loads the event's active invitations with their people, in
// one query each, optionally limited to those concerning one occurrence
// (series invitations and invitations to that occurrence).
func recipients(ctx context.Context, tx *ent.Client, eventID int, rid *time.Time, includeDeclined bool) ([]*ent.Invitation, error) {
	q := tx.Invitation.Query().Where(invitation.EventID(eventID), invitation.WithdrawnAtIsNil()).WithPerson()
	if !includeDeclined {
		q.Where(invitation.ResponseNEQ(invitation.ResponseDECLINED))
	}
	if rid != nil {
		q.Where(invitation.Or(invitation.OccurrenceStartIsNil(), invitation.OccurrenceStart(*rid)))
	}
	return q.Order(ent.Asc(invitation.FieldID)).All(viewer.SystemContext(ctx))
}

func overridesOf(ctx context.Context, tx *ent.Client, eventID int) ([]*ent.OccurrenceOverride, error) {
	return tx.OccurrenceOverride.Query().Where(occurrenceoverride.EventID(eventID)).All(viewer.SystemContext(ctx))
}

// notifyInvitations sends REQUEST invitations (kind invitation, or the
// continuation of a split series) to invs, or to every active invitation.
func (s *Service) notifyInvitations(ctx context.Context, tx *ent.Client, ev *ent.Event, invs []*ent.Invitation, kind string) error {
	return s.notifyAll(ctx, tx, ev, invs, kind, nil)
}

// notifyUpdate re-sends REQUEST (same UID, the event's new SEQUENCE) to
// everyone concerned who has not declined.
func (s *Service) notifyUpdate(ctx context.Context, tx *ent.Client, ev *ent.Event, rid *time.Time) error {
	return s.notifyAll(ctx, tx, ev, nil, kindUpdate, rid)
}

// notifyCancel sends METHOD:CANCEL for the event or one occurrence.
func (s *Service) notifyCancel(ctx context.Context, tx *ent.Client, ev *ent.Event, rid *time.Time) error {
	return s.notifyAll(ctx, tx, ev, nil, kindCancellation, rid)
}

// notifyAll emails kind about ev (or its occurrence rid) to invs, or, when
// invs is nil, to everyone concerned who has not declined.
func (s *Service) notifyAll(ctx context.Context, tx *ent.Client, ev *ent.Event, invs []*ent.Invitation, kind string, rid *time.Time) error {
	if invs == nil {
		var err error
		if invs, err = recipients(ctx, tx, ev.ID, rid, false); err != nil {
			return err
		}
	}
	ovs, err := overridesOf(ctx, tx, ev.ID)
	if err != nil {
		return err
	}
	for _, inv := range invs {
		if err := s.sendAbout(ctx, tx, ev, ovs, inv, kind, rid); err != nil {
			return err
		}
	}
	return nil
}

// sendAbout writes one email about inv to the outbox. rid names the
// occurrence an update or cancellation is about (nil: the whole event).
func (s *Service) sendAbout(ctx context.Context, tx *ent.Client, ev *ent.Event, ovs []*ent.OccurrenceOverride, inv *ent.Invitation, kind string, rid *time.Time) error {
	return s.sendAboutKeyed(ctx, tx, ev, ovs, inv, kind, rid, "")
}

func (s *Service) sendAboutKeyed(ctx context.Context, tx *ent.Client, ev *ent.Event, ovs []*ent.OccurrenceOverride, inv *ent.Invitation, kind string, rid *time.Time, dedupe string) error {
	p := inv.Edges.Person
	if p == nil {
		var err error
		if p, err = tx.Person.Get(viewer.SystemContext(ctx), inv.PersonID); err != nil {
			return err
		}
	}
	if p.Email == nil || *p.Email == "" || p.ErasedAt != nil {
		return nil // nobody to write to; the invitation still stands
	}
	if dedupe != "" {
		// Already queued (a rerun, another replica): do not issue a new
		// link that no email would carry.
		dup, err := tx.OutboxMessage.Query().Where(outboxmessage.DedupeKey(dedupe)).Exist(viewer.SystemContext(ctx))
		if err != nil || dup {
			return err
		}
	}
	link := ""
	if kind != kindCancellation {
		token, err := s.issueToken(ctx, tx, inv)
		if err != nil {
			return err
		}
		link = s.RSVPURL(token)
	}
	in := imip.Invite{
		Event: ev, Overrides: ovs, Occurrence: inv.OccurrenceStart,
		Organizer: icalendar.Address{Email: s.mailFrom(), Name: "Convene"},
		Recipient: imip.Recipient{Email: *p.Email, Name: p.Name, PartStat: imip.PartStat(string(inv.Response)), Role: imip.Role(string(inv.Role))},
		URL:       link, Now: s.now(),
	}
	var part imip.Part
	var err error
	switch {
	case kind == kindCancellation && rid != nil && inv.OccurrenceStart != nil:
		part, err = imip.Cancel(in, rid, true)
	case kind == kindCancellation:
		part, err = imip.Cancel(in, rid, false)
	default:
		part, err = imip.Request(in)
	}
	if err != nil {
		return err
	}
	view := s.emailView(ev, ovs, inv, p, kind, rid, link)
	text, html, err := renderEmail(view)
	if err != nil {
		return err
	}
	return outbox.Enqueue(ctx, tx, outbox.Message{
		Kind: kind, DedupeKey: dedupe,
		Message: mail.Message{To: *p.Email, Subject: view.Subject, Text: text, HTML: html, ICS: part.ICS, ICSMethod: part.Method},
	})
}

// emailView is what the email templates show.
type emailView struct {
	Subject, Heading, Intro string
	Name, Title, When       string
	Repeats, Where, Access  string
	Online, Description     string
	Link, LinkLabel         string
	Status                  string
}

func (s *Service) emailView(ev *ent.Event, ovs []*ent.OccurrenceOverride, inv *ent.Invitation, p *ent.Person, kind string, rid *time.Time, link string) emailView {
	v := emailView{Name: p.Name, Title: ev.Title, Link: link, Description: strings.TrimSpace(ev.Description),
		Where: imip.Location(ev.VenueName, ev.VenueAddress, ""), Access: ev.VenueAccess, Online: ev.OnlineURL}
	start, end := ev.StartsAt, ev.EndsAt
	focus := rid
	if focus == nil {
		focus = inv.OccurrenceStart
	}
	if focus != nil {
		if occ, err := findOccurrence(ev, ovs, *focus); err == nil {
			start, end = occ.StartsAt, occ.EndsAt
			v.Title = occ.Title
			if occ.VenueName != ev.VenueName || occ.VenueAddress != ev.VenueAddress {
				v.Where = imip.Location(occ.VenueName, occ.VenueAddress, "")
			}
		}
	} else if ev.Rrule != "" {
		if d, err := recurrence.Describe(imip.SeriesOf(ev, nil)); err == nil {
			v.Repeats = d
		}
	}
	v.When = FormatWhen(start, end, ev.TimeZone, ev.AllDay)
	if ev.Rrule != "" && focus == nil {
		v.When = "first on " + v.When
	}
	v.Status = strings.ToLower(string(inv.Response))
	v.LinkLabel = "Reply: accept, maybe or decline"
	switch kind {
	case kindInvitation:
		v.Subject = "Invitation: " + v.Title
		v.Heading = "You are invited"
		v.Intro = fmt.Sprintf("You are invited to %s.", v.Title)
	case kindUpdate:
		v.Subject = "Updated: " + v.Title
		v.Heading = "Changed"
		v.Intro = fmt.Sprintf("%s has changed. Your calendar will update when you open the attached invitation.", v.Title)
		v.LinkLabel = "See the details or change your reply"
	case kindCancellation:
		v.Heading = "Cancelled"
		if rid != nil {
			v.Subject = "Cancelled: " + v.Title + " on " + FormatDay(*rid, ev.TimeZone)
			v.Intro = fmt.Sprintf("The %s meeting of %s has been cancelled. Other dates are unchanged.", FormatDay(*rid, ev.TimeZone), v.Title)
		} else {
			v.Subject = "Cancelled: " + v.Title
			v.Intro = fmt.Sprintf("%s has been cancelled.", v.Title)
		}
	case kindPromotion:
		v.Subject = "You have a place: " + v.Title
		v.Heading = "A place is yours"
		v.Intro = fmt.Sprintf("A place has come free at %s and it is now yours: you were next on the waiting list. If you can no longer come, please decline so the next person can have it.", v.Title)
		v.LinkLabel = "Can't come any more? Let us know"
	case kindReminder:
		v.Subject = "Reminder: " + v.Title + ", " + FormatDay(start, ev.TimeZone)
		v.Heading = "See you soon"
		v.Intro = fmt.Sprintf("A reminder that %s is coming up.", v.Title)
		v.LinkLabel = "Can't come any more? Let us know"
	case kindNudge:
		v.Subject = "Please reply: " + v.Title
		v.Heading = "Can you come?"
		v.Intro = fmt.Sprintf("You are invited to %s and we have not heard from you yet.", v.Title)
	}
	return v
}

// FormatWhen renders an occurrence's time in the event's own zone, naming it.
func FormatWhen(start, end time.Time, tz string, allDay bool) string {
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "" {
		loc = time.UTC
	}
	s, e := start.In(loc), end.In(loc)
	if allDay {
		return s.Format("Monday 2 January 2006") + " (all day)"
	}
	out := s.Format("Monday 2 January 2006, 15:04") + "–"
	if s.YearDay() == e.YearDay() && s.Year() == e.Year() {
		out += e.Format("15:04")
	} else {
		out += e.Format("Monday 2 January 2006, 15:04")
	}
	return out + " (" + loc.String() + ")"
}

// FormatDay renders the date of t in zone tz.
func FormatDay(t time.Time, tz string) string {
	if loc, err := time.LoadLocation(tz); err == nil {
		t = t.In(loc)
	}
	return t.Format("Monday 2 January 2006")
}

const textTemplate = `Hello {{.Name}},

{{.Intro}}

{{.Title}}
When: {{.When}}
{{- if .Repeats}}
Repeats: {{.Repeats}}{{end}}
{{- if .Where}}
Where: {{.Where}}{{end}}
{{- if .Access}}
Access: {{.Access}}{{end}}
{{- if .Online}}
Online: {{.Online}}{{end}}
{{- if .Description}}

{{.Description}}{{end}}
{{- if .Link}}

{{.LinkLabel}}: {{.Link}}
(No account needed. You can also tell us about any access needs there.){{end}}

— Convene
`

var (
	textTmpl = mustText(textTemplate)
	htmlTmpl = template.Must(template.New("email").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36em">
<h1 style="font-size: 1.4em">{{.Heading}}</h1>
<p>Hello {{.Name}},</p>
<p>{{.Intro}}</p>
<table role="presentation">
<tr><th align="left">What</th><td>{{.Title}}</td></tr>
<tr><th align="left">When</th><td>{{.When}}</td></tr>
{{if .Repeats}}<tr><th align="left">Repeats</th><td>{{.Repeats}}</td></tr>{{end}}
{{if .Where}}<tr><th align="left">Where</th><td>{{.Where}}</td></tr>{{end}}
{{if .Access}}<tr><th align="left">Access</th><td>{{.Access}}</td></tr>{{end}}
{{if .Online}}<tr><th align="left">Online</th><td><a href="{{.Online}}">{{.Online}}</a></td></tr>{{end}}
</table>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{if .Link}}<p><a href="{{.Link}}" style="display: inline-block; padding: .6em 1em; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 4px">{{.LinkLabel}}</a></p>
<p style="color: #555">No account needed. You can also tell us about any access needs there.</p>{{end}}
</body></html>
`))
)

func renderEmail(v emailView) (string, string, error) {
	var t, h bytes.Buffer
	if err := textTmpl.Execute(&t, v); err != nil {
		return "", "", err
	}
	if err := htmlTmpl.Execute(&h, v); err != nil {
		return "", "", err
	}
	return t.String(), h.String(), nil
}
