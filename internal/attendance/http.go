package attendance

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/viewer"
)

// HTTP serves the attendance pages and files:
//
//	GET  /attendance/{event}/{start}/sheet.csv  attendance sheet (organisers, consultants)
//	GET  /attendance/{event}/{start}/sheet      printable sign-in sheet
//	GET  /attendance/{event}/{start}/qr.png     QR code of the self check-in link (organisers)
//	GET  /attendance/check-in                   self check-in form (?event=&start=&code=&token=)
//	POST /attendance/check-in                   self check-in (signed in, or with an RSVP token)
//
// {start} is the occurrence's original start, RFC 3339 (or Unix seconds).
type HTTP struct {
	Service *Service
	Logger  *slog.Logger
}

// Routes mounts the handlers (under /attendance).
func (h *HTTP) Routes(r chi.Router) {
	r.Get("/{event}/{start}/sheet.csv", h.sheetCSV)
	r.Get("/{event}/{start}/sheet", h.sheetHTML)
	r.Get("/{event}/{start}/qr.png", h.qrPNG)
	r.Get("/check-in", h.selfCheckInForm)
	r.Post("/check-in", h.selfCheckIn)
}

// ParseStart accepts an occurrence start as RFC 3339 or Unix seconds.
func ParseStart(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, apperr.Invalid("start", "occurrence start must be an RFC 3339 time such as 2026-03-10T18:00:00Z")
}

func occurrenceParams(r *http.Request) (int, time.Time, error) {
	id, err := strconv.Atoi(chi.URLParam(r, "event"))
	if err != nil {
		return 0, time.Time{}, apperr.NotFoundf("event not found")
	}
	start, err := ParseStart(chi.URLParam(r, "start"))
	return id, start, err
}

func (h *HTTP) loadSheet(w http.ResponseWriter, r *http.Request) (*Sheet, bool) {
	id, start, err := occurrenceParams(r)
	if err == nil {
		var sh *Sheet
		if sh, err = h.Service.LoadSheet(r.Context(), id, start); err == nil {
			return sh, true
		}
	}
	h.fail(w, r, err)
	return nil, false
}

