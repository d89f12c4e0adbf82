// Time zones without a date library: the browser's Intl knows every IANA
// zone and its rules, so converting a wall-clock time in an event's zone to
// a UTC instant only needs the zone's offset at a given instant.

/** The app's locale: British English, as used by the partnership. */
export const LOCALE = 'en-GB';

/** A wall-clock date and time with no zone, as typed in a form. */
export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** Parses the value of an <input type="datetime-local"> ("2026-12-08T10:00"). */
export function parseLocalDateTime(value: string): LocalDateTime | null {
  const m = LOCAL_RE.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  // Reject 31 February and friends.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day, hour, minute };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Formats for an <input type="datetime-local">: "2026-12-08T10:00". */
export function formatLocalDateTime(l: LocalDateTime): string {
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA time zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.trim() !== timeZone) return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading, to the second, of instant `ms` in `timeZone`. */
function wallClockMs(ms: number, timeZone: string): number {
  const parts = partsFormatter(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/** The zone's offset from UTC, in milliseconds, at instant `ms`. */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

export type ZonedConversion =
  | { kind: 'exact'; instant: Date }
  /** The time was skipped when clocks went forward; read with the offset before the change (RFC 5545 §3.3.5). */
  | { kind: 'skipped'; instant: Date }
  /** The time happened twice when clocks went back; the first occurrence is used (RFC 5545 §3.3.5). */
  | { kind: 'repeated'; instant: Date; later: Date };

const DAY = 86_400_000;

/**
 * Converts a wall-clock time in `timeZone` to the UTC instant it names.
 * Times that do not exist (spring forward) or exist twice (fall back) are
 * resolved the way iCalendar does, and reported so the form can say so.
 */
export function zonedToUtc(local: LocalDateTime, timeZone: string): ZonedConversion {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Zones change offset at most once in any two days; the offsets a day
  // either side cover both readings of the wall-clock time.
  const before = offsetAt(asUtc - DAY, timeZone);
  const after = offsetAt(asUtc + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => asUtc - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === asUtc)
    .sort((a, b) => a - b);
  const [first, second] = candidates;
  if (first === undefined) {
    return { kind: 'skipped', instant: new Date(asUtc - before) };
  }
  if (second !== undefined) {
    return { kind: 'repeated', instant: new Date(first), later: new Date(second) };
  }
  return { kind: 'exact', instant: new Date(first) };
}

/** The wall-clock time of an RFC 3339 instant in `timeZone`, for a datetime-local input. */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const wall = new Date(wallClockMs(ms, timeZone));
  return formatLocalDateTime({
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
  });
}

/** The browser's own time zone (the viewer's), e.g. "Europe/London". */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every IANA zone the runtime knows, for pickers. */
export function knownTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'Europe/London'];
}

// --- Display -----------------------------------------------------------

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

function displayFormatter(key: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const cacheKey = `${key}|${timeZone}`;
  let f = displayFormatters.get(cacheKey);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    displayFormatters.set(cacheKey, f);
  }
  return f;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};
const DATE_ONLY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const SHORT_DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

function safeZone(timeZone: string | null | undefined): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** "Tue, 8 Dec 2026, 10:00 GMT" in the given zone. */
export function formatDateTime(iso: string, timeZone: string | null | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return displayFormatter('dt', safeZone(timeZone), DATE_TIME).format(d);
}

/** "8 Dec 2026" in the given zone. */
export function formatDate(iso: string, timeZone: string | null | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return displayFormatter('d', safeZone(timeZone), SHORT_DATE).format(d);
}

/**
 * When an event happens, in its own zone: "Tue, 8 Dec 2026, 10:00–12:30 GMT",
 * or a date range for all-day events. Intl's formatRange collapses the
 * shared parts (same day, same zone name).
 */
export function formatEventWhen(
  startsAt: string,
  endsAt: string,
  timeZone: string | null | undefined,
  allDay = false,
): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startsAt} – ${endsAt}`;
  const zone = safeZone(timeZone);
  if (allDay) {
    // All-day events end at the exclusive midnight after the last day.
    const lastDay = new Date(Math.max(start.getTime(), end.getTime() - 1));
    return displayFormatter('allday', zone, DATE_ONLY).formatRange(start, lastDay);
  }
  if (end.getTime() < start.getTime()) return formatDateTime(startsAt, zone);
  return displayFormatter('dt', zone, DATE_TIME).formatRange(start, end);
}

/** Machine-readable value for <time dateTime>. */
export function isoDateTimeAttr(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString();
}

const RFC3339 = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

/**
 * Rewrites RFC 3339 instants inside a message (as some server messages
 * carry them) as readable times in `timeZone`: "2027-03-10T14:00:00Z" →
 * "Wed, 10 Mar 2027, 14:00 GMT".
 */
export function humaniseTimestamps(text: string, timeZone: string | null | undefined): string {
  return text.replace(RFC3339, (ts) => formatDateTime(ts, timeZone));
}
