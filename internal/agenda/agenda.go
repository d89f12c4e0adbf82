// Package agenda answers an attendee's two questions: "what have I been
// invited to?" (their own invitations, upcoming before past) and "where do
// I need to be next?" (the concrete occurrences they are expected at).
//
// Both are read with the caller's context, so ent's privacy rules decide
// what is visible; each costs a constant number of queries whatever the
// number of invitations (invitations with their events in one go, then all
// the events' overrides in one query), and the recurrence expansion that
// SQL cannot do happens here, in memory.
package agenda

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/event"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/ent/predicate"
	"github.com/convene/convene/internal/apperr"
	"github.com/convene/convene/internal/scheduling"
)

// DefaultHorizon is how far ahead Occurrences looks when no end is given.
const DefaultHorizon = 366 * 24 * time.Hour

// wholeSeconds matches how instants are stored and compared elsewhere.
func wholeSeconds(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// ---------------------------------------------------------------------------
// A person's invitations.

// Filter narrows a person's invitations. The zero value keeps every
// invitation that has not been withdrawn.
type Filter struct {
	// Responses keeps only these replies (any when empty).
	Responses []invitation.Response
	// Upcoming, when set, keeps only invitations with an occurrence not yet
	// over (true) or only those entirely in the past (false).
	Upcoming *bool
}

// Entry is one invitation with the occurrence that dates it.
type Entry struct {
	Invitation *ent.Invitation
	// When is, for an upcoming invitation, its next occurrence not yet over
	// (cancelled occurrences of a series skipped); for a past one, its
	// last occurrence. A one-off event's is the event itself.
	When     scheduling.Occurrence
	Upcoming bool
	// Overrides are the event's occurrence overrides, as read.
	Overrides []*ent.OccurrenceOverride
}

// Key orders entries: upcoming unanswered invitations first, then the
// other upcoming ones, soonest first in each; then past ones, most recent
// first. Ties go by invitation id. It doubles as the pagination cursor.
type Key struct {
	Group int   // 0 upcoming and unanswered, 1 upcoming, 2 past
	At    int64 // start in Unix seconds; negated for past entries
	ID    int
}

// Key returns e's sort key.
func (e Entry) Key() Key {
	k := Key{Group: 1, At: e.When.StartsAt.Unix(), ID: e.Invitation.ID}
	switch {
	case !e.Upcoming:
		k.Group, k.At = 2, -k.At
	case e.Invitation.Response == invitation.ResponsePENDING:
		k.Group = 0
	}
	return k
}

// Compare orders keys.
func (k Key) Compare(o Key) int {
	return cmp.Or(cmp.Compare(k.Group, o.Group), cmp.Compare(k.At, o.At), cmp.Compare(k.ID, o.ID))
}

// String encodes the key for a cursor.
func (k Key) String() string { return fmt.Sprintf("%d:%d:%d", k.Group, k.At, k.ID) }

// ParseKey reads a key written by String.
func ParseKey(s string) (Key, error) {
	n, err := parseCursorInts(s)
	return Key{Group: int(n[0]), At: n[1], ID: int(n[2])}, err
}

// parseCursorInts reads the three integers both cursors are made of.
func parseCursorInts(s string) ([3]int64, error) {
	var n [3]int64
	parts := strings.Split(s, ":")
	if len(parts) != len(n) {
		return [3]int64{}, errBadCursor
	}
	for i, p := range parts {
		v, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			return [3]int64{}, errBadCursor
		}
		n[i] = v
	}
	return n, nil
}

var errBadCursor = apperr.Invalid("after", "the cursor is not one this list gave out")

// mayHaveDatesAfter keeps events with an occurrence that may end after t:
// those whose last occurrence does (lastEndsAt), and those whose last end is
// not known — a series without end, or a row saved before the column was
// kept (a one-off is then dated by its own end). The recurrence expansion
// decides exactly; this only spares reading a person's whole history.
func mayHaveDatesAfter(t time.Time) predicate.Event {
	return event.Or(
		event.LastEndsAtGT(t),
		event.And(event.LastEndsAtIsNil(), event.Or(event.EndsAtGT(t), event.And(event.RruleNotNil(), event.RruleNEQ("")))),
	)
}

// Invitations returns the person's invitations that have not been
// withdrawn, narrowed by f and ordered as Key says, each with the
// occurrence that dates it. Three queries: invitations, their events, and
// the events' overrides.
func Invitations(ctx context.Context, client *ent.Client, personID int, f Filter, now time.Time) ([]Entry, error) {
	now = wholeSeconds(now)
	q := client.Invitation.Query().
		Where(invitation.PersonID(personID), invitation.WithdrawnAtIsNil()).
		WithEvent()
	if len(f.Responses) > 0 {
		q.Where(invitation.ResponseIn(f.Responses...))
	}
	if f.Upcoming != nil && *f.Upcoming {
		q.Where(invitation.HasEventWith(mayHaveDatesAfter(now)))
	}
	invs, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	ovs, err := scheduling.OverridesFor(ctx, client, eventIDs(invs))
	if err != nil {
		return nil, err
	}
	out := make([]Entry, 0, len(invs))
	for _, inv := range invs {
		ev := inv.Edges.Event
		if ev == nil {
			continue // not visible to the caller
		}
		e := dated(ev, ovs[ev.ID], inv, now)
		e.Overrides = ovs[ev.ID]
		if f.Upcoming != nil && *f.Upcoming != e.Upcoming {
			continue
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return a.Key().Compare(b.Key()) })
	return out, nil
}

