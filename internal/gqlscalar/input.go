package gqlscalar

import (
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/convene/convene/internal/apperr"
)

// gqlgen's own bindings of ID, Time and Map report a value that cannot be
// read as a plain error, which the error presenter cannot tell from a
// server fault (it would answer INTERNAL). The API's ID, Time and Map
// scalars are bound here instead: the same reading and writing, but a value
// that cannot be read is the client's mistake, BAD_USER_INPUT, saying what
// was expected. The request path of the error names the argument.

// MarshalID writes an ID.
func MarshalID(id int) graphql.Marshaler { return graphql.MarshalIntID(id) }

// UnmarshalID reads an ID (a number, or a string of one).
func UnmarshalID(v any) (int, error) {
	id, err := graphql.UnmarshalIntID(v)
	if err != nil {
		return 0, apperr.Invalid("", "%v is not an ID", v)
	}
	return id, nil
}

// MarshalTime writes an RFC 3339 time.
func MarshalTime(t time.Time) graphql.Marshaler { return graphql.MarshalTime(t) }

// UnmarshalTime reads an RFC 3339 time.
func UnmarshalTime(v any) (time.Time, error) {
	t, err := graphql.UnmarshalTime(v)
	if err != nil {
		return time.Time{}, apperr.Invalid("", "%q is not a time: give an RFC 3339 date-time such as \"2026-03-19T10:00:00Z\"", v)
	}
	return t, nil
}

// MarshalMap writes a JSON object.
func MarshalMap(m map[string]any) graphql.Marshaler { return graphql.MarshalMap(m) }

// UnmarshalMap reads a JSON object.
func UnmarshalMap(v any) (map[string]any, error) {
	m, err := graphql.UnmarshalMap(v)
	if err != nil {
		return nil, apperr.Invalid("", "%v is not an object", v)
	}
	return m, nil
}
