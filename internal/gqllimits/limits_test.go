package gqllimits_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/introspection"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/convene/convene/internal/gqllimits"
)

const sdl = `
interface Node { id: ID! }

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

type Query {
  node(id: ID!): Node
  nodes(ids: [ID!]!): [Node]!
  organisation(id: ID!): Organisation
  organisations(first: Int, last: Int, after: String, before: String): OrganisationConnection!
  pagedByDefault(first: Int = 1000): OrganisationConnection!
  pagedBy20(first: Int = 20): OrganisationConnection!
}

type Mutation {
  createOrganisation(name: String!): Organisation!
}

type Organisation implements Node {
  id: ID!
  name: String!
  parent: Organisation
  tags: [Tag!]
  memberships(first: Int, last: Int, after: String, before: String): MembershipConnection!
}

type Tag { name: String! }

type OrganisationConnection {
  edges: [OrganisationEdge]
  pageInfo: PageInfo!
  totalCount: Int!
}
type OrganisationEdge { node: Organisation cursor: String! }

type Membership implements Node {
  id: ID!
  role: String!
  organisation: Organisation!
}
type MembershipConnection {
  edges: [MembershipEdge]
  pageInfo: PageInfo!
  totalCount: Int!
}
type MembershipEdge { node: Membership cursor: String! }
`

var schema = gqlparser.MustLoadSchema(&ast.Source{Name: "test.graphqls", Input: sdl})

// measure parses and validates query against the test schema, coerces vars
// and measures the (only) operation.
func measure(t *testing.T, l gqllimits.Limits, query string, vars map[string]any) (gqllimits.Measurement, error) {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(schema, query)
	if len(errs) > 0 {
		t.Fatalf("invalid test query: %v", errs)
	}
	op := doc.Operations[0]
	coerced, err := validator.VariableValues(schema, op, vars)
	if err != nil {
		t.Fatalf("variables: %v", err)
	}
	return l.Measure(doc, op, coerced, schema)
}

func nested(field string, levels int, leaf string) string {
	return strings.Repeat(field+" { ", levels) + leaf + strings.Repeat(" }", levels)
}

func aliases(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "a%d: organisation(id: \"%d\") { id } ", i, i)
	}
	b.WriteString("}")
	return b.String()
}