func eventIDs(invs []*ent.Invitation) []int {
	seen := map[int]bool{}
	var ids []int
	for _, inv := range invs {
		if !seen[inv.EventID] {
			seen[inv.EventID] = true
			ids = append(ids, inv.EventID)
		}
	}
	return ids
}

// dated finds the occurrence that dates inv (see Entry.When).
func dated(ev *ent.Event, ovs []*ent.OccurrenceOverride, inv *ent.Invitation, now time.Time) Entry {
	e := Entry{Invitation: inv}
	switch {
	case ev.Rrule != "" && inv.OccurrenceStart != nil:
		rid := wholeSeconds(*inv.OccurrenceStart)
		occ, err := scheduling.FindOccurrence(ev, ovs, rid)
		if err != nil {
			// No longer part of the series (removed, or split off): date it
			// by its original time, cancelled.
			occ = plain(ev)
			occ.RecurrenceID, occ.StartsAt, occ.EndsAt = rid, rid, rid.Add(ev.EndsAt.Sub(ev.StartsAt))
			occ.Cancelled = true
		}
		e.When = occ
	case ev.Rrule != "":
		if next, ok := nextOf(ev, ovs, now); ok {
			e.When = next
		} else if last, ok := lastOf(ev, ovs, now); ok {
			e.When = last
		} else {
			e.When = plain(ev)
		}
	default:
		e.When = plain(ev)
		if occ, err := scheduling.FindOccurrence(ev, ovs, wholeSeconds(ev.StartsAt)); err == nil {
			e.When = occ
		}
	}
	e.Upcoming = e.When.EndsAt.After(now)
	return e
}

// plain is the event's own first occurrence, without overrides.
func plain(ev *ent.Event) scheduling.Occurrence {
	return scheduling.Occurrence{
		Event: ev, RecurrenceID: ev.StartsAt.UTC(), StartsAt: ev.StartsAt.UTC(), EndsAt: ev.EndsAt.UTC(),
		Cancelled: ev.Status == event.StatusCANCELLED,
		Title:     ev.Title, VenueName: ev.VenueName, VenueAddress: ev.VenueAddress, OnlineURL: ev.OnlineURL,
	}
}

// individuallyCancelled reports an occurrence cancelled on its own (not
// because the whole event was).
func individuallyCancelled(o scheduling.Occurrence) bool {
	return o.Override != nil && o.Override.Cancelled
}

// nextOf is the series' next occurrence not yet over and not cancelled on
// its own, within the next two years. A cancelled event's occurrences
// count (flagged): its invitees still see when it would have been.
func nextOf(ev *ent.Event, ovs []*ent.OccurrenceOverride, now time.Time) (scheduling.Occurrence, bool) {
	occs, err := scheduling.Expand(ev, ovs, now, now.Add(scheduling.MaxWindow))
	if err != nil {
		slog.Debug("agenda: cannot expand event", "event", ev.ID, "err", err)
		return scheduling.Occurrence{}, false
	}
	for _, o := range occs {
		if !individuallyCancelled(o) && o.EndsAt.After(now) {
			return o, true
		}
	}
	return scheduling.Occurrence{}, false
}

// lastOf is the series' last occurrence that ended by now, looking back at
// most two years.
func lastOf(ev *ent.Event, ovs []*ent.OccurrenceOverride, now time.Time) (scheduling.Occurrence, bool) {
	from := now.Add(-scheduling.MaxWindow)
	if ev.StartsAt.After(from) {
		from = ev.StartsAt.Add(-time.Second)
	}
	if !from.Before(now) {
		return scheduling.Occurrence{}, false
	}
	occs, err := scheduling.Expand(ev, ovs, from, now)
	if err != nil {
		return scheduling.Occurrence{}, false
	}
	for i := len(occs) - 1; i >= 0; i-- {
		if !individuallyCancelled(occs[i]) {
			return occs[i], true
		}
	}
	return scheduling.Occurrence{}, false
}

// ---------------------------------------------------------------------------
// A person's upcoming occurrences.

// Window is the part of the agenda asked for.
type Window struct {
	From, To time.Time
	// IncludeCancelled keeps occurrences cancelled on their own, flagged.
	// Events cancelled as a whole are always left out.
	IncludeCancelled bool
}

