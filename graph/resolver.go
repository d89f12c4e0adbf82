// Package graph holds the GraphQL resolvers. They stay thin: reads go
// through ent (with entgql pagination and field collection), writes through
// ent's transactional client or the business packages under internal/.
// Authorization is not decided here but by ent's privacy policies.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/graph/generated"
	"github.com/convene/convene/internal/auth"
)

// Deps are the services resolvers call.
type Deps struct {
	Client *ent.Client
	Auth   *auth.Service
}

// Resolver is the root resolver.
type Resolver struct {
	client *ent.Client
	auth   *auth.Service
}

// NewSchema builds the executable schema.
func NewSchema(d Deps) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{client: d.Client, auth: d.Auth},
	})
}
