package feeds

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/internal/httpguard"
	"github.com/convene/convene/internal/icalendar"
	"github.com/convene/convene/internal/viewer"
)

// Defaults for guessing protection: this many unknown or revoked private
// feed tokens per client address and window, then 429 until it passes.
const (
	DefaultFailureLimit  = 10
	DefaultFailureWindow = 10 * time.Minute
)

// HTTP serves the feeds under /calendar.
type HTTP struct {
	Service *Service
	Logger  *slog.Logger
	// Failures counts unknown/revoked token look-ups per client address.
	Failures *httpguard.Limiter
	// TrustProxyHeaders: see httpguard.IPOptions.
	TrustProxyHeaders bool

	// blocked: client key → time.Time until which look-ups are refused.
	// httpguard.Limiter counts only when asked, and a blocked client must
	// not get another look-up, so the refusal is remembered here.
	blocked sync.Map
}

// NewHTTP returns the handlers with default guessing protection.
func NewHTTP(s *Service, logger *slog.Logger) *HTTP {
	if logger == nil {
		logger = slog.Default()
	}
	return &HTTP{Service: s, Logger: logger, Failures: httpguard.NewLimiter(DefaultFailureLimit, DefaultFailureWindow)}
}

// Routes mounts the feeds (mount under /calendar).
func (h *HTTP) Routes(r chi.Router) {
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		r.Method(m, "/p/{file}", http.HandlerFunc(h.personal))
		r.Method(m, "/programme/{file}", http.HandlerFunc(h.programme))
		r.Method(m, "/series/{file}", http.HandlerFunc(h.series))
		r.Method(m, "/organisation/{file}", http.HandlerFunc(h.organisation))
		r.Method(m, "/event/{file}", http.HandlerFunc(h.event))
	}
}

// icsName is the {file} parameter without ".ics" ("" if it has none).
func icsName(r *http.Request) string {
	f := chi.URLParam(r, "file")
	name, ok := strings.CutSuffix(f, ".ics")
	if !ok {
		return ""
	}
	return name
}

func icsID(r *http.Request) (int, bool) {
	id, err := strconv.Atoi(icsName(r))
	return id, err == nil && id > 0
}

