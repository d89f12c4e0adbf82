package representation

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/attendance"
)

// HTTP serves the reports as CSV:
//
//	GET /reports/representation.csv?programme=ID | ?event=ID[&start=RFC3339]
//	GET /reports/organisation-rates.csv?...     (same scope parameters)
//	GET /reports/repeat-attendance.csv?...&window=6&threshold=3
type HTTP struct {
	Service *Service
	Logger  *slog.Logger
}

// Routes mounts the handlers (under /reports).
func (h *HTTP) Routes(r chi.Router) {
	r.Get("/representation.csv", h.serve("representation", func(r *http.Request, sc Scope) (csvWriter, error) {
		return h.Service.Breakdown(r.Context(), sc)
	}))
	r.Get("/organisation-rates.csv", h.serve("organisation-rates", func(r *http.Request, sc Scope) (csvWriter, error) {
		return h.Service.OrganisationRates(r.Context(), sc)
	}))
	r.Get("/repeat-attendance.csv", h.serve("repeat-attendance", func(r *http.Request, sc Scope) (csvWriter, error) {
		window, _ := strconv.Atoi(r.URL.Query().Get("window"))
		threshold, _ := strconv.Atoi(r.URL.Query().Get("threshold"))
		return h.Service.Repeat(r.Context(), sc, window, threshold)
	}))
}

type csvWriter interface {
	WriteCSV(w io.Writer) error
}

// ScopeFromQuery reads programme=, event= and start= parameters.
func ScopeFromQuery(r *http.Request) (Scope, error) {
	q := r.URL.Query()
	var sc Scope
	if v := q.Get("programme"); v != "" {
		id, err := strconv.Atoi(v)
		if err != nil {
			return sc, apperr.Invalid("programme", "programme must be an id")
		}
		sc.ProgrammeID = id
	}
	if v := q.Get("event"); v != "" {
		id, err := strconv.Atoi(v)
		if err != nil {
			return sc, apperr.Invalid("event", "event must be an id")
		}
		sc.EventID = id
	}
	if v := q.Get("start"); v != "" {
		t, err := attendance.ParseStart(v)
		if err != nil {
			return sc, err
		}
		sc.OccurrenceStart = &t
	}
	if sc.ProgrammeID == 0 && sc.EventID == 0 {
		return sc, apperr.Invalid("programme", "give programme=ID, or event=ID (and start= for one occurrence)")
	}
	return sc, nil
}

func (h *HTTP) serve(name string, run func(*http.Request, Scope) (csvWriter, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sc, err := ScopeFromQuery(r)
		var rep csvWriter
		if err == nil {
			rep, err = run(r, sc)
		}
		var buf bytes.Buffer
		if err == nil {
			err = rep.WriteCSV(&buf)
		}
		if err != nil {
			status, msg := attendance.HTTPStatus(err)
			if status == http.StatusInternalServerError {
				logger := h.Logger
				if logger == nil {
					logger = slog.Default()
				}
				logger.ErrorContext(r.Context(), "report", "report", name, "err", err)
			}
			http.Error(w, msg, status)
			return
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
		w.Header().Set("Cache-Control", "private, no-store")
		_, _ = w.Write(buf.Bytes())
	}
}
