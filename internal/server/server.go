// Package server wires Convene's HTTP surface: GraphQL, health checks,
// metrics and the embedded web app. Business rules live elsewhere.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/convene/convene/graph"
	"github.com/convene/convene/internal/attendance"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/dashboard"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/feeds"
	"github.com/convene/convene/internal/gqllimits"
	"github.com/convene/convene/internal/httpguard"
	"github.com/convene/convene/internal/live"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/metrics"
	"github.com/convene/convene/internal/migrations"
	"github.com/convene/convene/internal/representation"
	"github.com/convene/convene/internal/requestid"
	"github.com/convene/convene/internal/rsvp"
	"github.com/convene/convene/internal/scheduling"
)

// Config is what `convene serve` passes in.
type Config struct {
	// Production disables GraphiQL and introspection.
	Production bool
	// BaseURL is the public origin (e.g. https://convene.example.org), used
	// in links that leave the server (emails, feed URLs).
	BaseURL string
	Logger  *slog.Logger
	// Mailer sends email; defaults to logging messages (development).
	Mailer mail.Sender
	// MailFrom is the organiser address in invitations (ORGANIZER mailto:).
	MailFrom string
	// RateLimits; zero fields take the defaults below.
	RateLimits RateLimits
	// CheckInSecret keys self check-in codes. Empty (the default): a
	// random key kept in the database, which every replica shares.
	CheckInSecret []byte
	// Live carries live updates; by default in-process on SQLite and
	// PostgreSQL LISTEN/NOTIFY on PostgreSQL.
	Live live.Broker
}

// RateLimits are per-replica request budgets.
type RateLimits struct {
	SignInPerIP      int // /auth/* requests per IP per minute
	SignInPerAccount int // sign-in emails/attempts per address per 15 minutes
	AnonymousPerIP   int // RSVP pages, feeds and other token-authorised endpoints per IP per minute
	GraphQLPerIP     int // GraphQL requests per IP per minute
}

func (l RateLimits) withDefaults() RateLimits {
	if l.SignInPerIP == 0 {
		l.SignInPerIP = 30
	}
	if l.SignInPerAccount == 0 {
		l.SignInPerAccount = 5
	}
	if l.AnonymousPerIP == 0 {
		l.AnonymousPerIP = 120
	}
	if l.GraphQLPerIP == 0 {
		l.GraphQLPerIP = 1200
	}
	return l
}

// maxRequestBody bounds every request body (GraphQL documents, forms).
const maxRequestBody = 1 << 20

// parserTokenLimit bounds GraphQL documents before validation, whose
// overlapping-fields rule is quadratic in repeated fields.
const parserTokenLimit = 5000

// Server is the HTTP handler plus what it owns.
type Server struct {
	cfg     Config
	db      *database.DB
	metrics *metrics.Metrics
	router  chi.Router
	auth    *auth.Service
	// scheduling is the events/invitations engine (serve starts its reminder loop).
	scheduling *scheduling.Service
	// anonymous limits token-authorised endpoints (RSVP, feeds) per IP.
	anonymous *httpguard.Limiter
	// live, attendance and representation: check-in, reports, subscriptions.
	live           live.Broker
	ownsLive       bool
	attendance     *attendance.Service
	representation *representation.Service
}

// Auth exposes the sign-in service (the CLI and tests use it).
func (s *Server) Auth() *auth.Service { return s.auth }

// Scheduling exposes the scheduling engine (serve runs its reminders).
func (s *Server) Scheduling() *scheduling.Service { return s.scheduling }