func TestMeasure(t *testing.T) {
	type want struct {
		m       *gqllimits.Measurement // checked when not nil
		code    string                 // "" = accepted
		message string                 // substring of the error message
	}
	tests := []struct {
		name   string
		limits gqllimits.Limits
		query  string
		vars   map[string]any
		want   want
	}{
		{
			name:  "normal connection query",
			query: `{ organisations(first: 10) { totalCount edges { cursor node { id name } } } }`,
			// node = 1+2, edges = 1+(1+3), organisations = 1 + 10*(1+5)
			want: want{m: &gqllimits.Measurement{Depth: 4, Complexity: 61}},
		},
		{
			name:  "deep nesting refused",
			query: `{ organisation(id: "1") { ` + nested("parent", 14, "id") + ` } }`,
			want:  want{code: "QUERY_TOO_COMPLEX", message: "query depth 16 exceeds the limit of 12"},
		},
		{
			name:  "depth at the limit passes",
			query: `{ organisation(id: "1") { ` + nested("parent", 10, "id") + ` } }`,
			want:  want{m: &gqllimits.Measurement{Depth: 12, Complexity: 12}},
		},
		{
			name:  "1000 aliases refused",
			query: aliases(1000),
			want:  want{code: "QUERY_TOO_COMPLEX", message: "query uses 1000 aliases, which exceeds the limit of 50"},
		},
		{
			name:  "50 aliases pass",
			query: aliases(50),
			want:  want{m: &gqllimits.Measurement{Depth: 2, Complexity: 100, Aliases: 50}},
		},
		{
			name:  "first: 100000 refused",
			query: `{ organisations(first: 100000) { edges { node { id } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first must be at most 100"},
		},
		{
			name:  "last above the limit refused",
			query: `{ organisations(last: 101) { edges { node { id } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "last must be at most 100"},
		},
		{
			name:  "negative first refused",
			query: `{ organisations(first: -1) { edges { node { id } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first must not be negative"},
		},
		{
			name:  "connection without first refused",
			query: `{ organisations { edges { node { id } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first or last is required on organisations (at most 100)"},
		},
		{
			name:  "nested connection without first refused",
			query: `{ organisations(first: 5) { edges { node { memberships { edges { node { id } } } } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first or last is required on memberships"},
		},
		{
			name:  "totalCount and pageInfo need no page size",
			query: `{ organisations { totalCount pageInfo { hasNextPage endCursor } } }`,
			want:  want{m: &gqllimits.Measurement{Depth: 3, Complexity: 5}},
		},
		{
			name:  "schema default page size is checked",
			query: `{ pagedByDefault { edges { node { id } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first must be at most 100"},
		},
		{
			name:  "nested connections multiply",
			query: `{ organisations(first: 100) { edges { node { memberships(first: 100) { edges { node { id } } } } } } }`,
			// memberships = 1+100*3, organisations = 1 + 100*(1+1+301)
			want: want{code: "QUERY_TOO_COMPLEX", message: "query complexity 30301 exceeds the limit of 20000"},
		},
		{
			name:  "smaller nested pages pass",
			query: `{ organisations(first: 50) { edges { node { memberships(first: 50) { edges { node { id } } } } } } }`,
			want:  want{m: &gqllimits.Measurement{Depth: 7, Complexity: 1 + 50*(1+1+(1+50*3))}},
		},
		{
			name:  "variables are honoured: too big",
			query: `query Q($n: Int) { organisations(first: $n) { edges { node { id } } } }`,
			vars:  map[string]any{"n": json.Number("500")},
			want:  want{code: "BAD_USER_INPUT", message: "first must be at most 100 (got 500 on organisations)"},
		},
		{
			name:  "variables are honoured: small",
			query: `query Q($n: Int) { organisations(first: $n) { edges { node { id } } } }`,
			vars:  map[string]any{"n": 3},
			want:  want{m: &gqllimits.Measurement{Depth: 4, Complexity: 1 + 3*3}},
		},
		{
			name:  "variables are honoured: null means no page size",
			query: `query Q($n: Int) { organisations(first: $n) { edges { node { id } } } }`,
			vars:  map[string]any{"n": nil},
			want:  want{code: "BAD_USER_INPUT", message: "first or last is required"},
		},
		{
			name:  "a variable the request did not send leaves the field's default",
			query: `query Q($n: Int) { pagedBy20(first: $n) { edges { node { id } } } }`,
			want:  want{m: &gqllimits.Measurement{Depth: 4, Complexity: 1 + 20*3}},
		},
		{
			name:  "an unsent variable does not hide a field default that is too big",
			query: `query Q($n: Int) { pagedByDefault(first: $n) { edges { node { id } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first must be at most 100"},
		},
		{
			name:  "variable default is honoured",
			query: `query Q($n: Int = 1000) { organisations(first: $n) { edges { node { id } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first must be at most 100"},
		},
		{
			name: "fragments count for depth",
			query: `{ organisation(id: "1") { ...P } }
				fragment P on Organisation { parent { parent { parent { ...Q } } } }
				fragment Q on Organisation { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } }`,
			want: want{code: "QUERY_TOO_COMPLEX", message: "query depth 13 exceeds the limit of 12"},
		},
		{
			name: "fragments count for aliases, once per use",
			query: `{ a: organisation(id: "1") { ...F } b: organisation(id: "2") { ...F } c: organisation(id: "3") { ...F } }
				fragment F on Organisation { ` + strings.TrimSuffix(strings.TrimPrefix(aliasesOn("name", 20), "{"), "}") + ` }`,
			want: want{code: "QUERY_TOO_COMPLEX", message: "query uses 66 aliases"},
		},
		{
			name: "connection items selected through a fragment need first",
			query: `{ organisations { ...Conn } }
				fragment Conn on OrganisationConnection { totalCount ... on OrganisationConnection { edges { cursor } } }`,
			want: want{code: "BAD_USER_INPUT", message: "first or last is required on organisations"},
		},
		{
			name:  "skipped fields are not counted",
			query: `query Q($no: Boolean!) { organisations @skip(if: true) { edges { cursor } } organisation(id: "1") @include(if: $no) { id } }`,
			vars:  map[string]any{"no": false},
			want:  want{m: &gqllimits.Measurement{}},
		},
		{
			name:  "plain lists multiply by DefaultPageSize",
			query: `{ organisation(id: "1") { tags { name } } }`,
			// tags = 1 + 10*1
			want: want{m: &gqllimits.Measurement{Depth: 3, Complexity: 12}},
		},
		{
			name:   "DefaultPageSize is configurable",
			limits: gqllimits.Limits{DefaultPageSize: 3},
			query:  `{ organisation(id: "1") { tags { name } } }`,
			want:   want{m: &gqllimits.Measurement{Depth: 3, Complexity: 5}},
		},
		{
			name:  "nodes(ids) multiplies by the number of ids",
			query: `query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
			vars:  map[string]any{"ids": []any{"1", "2", "3"}},
			want:  want{m: &gqllimits.Measurement{Depth: 2, Complexity: 4}},
		},
		{
			name:  "nodes(ids) with too many ids refused",
			query: `query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
			vars:  map[string]any{"ids": strings.Split(strings.Repeat("x,", 100)+"x", ",")},
			want:  want{code: "BAD_USER_INPUT", message: "ids must have at most 100 entries"},
		},
		{
			name:   "custom limits",
			limits: gqllimits.Limits{MaxPageSize: 10},
			query:  `{ organisations(first: 11) { totalCount } }`,
			want:   want{code: "BAD_USER_INPUT", message: "first must be at most 10"},
		},
		{
			name:  "mutations are measured from the Mutation root",
			query: `mutation { createOrganisation(name: "x") { memberships { edges { cursor } } } }`,
			want:  want{code: "BAD_USER_INPUT", message: "first or last is required on memberships"},
		},
		{
			name:  "introspection query passes",
			query: introspection.Query,
			want:  want{m: &gqllimits.Measurement{}},
		},
		{
			name:  "introspection next to data is measured on the data only",
			query: `{ __schema { types { name fields { type { ofType { ofType { ofType { name } } } } } } } organisation(id: "1") { id } }`,
			want:  want{m: &gqllimits.Measurement{Depth: 2, Complexity: 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := measure(t, tt.limits, tt.query, tt.vars)
			if err == nil {
				if cerr := tt.limits.Check(m); cerr != nil {
					err = cerr
				}
			}
			if tt.want.code == "" {
				if err != nil {
					t.Fatalf("refused: %v (measurement %+v)", err, m)
				}
			} else {
				assertLimitError(t, err, tt.want.code, tt.want.message)
			}
			if tt.want.m != nil && m != *tt.want.m {
				t.Errorf("measurement = %+v, want %+v", m, *tt.want.m)
			}
		})
	}
}

func aliasesOn(field string, n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "x%d: %s ", i, field)
	}
	b.WriteString("parent { p: id } }")
	return b.String()
}

func assertLimitError(t *testing.T, err error, code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("accepted, want %s error containing %q", code, message)
	}
	gqlErr, ok := err.(*gqlerror.Error)
	if !ok {
		t.Fatalf("error %T %v is not a *gqlerror.Error", err, err)
	}
	if got := gqlErr.Extensions["code"]; got != code {
		t.Errorf("extensions.code = %v, want %s (error %q)", got, code, gqlErr.Message)
	}
	if _, ok := gqlErr.Extensions["limit"].(int); !ok {
		t.Errorf("extensions.limit missing: %v", gqlErr.Extensions)
	}
	if !strings.Contains(gqlErr.Message, message) {
		t.Errorf("message = %q, want it to contain %q", gqlErr.Message, message)
	}
}

// Documents measured without a schema and without validation (e.g. from a
// log) fall back to recognising connections by their selection.
func TestMeasureWithoutSchema(t *testing.T) {
	tests := []struct {
		query   string
		message string // "" = accepted
	}{
		{`{ organisations { edges { node { id } } } }`, "first or last is required on organisations"},
		{`{ organisations { nodes { id } } }`, "first or last is required on organisations"},
		{`{ organisations { totalCount } }`, ""},
		{`{ organisations(first: 7) { edges { node { id } } } }`, ""},
		{`{ organisations(first: 700) { edges { node { id } } } }`, "first must be at most 100"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			_, merr := gqllimits.Measure(doc, nil, nil, nil)
			if tt.message == "" {
				if merr != nil {
					t.Fatalf("refused: %v", merr)
				}
				return
			}
			assertLimitError(t, merr, "BAD_USER_INPUT", tt.message)
		})
	}
}

// Fragment cycles (refused by the validator, but Measure must not hang) and
// fragments that spread others many times (exponential if expanded naively).
func TestMeasureHostileFragments(t *testing.T) {
	t.Run("cycle", func(t *testing.T) {
		doc, err := parser.ParseQuery(&ast.Source{Input: `{ organisation(id: "1") { ...A } }
			fragment A on Organisation { id ...B }
			fragment B on Organisation { name parent { ...A } }`})
		if err != nil {
			t.Fatal(err)
		}
		m, merr := gqllimits.Measure(doc, nil, nil, schema)
		if merr != nil {
			t.Fatal(merr)
		}
		if m.Depth != 2 {
			t.Errorf("depth = %d, want 2", m.Depth)
		}
	})
	t.Run("exponential spread", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`{ organisation(id: "1") { ...F0 } }`)
		const levels = 60
		for i := range levels {
			fmt.Fprintf(&b, "\nfragment F%d on Organisation { a: parent { ...F%d } b: parent { ...F%d } }", i, i+1, i+1)
		}
		fmt.Fprintf(&b, "\nfragment F%d on Organisation { id }", levels)
		doc, err := parser.ParseQuery(&ast.Source{Input: b.String()})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		m, merr := gqllimits.Measure(doc, nil, nil, schema)
		if merr != nil {
			t.Fatal(merr)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("Measure took %v", d)
		}
		if m.Depth != levels+2 || m.Complexity != 1<<53 || m.Aliases != 1<<53 {
			t.Errorf("measurement = %+v, want depth %d and saturated complexity and aliases", m, levels+2)
		}
		if err := (gqllimits.Limits{}).Check(m); err == nil {
			t.Error("accepted")
		}
	})
}

// stubSchema is a minimal graphql.ExecutableSchema: it records whether
// execution (where resolvers and database work would run) was reached.
type stubSchema struct{ execs atomic.Int32 }

func (s *stubSchema) Schema() *ast.Schema { return schema }
func (s *stubSchema) Complexity(context.Context, string, string, int, map[string]any) (int, bool) {
	return 0, false
}

func (s *stubSchema) Exec(context.Context) graphql.ResponseHandler {
	s.execs.Add(1)
	return graphql.OneShot(&graphql.Response{Data: json.RawMessage(`{}`)})
}

func TestExtensionThroughServer(t *testing.T) {
	es := &stubSchema{}
	srv := handler.New(es)
	srv.AddTransport(transport.POST{})
	srv.Use(extension.Introspection{})
	srv.Use(gqllimits.New(gqllimits.Limits{}))
	var seen sync.Map // query -> Measurement
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if m, ok := gqllimits.MeasurementFrom(ctx); ok {
			seen.Store(graphql.GetOperationContext(ctx).RawQuery, m)
		}
		return next(ctx)
	})
	ts := httptest.NewServer(srv)
	defer ts.Close()

	tests := []struct {
		name       string
		accept     string
		query      string
		vars       map[string]any
		wantStatus int
		wantCode   string // "" = executed
		wantMsg    string
	}{
		{
			name:       "normal query executes",
			query:      `{ organisations(first: 20) { totalCount edges { node { id name } } } }`,
			wantStatus: http.StatusOK,
		},
		{
			name:       "introspection executes",
			query:      introspection.Query,
			wantStatus: http.StatusOK,
		},
		{
			name:       "too deep: 422 and not executed",
			query:      `{ organisation(id: "1") { ` + nested("parent", 20, "id") + ` } }`,
			wantStatus: http.StatusUnprocessableEntity,
			wantCode:   "QUERY_TOO_COMPLEX",
			wantMsg:    "query depth 22 exceeds the limit of 12",
		},
		{
			name:       "too deep with graphql-response+json: 400",
			accept:     "application/graphql-response+json",
			query:      `{ organisation(id: "1") { ` + nested("parent", 20, "id") + ` } }`,
			wantStatus: http.StatusBadRequest,
			wantCode:   "QUERY_TOO_COMPLEX",
			wantMsg:    "limit of 12",
		},
		{
			name:       "aliases",
			query:      aliases(1000),
			wantStatus: http.StatusUnprocessableEntity,
			wantCode:   "QUERY_TOO_COMPLEX",
			wantMsg:    "exceeds the limit of 50",
		},
		{
			name:       "page size through a variable",
			query:      `query Q($n: Int!) { organisations(first: $n) { edges { node { id } } } }`,
			vars:       map[string]any{"n": 100000},
			wantStatus: http.StatusUnprocessableEntity,
			wantCode:   "BAD_USER_INPUT",
			wantMsg:    "first must be at most 100",
		},
		{
			name:       "connection without first",
			query:      `{ organisations { edges { node { id } } } }`,
			wantStatus: http.StatusUnprocessableEntity,
			wantCode:   "BAD_USER_INPUT",
			wantMsg:    "first or last is required on organisations (at most 100)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := es.execs.Load()
			body, _ := json.Marshal(map[string]any{"query": tt.query, "variables": tt.vars})
			req, _ := http.NewRequest(http.MethodPost, ts.URL, strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var out struct {
				Errors []struct {
					Message    string         `json:"message"`
					Extensions map[string]any `json:"extensions"`
				} `json:"errors"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d (%+v)", resp.StatusCode, tt.wantStatus, out)
			}
			executed := es.execs.Load() - before
			if tt.wantCode == "" {
				if len(out.Errors) > 0 || executed != 1 {
					t.Fatalf("executed %d times, errors %+v", executed, out.Errors)
				}
				return
			}
			if executed != 0 {
				t.Errorf("refused operation was executed")
			}
			if len(out.Errors) != 1 {
				t.Fatalf("errors = %+v, want one", out.Errors)
			}
			e := out.Errors[0]
			if e.Extensions["code"] != tt.wantCode || !strings.Contains(e.Message, tt.wantMsg) {
				t.Errorf("error = %q %v, want %s containing %q", e.Message, e.Extensions, tt.wantCode, tt.wantMsg)
			}
		})
	}
	normal, _ := seen.Load(tests[0].query)
	if want := (gqllimits.Measurement{Depth: 4, Complexity: 1 + 20*5}); normal != want {
		t.Errorf("MeasurementFrom = %+v, want %+v", normal, want)
	}
}