// Item is one occurrence the person is expected at.
type Item struct {
	Occurrence scheduling.Occurrence
	// Invitation decides the person's place at it: their invitation to
	// this occurrence if they have one, else the one to the series. Its
	// response is their reply.
	Invitation *ent.Invitation
}

// ItemKey orders items by start, then event, then original start; it
// doubles as the pagination cursor.
type ItemKey struct {
	Start   int64
	EventID int
	RID     int64
}

// Key returns the item's sort key.
func (it Item) Key() ItemKey {
	return ItemKey{Start: it.Occurrence.StartsAt.Unix(), EventID: it.Occurrence.Event.ID, RID: it.Occurrence.RecurrenceID.Unix()}
}

// Compare orders keys.
func (k ItemKey) Compare(o ItemKey) int {
	return cmp.Or(cmp.Compare(k.Start, o.Start), cmp.Compare(k.EventID, o.EventID), cmp.Compare(k.RID, o.RID))
}

// String encodes the key for a cursor.
func (k ItemKey) String() string { return fmt.Sprintf("%d:%d:%d", k.Start, k.EventID, k.RID) }

// ParseItemKey reads a key written by String.
func ParseItemKey(s string) (ItemKey, error) {
	n, err := parseCursorInts(s)
	return ItemKey{Start: n[0], EventID: int(n[1]), RID: n[2]}, err
}

// ResolveWindow fills in a window's defaults (from now, for a year) and
// checks it.
func ResolveWindow(from, to *time.Time, now time.Time) (time.Time, time.Time, error) {
	f := wholeSeconds(now)
	if from != nil {
		f = wholeSeconds(*from)
	}
	t := f.Add(DefaultHorizon)
	if to != nil {
		t = wholeSeconds(*to)
	}
	if err := scheduling.CheckWindow(f, t); err != nil {
		return time.Time{}, time.Time{}, err
	}
	return f, t, nil
}

// Occurrences returns the occurrences overlapping the window of events the
// person is invited to and has not declined, by start: a series is
// expanded with its overrides (a moved occurrence at its new time, one
// cancelled on its own flagged or left out), and the person's invitation
// to one occurrence takes precedence over their series invitation, so a
// declined occurrence of an accepted series is left out. Withdrawn
// invitations and cancelled events are left out. Four queries:
// invitations, events, programmes, overrides.
func Occurrences(ctx context.Context, client *ent.Client, personID int, w Window) ([]Item, error) {
	if err := scheduling.CheckWindow(w.From, w.To); err != nil {
		return nil, err
	}
	invs, err := client.Invitation.Query().
		Where(
			invitation.PersonID(personID),
			invitation.WithdrawnAtIsNil(),
			invitation.HasEventWith(
				event.StatusNEQ(event.StatusCANCELLED),
				event.StartsAtLT(w.To),
				mayHaveDatesAfter(w.From),
			),
		).
		WithEvent(func(q *ent.EventQuery) { q.WithProgramme() }).
		Order(ent.Asc(invitation.FieldID)).
		All(ctx)
	if err != nil {
		return nil, err
	}
	ovs, err := scheduling.OverridesFor(ctx, client, eventIDs(invs))
	if err != nil {
		return nil, err
	}
	type invited struct {
		ev     *ent.Event
		series *ent.Invitation
		single map[int64]*ent.Invitation
	}
	var order []*invited
	byEvent := map[int]*invited{}
	for _, inv := range invs {
		ev := inv.Edges.Event
		if ev == nil {
			continue
		}
		in := byEvent[ev.ID]
		if in == nil {
			in = &invited{ev: ev, single: map[int64]*ent.Invitation{}}
			byEvent[ev.ID] = in
			order = append(order, in)
		}
		// A one-off event has one occurrence: an invitation to it is an
		// invitation to the event.
		if inv.OccurrenceStart == nil || ev.Rrule == "" {
			if in.series == nil {
				in.series = inv
			}
		} else {
			in.single[inv.OccurrenceStart.Unix()] = inv
		}
	}
	var out []Item
	for _, in := range order {
		occs, err := scheduling.Expand(in.ev, ovs[in.ev.ID], w.From, w.To)
		if err != nil {
			var typed *apperr.Error
			if errors.As(err, &typed) {
				// A series this window cannot show (too many occurrences,
				// a rule now refused) must not hide the rest of the agenda.
				slog.WarnContext(ctx, "agenda: event left out", "event", in.ev.ID, "err", err)
				continue
			}
			return nil, err
		}
		for _, occ := range occs {
			inv := in.single[occ.RecurrenceID.Unix()]
			if inv == nil {
				inv = in.series
			}
			if inv == nil || inv.Response == invitation.ResponseDECLINED {
				continue
			}
			if occ.Cancelled && !w.IncludeCancelled {
				continue
			}
			out = append(out, Item{Occurrence: occ, Invitation: inv})
		}
	}
	slices.SortFunc(out, func(a, b Item) int { return a.Key().Compare(b.Key()) })
	return out, nil
}
