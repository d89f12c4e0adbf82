// Package httpguard holds HTTP middleware that protects Convene from hostile
// clients before a request reaches GraphQL: body size and batch limits, rate
// limiting, a CSRF check for cookie-authenticated requests, and security
// headers. Every middleware has the chi-compatible shape
// func(http.Handler) http.Handler.
//
// Refusals are answered with a GraphQL-style JSON body,
//
//	{"errors":[{"message":"...","extensions":{"code":"BAD_USER_INPUT"}}]}
//
// using the codes of internal/apperr, so clients handle them like any other
// API error.
package httpguard

import (
	"encoding/json"
	"net/http"

	"github.com/convene/convene/internal/apperr"
)

type errorBody struct {
	Errors []errorEntry `json:"errors"`
}

type errorEntry struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// WriteError answers with status and a GraphQL-style JSON error carrying
// extensions.code = code. extra entries are added to extensions.
func WriteError(w http.ResponseWriter, status int, code apperr.Code, message string, extra ...map[string]any) {
	ext := map[string]any{"code": string(code)}
	for _, m := range extra {
		for k, v := range m {
			ext[k] = v
		}
	}
	body, _ := json.Marshal(errorBody{Errors: []errorEntry{{Message: message, Extensions: ext}}})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Length")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n'))
}