func flag(r *http.Request, name string) bool {
	switch strings.ToLower(r.URL.Query().Get(name)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// response describes one feed answer.
type response struct {
	v          Validators
	private    bool
	attachment string // filename for Content-Disposition: attachment
	build      func(ctx context.Context) (*icalendar.Calendar, error)
}

func (h *HTTP) personal(w http.ResponseWriter, r *http.Request) {
	key := httpguard.ClientKey(r, h.TrustProxyHeaders)
	if until, ok := h.blocked.Load(key); ok {
		if wait := time.Until(until.(time.Time)); wait > 0 {
			httpguard.TooManyRequests(w, wait)
			return
		}
		h.blocked.Delete(key)
	}
	ctx := viewer.SystemContext(r.Context())
	s := h.Service
	t, p, err := s.lookupToken(ctx, icsName(r))
	if errors.Is(err, errNotFound) {
		if ok, retry := h.Failures.Allow(key); !ok {
			h.blocked.Store(key, time.Now().Add(retry))
			httpguard.TooManyRequests(w, retry)
			return
		}
		notFound(w)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	s.touchLastUsed(ctx, t)
	opts := PersonalOptions{Declined: flag(r, "declined"), Todos: flag(r, "todos")}
	v, err := s.personalValidators(ctx, p, opts)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, ctx, response{v: v, private: true, build: func(ctx context.Context) (*icalendar.Calendar, error) {
		return s.Personal(ctx, p, opts)
	}})
}

func (h *HTTP) programme(w http.ResponseWriter, r *http.Request) {
	ctx := viewer.SystemContext(r.Context())
	s := h.Service
	p, err := s.publicProgramme(ctx, icsName(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, ctx, response{v: s.programmeValidators(p, "programme", p.ID), build: func(ctx context.Context) (*icalendar.Calendar, error) {
		return s.ProgrammeFeed(ctx, p)
	}})
}

func (h *HTTP) series(w http.ResponseWriter, r *http.Request) {
	ctx := viewer.SystemContext(r.Context())
	s := h.Service
	id, ok := icsID(r)
	if !ok {
		notFound(w)
		return
	}
	ev, err := s.seriesEvent(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, ctx, response{v: s.programmeValidators(ev.Edges.Programme, "series", ev.ID), build: func(ctx context.Context) (*icalendar.Calendar, error) {
		return s.SeriesFeed(ctx, ev)
	}})
}

func (h *HTTP) organisation(w http.ResponseWriter, r *http.Request) {
	ctx := viewer.SystemContext(r.Context())
	s := h.Service
	id, ok := icsID(r)
	if !ok {
		notFound(w)
		return
	}
	o, err := s.Client.Organisation.Get(ctx, id)
	if ent.IsNotFound(err) {
		notFound(w)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := s.organisationValidators(ctx, o)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.respond(w, r, ctx, response{v: v, build: func(ctx context.Context) (*icalendar.Calendar, error) {
		return s.OrganisationFeed(ctx, o)
	}})
}

// event is the single-event download: for anyone who may see the event
// (the privacy rules decide, with the request's own viewer), and for
// everybody when its programme is public.
func (h *HTTP) event(w http.ResponseWriter, r *http.Request) {
	sys := viewer.SystemContext(r.Context())
	s := h.Service
	id, ok := icsID(r)
	if !ok {
		notFound(w)
		return
	}
	private := true
	visible := false
	if viewer.FromContext(r.Context()) != nil {
		n, err := s.Client.Event.Query().Where(event.ID(id)).Count(r.Context())
		visible = err == nil && n == 1
	}
	var ev *ent.Event
	var err error
	if visible {
		ev, err = s.Client.Event.Query().Where(event.ID(id)).WithProgramme().Only(sys)
	} else {
		ev, err = s.seriesEvent(sys, id)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if ev.Edges.Programme.Public {
		private = false
	}
	h.respond(w, r, sys, response{
		v: s.programmeValidators(ev.Edges.Programme, "event", ev.ID), private: private,
		attachment: "convene-event-" + strconv.Itoa(ev.ID) + ".ics",
		build: func(ctx context.Context) (*icalendar.Calendar, error) {
			return s.EventDownload(ctx, ev)
		},
	})
}

// respond answers a conditional request from the validators alone, or
// builds and sends the calendar.
func (h *HTTP) respond(w http.ResponseWriter, r *http.Request, ctx context.Context, res response) {
	hd := w.Header()
	hd.Set("ETag", res.v.ETag)
	hd.Set("Last-Modified", res.v.LastModified.UTC().Format(http.TimeFormat))
	if res.private {
		// The URL is the secret: keep it out of shared caches, search
		// engines and Referer headers.
		hd.Set("Cache-Control", "private, no-cache")
		hd.Set("X-Robots-Tag", "noindex, nofollow")
		hd.Set("Referrer-Policy", "no-referrer")
	} else {
		hd.Set("Cache-Control", "public, max-age=300")
	}
	if notModified(r, res.v) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	cal, err := res.build(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body, err := icalendar.Marshal(cal)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	if res.attachment != "" {
		hd.Set("Content-Disposition", `attachment; filename="`+res.attachment+`"`)
	} else {
		hd.Set("Content-Disposition", `inline; filename="convene.ics"`)
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// notModified applies RFC 9110 §13.1: If-None-Match wins when present
// (weak comparison, "*" matches); otherwise If-Modified-Since.
func notModified(r *http.Request, v Validators) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || tag == v.ETag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !v.LastModified.Truncate(time.Second).After(t)
	}
	return false
}

func notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("calendar not found\n"))
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errNotFound) || ent.IsNotFound(err) {
		notFound(w)
		return
	}
	h.Logger.ErrorContext(r.Context(), "calendar feed failed", "path", redactPath(r.URL.Path), "err", err)
	for _, k := range []string{"ETag", "Last-Modified", "Cache-Control"} {
		w.Header().Del(k)
	}
	http.Error(w, "the calendar could not be produced; please try again later", http.StatusInternalServerError)
}

// redactPath keeps feed secrets out of logs.
func redactPath(p string) string {
	if strings.HasPrefix(p, "/calendar/p/") {
		return "/calendar/p/[token].ics"
	}
	return p
}
