// Package rsvp serves the no-login invitation page: GET /rsvp/{token} shows
// the event and Accept / Maybe / Decline buttons with an access-needs field
// (a plain HTML form: no JavaScript, no account), POST records the reply,
// and GET /rsvp/{token}/invite.ics is the "add to calendar" download.
//
// The token is the authorization: it is looked up by its SHA-256, and the
// handlers act (under the system viewer) on that one invitation only.
package rsvp

import (
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/icalendar"
	"github.com/convene/convene/internal/imip"
	"github.com/convene/convene/internal/scheduling"
	"github.com/convene/convene/internal/viewer"
)

// HTTP is the RSVP handler set.
type HTTP struct {
	Scheduling *scheduling.Service
	Logger     *slog.Logger
}

// Routes mounts the pages under /rsvp.
func (h *HTTP) Routes(r chi.Router) {
	r.Get("/{token}", h.page)
	r.Post("/{token}", h.reply)
	r.Get("/{token}/invite.ics", h.ics)
}

// maxForm bounds the reply form (access needs are a short note).
const maxForm = 16 << 10

func (h *HTTP) logger() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}

func noStore(w http.ResponseWriter) {
	// The URL is a secret: keep it out of caches and Referer headers.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Robots-Tag", "noindex")
}

func (h *HTTP) page(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	token := chi.URLParam(r, "token")
	inv, err := h.Scheduling.InvitationByToken(r.Context(), token)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	notice := ""
	switch r.URL.Query().Get("done") {
	case "ACCEPTED":
		notice = "Thank you — you have a place. We look forward to seeing you."
	case "WAITLISTED":
		notice = "Thank you. The event is full, so you are on the waiting list; we will email you if a place comes free."
	case "TENTATIVE":
		notice = "Thank you — we have noted that you might come."
	case "DECLINED":
		notice = "Thank you for letting us know you cannot come."
	}
	h.render(w, r, http.StatusOK, inv, notice, "")
}

func (h *HTTP) reply(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	token := chi.URLParam(r, "token")
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "the form could not be read", http.StatusBadRequest)
		return
	}
	resp := invitation.Response(strings.ToUpper(r.PostForm.Get("response")))
	switch resp {
	case invitation.ResponseACCEPTED, invitation.ResponseTENTATIVE, invitation.ResponseDECLINED:
	default:
		inv, err := h.Scheduling.InvitationByToken(r.Context(), token)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.render(w, r, http.StatusBadRequest, inv, "", "Please choose Accept, Maybe or Decline.")
		return
	}
	rep := scheduling.Reply{Response: resp}
	if _, ok := r.PostForm["access_needs"]; ok {
		needs := r.PostForm.Get("access_needs")
		if len(needs) > 4000 {
			needs = needs[:4000]
		}
		rep.AccessNeeds = &needs
	}
	inv, err := h.Scheduling.RespondByToken(r.Context(), token, rep)
	if err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) && ae.Code == apperr.BadInput {
			if cur, lerr := h.Scheduling.InvitationByToken(r.Context(), token); lerr == nil {
				h.render(w, r, http.StatusConflict, cur, "", pageMessage(ae.Message))
				return
			}
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/rsvp/"+token+"?done="+string(inv.Response), http.StatusSeeOther)
}

