package graph

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/privacy"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/requestid"
)

// PresentError turns every error a resolver returns into a client-safe
// GraphQL error with extensions.code. Only messages written for people (typed
// apperr errors, ent validation messages) pass through; anything else
// (driver and SQL errors in particular) is logged with the request id and
// masked as INTERNAL.
func PresentError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	cause := gqlErr.Err
	if cause == nil {
		// Produced by gqlgen itself (parsing, validation, argument
		// coercion): safe to show, and always the client's fault. The
		// specific gqlgen code is kept as "reason" for debugging.
		code, _ := gqlErr.Extensions["code"].(string)
		if strings.HasPrefix(gqlErr.Message, "exceeded token limit") {
			// The parser's token budget bounds the cost of validation.
			gqlErr.Message = "query " + gqlErr.Message
			setCode(gqlErr, apperr.TooComplex)
			return gqlErr
		}
		if !knownCodes[apperr.Code(code)] {
			if code != "" {
				gqlErr.Extensions["reason"] = code
			}
			setCode(gqlErr, apperr.BadInput)
		}
		return gqlErr
	}
	var (
		appErr     *apperr.Error
		validation *ent.ValidationError
		notFound   *ent.NotFoundError
		notSingle  *ent.NotSingularError
		constraint *ent.ConstraintError
		inner      *gqlerror.Error
	)
	switch {
	case errors.As(cause, &appErr):
		gqlErr.Message = appErr.Message
		setCode(gqlErr, appErr.Code)
		if appErr.Field != "" {
			gqlErr.Extensions["field"] = appErr.Field
		}
		for k, v := range appErr.Extensions {
			if _, taken := gqlErr.Extensions[k]; !taken {
				gqlErr.Extensions[k] = v
			}
		}
	case errors.As(cause, &validation):
		gqlErr.Message = validationMessage(validation)
		setCode(gqlErr, apperr.BadInput)
		gqlErr.Extensions["field"] = validation.Name
	case errors.As(cause, &notFound), errors.As(cause, &notSingle):
		gqlErr.Message = "not found"
		setCode(gqlErr, apperr.NotFound)
	case errors.Is(cause, privacy.Deny):
		gqlErr.Message = "you are not allowed to do this"
		setCode(gqlErr, apperr.Forbidden)
	case errors.As(cause, &constraint):
		gqlErr.Message = constraintMessage(constraint)
		setCode(gqlErr, apperr.Conflict)
	case errors.As(cause, &inner) && inner.Err == nil:
		// gqlgen errors nested in a resolver error (e.g. input coercion).
		gqlErr.Message = inner.Message
		setCode(gqlErr, apperr.BadInput)
	case strings.HasPrefix(cause.Error(), "cannot decode cursor"):
		// entgql's Cursor scalar refusing a garbled after/before value.
		gqlErr.Message = "the cursor is not valid: pass endCursor or startCursor from this list's pageInfo"
		setCode(gqlErr, apperr.BadInput)
	case cause.Error() == "introspection disabled":
		// gqlgen's own refusal when introspection is off (--production).
		gqlErr.Message = "introspection is disabled on this server"
		setCode(gqlErr, apperr.BadInput)
	case errors.Is(cause, context.Canceled), errors.Is(cause, context.DeadlineExceeded):
		gqlErr.Message = "the request was cancelled or took too long"
		setCode(gqlErr, apperr.Internal)
	default:
		id := requestid.From(ctx)
		slog.ErrorContext(ctx, "graphql: internal error", "err", err, "path", gqlErr.Path.String(), "request_id", id)
		gqlErr.Message = "internal error; reference " + id
		setCode(gqlErr, apperr.Internal)
	}
	gqlErr.Err = nil // never serialised, but keep the chain out of further hands
	return gqlErr
}

// knownCodes are passed through as they are; gqlgen's own codes
// (GRAPHQL_VALIDATION_FAILED, GRAPHQL_PARSE_FAILED) become BAD_USER_INPUT.
var knownCodes = map[apperr.Code]bool{
	apperr.BadInput: true, apperr.Unauthenticated: true, apperr.Forbidden: true, apperr.NotFound: true,
	apperr.Conflict: true, apperr.TooComplex: true, apperr.RateLimited: true, apperr.Internal: true,
}

func setCode(e *gqlerror.Error, code apperr.Code) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = string(code)
}

// validationMessage keeps ent's field name and the validator's own words,
// dropping the "ent: validator failed for field" prefix.
func validationMessage(v *ent.ValidationError) string {
	// ent wraps the validator's error as "ent: validator failed for
	// field ...: <validator message>"; peel the wrappers off.
	var inner error = v
	for inner != nil && strings.HasPrefix(inner.Error(), "ent: ") {
		inner = errors.Unwrap(inner)
	}
	msg := strings.TrimPrefix(v.Error(), "ent: ")
	if inner != nil {
		msg = inner.Error()
	}
	if strings.HasPrefix(msg, "value out of range") || strings.HasPrefix(msg, "value is less than") ||
		strings.HasPrefix(msg, "value is greater than") || strings.HasPrefix(msg, "value is empty") ||
		strings.HasPrefix(msg, "value is") || strings.Contains(msg, "length") {
		return fieldLabel(v.Name) + ": " + msg
	}
	if strings.HasPrefix(msg, "missing required field") {
		return fieldLabel(v.Name) + " is required"
	}
	return msg
}

// fieldLabel turns "Event.ends_at" into "ends_at".
func fieldLabel(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// constraintMessage explains a constraint failure without SQL: unique
// violations are duplicates, foreign-key ones dangling or in-use references.
func constraintMessage(c *ent.ConstraintError) string {
	text := strings.ToLower(c.Error())
	switch {
	case strings.Contains(text, "unique") || strings.Contains(text, "duplicate"):
		return "this already exists (a value that must be unique is taken)"
	case strings.Contains(text, "foreign key"):
		return "this refers to something that does not exist, or is still used by other records"
	default:
		return "this conflicts with existing data"
	}
}
