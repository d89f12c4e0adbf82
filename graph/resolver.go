// Package graph holds the GraphQL resolvers. They stay thin: reads go
// through ent (with entgql pagination and field collection), writes through
// ent's transactional client or the business packages under internal/.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/graph/generated"
)

// Resolver is the root resolver; its dependencies are injected by NewSchema.
type Resolver struct {
	client *ent.Client
}

// NewSchema builds the executable schema over an ent client.
func NewSchema(client *ent.Client) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{client: client},
	})
}