func (h *HTTP) ics(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	inv, err := h.Scheduling.InvitationByToken(r.Context(), chi.URLParam(r, "token"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ev := inv.Edges.Event
	ovs, err := h.Scheduling.OverridesOf(viewer.SystemContext(r.Context()), ev.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := inv.Edges.Person
	email := ""
	if p.Email != nil {
		email = *p.Email
	}
	in := imip.Invite{Event: ev, Overrides: ovs, Occurrence: inv.OccurrenceStart, Now: ev.UpdatedAt,
		Organizer: icalendar.Address{Email: h.Scheduling.MailFrom, Name: "Convene"}}
	if in.Organizer.Email == "" {
		in.Organizer.Email = "convene@localhost"
	}
	if email != "" {
		in.Recipient = imip.Recipient{Email: email, Name: p.Name, PartStat: imip.PartStat(string(inv.Response)), Role: imip.Role(string(inv.Role))}
	}
	var body []byte
	if email != "" {
		body, err = imip.Download(in)
	} else {
		body, err = imip.DownloadWithoutAttendee(in)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="invite.ics"`)
	_, _ = w.Write(body)
}

// fail shows a friendly page: never a stack trace or a 500 for a bad link.
func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "Something went wrong on our side. Please try again in a minute."
	var ae *apperr.Error
	switch {
	case errors.As(err, &ae) && ae.Code == apperr.NotFound:
		status, msg = http.StatusNotFound, pageMessage(ae.Message)
	case errors.As(err, &ae) && ae.Code == apperr.BadInput:
		status, msg = http.StatusConflict, pageMessage(ae.Message)
	case ent.IsNotFound(err):
		status, msg = http.StatusNotFound, pageMessage(scheduling.ErrBadToken.Message)
	default:
		h.logger().ErrorContext(r.Context(), "rsvp", "err", err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = errorTmpl.Execute(w, msg)
}

// pageMessage turns the service's API wording ("this invitation link is not
// valid: it may have been replaced…") into sentences for the page.
func pageMessage(msg string) string {
	head, tail, found := strings.Cut(msg, ": ")
	if !found {
		return apperr.Sentence(msg)
	}
	return apperr.Sentence(head) + " " + apperr.Sentence(tail)
}

// Change is one date of a series that is not as the pattern says.
type Change struct {
	// Was is the date as the pattern has it; Now is the new time of a moved
	// date, "" when it is cancelled.
	Was, Now string
}

// changesAhead lists the series' moved and cancelled dates from now on
// (for a year), so a person replying to the whole series knows about them.
func changesAhead(ev *ent.Event, ovs []*ent.OccurrenceOverride, now time.Time) []Change {
	loc, err := time.LoadLocation(ev.TimeZone)
	if err != nil || ev.TimeZone == "" {
		loc = time.UTC
	}
	day := func(t time.Time) string { return t.In(loc).Format("Monday 2 January 2006") }
	type dated struct {
		at time.Time
		c  Change
	}
	var out []dated
	occs, err := scheduling.Expand(ev, ovs, now, now.AddDate(1, 0, 0))
	if err != nil {
		return nil
	}
	for _, o := range occs {
		switch {
		case o.Cancelled:
			out = append(out, dated{o.RecurrenceID, Change{Was: day(o.RecurrenceID)}})
		case o.Moved:
			out = append(out, dated{o.RecurrenceID, Change{Was: day(o.RecurrenceID), Now: scheduling.FormatWhen(o.StartsAt, o.EndsAt, ev.TimeZone, ev.AllDay)}})
		}
	}
	// Dates taken out of the series (EXDATE) are cancelled too.
	for _, x := range ev.Exdates {
		if !x.Before(now) && x.Before(now.AddDate(1, 0, 0)) {
			out = append(out, dated{x, Change{Was: day(x)}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at.Before(out[j].at) })
	changes := make([]Change, len(out))
	for i, d := range out {
		changes[i] = d.c
	}
	return changes
}

type pageView struct {
	Changes                                                  []Change
	Title, When, Repeats, Where, Access, Online, Description string
	Name, Response, AccessNeeds, Notice, Problem             string
	Closed                                                   string
	Token                                                    string
	Waitlist                                                 int64
}

func (h *HTTP) render(w http.ResponseWriter, r *http.Request, status int, inv *ent.Invitation, notice, problem string) {
	ev := inv.Edges.Event
	v := pageView{Title: ev.Title, Description: ev.Description, Access: ev.VenueAccess, Online: ev.OnlineURL,
		Where: imip.Location(ev.VenueName, ev.VenueAddress, ""), Name: inv.Edges.Person.Name,
		Response: string(inv.Response), AccessNeeds: inv.AccessNeeds, Notice: notice, Problem: problem,
		Token: chi.URLParam(r, "token")}
	if inv.WaitlistPosition != nil {
		v.Waitlist = *inv.WaitlistPosition
	}
	start, end := ev.StartsAt, ev.EndsAt
	if inv.OccurrenceStart != nil {
		ovs, _ := h.Scheduling.OverridesOf(viewer.SystemContext(r.Context()), ev.ID)
		if occ, err := scheduling.FindOccurrence(ev, ovs, *inv.OccurrenceStart); err == nil {
			start, end, v.Title = occ.StartsAt, occ.EndsAt, occ.Title
			v.Where = imip.Location(occ.VenueName, occ.VenueAddress, "")
		}
	} else if ev.Rrule != "" {
		v.Repeats = scheduling.Describe(ev)
		if ovs, err := h.Scheduling.OverridesOf(viewer.SystemContext(r.Context()), ev.ID); err == nil {
			v.Changes = changesAhead(ev, ovs, time.Now())
		}
	}
	v.When = scheduling.FormatWhen(start, end, ev.TimeZone, ev.AllDay)
	if err := h.Scheduling.TokenState(r.Context(), inv); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			v.Closed = pageMessage(ae.Message)
		} else {
			h.fail(w, r, err)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := pageTmpl.Execute(w, v); err != nil {
		h.logger().ErrorContext(r.Context(), "rsvp: render", "err", err)
	}
}

const style = `<style>
body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:36em;padding:1em;color:#111}
h1{font-size:1.5em} dt{font-weight:bold} dd{margin:0 0 .5em 0}
.notice{background:#e7f5e9;border-left:4px solid #2e7d32;padding:.5em 1em}
.problem{background:#fdecea;border-left:4px solid #c62828;padding:.5em 1em}
button{font-size:1.1em;padding:.6em 1.2em;margin:.2em .4em .2em 0;border-radius:4px;border:2px solid #1d4ed8;background:#fff;color:#1d4ed8;cursor:pointer}
button.primary{background:#1d4ed8;color:#fff}
textarea{width:100%;font:inherit}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
</style>`

var pageTmpl = template.Must(template.New("rsvp").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>{{.Title}} — your invitation</title>` + style + `</head>
<body><main>
<h1>{{.Title}}</h1>
<p>Hello {{.Name}}, you are invited.</p>
{{if .Notice}}<p class="notice" role="status">{{.Notice}}</p>{{end}}
{{if .Problem}}<p class="problem" role="alert">{{.Problem}}</p>{{end}}
<dl>
<dt>When</dt><dd>{{.When}}</dd>
{{if .Repeats}}<dt>Repeats</dt><dd>{{.Repeats}}</dd>{{end}}
{{if .Changes}}<dt>Changes to the dates</dt><dd><ul>{{range .Changes}}<li>{{if .Now}}{{.Was}}: moved to {{.Now}}{{else}}{{.Was}}: cancelled{{end}}</li>{{end}}</ul></dd>{{end}}
{{if .Where}}<dt>Where</dt><dd>{{.Where}}</dd>{{end}}
{{if .Access}}<dt>Access</dt><dd>{{.Access}}</dd>{{end}}
{{if .Online}}<dt>Online</dt><dd><a href="{{.Online}}">{{.Online}}</a></dd>{{end}}
</dl>
{{if .Description}}<p>{{.Description}}</p>{{end}}
<p>Your reply: <strong>{{if eq .Response "PENDING"}}not answered yet{{else if eq .Response "ACCEPTED"}}coming{{else if eq .Response "TENTATIVE"}}maybe{{else if eq .Response "DECLINED"}}not coming{{else if eq .Response "WAITLISTED"}}on the waiting list{{if .Waitlist}} (position {{.Waitlist}}){{end}}{{end}}</strong></p>
{{if .Closed}}<p class="problem" role="alert">{{.Closed}} Replies are closed.</p>{{else}}
<form method="post" action="/rsvp/{{.Token}}">
<p><label for="access_needs">Anything we should arrange so you can take part? (optional)</label><br>
<textarea id="access_needs" name="access_needs" rows="3" maxlength="4000">{{.AccessNeeds}}</textarea></p>
<p><button class="primary" type="submit" name="response" value="ACCEPTED">Accept</button>
<button type="submit" name="response" value="TENTATIVE">Maybe</button>
<button type="submit" name="response" value="DECLINED">Decline</button></p>
</form>{{end}}
<p><a href="/rsvp/{{.Token}}/invite.ics">Add to calendar (.ics)</a></p>
<p><small>This page is private to you: please do not share its address.</small></p>
</main></body></html>
`))

var errorTmpl = template.Must(template.New("rsvp-error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Invitation</title>` + style + `</head>
<body><main><h1>Invitation</h1><p class="problem" role="alert">{{.}}</p>
<p>If you think this is a mistake, reply to the email you were sent or contact the organiser.</p></main></body></html>
`))
