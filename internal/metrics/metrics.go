// Package metrics exposes Prometheus metrics: HTTP traffic, GraphQL
// operations and the database pool.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics owns a registry so tests (and several servers in one process)
// never collide on the global one.
type Metrics struct {
	Registry     *prometheus.Registry
	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	gqlOps       *prometheus.CounterVec
	gqlDuration  *prometheus.HistogramVec

	mu      sync.Mutex
	seenOps map[string]struct{}
}

// New registers the collectors, including the pool stats of db.
func New(db *sql.DB) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		Registry: reg,
		seenOps:  map[string]struct{}{},
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convene_http_requests_total", Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "convene_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method"}),
		gqlOps: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "convene_graphql_operations_total", Help: "GraphQL operations by name, type and outcome.",
		}, []string{"operation", "type", "outcome"}),
		gqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "convene_graphql_operation_duration_seconds", Help: "GraphQL operation latency by name and type.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation", "type"}),
	}
	reg.MustRegister(m.httpRequests, m.httpDuration, m.gqlOps, m.gqlDuration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		reg.MustRegister(collectors.NewDBStatsCollector(db, "convene"))
	}
	return m
}

// Handler serves /metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// Middleware counts and times requests by their chi route pattern (not the
// raw path, which would explode label cardinality with tokens and ids).
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := "unmatched"
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			route = rc.RoutePattern()
		}
		m.httpRequests.WithLabelValues(route, r.Method, strconv.Itoa(rec.status)).Inc()
		m.httpDuration.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
	})
}

// maxOperationLabels caps distinct operation-name labels: names come from
// clients, and unbounded label values would exhaust memory.
const maxOperationLabels = 500

func (m *Metrics) operationLabel(name string) string {
	if name == "" {
		return "anonymous"
	}
	if len(name) > 64 {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.seenOps[name]; ok {
		return name
	}
	if len(m.seenOps) >= maxOperationLabels {
		return "other"
	}
	m.seenOps[name] = struct{}{}
	return name
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Flush keeps streaming responses (SSE, multipart) working through the recorder.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// GraphQL is a gqlgen extension recording each operation's outcome and time.
type GraphQL struct{ M *Metrics }

var (
	_ graphql.HandlerExtension    = GraphQL{}
	_ graphql.ResponseInterceptor = GraphQL{}
)

func (GraphQL) ExtensionName() string                   { return "Metrics" }
func (GraphQL) Validate(graphql.ExecutableSchema) error { return nil }

func (g GraphQL) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	name, typ := g.M.operationLabel(oc.OperationName), "unknown"
	if oc.Operation != nil {
		typ = string(oc.Operation.Operation)
	}
	start := time.Now()
	resp := next(ctx)
	outcome := "ok"
	if resp != nil && len(resp.Errors) > 0 {
		outcome = "error"
	} else if errs := graphql.GetErrors(ctx); len(errs) > 0 {
		outcome = "error"
	}
	g.M.gqlOps.WithLabelValues(name, typ, outcome).Inc()
	g.M.gqlDuration.WithLabelValues(name, typ).Observe(time.Since(start).Seconds())
	return resp
}
