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
 * Upcoming: not yet over, or a repeating series (whose later occurrences
 * may still come; the API has no occurrence list yet).
 */
export function upcomingWhere(now: string, extra: EventWhereInput = {}): EventWhereInput {
  return { ...extra, or: [{ endsAtGTE: now }, { rruleNotNil: true }] };
}

/** Past: one-off events that have ended. */
export function pastWhere(now: string, extra: EventWhereInput = {}): EventWhereInput {
  return { ...extra, endsAtLT: now, rruleIsNil: true };
}