// New builds the router.
func New(cfg Config, db *database.DB) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Mailer == nil {
		cfg.Mailer = mail.LogSender{Logger: cfg.Logger}
	}
	s := &Server{cfg: cfg, db: db, metrics: metrics.New(db.SQL)}
	s.auth = &auth.Service{Client: db.Client, Mailer: cfg.Mailer, BaseURL: cfg.BaseURL, Logger: cfg.Logger}
	s.scheduling = &scheduling.Service{Client: db.Client, Dialect: db.Dialect, BaseURL: cfg.BaseURL, MailFrom: cfg.MailFrom,
		LinkSecret: sharedSecret(cfg, db, "rsvp-links", "RSVP links change with every email")}
	feedService := &feeds.Service{Client: db.Client, BaseURL: cfg.BaseURL}
	s.setupAttendance(cfg, db)
	limits := cfg.RateLimits.withDefaults()
	authHTTP := &auth.HTTP{
		Service:       s.auth,
		SecureCookies: strings.HasPrefix(cfg.BaseURL, "https://"),
		PerAccount:    httpguard.NewLimiter(limits.SignInPerAccount, 15*time.Minute),
	}
	s.anonymous = httpguard.NewLimiter(limits.AnonymousPerIP, time.Minute)
	signInPerIP := httpguard.NewLimiter(limits.SignInPerIP, time.Minute)
	graphqlPerIP := httpguard.NewLimiter(limits.GraphQLPerIP, time.Minute)
	var graphiqlCSP func(*http.Request) string
	if !cfg.Production {
		graphiqlCSP = httpguard.GraphiQLCSPFor("/graphql")
	}

	r := chi.NewRouter()
	r.Use(requestid.Middleware)
	r.Use(requestLog(cfg.Logger))
	r.Use(s.metrics.Middleware)
	r.Use(middleware.Recoverer)
	r.Use(httpguard.SecurityHeaders(httpguard.SecurityOptions{CSPFor: graphiqlCSP}))

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	r.Handle("/metrics", s.metrics.Handler())

	deps := graph.Deps{
		Client: db.Client, Auth: s.auth, Feeds: feedService, Scheduling: s.scheduling,
		Attendance: s.attendance, Representation: s.representation, Live: s.live,
	}
	gql := graph.NewHandler(deps, graph.HandlerOptions{
		Production: cfg.Production,
		Extensions: []graphql.HandlerExtension{
			metrics.GraphQL{M: s.metrics},
			// Depth 16 fits programme → events → invitations → person →
			// memberships → organisation through Relay edges; complexity
			// weighs connections by first/last (100 at most per page).
			gqllimits.New(gqllimits.Limits{MaxDepth: 16, MaxComplexity: 100_000}),
		},
	})
	gql.SetParserTokenLimit(parserTokenLimit)
	graphiql := playground.Handler("Convene GraphQL", "/graphql")
	// Everything in this group knows who is asking.
	r.Group(func(r chi.Router) {
		r.Use(authHTTP.Middleware)
		// Cookie-authenticated writes must come from our own pages;
		// bearer-token requests are exempt.
		r.Use(httpguard.CSRF(auth.HasSessionCookie))
		r.Use(httpguard.BodyLimit(maxRequestBody))
		r.With(httpguard.LimitByIP(signInPerIP)).Route("/auth", authHTTP.Routes)
		r.With(s.AnonymousLimit()).Route("/rsvp", (&rsvp.HTTP{Scheduling: s.scheduling, Logger: cfg.Logger}).Routes)
		r.With(s.AnonymousLimit()).Route("/calendar", feeds.NewHTTP(feedService, cfg.Logger).Routes)
		r.With(s.AnonymousLimit()).Route("/attendance", (&attendance.HTTP{Service: s.attendance, Logger: cfg.Logger}).Routes)
		r.Route("/reports", (&representation.HTTP{Service: s.representation, Logger: cfg.Logger}).Routes)
		r.Route("/export", (&dashboard.Export{Client: db.Client}).Routes)
		r.With(httpguard.LimitByIP(graphqlPerIP), httpguard.BatchLimit(1)).Handle("/graphql", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && !cfg.Production && wantsHTML(r) {
				graphiql.ServeHTTP(w, r)
				return
			}
			gql.ServeHTTP(w, r)
		}))
	})
	r.NotFound(newAppHandler().ServeHTTP)
	s.router = r
	return s
}

// AnonymousLimit rate-limits token-authorised endpoints (RSVP pages,
// calendar feeds) per IP; mount it on such routes.
func (s *Server) AnonymousLimit() func(http.Handler) http.Handler {
	return httpguard.LimitByIP(s.anonymous)
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.router.ServeHTTP(w, r) }

func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html")
}

// healthz says only that the process is up and serving.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz says whether this replica can take traffic: the database answers
// and every migration this binary knows has been applied.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.db.SQL.PingContext(ctx); err != nil {
		s.cfg.Logger.WarnContext(ctx, "readyz: database unreachable", "err", err)
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	st, err := migrations.Check(ctx, s.db.SQL, s.db.Dialect)
	if err != nil || !st.UpToDate() {
		s.cfg.Logger.WarnContext(ctx, "readyz: migrations pending", "err", err, "current", st.Current, "latest", st.Latest, "dirty", st.Dirty)
		http.Error(w, "database not migrated", http.StatusServiceUnavailable)
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}
