// Pure logic for the door check-in screen.

/** Lower-case, accents removed, spaces collapsed: "  Zoë  O’Brien" → "zoe o'brien". */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SearchableRow {
  person: { name: string; email?: string | null };
  organisations: readonly string[];
}

/** Rows where every word of the query appears in the name, email or an organisation. */
export function searchRows<T extends SearchableRow>(rows: readonly T[], query: string): T[] {
  const words = normalise(query).split(' ').filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((r) => {
    const hay = normalise([r.person.name, r.person.email ?? '', ...r.organisations].join(' '));
    return words.every((w) => hay.includes(w));
  });
}

/** Statuses that mean the person is in the room (as OccurrenceLive.checkedIn counts them). */
export const IN_ROOM = new Set(['PRESENT', 'LATE', 'LEFT_EARLY', 'DEPUTY']);

export interface LiveLike {
  replies: ReadonlyArray<{ response: string; count: number }>;
  checkedIn: number;
  statuses?: ReadonlyArray<{ status: string; count: number }> | null;
  noShows?: number | null;
}

/** Invited (every reply but withdrawn ones), accepted and checked in, from a live update. */
export function doorCounts(live: LiveLike | null | undefined): { invited: number; accepted: number; checkedIn: number } | null {
  if (!live) return null;
  let invited = 0;
  let accepted = 0;
  for (const r of live.replies) {
    invited += r.count;
    if (r.response === 'ACCEPTED') accepted += r.count;
  }
  return { invited, accepted, checkedIn: live.checkedIn };
}

/**
 * What the record of an ended occurrence says beyond "checked in": late
 * arrivals, early leavers, apologies and no-shows (null until the server
 * has sent the statuses).
 */
export function outcomeCounts(live: LiveLike | null | undefined): { late: number; leftEarly: number; apologies: number; noShows: number } | null {
  if (!live?.statuses || live.noShows == null) return null;
  const of = (status: string) => live.statuses!.find((s) => s.status === status)?.count ?? 0;
  return { late: of('LATE'), leftEarly: of('LEFT_EARLY'), apologies: of('APOLOGIES'), noShows: live.noShows };
}

/** Signature of a live update's check-ins and statuses: when it changes, someone changed the record. */
export function liveRecordKey(live: LiveLike | null | undefined): string | undefined {
  if (!live) return undefined;
  return [live.checkedIn, live.noShows ?? '', ...(live.statuses ?? []).map((s) => `${s.status}:${s.count}`)].join('|');
}

/**
 * The path (and query) of a URL on this server, so an image the server
 * names with its configured public address still loads from this origin.
 */
export function sameOriginPath(url: string, origin: string = typeof window === 'undefined' ? 'http://localhost' : window.location.origin): string {
  try {
    const u = new URL(url, origin);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

/** Order for the door list: not yet in the room first, then by name. */
export function doorOrder<T extends SearchableRow & { status?: string | null }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    const ia = a.status && IN_ROOM.has(a.status) ? 1 : 0;
    const ib = b.status && IN_ROOM.has(b.status) ? 1 : 0;
    return ia - ib || a.person.name.localeCompare(b.person.name, 'en-GB');
  });
}

/** A record written on this screen: its attendance id and status. */
export interface LocalMark {
  id: string;
  status: string;
}

/**
 * Changes made on this screen since the list last loaded, by person id:
 * the record written (check-in or status change), or null for one undone.
 */
export type LocalMarks = Readonly<Record<string, LocalMark | null>>;

interface MarkedRow {
  person: { id: string };
  status?: string | null;
  // The record's own status: the normalised cache updates it as soon as a
  // status change returns, before the sheet reloads.
  attendance?: { id: string; status?: string | null } | null;
}

/**
 * The person's status as loaded or as changed here since: a recorded
 * status, ABSENT for a derived no-show, or null when nothing is recorded.
 */
export function statusOf(row: MarkedRow, local: LocalMarks): string | null {
  const mark = local[row.person.id];
  if (mark !== undefined) return mark?.status ?? null;
  return row.attendance?.status ?? row.status ?? null;
}

/** The person's attendance record (any status), as loaded or as changed here since. */
export function recordOf(row: MarkedRow, local: LocalMarks): LocalMark | null {
  const mark = local[row.person.id];
  if (mark !== undefined) return mark;
  const status = statusOf(row, local);
  return row.attendance && status ? { id: row.attendance.id, status } : null;
}

/** Whether the person is in the room, as loaded or as changed here since. */
export function isInRoom(row: MarkedRow, local: LocalMarks): boolean {
  const status = statusOf(row, local);
  return status != null && IN_ROOM.has(status);
}

