// Package seed loads data into a Convene database: Demo, a small believable
// partnership to click around in (safe to run on every start), and Scale, a
// large synthetic "city" for benchmarks and load tests.
//
// Both write through the ent client, so schema hooks (event time zones,
// invitation scope keys, lower-cased emails) and validators see every row
// exactly as they would from the API.
//
// Conventions shared by the generators:
//   - every instant is stored in UTC (and without a monotonic clock reading),
//     because SQLite keeps times as text and compares them as text: the same
//     instant written with two offsets would be two different values to the
//     unique indexes on occurrence_start;
//   - wall-clock times (a forum at 10:00) are built in the event's IANA zone
//     with time.Date, so they stay at 10:00 local across clock changes;
//   - date-only values (due dates, commitment periods, review dates) are
//     midnight UTC of that calendar date.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/convene/convene/ent"
	"github.com/convene/convene/ent/actionitem"
)

// zoneLondon is the time zone of every generated programme. The binary
// embeds time/tzdata (cmd/convene), so loading it cannot fail in production;
// the error is still reported rather than assumed away.
const zoneLondon = "Europe/London"

func loadLondon() (*time.Location, error) {
	loc, err := time.LoadLocation(zoneLondon)
	if err != nil {
		return nil, fmt.Errorf("seed: load time zone %s: %w", zoneLondon, err)
	}
	return loc, nil
}

// dateOnly returns midnight UTC of t's calendar date in loc.
func dateOnly(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// wallClock returns the instant at hh:mm local time on the calendar day of
// day (read in loc), in UTC.
func wallClock(day time.Time, loc *time.Location, hh, mm int) time.Time {
	y, m, d := day.In(loc).Date()
	return time.Date(y, m, d, hh, mm, 0, 0, loc).UTC()
}

// nthWeekday returns the instant of the n-th (1-based) given weekday of a
// month at hh:mm local time, in UTC: the arithmetic behind RRULE
// BYDAY=2TU. n must be 1..4 so that every month has such a day.
func nthWeekday(year int, month time.Month, n int, wd time.Weekday, loc *time.Location, hh, mm int) time.Time {
	first := time.Date(year, month, 1, 12, 0, 0, 0, loc)
	offset := (int(wd) - int(first.Weekday()) + 7) % 7
	return time.Date(year, month, 1+offset+7*(n-1), hh, mm, 0, 0, loc).UTC()
}

// nextWeekday moves day forward (0–6 days) to the given weekday and returns
// hh:mm local time on it, in UTC.
func nextWeekday(day time.Time, loc *time.Location, wd time.Weekday, hh, mm int) time.Time {
	local := day.In(loc)
	for local.Weekday() != wd {
		local = local.AddDate(0, 0, 1)
	}
	return wallClock(local, loc, hh, mm)
}

// withTx runs fn in a transaction, committing if it returns nil and rolling
// back otherwise (including on panic, which is re-raised).
func withTx(ctx context.Context, client *ent.Client, fn func(tx *ent.Tx) error) (err error) {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("seed: begin transaction: %w", err)
	}
	defer func() {
		if v := recover(); v != nil {
			_ = tx.Rollback()
			panic(v)
		}
	}()
	if err := fn(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("seed: commit: %w", err)
	}
	return nil
}

// restoreCompletedAt puts back the historical completion times of the DONE
// actions with ids in [first, last]. The schema's progress hook stamps
// completed_at with the current time whenever status is set to DONE, which
// is right for live changes but would make every seeded action look
// finished today. The seeders write the completion time into updated_at
// (the last change of a done action is its completion), so this copies it
// across. It is plain SQL on purpose: an ent update would run the hook
// again and move updated_at. Only integers are interpolated, and without
// placeholders the statement is the same on SQLite and PostgreSQL.
func restoreCompletedAt(ctx context.Context, tx *ent.Tx, first, last int) error {
	_, err := tx.ExecContext(ctx, fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s = '%s' AND %s BETWEEN %d AND %d",
		actionitem.Table, actionitem.FieldCompletedAt, actionitem.FieldUpdatedAt,
		actionitem.FieldStatus, actionitem.StatusDONE, actionitem.FieldID, first, last))
	if err != nil {
		return fmt.Errorf("restore completion times: %w", err)
	}
	return nil
}