func (h *HTTP) sheetCSV(w http.ResponseWriter, r *http.Request) {
	sh, ok := h.loadSheet(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := sh.WriteCSV(&buf); err != nil {
		h.fail(w, r, err)
		return
	}
	name := "attendance-" + strconv.Itoa(sh.Occurrence.Event.ID) + "-" + sh.Occurrence.Start.Format("20060102T1504Z") + ".csv"
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

func (h *HTTP) sheetHTML(w http.ResponseWriter, r *http.Request) {
	sh, ok := h.loadSheet(w, r)
	if !ok {
		return
	}
	loc := time.UTC
	if tz := sh.Occurrence.Event.TimeZone; tz != "" {
		if l, err := time.LoadLocation(tz); err == nil {
			loc = l
		}
	}
	var buf bytes.Buffer
	if err := sh.WriteHTML(&buf, loc); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(buf.Bytes())
}

// CheckInURL is the link the QR code holds: the self check-in form with
// the occurrence and its code filled in.
func (s *Service) CheckInURL(eventID int, start time.Time) string {
	q := url.Values{}
	q.Set("event", strconv.Itoa(eventID))
	q.Set("start", start.UTC().Format(time.RFC3339))
	q.Set("code", s.Code(eventID, start))
	return strings.TrimRight(s.BaseURL, "/") + "/attendance/check-in?" + q.Encode()
}

// OccurrencePath is the path prefix of an occurrence's files
// (sheet.csv, sheet, qr.png).
func OccurrencePath(eventID int, start time.Time) string {
	return "/attendance/" + strconv.Itoa(eventID) + "/" + start.UTC().Format(time.RFC3339)
}

func (h *HTTP) qrPNG(w http.ResponseWriter, r *http.Request) {
	id, start, err := occurrenceParams(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	occ, err := h.Service.LoadOccurrence(r.Context(), h.Service.client(r.Context()), id, start, false)
	if err == nil {
		err = RequireOrganiser(r.Context(), occ.Event.ProgrammeID)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	size := 512
	if s, err := strconv.Atoi(r.URL.Query().Get("size")); err == nil && s >= 128 && s <= 2048 {
		size = s
	}
	png, err := qrcode.Encode(h.Service.CheckInURL(occ.Event.ID, occ.Start), qrcode.Medium, size)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(png)
}

type checkInPage struct {
	Event, Start, Code, Token string
	Message, Error            string
	Done                      bool
	// SignedIn: the "not signed in?" hint is for people who are not (and
	// have no invitation link).
	SignedIn bool
}

func signedIn(r *http.Request) bool {
	v := viewer.FromContext(r.Context())
	return v != nil && v.PersonID != 0
}

func (h *HTTP) selfCheckInForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.renderCheckIn(w, http.StatusOK, checkInPage{Event: q.Get("event"), Start: q.Get("start"), Code: q.Get("code"), Token: q.Get("token"), SignedIn: signedIn(r)})
}

func (h *HTTP) selfCheckIn(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.renderCheckIn(w, http.StatusBadRequest, checkInPage{Error: "The form could not be read."})
		return
	}
	page := checkInPage{Event: r.PostForm.Get("event"), Start: r.PostForm.Get("start"), Code: r.PostForm.Get("code"), Token: r.PostForm.Get("token"), SignedIn: signedIn(r)}
	id, err := strconv.Atoi(page.Event)
	if err != nil {
		page.Error = "This check-in link is incomplete: scan the code at the venue again."
		h.renderCheckIn(w, http.StatusBadRequest, page)
		return
	}
	start, err := ParseStart(page.Start)
	if err == nil {
		_, err = h.Service.CheckInSelf(r.Context(), SelfCheckIn{EventID: id, OccurrenceStart: start, Code: page.Code, RSVPToken: page.Token})
	}
	if err != nil {
		status, msg := HTTPStatus(err)
		if status == http.StatusInternalServerError {
			h.logger().ErrorContext(r.Context(), "self check-in", "err", err)
		}
		page.Error = apperr.Sentence(msg)
		h.renderCheckIn(w, status, page)
		return
	}
	page.Done, page.Message = true, "You are checked in. Welcome!"
	h.renderCheckIn(w, http.StatusOK, page)
}

func (h *HTTP) renderCheckIn(w http.ResponseWriter, status int, p checkInPage) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = checkInTemplate.Execute(w, p)
}

var checkInTemplate = template.Must(template.New("checkin").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Check in · Convene</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;font-size:1.1rem;margin:.4rem 0}input,button{padding:.6rem}
.err{color:#a00}.ok{color:#060;font-size:1.3rem}</style></head><body>
<h1>Check in</h1>
{{if .Done}}<p class="ok" role="status">{{.Message}}</p>{{else}}
{{if .Error}}<p class="err" role="alert">{{.Error}}</p>{{end}}
<form method="post" action="/attendance/check-in">
<input type="hidden" name="event" value="{{.Event}}">
<input type="hidden" name="start" value="{{.Start}}">
<input type="hidden" name="token" value="{{.Token}}">
<label for="code">Code shown at the venue</label>
<input id="code" name="code" value="{{.Code}}" autocomplete="off" autocapitalize="characters" required>
<button type="submit">Check me in</button>
</form>
{{if not (or .SignedIn .Token)}}<p>Not signed in? Open the link in your invitation email, or sign in first.</p>{{end}}{{end}}
</body></html>
`))

func (h *HTTP) logger() *slog.Logger {
	if h.Logger != nil {
		return h.Logger
	}
	return slog.Default()
}

// HTTPStatus maps an error to an HTTP status and a message safe to show.
func HTTPStatus(err error) (int, string) {
	if e, ok := apperr.As(err); ok {
		switch e.Code {
		case apperr.BadInput:
			return http.StatusBadRequest, e.Message
		case apperr.NotFound:
			return http.StatusNotFound, e.Message
		case apperr.Forbidden:
			return http.StatusForbidden, e.Message
		case apperr.Unauthenticated:
			return http.StatusUnauthorized, e.Message
		case apperr.Conflict:
			return http.StatusConflict, e.Message
		}
	}
	if ent.IsNotFound(err) {
		return http.StatusNotFound, "not found"
	}
	if errors.Is(err, context.Canceled) {
		return http.StatusServiceUnavailable, "request cancelled"
	}
	return http.StatusInternalServerError, "Something went wrong; please try again or see the organiser."
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := HTTPStatus(err)
	if status == http.StatusInternalServerError {
		h.logger().ErrorContext(r.Context(), "attendance", "err", err)
	}
	http.Error(w, msg, status)
}
