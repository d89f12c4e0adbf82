// Pure helpers for invitation lists.

export interface Occ {
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
}

export interface Timed {
  occurrenceStart?: string | null;
  event: { startsAt: string; endsAt: string; occurrences?: readonly Occ[] | null };
}

/**
 * When the invitation is next relevant: for one occurrence, that
 * occurrence; for a series, its next occurrence not yet over (listed from
 * now); otherwise the event itself. `upcoming` is false once it is all past.
 */
export function nextTime(i: Timed, now: number): { startsAt: string; endsAt: string; upcoming: boolean } {
  const length = new Date(i.event.endsAt).getTime() - new Date(i.event.startsAt).getTime();
  if (i.occurrenceStart) {
    const endsAt = new Date(new Date(i.occurrenceStart).getTime() + length).toISOString();
    return { startsAt: i.occurrenceStart, endsAt, upcoming: new Date(endsAt).getTime() > now };
  }
  const next = (i.event.occurrences ?? []).find((o) => !o.cancelled && new Date(o.endsAt).getTime() > now);
  if (next) return { startsAt: next.startsAt, endsAt: next.endsAt, upcoming: true };
  return { startsAt: i.event.startsAt, endsAt: i.event.endsAt, upcoming: new Date(i.event.endsAt).getTime() > now };
}
