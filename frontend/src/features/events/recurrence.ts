// A recurrence model for the event form's "Repeats" editor: common cases
// (weekly, every N weeks, monthly or every N months on the Nth or last
// weekday, monthly or every N months on day D;
// ending never / after N times / on a date) built into an RFC 5545 RRULE,
// and parsed back. Rules outside these cases parse to null, and the form
// keeps the raw "Advanced: RRULE" text field for them.
import { zonedToUtc } from '../../lib/time';
import { countWords, dayList, every, fromEnd, longDate, ordinal, untilLocalDate } from './rrule';

export { untilLocalDate };

export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
export const WEEKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const WEEKDAY_NAME: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export type Ending = { kind: 'never' } | { kind: 'count'; count: number } | { kind: 'until'; date: string /* YYYY-MM-DD, in the event's zone */ };

export type Recurrence =
  | { kind: 'none' }
  | { kind: 'weekly'; interval: number; days: Weekday[]; ending: Ending }
  /** ordinal 1–5, or -1 for the last */
  | { kind: 'monthlyWeekday'; interval: number; ordinal: number; day: Weekday; ending: Ending }
  | { kind: 'monthlyDay'; interval: number; monthDay: number; ending: Ending };

const ORDINAL_WORD: Record<string, string> = { '1': '1st', '2': '2nd', '3': '3rd', '4': '4th', '5': '5th', '-1': 'last' };

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UNTIL for a local end date: the end of that day (23:59:59) in `timeZone`, as UTC "YYYYMMDDTHHMMSSZ". */
export function untilUtc(date: string, timeZone: string): string | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  let instant: Date;
  try {
    instant = zonedToUtc({ year, month, day, hour: 23, minute: 59 }, timeZone).instant;
  } catch {
    return null;
  }
  const t = new Date(instant.getTime() + 59_000);
  return `${t.getUTCFullYear()}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}Z`;
}

export type BuildResult = { ok: true; rrule: string } | { ok: false; error: string };

/** Builds the RRULE (without the "RRULE:" prefix); "" for a one-off event. */
export function buildRrule(r: Recurrence, timeZone: string): BuildResult {
  if (r.kind === 'none') return { ok: true, rrule: '' };
  if (!Number.isInteger(r.interval) || r.interval < 1) return { ok: false, error: 'Enter how often it repeats as a whole number, 1 or more' };
  const parts: string[] = [];
  if (r.kind === 'weekly') {
    if (r.days.length === 0) return { ok: false, error: 'Choose at least one day of the week' };
    parts.push('FREQ=WEEKLY');
    if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
    const days = WEEKDAYS.filter((d) => r.days.includes(d));
    parts.push(`BYDAY=${days.join(',')}`);
  } else if (r.kind === 'monthlyWeekday') {
    if (!ORDINAL_WORD[String(r.ordinal)]) return { ok: false, error: 'Choose which week of the month' };
    parts.push('FREQ=MONTHLY');
    if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
    parts.push(`BYDAY=${r.ordinal}${r.day}`);
  } else {
    if (!Number.isInteger(r.monthDay) || r.monthDay < 1 || r.monthDay > 31) return { ok: false, error: 'Enter a day of the month from 1 to 31' };
    parts.push('FREQ=MONTHLY');
    if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
    parts.push(`BYMONTHDAY=${r.monthDay}`);
  }
  const e = r.ending;
  if (e.kind === 'count') {
    if (!Number.isInteger(e.count) || e.count < 1) return { ok: false, error: 'Enter how many times as a whole number, 1 or more' };
    parts.push(`COUNT=${e.count}`);
  } else if (e.kind === 'until') {
    const u = untilUtc(e.date, timeZone);
    if (!u) return { ok: false, error: 'Enter a real end date' };
    parts.push(`UNTIL=${u}`);
  }
  return { ok: true, rrule: parts.join(';') };
}

/** Parses an RRULE back into the editor's model; null when the editor cannot show it (use the raw field). */
export function parseRrule(rule: string, timeZone: string): Recurrence | null {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (text === '') return { kind: 'none' };
  const parts = new Map<string, string>();
  for (const piece of text.split(';')) {
    if (!piece) continue;
    const eq = piece.indexOf('=');
    if (eq <= 0) return null;
    const k = piece.slice(0, eq).toUpperCase();
    if (parts.has(k)) return null;
    parts.set(k, piece.slice(eq + 1).toUpperCase());
  }
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL']);
  for (const k of parts.keys()) if (!known.has(k)) return null;
  if (parts.has('WKST')) return null;
  const intervalText = parts.get('INTERVAL') ?? '1';
  if (!/^\d+$/.test(intervalText)) return null;
  const interval = Number(intervalText);
  if (interval < 1) return null;

  let ending: Ending = { kind: 'never' };
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) return null;
  if (count !== undefined) {
    if (!/^\d+$/.test(count) || Number(count) < 1) return null;
    ending = { kind: 'count', count: Number(count) };
  } else if (until !== undefined) {
    const date = untilLocalDate(until, timeZone);
    if (!date) return null;
    ending = { kind: 'until', date };
  }

  const freq = parts.get('FREQ');
  const byday = parts.get('BYDAY');
  const bymonthday = parts.get('BYMONTHDAY');
  if (freq === 'WEEKLY') {
    if (bymonthday !== undefined || !byday) return null;
    const days: Weekday[] = [];
    for (const d of byday.split(',')) {
      if (!(WEEKDAYS as string[]).includes(d)) return null;
      if (!days.includes(d as Weekday)) days.push(d as Weekday);
    }
    return { kind: 'weekly', interval, days: WEEKDAYS.filter((d) => days.includes(d)), ending };
  }
  if (freq === 'MONTHLY') {
    if (byday !== undefined && bymonthday === undefined) {
      const m = /^\+?(-1|[1-5])(MO|TU|WE|TH|FR|SA|SU)$/.exec(byday);
      if (!m) return null;
      return { kind: 'monthlyWeekday', interval, ordinal: Number(m[1]), day: m[2] as Weekday, ending };
    }
    if (bymonthday !== undefined && byday === undefined) {
      if (!/^\d{1,2}$/.test(bymonthday)) return null;
      const d = Number(bymonthday);
      if (d < 1 || d > 31) return null;
      return { kind: 'monthlyDay', interval, monthDay: d, ending };
    }
  }
  return null;
}

/**
 * e.g. "Monthly on the 2nd Tuesday, 10:00–12:00, Europe/London" or "Every 3
 * months on the 2nd Tuesday, …". `time` is "10:00–12:00" or empty. (Not
 * "Every 2nd Tuesday": in British English that reads as fortnightly.)
 */
export function summariseRecurrence(r: Recurrence, time: string, timeZone: string): string {
  let text: string;
  if (r.kind === 'none') text = 'Does not repeat';
  else if (r.kind === 'weekly') {
    text = `${every('WEEKLY', r.interval)} on ${dayList(r.days)}`;
  } else if (r.kind === 'monthlyWeekday') {
    text = `${every('MONTHLY', r.interval)} on the ${fromEnd(r.ordinal)} ${WEEKDAY_NAME[r.day]}`;
  } else {
    text = `${every('MONTHLY', r.interval)} on the ${ordinal(r.monthDay)}`;
  }
  if (r.kind !== 'none') {
    if (r.ending.kind === 'count') text += countWords(r.ending.count);
    else if (r.ending.kind === 'until') text += DATE_RE.test(r.ending.date) ? `, until ${longDate(r.ending.date)}` : ', until a date';
  }
  return [text, time, timeZone].filter(Boolean).join(', ');
}
