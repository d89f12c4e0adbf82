// Package gqllimits refuses abusive GraphQL operations before any resolver
// runs, so a hostile client cannot make the server do database work for them.
//
// The Extension is a gqlgen handler extension (graphql.HandlerExtension +
// graphql.OperationContextMutator). gqlgen calls MutateOperationContext after
// parsing, validation and variable coercion and before dispatching the
// operation; an error returned there ends the request with no resolver,
// transaction or query executed. It checks:
//
//   - depth: the nesting of fields (fragments and inline fragments resolved);
//   - complexity: every field costs 1; a field with `first`/`last` costs
//     1 + n × (cost of its selection), so nested connections multiply; a plain
//     list field (e.g. `continuations: [Event!]`) multiplies by DefaultPageSize;
//     `nodes(ids: [...])` multiplies by the number of ids;
//   - aliases: the number of aliased fields in the whole operation;
//   - page sizes: `first`/`last` must be between 0 and MaxPageSize, and a
//     connection that selects `edges`/`nodes` must have one of them (the
//     backend would otherwise return every row). A connection selected only
//     for `totalCount`/`pageInfo` needs no page size. `ids` lists are limited
//     to MaxPageSize entries too.
//
// Introspection (`__schema`, `__type`) is not measured: gqlparser's
// MaxIntrospectionDepth rule already bounds it, and introspection is turned
// off in production. `@skip`/`@include` are honoured like the executor does.
//
// Errors are *gqlerror.Error with extensions.code QUERY_TOO_COMPLEX (depth,
// complexity, aliases) or BAD_USER_INPUT (page sizes), extensions.limit, and
// the limit in the message. Both codes are registered with gqlgen as protocol
// errors, so the HTTP status is 422 for application/json responses and 400
// for application/graphql-response+json — the same as gqlgen's own
// validation errors. (Registering only affects errors raised before
// execution; resolver errors are unaffected.)
package gqllimits

import (
	"context"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes, as sent in extensions.code. They match internal/apperr
// (TooComplex, BadInput), which the error presenter passes through.
const (
	CodeTooComplex = "QUERY_TOO_COMPLEX"
	CodeBadInput   = "BAD_USER_INPUT"
)

// Defaults used for zero fields of Limits.
const (
	DefaultMaxDepth        = 12
	DefaultMaxComplexity   = 20000
	DefaultMaxPageSize     = 100
	DefaultMaxAliases      = 50
	DefaultListSize        = 10
	extensionName          = "Limits"
	statsKey               = "gqllimits.Measurement"
	maxCost                = 1 << 53 // saturation point for cost arithmetic
	introspectionSchema    = "__schema"
	introspectionTypeField = "__type"
)

func init() {
	// Refusals happen before execution, like validation failures: answer
	// them with gqlgen's protocol-error status (422 / 400) instead of 200.
	errcode.RegisterErrorType(CodeTooComplex, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeBadInput, errcode.KindProtocol)
}

// Limits configures the Extension. Zero fields take the defaults above.
type Limits struct {
	// MaxDepth is the deepest allowed field nesting; `{ a { b } }` has
	// depth 2. Default 12.
	MaxDepth int
	// MaxComplexity is the highest allowed cost (see package doc).
	// Default 20000.
	MaxComplexity int
	// MaxPageSize is the largest allowed `first`/`last` and the most
	// entries an `ids` list may have. Default 100.
	MaxPageSize int
	// MaxAliases is the most aliased fields an operation may contain.
	// Default 50.
	MaxAliases int
	// DefaultPageSize is the number of items assumed, for cost, of a list
	// field that takes no page size (a plain GraphQL list such as
	// `Event.continuations: [Event!]`, which the backend returns whole).
	// Default 10. It never makes a connection without first/last acceptable:
	// those are refused (see package doc).
	DefaultPageSize int
}

// WithDefaults returns l with zero (or negative) fields set to the defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxComplexity <= 0 {
		l.MaxComplexity = DefaultMaxComplexity
	}
	if l.MaxPageSize <= 0 {
		l.MaxPageSize = DefaultMaxPageSize
	}
	if l.MaxAliases <= 0 {
		l.MaxAliases = DefaultMaxAliases
	}
	if l.DefaultPageSize <= 0 {
		l.DefaultPageSize = DefaultListSize
	}
	return l
}

// Measurement is what an operation costs.
type Measurement struct {
	// Depth is the deepest field nesting (introspection excluded).
	Depth int
	// Complexity is the estimated cost (see package doc), saturating at 2^53.
	Complexity int
	// Aliases is the number of aliased fields, counting each use of a
	// fragment.
	Aliases int
}

