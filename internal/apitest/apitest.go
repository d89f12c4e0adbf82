// Package apitest runs the real HTTP server over a fresh test database and
// speaks GraphQL to it the way a client would, counting the SQL statements
// each request costs.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/database"
	"github.com/convene/convene/internal/mail"
	"github.com/convene/convene/internal/server"
	"github.com/convene/convene/internal/testutil"
	"github.com/convene/convene/internal/viewer"
)

// API is a running server plus its database.
type API struct {
	T       testing.TB
	DB      *database.DB
	Server  *httptest.Server
	Counter *QueryCounter
	// Header is sent with every request (e.g. Authorization).
	Header http.Header
}

// Options tweak the server under test.
type Options struct {
	Production bool
	Mailer     mail.Sender
	RateLimits server.RateLimits
}

// New starts a server on a fresh migrated database.
func New(t testing.TB, opts ...Options) *API {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	counter := &QueryCounter{}
	dsn := testutil.DSN(t)
	db := database.MustOpenForTest(t, dsn)
	// Re-wrap the client's driver so every statement is counted.
	db.Client = ent.NewClient(ent.Driver(counter.Wrap(db.Driver)))
	srv := httptest.NewUnstartedServer(nil)
	app := server.New(server.Config{
		Production: o.Production,
		BaseURL:    "http://" + srv.Listener.Addr().String(),
		Logger:     slog.New(slog.DiscardHandler),
		Mailer:     o.Mailer,
		RateLimits: o.RateLimits,
	}, db)
	srv.Config.Handler = app
	srv.Start()
	t.Cleanup(func() { srv.Close(); _ = app.Close() })
	return &API{T: t, DB: db, Server: srv, Counter: counter, Header: http.Header{}}
}

// For returns a copy of a reporting failures to t (for subtests).
func (a *API) For(t testing.TB) *API {
	c := *a
	c.T = t
	return &c
}

// Client is the ent client for arranging fixtures directly.
func (a *API) Client() *ent.Client { return a.DB.Client }

// Ctx is a system context for fixture code: privacy rules allow it all.
func (a *API) Ctx() context.Context { return viewer.SystemContext(context.Background()) }

// As returns a copy of a that authenticates as the person, with a fresh
// personal API token sent as a bearer token.
func (a *API) As(personID int) *API {
	a.T.Helper()
	token := "cvn_test_" + auth.NewToken()
	if err := a.Client().APIToken.Create().SetName("test").SetPersonID(personID).SetTokenHash(auth.Hash(token)).Exec(a.Ctx()); err != nil {
		a.T.Fatalf("create API token: %v", err)
	}
	c := *a
	c.Header = http.Header{"Authorization": {"Bearer " + token}}
	return &c
}

// Anonymous returns a copy of a without credentials.
func (a *API) Anonymous() *API {
	c := *a
	c.Header = http.Header{}
	return &c
}

// NewPerson creates a person (optionally a site admin) for tests.
func (a *API) NewPerson(name string, admin bool) *ent.Person {
	a.T.Helper()
	p, err := a.Client().Person.Create().SetName(name).SetIsAdmin(admin).Save(a.Ctx())
	if err != nil {
		a.T.Fatalf("create person: %v", err)
	}
	return p
}

// AsNewAdmin returns a copy of a signed in as a new site admin.
func (a *API) AsNewAdmin() *API {
	return a.As(a.NewPerson("Admin", true).ID)
}

// GQLError is one entry of a GraphQL response's errors list.
type GQLError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is extensions.code.
func (e GQLError) Code() string {
	c, _ := e.Extensions["code"].(string)
	return c
}

// Response is a decoded GraphQL response.
type Response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []GQLError      `json:"errors"`
	Raw    []byte
}

// Do posts a GraphQL request and decodes the response.
func (a *API) Do(query string, vars map[string]any) *Response {
	a.T.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return a.Post(body, "application/json")
}

// Post sends a raw body to /graphql.
func (a *API) Post(body []byte, contentType string) *Response {
	a.T.Helper()
	req, _ := http.NewRequest(http.MethodPost, a.Server.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	for k, v := range a.Header {
		req.Header[k] = v
	}
	res, err := a.Server.Client().Do(req)
	if err != nil {
		a.T.Fatalf("POST /graphql: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := &Response{Status: res.StatusCode, Raw: raw}
	if err := json.Unmarshal(raw, out); err != nil {
		a.T.Fatalf("decode response (status %d): %v\n%s", res.StatusCode, err, raw)
	}
	return out
}

// MustDo fails the test on any GraphQL error and decodes data into out.
func (a *API) MustDo(query string, vars map[string]any, out any) {
	a.T.Helper()
	res := a.Do(query, vars)
	if len(res.Errors) > 0 {
		a.T.Fatalf("unexpected errors: %s", res.Raw)
	}
	if out != nil {
		if err := json.Unmarshal(res.Data, out); err != nil {
			a.T.Fatalf("decode data: %v\n%s", err, res.Data)
		}
	}
}

// ErrorCode asserts the request failed with the given extensions.code and
// returns the first error.
func (a *API) ErrorCode(query string, vars map[string]any, code string) GQLError {
	a.T.Helper()
	res := a.Do(query, vars)
	if len(res.Errors) == 0 {
		a.T.Fatalf("want error %s, got none: %s", code, res.Raw)
	}
	e := res.Errors[0]
	if e.Code() != code {
		a.T.Fatalf("want error code %s, got %s: %s", code, e.Code(), res.Raw)
	}
	for _, leak := range []string{"SQL", "sqlite", "pq:", "SQLSTATE", "INSERT", "SELECT", "constraint failed", "ent:"} {
		if strings.Contains(e.Message, leak) {
			a.T.Fatalf("error message leaks internals (%q): %s", leak, e.Message)
		}
	}
	return e
}
