package alerts

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/programmerole"
	"github.com/convene/convene/internal/outbox"
	"github.com/convene/convene/internal/viewer"
)

// Digest is the daily email job.
type Digest struct {
	Client  *ent.Client
	BaseURL string
	Logger  *slog.Logger
}

// Result says what one run did.
type Result struct {
	Recipients int // people with something to read
	Enqueued   int // digests this run wrote (0 when another replica won)
}

// DedupeKey names one person's digest for one UTC day: the outbox refuses
// a second row with the same key, so several replicas (or a rerun) running
// the job on the same day send each person one digest.
func DedupeKey(personID int, now time.Time) string {
	return fmt.Sprintf("digest:%d:%s", personID, now.UTC().Format(time.DateOnly))
}

// Run builds and enqueues today's digests: every organiser and consultant
// of a programme gets one email listing the attention items of all their
// programmes (nothing is sent to people with nothing to read). The
// messages are written in one transaction; the outbox worker sends them.
func (d *Digest) Run(ctx context.Context, now time.Time) (Result, error) {
	ctx = viewer.SystemContext(ctx)
	roles, err := d.Client.ProgrammeRole.Query().
		Where(programmerole.RoleIn(programmerole.RoleORGANISER, programmerole.RoleCONSULTANT)).
		WithPerson().WithProgramme().All(ctx)
	if err != nil {
		return Result{}, err
	}
	type recipient struct {
		person     *ent.Person
		programmes map[int]*ent.Programme
	}
	byPerson := map[int]*recipient{}
	var programmeIDs []int
	seen := map[int]bool{}
	for _, r := range roles {
		p := r.Edges.Person
		if p == nil || p.Email == nil || *p.Email == "" || p.ErasedAt != nil {
			continue
		}
		rc := byPerson[p.ID]
		if rc == nil {
			rc = &recipient{person: p, programmes: map[int]*ent.Programme{}}
			byPerson[p.ID] = rc
		}
		rc.programmes[r.ProgrammeID] = r.Edges.Programme
		if !seen[r.ProgrammeID] {
			seen[r.ProgrammeID] = true
			programmeIDs = append(programmeIDs, r.ProgrammeID)
		}
	}
	if len(byPerson) == 0 {
		return Result{}, nil
	}
	items, err := Attention(ctx, d.Client, programmeIDs, now)
	if err != nil {
		return Result{}, err
	}
	perProgramme := map[int][]Item{}
	for _, it := range items {
		perProgramme[it.ProgrammeID] = append(perProgramme[it.ProgrammeID], it)
	}
	ids := make([]int, 0, len(byPerson))
	for id := range byPerson {
		ids = append(ids, id)
	}
	sort.Ints(ids)

	var res Result
	tx, err := d.Client.Tx(ctx)
	if err != nil {
		return Result{}, err
	}
	for _, id := range ids {
		rc := byPerson[id]
		var progs []*ent.Programme
		for _, p := range rc.programmes {
			if len(perProgramme[p.ID]) > 0 {
				progs = append(progs, p)
			}
		}
		if len(progs) == 0 {
			continue
		}
		sort.Slice(progs, func(i, j int) bool { return progs[i].Name < progs[j].Name })
		res.Recipients++
		msg := d.compose(rc.person, progs, perProgramme, now)
		before, err := tx.OutboxMessage.Query().Count(ctx)
		if err != nil {
			_ = tx.Rollback()
			return Result{}, err
		}
		if err := outbox.Enqueue(ctx, tx.Client(), outbox.Message{Kind: "digest", DedupeKey: DedupeKey(id, now), Message: msg}); err != nil {
			_ = tx.Rollback()
			return Result{}, fmt.Errorf("enqueue digest for person %d: %w", id, err)
		}
		after, err := tx.OutboxMessage.Query().Count(ctx)
		if err != nil {
			_ = tx.Rollback()
			return Result{}, err
		}
		res.Enqueued += after - before
	}
	if err := tx.Commit(); err != nil {
		return Result{}, err
	}
	if d.Logger != nil {
		d.Logger.InfoContext(ctx, "daily digest", "recipients", res.Recipients, "enqueued", res.Enqueued)
	}
	return res, nil
}
