package graph

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/graph/model"
	"github.com/convene/convene/internal/scheduling"
)

// overrideLoader batches the override look-ups of Event.occurrences: the
// events of a list resolve concurrently, each asks for its overrides, and
// the requests arriving within a few milliseconds share one query.
type overrideLoader struct {
	mu  sync.Mutex
	cur *overrideBatch
	// primed holds overrides a resolver already loaded (prime).
	primed map[int][]*ent.OccurrenceOverride
}

// prime hands the loader overrides already read in this operation (all of
// the given events'), so Event.occurrences under them costs no query.
func (l *overrideLoader) prime(eventIDs []int, ovs map[int][]*ent.OccurrenceOverride) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.primed == nil {
		l.primed = map[int][]*ent.OccurrenceOverride{}
	}
	for _, id := range eventIDs {
		l.primed[id] = ovs[id]
	}
}

type overrideBatch struct {
	ids  []int
	done chan struct{}
	res  map[int][]*ent.OccurrenceOverride
	err  error
}

const overrideBatchWait = 2 * time.Millisecond

type overrideLoaderKey struct{}

// withOverrideLoader gives each operation its own loader.
func withOverrideLoader(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, overrideLoaderKey{}, &overrideLoader{}))
}

func (l *overrideLoader) load(ctx context.Context, client *ent.Client, eventID int) ([]*ent.OccurrenceOverride, error) {
	l.mu.Lock()
	if ovs, ok := l.primed[eventID]; ok {
		l.mu.Unlock()
		return ovs, nil
	}
	b := l.cur
	if b == nil {
		b = &overrideBatch{done: make(chan struct{})}
		l.cur = b
		time.AfterFunc(overrideBatchWait, func() {
			l.mu.Lock()
			if l.cur == b {
				l.cur = nil
			}
			ids := b.ids
			l.mu.Unlock()
			b.res, b.err = scheduling.OverridesFor(ctx, client, ids)
			close(b.done)
		})
	}
	b.ids = append(b.ids, eventID)
	l.mu.Unlock()
	select {
	case <-b.done:
		return b.res[eventID], b.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// eventOverrides returns an event's overrides through the operation's
// loader (one query for all the events in a response).
func eventOverrides(ctx context.Context, client *ent.Client, eventID int) ([]*ent.OccurrenceOverride, error) {
	if l, ok := ctx.Value(overrideLoaderKey{}).(*overrideLoader); ok {
		return l.load(ctx, client, eventID)
	}
	m, err := scheduling.OverridesFor(ctx, client, []int{eventID})
	return m[eventID], err
}

// primeOverrides passes overrides already loaded to the operation's loader.
func primeOverrides(ctx context.Context, eventIDs []int, ovs map[int][]*ent.OccurrenceOverride) {
	if l, ok := ctx.Value(overrideLoaderKey{}).(*overrideLoader); ok {
		l.prime(eventIDs, ovs)
	}
}

func times(in []*time.Time) *[]time.Time {
	if in == nil {
		return nil
	}
	out := make([]time.Time, 0, len(in))
	for _, t := range in {
		if t != nil {
			out = append(out, *t)
		}
	}
	return &out
}

func scheduleInput(in model.ScheduleEventInput) scheduling.EventInput {
	return scheduling.EventInput{
		ProgrammeID: in.ProgrammeID, Kind: &in.Kind, Title: &in.Title, Description: in.Description,
		TimeZone: in.TimeZone, StartsAt: &in.StartsAt, EndsAt: &in.EndsAt, AllDay: in.AllDay, RRule: in.Rrule,
		ExDates: times(in.Exdates), VenueName: in.VenueName, VenueAddress: in.VenueAddress,
		VenueAccess: in.VenueAccess, OnlineURL: in.OnlineURL, Capacity: in.Capacity,
	}
}

func rescheduleInput(in *model.RescheduleEventInput) scheduling.EventInput {
	if in == nil {
		return scheduling.EventInput{}
	}
	return scheduling.EventInput{
		Kind: in.Kind, Title: in.Title, Description: in.Description,
		TimeZone: in.TimeZone, StartsAt: in.StartsAt, EndsAt: in.EndsAt, AllDay: in.AllDay, RRule: in.Rrule,
		ExDates: times(in.Exdates), VenueName: in.VenueName, VenueAddress: in.VenueAddress,
		VenueAccess: in.VenueAccess, OnlineURL: in.OnlineURL, Capacity: in.Capacity,
		ClearCapacity: in.ClearCapacity != nil && *in.ClearCapacity,
	}
}

func inviteInput(in model.InviteInput) scheduling.InviteInput {
	out := scheduling.InviteInput{
		EventID: in.EventID, Occurrence: in.Occurrence, PersonIDs: in.PersonIDs,
		OrganisationIDs: in.OrganisationIDs, StakeholderGroups: in.StakeholderGroups, FromEventIDs: in.FromEventIDs,
	}
	if in.Role != nil {
		out.Role = *in.Role
	}
	return out
}

func occurrencePtrs(in []scheduling.Occurrence) []*scheduling.Occurrence {
	out := make([]*scheduling.Occurrence, len(in))
	for i := range in {
		out[i] = &in[i]
	}
	return out
}

func rsvpResponse(r model.RSVPResponse) invitation.Response { return invitation.Response(r) }

// readClient is the request's client: inside a mutation, its transaction,
// so a mutation's response sees what it just wrote.
func readClient(ctx context.Context, fallback *ent.Client) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return fallback
}
