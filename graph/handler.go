package graph

import (
	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
)

// HandlerOptions configures the GraphQL endpoint.
type HandlerOptions struct {
	// Production turns off introspection.
	Production bool
	// Extensions are added after the built-in ones (metrics, limits).
	Extensions []graphql.HandlerExtension
	// WebSocketOrigins are origins (https://app.example.org) allowed to open
	// subscriptions besides the server's own host.
	WebSocketOrigins []string
}

// NewHandler builds the GraphQL server with explicit transports (the
// deprecated handler.NewDefaultServer is not used), the safe error presenter
// and one database transaction per mutation.
func NewHandler(deps Deps, opts HandlerOptions) *handler.Server {
	srv := handler.New(NewSchema(deps))
	srv.AddTransport(websocketTransport(deps.Auth, opts.WebSocketOrigins))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.MultipartForm{})

	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	if !opts.Production {
		srv.Use(extension.Introspection{})
	}
	// Mutations run inside one transaction; resolvers reach it through
	// ent.FromContext, so a failure anywhere rolls back every row written.
	srv.Use(entgql.Transactioner{TxOpener: deps.Client})
	for _, ext := range opts.Extensions {
		srv.Use(ext)
	}
	srv.AroundOperations(withOverrideLoader)             // batches Event.occurrences (overrides_loader.go)
	srv.AroundFields(announceEventLists)                 // ...one query per list of events
	srv.AroundOperations(withActionLoaders(deps.Client)) // batches Action.arisesAt, Commitment.history (actions_loaders.go)
	srv.AroundOperations(withAuditSubjects(deps.Client)) // batches AuditEntry.subject (audit_subjects.go)
	srv.SetErrorPresenter(PresentError)
	srv.SetRecoverFunc(recoverPanic)
	return srv
}
