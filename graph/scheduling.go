package graph

import (
	"context"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/graph/model"
	"github.com/convene/convene/internal/scheduling"
)

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