/** The attendance record an "Undo" at the door would remove, if the person is in the room. */
export function attendanceIdOf(row: MarkedRow, local: LocalMarks): string | null {
  return isInRoom(row, local) ? (recordOf(row, local)?.id ?? null) : null;
}

/** The outcomes an organiser records after the event, in the order offered. */
export const OUTCOMES = ['PRESENT', 'LATE', 'LEFT_EARLY', 'APOLOGIES'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** Recorded statuses in words. */
export const STATUS_LABEL: Readonly<Record<string, string>> = {
  PRESENT: 'Present',
  LATE: 'Late',
  LEFT_EARLY: 'Left early',
  APOLOGIES: 'Apologies',
  DEPUTY: 'Deputy came',
  ABSENT: 'No-show (nothing recorded)',
};

/**
 * The choices of a person's status control when correcting: the current
 * status first if it is not one that can be chosen (nothing recorded, a
 * no-show, a deputy; shown but disabled), then the outcomes. Apologies are
 * for invitees: a walk-in who sent apologies did not come at all.
 */
export function outcomeChoices(row: MarkedRow & { invitation?: { response: string } | null }, local: LocalMarks): Array<{ value: string; label: string; disabled: boolean }> {
  const status = statusOf(row, local);
  const out: Array<{ value: string; label: string; disabled: boolean }> = [];
  if (status == null || status === 'ABSENT') {
    // Ended, accepted and nothing recorded is a no-show, also just after an undo.
    out.push({ value: '', label: row.invitation?.response === 'ACCEPTED' ? STATUS_LABEL.ABSENT! : 'Not recorded', disabled: true });
  } else if (!isOutcome(status)) {
    out.push({ value: status, label: STATUS_LABEL[status] ?? status, disabled: true });
  }
  for (const o of OUTCOMES) {
    if (o === 'APOLOGIES' && !row.invitation && status !== 'APOLOGIES') continue;
    out.push({ value: o, label: STATUS_LABEL[o]!, disabled: false });
  }
  return out;
}

/** What the live region says once a status change is saved. */
export function outcomeAnnouncement(name: string, status: Outcome): string {
  switch (status) {
    case 'PRESENT':
      return `${name} is recorded as present.`;
    case 'LATE':
      return `${name} is recorded as late.`;
    case 'LEFT_EARLY':
      return `${name} is recorded as having left early.`;
    case 'APOLOGIES':
      return `Apologies from ${name} are recorded.`;
  }
}

/**
 * Saves one value per key at a time, the latest winning: a value given
 * while the key's previous save is in flight waits for it, and values
 * overtaken meanwhile are never sent. (A keyboard user arrowing through a
 * select changes it at every step: the server gets the first value and
 * then the last, in that order, never two saves racing.) done gets the
 * last value sent and its result.
 */
export function latestWins<V, R>(save: (key: string, value: V) => Promise<R>, done: (key: string, value: V, result: R) => void): (key: string, value: V) => Promise<void> {
  const running = new Set<string>();
  const waiting = new Map<string, V>();
  return async (key, value) => {
    if (running.has(key)) {
      waiting.set(key, value);
      return;
    }
    running.add(key);
    let sent = value;
    let result: R;
    try {
      for (;;) {
        result = await save(key, sent);
        if (!waiting.has(key)) break;
        sent = waiting.get(key)!;
        waiting.delete(key);
      }
    } finally {
      running.delete(key);
      waiting.delete(key);
    }
    done(key, sent, result);
  };
}

/** Whether an undo failed only because the record is already gone (so the undo stands). */
export function undoneAlready(error: { graphQLErrors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> } | null | undefined): boolean {
  const errs = error?.graphQLErrors ?? [];
  return errs.length > 0 && errs.every((e) => e.extensions?.code === 'NOT_FOUND');
}

/** An occurrence that has ended is corrected, not checked in at the door. */
export function isCorrection(occurrence: { endsAt: string } | null | undefined, now: number): boolean {
  return !!occurrence && Date.parse(occurrence.endsAt) <= now;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The occurrences the screen offers: a week back to three months ahead,
 * reaching back further when the address names an earlier occurrence (a
 * correction opened from the event page).
 */
export function occurrenceWindow(id: string, start: string, now: number): { id: string; from: string; to: string } {
  let from = now - 7 * DAY;
  const named = start ? Date.parse(start) : NaN;
  if (!Number.isNaN(named) && named - DAY < from) from = named - DAY;
  return { id, from: new Date(from).toISOString(), to: new Date(now + 90 * DAY).toISOString() };
}
