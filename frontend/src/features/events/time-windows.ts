import { useState } from 'react';
import type { EventWhereInput } from '../../graphql/gen/graphql';

/**
 * "Now", fixed when the screen opens (to the minute) so list variables stay
 * stable across renders and the cache can serve them.
 */
export function useNow(): string {
  const [now] = useState(() => {
    const d = new Date();
    d.setSeconds(0, 0);
    return d.toISOString();
  });
  return now;
}

/**
 * Upcoming: its last occurrence (moves applied, `lastEndsAt`) has not ended.
 * Rows saved before the server kept `lastEndsAt` have none: a one-off is
 * then dated by its own end, and a series counts as upcoming.
 */
export function upcomingWhere(now: string, extra: EventWhereInput = {}): EventWhereInput {
  return {
    ...extra,
    or: [{ lastEndsAtGTE: now }, { lastEndsAtIsNil: true, endsAtGTE: now }, { lastEndsAtIsNil: true, rruleNotNil: true }],
  };
}

/** Past: everything that is not upcoming (see upcomingWhere). */
export function pastWhere(now: string, extra: EventWhereInput = {}): EventWhereInput {
  return { ...extra, or: [{ lastEndsAtLT: now }, { lastEndsAtIsNil: true, rruleIsNil: true, endsAtLT: now }] };
}
