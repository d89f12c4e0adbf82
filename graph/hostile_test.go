package graph_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/convene/convene/internal/apitest"
)

// Hostile queries are refused before any resolver runs: each case checks
// the error code, that the limit is named, and that no SQL was executed
// beyond the sign-in lookup.
func TestHostileQueriesRefused(t *testing.T) {
	api := apitest.New(t)
	admin := api.AsNewAdmin()
	deep := "{ programmes(first: 1) { edges { node { " + strings.Repeat("events(first: 1) { edges { node { programme { ", 5) + "id" + strings.Repeat(" } } } }", 5) + " } } } }"
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&aliases, "a%d: viewer { isAdmin } ", i)
	}
	aliases.WriteString("}")
	var someAliases strings.Builder
	someAliases.WriteString("{ ")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&someAliases, "a%d: viewer { isAdmin } ", i)
	}
	someAliases.WriteString("}")
	cases := []struct {
		name, query, code, mentions string
	}{
		{"deep nesting", deep, "QUERY_TOO_COMPLEX", "limit of 16"},
		{"1000 aliases", aliases.String(), "QUERY_TOO_COMPLEX", "token limit of 5000"},
		{"60 aliases", someAliases.String(), "QUERY_TOO_COMPLEX", "limit of 50"},
		{"huge first", `{ organisations(first: 100000) { edges { node { id } } } }`, "BAD_USER_INPUT", "at most 100"},
		{"list without a page size", `{ organisations { edges { node { id } } } }`, "BAD_USER_INPUT", "first or last is required"},
		{"multiplied pages", `{ programmes(first: 100) { edges { node { events(first: 100) { edges { node { invitations(first: 100) { edges { node { id } } } } } } } } } }`, "QUERY_TOO_COMPLEX", "limit of 100000"},
	}
	// What signing in costs per request, to compare refused queries with.
	admin.Counter.Reset()
	admin.MustDo(`{ viewer { isAdmin } }`, nil, nil)
	signInCost := admin.Counter.Count()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := admin.For(t)
			a.Counter.Reset()
			e := a.ErrorCode(c.query, nil, c.code)
			if !strings.Contains(e.Message, c.mentions) {
				t.Errorf("message %q does not name the limit (%q)", e.Message, c.mentions)
			}
			// Resolving the bearer token costs a few statements; the
			// refused query itself must cost none.
			if n := a.Counter.Count(); n > signInCost {
				t.Errorf("%d SQL statements ran for a refused query (signing in costs %d)", n, signInCost)
			}
		})
	}
}

func TestHostileRequestsRefused(t *testing.T) {
	api := apitest.New(t)
	post := func(body []byte) (*http.Response, string) {
		res, err := http.Post(api.Server.URL+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(res.Body)
		return res, buf.String()
	}
	t.Run("oversized body", func(t *testing.T) {
		body := []byte(`{"query":"{ viewer { isAdmin } }","variables":{"pad":"` + strings.Repeat("x", 2<<20) + `"}}`)
		res, text := post(body)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(text, "BAD_USER_INPUT") {
			t.Fatalf("status %d: %.200s", res.StatusCode, text)
		}
	})
	t.Run("batched operations", func(t *testing.T) {
		res, text := post([]byte(`[{"query":"{ viewer { isAdmin } }"},{"query":"{ viewer { isAdmin } }"}]`))
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(text, "batched operations are not supported") {
			t.Fatalf("status %d: %s", res.StatusCode, text)
		}
	})
	t.Run("introspection in production", func(t *testing.T) {
		prod := apitest.New(t, apitest.Options{Production: true}).AsNewAdmin()
		e := prod.For(t).ErrorCode(`{ __schema { types { name } } }`, nil, "BAD_USER_INPUT")
		if !strings.Contains(strings.ToLower(e.Message), "introspection") {
			t.Errorf("message = %q", e.Message)
		}
		// GraphiQL is not served either.
		req, _ := http.NewRequest("GET", prod.Server.URL+"/graphql", nil)
		req.Header.Set("Accept", "text/html")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusOK && strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Error("GraphiQL served in production")
		}
	})
	t.Run("security headers on HTML", func(t *testing.T) {
		res, err := http.Get(api.Server.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
			if res.Header.Get(h) == "" {
				t.Errorf("missing %s", h)
			}
		}
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("CSP = %q", res.Header.Get("Content-Security-Policy"))
		}
	})
}
