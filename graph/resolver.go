// Package graph holds the GraphQL resolvers. They stay thin: reads go
// through ent (with entgql pagination and field collection), writes through
// ent's transactional client or the business packages under internal/.
// Authorization is not decided here but by ent's privacy policies.
package graph

import (
	"github.com/99designs/gqlgen/graphql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/graph/generated"
	"github.com/convene/convene/internal/attendance"
	"github.com/convene/convene/internal/auth"
	"github.com/convene/convene/internal/feeds"
	"github.com/convene/convene/internal/live"
	"github.com/convene/convene/internal/representation"
	"github.com/convene/convene/internal/scheduling"
)

// Deps are the services resolvers call.
type Deps struct {
	Client *ent.Client
	Auth   *auth.Service
	Feeds  *feeds.Service
	// Attendance, Representation and Live serve check-in, reports and
	// subscriptions (schema/attendance.graphqls).
	Attendance     *attendance.Service
	Representation *representation.Service
	Live           live.Broker
	// Scheduling: events, occurrences, invitations, replies (schema/scheduling.graphqls).
	Scheduling *scheduling.Service
}

// Resolver is the root resolver.
type Resolver struct {
	client *ent.Client
	auth   *auth.Service
	feeds  *feeds.Service

	attendance     *attendance.Service
	representation *representation.Service
	live           live.Broker
	scheduling     *scheduling.Service
}

// NewSchema builds the executable schema.
func NewSchema(d Deps) graphql.ExecutableSchema {
	return generated.NewExecutableSchema(generated.Config{
		Resolvers: &Resolver{client: d.Client, auth: d.Auth, feeds: d.Feeds,
			attendance: d.Attendance, representation: d.Representation, live: d.Live, scheduling: d.Scheduling},
	})
}
