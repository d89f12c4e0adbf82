package attendance

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"time"

	"github.com/convene/convene/ent"
	entattendance "github.com/convene/convene/ent/attendance"
	"github.com/convene/convene/ent/hook"
	"github.com/convene/convene/ent/invitation"
	"github.com/convene/convene/internal/live"
	"github.com/convene/convene/internal/viewer"
)

// Notice is what the live broker carries when an event's replies or
// attendance change. Subscribers re-read the counts; the notice only says
// where to look.
type Notice struct {
	Kind    string `json:"kind"` // "attendance", "invitation" or "resync"
	EventID int    `json:"eventId,omitempty"`
	// OccurrenceStart is set for attendance and occurrence invitations;
	// nil means the whole series.
	OccurrenceStart *time.Time `json:"occurrenceStart,omitempty"`
	PersonID        int        `json:"personId,omitempty"`
}

// Topic is the live topic of an event's replies and check-ins.
func Topic(eventID int) string { return "event:" + strconv.Itoa(eventID) }

// Notify registers runtime hooks on client so that every change to
// invitations or attendance — through this package, the generic CRUD
// mutations, RSVP pages or anything else — publishes a Notice once its
// transaction has committed (at once when there is none). A rolled-back
// change publishes nothing. It also stores attendance occurrence starts in
// UTC, the form every lookup uses.
func Notify(client *ent.Client, broker live.Broker, logger *slog.Logger) {
	if logger == nil {
		logger = slog.Default()
	}
	n := notifier{broker: broker, logger: logger}
	client.Attendance.Use(func(next ent.Mutator) ent.Mutator {
		return hook.AttendanceFunc(func(ctx context.Context, m *ent.AttendanceMutation) (ent.Value, error) {
			if t, ok := m.OccurrenceStart(); ok {
				m.SetOccurrenceStart(t.UTC())
			}
			notices, err := attendanceNotices(ctx, m)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if a, ok := v.(*ent.Attendance); ok && m.Op().Is(ent.OpCreate) {
				notices = []Notice{{Kind: "attendance", EventID: a.EventID, OccurrenceStart: &a.OccurrenceStart, PersonID: a.PersonID}}
			}
			n.afterCommit(ctx, m.Tx, notices)
			return v, nil
		})
	})
	client.Invitation.Use(func(next ent.Mutator) ent.Mutator {
		return hook.InvitationFunc(func(ctx context.Context, m *ent.InvitationMutation) (ent.Value, error) {
			notices, err := invitationNotices(ctx, m)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if inv, ok := v.(*ent.Invitation); ok && m.Op().Is(ent.OpCreate) {
				notices = []Notice{{Kind: "invitation", EventID: inv.EventID, OccurrenceStart: inv.OccurrenceStart, PersonID: inv.PersonID}}
			}
			n.afterCommit(ctx, m.Tx, notices)
			return v, nil
		})
	})
}

type notifier struct {
	broker live.Broker
	logger *slog.Logger
}

// afterCommit publishes once the mutation's transaction commits.
func (n notifier) afterCommit(ctx context.Context, txOf func() (*ent.Tx, error), notices []Notice) {
	if len(notices) == 0 {
		return
	}
	tx, err := txOf()
	if err != nil { // not in a transaction: the change is already durable
		n.publish(context.WithoutCancel(ctx), notices)
		return
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			if err := next.Commit(ctx, tx); err != nil {
				return err
			}
			n.publish(context.WithoutCancel(ctx), notices)
			return nil
		})
	})
}

func (n notifier) publish(ctx context.Context, notices []Notice) {
	for _, no := range dedupe(notices) {
		body, _ := json.Marshal(no)
		if err := n.broker.Publish(ctx, Topic(no.EventID), body); err != nil {
			// The change is committed; a lost notice only delays screens
			// until the next one.
			n.logger.WarnContext(ctx, "live: publish failed", "topic", Topic(no.EventID), "err", err)
		}
	}
}

// attendanceNotices finds, before an update or delete, which rows it
// touches (creates are known from the saved row).
func attendanceNotices(ctx context.Context, m *ent.AttendanceMutation) ([]Notice, error) {
	if m.Op().Is(ent.OpCreate) {
		return nil, nil
	}
	ids, err := m.IDs(viewer.SystemContext(ctx))
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	rows, err := m.Client().Attendance.Query().Where(entattendance.IDIn(ids...)).All(viewer.SystemContext(ctx))
	if err != nil {
		return nil, err
	}
	out := make([]Notice, 0, len(rows))
	for _, a := range rows {
		out = append(out, Notice{Kind: "attendance", EventID: a.EventID, OccurrenceStart: &a.OccurrenceStart, PersonID: a.PersonID})
	}
	return out, nil
}

// countedInvitationFields are the invitation fields live counts depend
// on. Other updates (reminder stamps, feed change markers that only touch
// updated_at across a whole programme) publish nothing and cost nothing.
var countedInvitationFields = map[string]bool{invitation.FieldResponse: true, invitation.FieldWithdrawnAt: true}

func invitationNotices(ctx context.Context, m *ent.InvitationMutation) ([]Notice, error) {
	if m.Op().Is(ent.OpCreate) {
		return nil, nil
	}
	relevant := m.Op().Is(ent.OpDelete) || m.Op().Is(ent.OpDeleteOne)
	for _, f := range append(m.Fields(), m.ClearedFields()...) {
		relevant = relevant || countedInvitationFields[f]
	}
	if !relevant {
		return nil, nil
	}
	ids, err := m.IDs(viewer.SystemContext(ctx))
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	rows, err := m.Client().Invitation.Query().Where(invitation.IDIn(ids...)).All(viewer.SystemContext(ctx))
	if err != nil {
		return nil, err
	}
	out := make([]Notice, 0, len(rows))
	for _, inv := range rows {
		out = append(out, Notice{Kind: "invitation", EventID: inv.EventID, OccurrenceStart: inv.OccurrenceStart, PersonID: inv.PersonID})
	}
	return out, nil
}

// dedupe sends one notice per event and occurrence for a bulk change:
// subscribers recount anyway.
func dedupe(notices []Notice) []Notice {
	if len(notices) < 2 {
		return notices
	}
	type key struct {
		kind  string
		event int
		occ   time.Time
	}
	seen := map[key]int{}
	var out []Notice
	for _, no := range notices {
		k := key{kind: no.Kind, event: no.EventID}
		if no.OccurrenceStart != nil {
			k.occ = *no.OccurrenceStart
		}
		if i, ok := seen[k]; ok {
			out[i].PersonID = 0 // several people
			continue
		}
		seen[k] = len(out)
		out = append(out, no)
	}
	return out
}
