package graph

import (
	"context"
	"errors"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vikstrous/dataloadgen"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/person"
	"github.com/convene/convene/ent/privacy"
	"github.com/convene/convene/internal/apperr"
)

// auditSubjects batch AuditEntry.subject (schema/audit.graphqls). Entries
// name their record by its global id (the audit hook stores the ent id, and
// every table's ids start in a range of their own), so a page's subjects are
// read by (*ent.Client).Noders: one query per table in the page, plus the
// edges the selection asks for, collected per table — the same statements
// for 5 entries as for 50.
//
// There is a loader per field of the query document, not one per
// operation: Noders selects only the columns and edges the selection of its
// first caller asks for, so records read for one place in the query must not
// answer another that asks for more.
type auditSubjects struct {
	base    *ent.Client
	mu      sync.Mutex
	byField map[*ast.Field]*dataloadgen.Loader[int, ent.Noder]
}

type auditSubjectsKey struct{}

// withAuditSubjects gives each operation its own loaders (and cache: the
// viewer's privacy rules decide what they hold).
func withAuditSubjects(client *ent.Client) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(context.WithValue(ctx, auditSubjectsKey{}, &auditSubjects{
			base: client, byField: map[*ast.Field]*dataloadgen.Loader[int, ent.Noder]{},
		}))
	}
}

func (s *auditSubjects) loader(ctx context.Context) *dataloadgen.Loader[int, ent.Noder] {
	var field *ast.Field
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		field = fc.Field.Field
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.byField[field]
	if l == nil {
		// The batch reads through the context of its first caller: the
		// viewer (privacy), the selection (field collection) and, in a
		// mutation, its transaction's client.
		l = dataloadgen.NewLoader(func(ctx context.Context, ids []int) ([]ent.Noder, []error) {
			nodes, err := auditSubjectsFor(ctx, readClient(ctx, s.base), ids)
			if err != nil {
				return make([]ent.Noder, len(ids)), []error{err}
			}
			return nodes, nil
		})
		s.byField[field] = l
	}
	return l
}

// auditSubject resolves AuditEntry.subject through the operation's loader
// (directly outside an operation).
func auditSubject(ctx context.Context, client *ent.Client, e *ent.AuditEntry) (ent.Noder, error) {
	s, _ := ctx.Value(auditSubjectsKey{}).(*auditSubjects)
	if s == nil {
		nodes, err := auditSubjectsFor(ctx, client, []int{e.EntityID})
		if err != nil {
			return nil, err
		}
		return nodes[0], nil
	}
	return s.loader(ctx).Load(ctx, e.EntityID)
}

// auditSubjectsFor reads the records with the given global ids as the
// viewer may see them now, in the order asked; nil where a record was
// deleted, is an erased person, or is hidden from the viewer by privacy.
func auditSubjectsFor(ctx context.Context, client *ent.Client, ids []int) ([]ent.Noder, error) {
	var (
		mu     sync.Mutex
		failed error
	)
	// Noders adds an error to the response for every id it cannot return,
	// as the nodes(ids:) query needs. A subject that is gone is a null, not
	// an error, so those reports go to a response of their own, where only
	// real failures (the database) are kept.
	quiet := graphql.WithResponseContext(ctx, func(_ context.Context, err error) *gqlerror.Error {
		if !unseen(err) {
			mu.Lock()
			failed = errors.Join(failed, err)
			mu.Unlock()
		}
		return nil
	}, graphql.DefaultRecover)
	nodes, err := client.Noders(quiet, ids)
	switch {
	case err != nil && unseen(err): // a single id goes through Noder, which returns its error
		return make([]ent.Noder, len(ids)), nil
	case err != nil:
		return nil, err
	case failed != nil:
		return nil, failed
	}
	return withoutErased(ctx, client, nodes)
}

// withoutErased blanks the people among nodes who have been erased: the row
// stays so counts hold, but the person is gone. Field collection read only
// the columns the client asked for, so erased_at is looked up (one query
// for the batch) rather than read off the rows.
func withoutErased(ctx context.Context, client *ent.Client, nodes []ent.Noder) ([]ent.Noder, error) {
	var people []int
	for _, n := range nodes {
		if p, ok := n.(*ent.Person); ok {
			people = append(people, p.ID)
		}
	}
	if len(people) == 0 {
		return nodes, nil
	}
	ids, err := client.Person.Query().Where(person.IDIn(people...), person.ErasedAtNotNil()).IDs(ctx)
	if err != nil {
		return nil, err
	}
	erased := make(map[int]bool, len(ids))
	for _, id := range ids {
		erased[id] = true
	}
	for i, n := range nodes {
		if p, ok := n.(*ent.Person); ok && erased[p.ID] {
			nodes[i] = nil
		}
	}
	return nodes, nil
}

// unseen reports whether err only says a record is not there for the
// viewer: deleted, or outside what the privacy rules let them read.
func unseen(err error) bool {
	var gqlErr *gqlerror.Error
	switch {
	case ent.IsNotFound(err), errors.Is(err, privacy.Deny),
		errors.Is(err, apperr.ErrForbidden), errors.Is(err, apperr.ErrUnauthenticated):
		return true
	case errors.As(err, &gqlErr):
		return gqlErr.Extensions["code"] == string(apperr.NotFound)
	}
	return false
}
