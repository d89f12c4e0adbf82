import { describe, expect, it } from 'vitest';
import type { EventWhereInput } from '../../graphql/gen/graphql';
import { pastWhere, upcomingWhere } from './time-windows';

interface Row {
  name: string;
  endsAt: string;
  rrule: string | null;
  lastEndsAt: string | null;
}

/** Evaluates the subset of EventWhereInput the two windows use, as the server would. */
function matches(w: EventWhereInput, r: Row): boolean {
  const checks: boolean[] = [];
  if (w.or) checks.push(w.or.some((x) => matches(x, r)));
  if (w.lastEndsAtGTE) checks.push(r.lastEndsAt !== null && r.lastEndsAt >= w.lastEndsAtGTE);
  if (w.lastEndsAtLT) checks.push(r.lastEndsAt !== null && r.lastEndsAt < w.lastEndsAtLT);
  if (w.lastEndsAtIsNil) checks.push(r.lastEndsAt === null);
  if (w.endsAtGTE) checks.push(r.endsAt >= w.endsAtGTE);
  if (w.endsAtLT) checks.push(r.endsAt < w.endsAtLT);
  if (w.rruleNotNil) checks.push(r.rrule !== null);
  if (w.rruleIsNil) checks.push(r.rrule === null);
  return checks.every(Boolean);
}

const now = '2026-11-25T10:00:00.000Z';
const rows: (Row & { upcoming: boolean })[] = [
  { name: 'one-off tomorrow', endsAt: '2026-11-26T12:00:00Z', rrule: null, lastEndsAt: '2026-11-26T12:00:00Z', upcoming: true },
  { name: 'one-off last week', endsAt: '2026-11-18T12:00:00Z', rrule: null, lastEndsAt: '2026-11-18T12:00:00Z', upcoming: false },
  { name: 'one-off moved from last week to next', endsAt: '2026-11-18T12:00:00Z', rrule: null, lastEndsAt: '2026-12-02T12:00:00Z', upcoming: true },
  { name: 'series that ended in spring', endsAt: '2026-01-06T11:00:00Z', rrule: 'FREQ=MONTHLY;COUNT=3', lastEndsAt: '2026-03-03T11:00:00Z', upcoming: false },
  { name: 'series with dates to come', endsAt: '2026-01-06T11:00:00Z', rrule: 'FREQ=MONTHLY;COUNT=24', lastEndsAt: '2027-12-07T11:00:00Z', upcoming: true },
  { name: 'endless series', endsAt: '2025-01-06T11:00:00Z', rrule: 'FREQ=WEEKLY', lastEndsAt: null, upcoming: true },
  { name: 'one-off saved before lastEndsAt, ended', endsAt: '2026-10-01T12:00:00Z', rrule: null, lastEndsAt: null, upcoming: false },
  { name: 'one-off saved before lastEndsAt, to come', endsAt: '2026-12-01T12:00:00Z', rrule: null, lastEndsAt: null, upcoming: true },
];

describe('upcoming and past events', () => {
  it.each(rows)('$name is in exactly one list, the right one', (row) => {
    expect(matches(upcomingWhere(now), row)).toBe(row.upcoming);
    expect(matches(pastWhere(now), row)).toBe(!row.upcoming);
  });

  it('keeps the caller’s own conditions', () => {
    expect(upcomingWhere(now, { programmeID: 'p1' }).programmeID).toBe('p1');
    expect(pastWhere(now, { kind: 'FORUM' }).kind).toBe('FORUM');
  });
});
