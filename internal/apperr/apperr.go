// Package apperr defines the typed errors business rules return. The GraphQL
// error presenter and the HTTP handlers turn them into extensions.code values
// and status codes; anything that is not an *Error is masked as INTERNAL.
package apperr

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Code is the machine-readable kind of an error, sent as extensions.code.
type Code string

const (
	BadInput        Code = "BAD_USER_INPUT"
	Unauthenticated Code = "UNAUTHENTICATED"
	Forbidden       Code = "FORBIDDEN"
	NotFound        Code = "NOT_FOUND"
	Conflict        Code = "CONFLICT"
	TooComplex      Code = "QUERY_TOO_COMPLEX"
	RateLimited     Code = "RATE_LIMITED"
	Internal        Code = "INTERNAL"
)

// Error is an error whose message is safe to show to the person who caused it.
type Error struct {
	Code    Code
	Field   string // the input field at fault, if any
	Message string
	// Extensions are typed details sent alongside the code (GraphQL
	// extensions), e.g. opensAt for "self check-in is not open yet", so
	// clients can say it in the reader's own words and time zone.
	Extensions map[string]any
}

// With adds a typed detail to the error's extensions and returns it.
func (e *Error) With(key string, value any) *Error {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions[key] = value
	return e
}

func (e *Error) Error() string { return e.Message }

// Is lets errors.Is(err, apperr.ErrNotFound) match any error of the same code.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Code == e.Code
}

// Sentinels for errors.Is comparisons by code.
var (
	ErrNotFound        = &Error{Code: NotFound}
	ErrForbidden       = &Error{Code: Forbidden}
	ErrUnauthenticated = &Error{Code: Unauthenticated}
	ErrConflict        = &Error{Code: Conflict}
	ErrBadInput        = &Error{Code: BadInput}
)

func newf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports bad input in a named field.
func Invalid(field, format string, args ...any) *Error {
	return newf(BadInput, field, format, args...)
}

// NotFoundf reports a missing (or invisible) object.
func NotFoundf(format string, args ...any) *Error { return newf(NotFound, "", format, args...) }

// Forbiddenf reports an action the viewer may not take.
func Forbiddenf(format string, args ...any) *Error { return newf(Forbidden, "", format, args...) }

// Conflictf reports a clash with the current state (duplicates, full events).
func Conflictf(format string, args ...any) *Error { return newf(Conflict, "", format, args...) }

// Unauthenticatedf reports that signing in is required.
func Unauthenticatedf(format string, args ...any) *Error {
	return newf(Unauthenticated, "", format, args...)
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Sentence turns a message written for APIs ("that invitation link is not
// valid") into one for a page: a capital letter and a full stop.
func Sentence(msg string) string {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return msg
	}
	r, n := utf8.DecodeRuneInString(msg)
	msg = string(unicode.ToUpper(r)) + msg[n:]
	if !strings.ContainsAny(msg[len(msg)-1:], ".!?") {
		msg += "."
	}
	return msg
}
