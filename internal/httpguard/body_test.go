package httpguard_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/convene/convene/internal/httpguard"
)

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// decodeError returns the single GraphQL-style error of a refusal.
func decodeError(t *testing.T, rec *httptest.ResponseRecorder) gqlError {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var body struct {
		Errors []gqlError `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	if len(body.Errors) != 1 {
		t.Fatalf("errors = %+v, want one", body.Errors)
	}
	return body.Errors[0]
}

// echo answers 200 with the body it received, proving the body reached it
// intact.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(b)
})

// noLength hides the length of a reader so the request is sent chunked /
// has ContentLength -1.
type noLength struct{ io.Reader }

func TestBodyLimit(t *testing.T) {
	const limit = 1 << 20
	mw := httpguard.BodyLimit(limit)(echo)
	tests := []struct {
		name       string
		size       int
		hideLength bool
		wantStatus int
	}{
		{"small body passes", 100, false, http.StatusOK},
		{"body at the limit passes", limit, false, http.StatusOK},
		{"body at the limit without length passes", limit, true, http.StatusOK},
		{"2 MiB with Content-Length", 2 << 20, false, http.StatusRequestEntityTooLarge},
		{"2 MiB without Content-Length", 2 << 20, true, http.StatusRequestEntityTooLarge},
		{"one byte over without Content-Length", limit + 1, true, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payload := bytes.Repeat([]byte("a"), tt.size)
			var body io.Reader = bytes.NewReader(payload)
			if tt.hideLength {
				body = noLength{body}
			}
			req := httptest.NewRequest(http.MethodPost, "/graphql", body)
			if tt.hideLength && req.ContentLength != -1 {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			mw.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			if tt.wantStatus == http.StatusOK {
				if !bytes.Equal(rec.Body.Bytes(), payload) {
					t.Errorf("handler saw %d bytes, want %d", rec.Body.Len(), tt.size)
				}
				return
			}
			want := `{"errors":[{"message":"request body exceeds 1 MiB","extensions":{"code":"BAD_USER_INPUT"}}]}`
			if got := strings.TrimSpace(rec.Body.String()); got != want {
				t.Errorf("body = %s, want %s", got, want)
			}
		})
	}
}

// Through a real server: a chunked body larger than the limit.
func TestBodyLimitChunkedOverNetwork(t *testing.T) {
	srv := httptest.NewServer(httpguard.BodyLimit(1 << 20)(echo))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL, noLength{bytes.NewReader(make([]byte, 2<<20))})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status = %d, want 413", resp.StatusCode)
	}
}

// gqlgenServer is a gqlgen server with the POST transport over a stub
// schema; reached reports whether execution was reached.
func gqlgenServer(reached *bool) http.Handler {
	srv := handler.New(stubSchema{reached})
	srv.AddTransport(transport.POST{})
	return srv
}

var testSchema = gqlparser.MustLoadSchema(&ast.Source{Input: `type Query { ok: Boolean }`})

type stubSchema struct{ reached *bool }

func (s stubSchema) Schema() *ast.Schema { return testSchema }
func (s stubSchema) Complexity(context.Context, string, string, int, map[string]any) (int, bool) {
	return 0, false
}

func (s stubSchema) Exec(context.Context) graphql.ResponseHandler {
	*s.reached = true
	return graphql.OneShot(&graphql.Response{Data: json.RawMessage(`{"ok":true}`)})
}

const batch = `[{"query":"{ ok }"},{"query":"{ ok }"}]`

// What gqlgen does by itself with a JSON array: a 400 whose message is a Go
// decoding error with the whole body echoed back. BatchLimit replaces that
// with a clear refusal.
func TestGqlgenAloneRejectsArraysUnclearly(t *testing.T) {
	var reached bool
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(batch))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	gqlgenServer(&reached).ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest || reached {
		t.Fatalf("status = %d, reached = %v", rec.Code, reached)
	}
	if e := decodeError(t, rec); !strings.Contains(e.Message, "could not be decoded") {
		t.Errorf("gqlgen's message changed: %q", e.Message)
	}
}

func TestBatchLimit(t *testing.T) {
	tests := []struct {
		name        string
		max         int
		contentType string
		body        string
		wantStatus  int
		wantMessage string // for refusals
	}{
		{"single operation passes", 1, "application/json", `{"query":"{ ok }"}`, http.StatusOK, ""},
		{"array refused by default", 0, "application/json", batch, http.StatusBadRequest,
			"batched operations are not supported; send one operation per request"},
		{"array after whitespace refused", 1, "application/json; charset=utf-8", " \n\t" + batch, http.StatusBadRequest,
			"batched operations are not supported"},
		{"one-element array refused when batching is off", 1, "application/json", `[{"query":"{ ok }"}]`,
			http.StatusBadRequest, "batched operations are not supported"},
		{"array above max refused", 3, "application/json",
			`[{"query":"{ ok }"},{"query":"{ ok }"},{"query":"{ ok }"},{"query":"{ ok }"}]`,
			http.StatusBadRequest, "at most 3 operations per request (got 4)"},
		{"array within max passes", 3, "application/json", batch, http.StatusOK, ""},
		{"invalid array refused", 3, "application/json", `[{"query":`, http.StatusBadRequest, "not valid JSON"},
		{"other content types pass", 1, "application/graphql", `[not json]`, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			rec := httptest.NewRecorder()
			httpguard.BatchLimit(tt.max)(echo).ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d (%s)", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantStatus == http.StatusOK {
				if got := rec.Body.String(); strings.TrimSpace(got) != strings.TrimSpace(tt.body) {
					t.Errorf("handler saw %q, want %q", got, tt.body)
				}
				return
			}
			e := decodeError(t, rec)
			if e.Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(e.Message, tt.wantMessage) {
				t.Errorf("error = %q %v, want BAD_USER_INPUT containing %q", e.Message, e.Extensions, tt.wantMessage)
			}
		})
	}
}

// The whole chain in front of gqlgen: a batch gets a clear 400 and never
// reaches execution; a normal operation does.
func TestBatchLimitInFrontOfGqlgen(t *testing.T) {
	for _, tc := range []struct {
		body       string
		wantStatus int
		wantExec   bool
	}{
		{batch, http.StatusBadRequest, false},
		{`{"query":"{ ok }"}`, http.StatusOK, true},
	} {
		var reached bool
		h := httpguard.BodyLimit(1 << 20)(httpguard.BatchLimit(1)(gqlgenServer(&reached)))
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.wantStatus || reached != tc.wantExec {
			t.Errorf("%s: status %d executed %v, want %d %v (%s)", tc.body, rec.Code, reached, tc.wantStatus, tc.wantExec, rec.Body)
		}
		if !tc.wantExec && strings.Contains(rec.Body.String(), "{ ok }") {
			t.Errorf("refusal echoes the body: %s", rec.Body)
		}
	}
}
