// A recurrence model for the event form's "Repeats" editor: common cases
// (weekly, every N weeks, monthly on the Nth weekday, monthly on day D;
// ending never / after N times / on a date) built into an RFC 5545 RRULE,
// and parsed back. Rules outside these cases parse to null, and the form
// keeps the raw "Advanced: RRULE" text field for them.
import { zonedToUtc } from '../../lib/time';

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

/** The local date (YYYY-MM-DD in `timeZone`) an UNTIL value falls on. */
export function untilLocalDate(until: string, timeZone: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(until);
  if (!m) return null;
  if (!m[4] || !m[7]) return `${m[1]}-${m[2]}-${m[3]}`; // DATE or floating: take the date as written
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  if (Number.isNaN(ms)) return null;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
    const get = (t: string) => parts.find((p) => p.type === t)?.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  } catch {
    return null;
  }
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

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ordinalNumber(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

/** e.g. "Every 2nd Tuesday, 10:00–12:00, Europe/London". `time` is "10:00–12:00" or empty. */
export function summariseRecurrence(r: Recurrence, time: string, timeZone: string): string {
  let text: string;
  if (r.kind === 'none') text = 'Does not repeat';
  else if (r.kind === 'weekly') {
    const days = list(r.days.map((d) => WEEKDAY_NAME[d]));
    text = r.interval === 1 ? `Every ${days}` : `Every ${r.interval} weeks on ${days}`;
  } else if (r.kind === 'monthlyWeekday') {
    const which = `${ORDINAL_WORD[String(r.ordinal)] ?? '?'} ${WEEKDAY_NAME[r.day]}`;
    text = r.interval === 1 ? `Every ${which}` : `Every ${r.interval} months on the ${which}`;
  } else {
    text = r.interval === 1 ? `Monthly on the ${ordinalNumber(r.monthDay)}` : `Every ${r.interval} months on the ${ordinalNumber(r.monthDay)}`;
  }
  if (r.kind !== 'none') {
    if (r.ending.kind === 'count') text += `, ${r.ending.count} ${r.ending.count === 1 ? 'time' : 'times'}`;
    else if (r.ending.kind === 'until') text += `, until ${r.ending.date}`;
  }
  return [text, time, timeZone].filter(Boolean).join(', ');
}
