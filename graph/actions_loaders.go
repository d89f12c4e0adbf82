package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/internal/actions"
	"github.com/convene/convene/internal/commitments"
	"github.com/convene/convene/internal/recurrence"
)

// actionLoaders batch the computed fields of schema/actions.graphqls that
// entgql's field collection cannot preload: Action.arisesAt needs the
// series (event + overrides) it was recorded at, Commitment.history the
// audit entries. A list's items resolve concurrently and their look-ups
// share one batch, so a page costs the same queries however long it is.
type actionLoaders struct {
	series  *dataloadgen.Loader[int, *recurrence.Series]
	history *dataloadgen.Loader[int, []*ent.AuditEntry]
}

type actionLoadersKey struct{}

// withActionLoaders gives each operation its own loaders (and so its own
// cache: nothing is shared between requests or viewers).
func withActionLoaders(client *ent.Client) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(context.WithValue(ctx, actionLoadersKey{}, newActionLoaders(client)))
	}
}

func newActionLoaders(base *ent.Client) *actionLoaders {
	// The batch reads through the context of its first caller: the viewer
	// (privacy) and, in a mutation, its transaction's client.
	clientOf := func(ctx context.Context) *ent.Client {
		if c := ent.FromContext(ctx); c != nil {
			return c
		}
		return base
	}
	return &actionLoaders{
		series: dataloadgen.NewLoader(func(ctx context.Context, ids []int) ([]*recurrence.Series, []error) {
			found, err := actions.SeriesFor(ctx, clientOf(ctx), ids)
			out := make([]*recurrence.Series, len(ids))
			if err != nil {
				return out, []error{err}
			}
			for i, id := range ids {
				if s, ok := found[id]; ok {
					out[i] = &s
				}
			}
			return out, nil
		}),
		history: dataloadgen.NewLoader(func(ctx context.Context, ids []int) ([][]*ent.AuditEntry, []error) {
			found, err := commitments.HistoryFor(ctx, clientOf(ctx), ids)
			out := make([][]*ent.AuditEntry, len(ids))
			if err != nil {
				return out, []error{err}
			}
			for i, id := range ids {
				out[i] = found[id]
				if out[i] == nil {
					out[i] = []*ent.AuditEntry{}
				}
			}
			return out, nil
		}),
	}
}

func loadersFrom(ctx context.Context) *actionLoaders {
	l, _ := ctx.Value(actionLoadersKey{}).(*actionLoaders)
	return l
}

// actionArisesAt resolves Action.arisesAt through the operation's loader
// (directly outside an operation, e.g. in tests of the package).
func actionArisesAt(ctx context.Context, client *ent.Client, a *ent.ActionItem) (*time.Time, error) {
	l := loadersFrom(ctx)
	if l == nil {
		return actions.ArisesAt(ctx, client, a)
	}
	if a.EventID == nil {
		return nil, nil
	}
	series, err := l.series.Load(ctx, *a.EventID)
	if err != nil || series == nil { // not visible or gone: no meeting to show
		return nil, err
	}
	return actions.NextMeeting(*series, a)
}

// commitmentHistory resolves Commitment.history through the operation's
// loader.
func commitmentHistory(ctx context.Context, client *ent.Client, id int) ([]*ent.AuditEntry, error) {
	l := loadersFrom(ctx)
	if l == nil {
		return commitments.History(ctx, client, id)
	}
	return l.history.Load(ctx, id)
}