// Check reports the first limit m exceeds (depth, then aliases, then
// complexity), or nil. l's zero fields are the defaults.
func (l Limits) Check(m Measurement) *gqlerror.Error {
	l = l.WithDefaults()
	switch {
	case m.Depth > l.MaxDepth:
		return limitError(CodeTooComplex, l.MaxDepth, nil,
			"query depth %d exceeds the limit of %d", m.Depth, l.MaxDepth)
	case m.Aliases > l.MaxAliases:
		return limitError(CodeTooComplex, l.MaxAliases, nil,
			"query uses %d aliases, which exceeds the limit of %d", m.Aliases, l.MaxAliases)
	case m.Complexity > l.MaxComplexity:
		return limitError(CodeTooComplex, l.MaxComplexity, nil,
			"query complexity %d exceeds the limit of %d", m.Complexity, l.MaxComplexity)
	}
	return nil
}

// Extension is the gqlgen handler extension. Add it with srv.Use(New(...)).
// It is safe for concurrent use.
type Extension struct {
	limits Limits
	schema *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = (*Extension)(nil)

// New returns an Extension enforcing l (zero fields take the defaults).
func New(l Limits) *Extension {
	return &Extension{limits: l.WithDefaults()}
}

// Limits returns the effective limits (defaults applied).
func (e *Extension) Limits() Limits { return e.limits }

// ExtensionName implements graphql.HandlerExtension.
func (e *Extension) ExtensionName() string { return extensionName }

// Validate implements graphql.HandlerExtension; it keeps the schema so
// connection fields can be recognised by their return type.
func (e *Extension) Validate(es graphql.ExecutableSchema) error {
	if es != nil {
		e.schema = es.Schema()
	}
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator. It
// measures the operation, records the Measurement in the operation stats
// (see MeasurementFrom) and refuses it if a limit is exceeded.
func (e *Extension) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc == nil || oc.Doc == nil {
		return nil
	}
	op := oc.Operation
	if op == nil {
		op = oc.Doc.Operations.ForName(oc.OperationName)
	}
	m, err := e.limits.Measure(oc.Doc, op, oc.Variables, e.schema)
	oc.Stats.SetExtension(statsKey, m)
	if err != nil {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) {
			return gqlErr
		}
		return gqlerror.WrapIfUnwrapped(err)
	}
	return e.limits.Check(m)
}

// MeasurementFrom returns the Measurement the Extension recorded for the
// operation in ctx (for logging and metrics, e.g. from an
// OperationInterceptor or ResponseInterceptor).
func MeasurementFrom(ctx context.Context) (Measurement, bool) {
	if !graphql.HasOperationContext(ctx) {
		return Measurement{}, false
	}
	m, ok := graphql.GetOperationContext(ctx).Stats.GetExtension(statsKey).(Measurement)
	return m, ok
}

// Measure measures op (an operation of doc) with the default Limits; see
// Limits.Measure.
func Measure(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, schema *ast.Schema) (Measurement, error) {
	return Limits{}.Measure(doc, op, vars, schema)
}

// Measure computes op's depth, complexity and alias count. vars are the
// coerced variable values (graphql.OperationContext.Variables). schema may be
// nil: field definitions recorded by gqlparser's validator are used when
// present, and otherwise a field is taken to be a connection when it selects
// edges, nodes, totalCount or pageInfo. If op is nil, doc's only (anonymous)
// operation is used.
//
// The error, if any, is a *gqlerror.Error reporting a page-size problem
// (BAD_USER_INPUT); the
// Measurement is then incomplete. Use Check to compare the Measurement with
// the limits.
func (l Limits) Measure(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any, schema *ast.Schema) (Measurement, error) {
	if doc == nil {
		return Measurement{}, nil
	}
	if op == nil {
		op = doc.Operations.ForName("")
		if op == nil {
			return Measurement{}, nil
		}
	}
	w := &walker{
		limits: l.WithDefaults(),
		schema: schema,
		doc:    doc,
		vars:   vars,
		frags:  map[string]*fragState{},
	}
	var root *ast.Definition
	if schema != nil {
		switch op.Operation {
		case ast.Mutation:
			root = schema.Mutation
		case ast.Subscription:
			root = schema.Subscription
		default:
			root = schema.Query
		}
	}
	r := w.selectionSet(op.SelectionSet, root)
	m := Measurement{Depth: r.depth, Complexity: r.cost, Aliases: r.aliases}
	if w.err != nil {
		return m, w.err
	}
	return m, nil
}

func limitError(code string, limit int, pos *ast.Position, format string, args ...any) *gqlerror.Error {
	var err *gqlerror.Error
	if pos != nil {
		err = gqlerror.ErrorPosf(pos, format, args...)
	} else {
		err = &gqlerror.Error{Message: fmt.Sprintf(format, args...)}
	}
	err.Extensions = map[string]any{"code": code, "limit": limit}
	return err
}
