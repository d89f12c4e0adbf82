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

/**
 * Changes made on this screen since the list last loaded, by person id:
 * the attendance id of a check-in, or null for one undone.
 */
export type LocalMarks = Readonly<Record<string, string | null>>;

interface MarkedRow {
  person: { id: string };
  status?: string | null;
  attendance?: { id: string } | null;
}

/** Whether the person is in the room, as loaded or as changed here since. */
export function isInRoom(row: MarkedRow, local: LocalMarks): boolean {
  const mark = local[row.person.id];
  if (mark !== undefined) return mark !== null;
  return row.status != null && IN_ROOM.has(row.status);
}

/** The attendance record an "Undo" would remove, if the person is in the room. */
export function attendanceIdOf(row: MarkedRow, local: LocalMarks): string | null {
  const mark = local[row.person.id];
  if (mark !== undefined) return mark;
  return row.status != null && IN_ROOM.has(row.status) ? (row.attendance?.id ?? null) : null;
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
