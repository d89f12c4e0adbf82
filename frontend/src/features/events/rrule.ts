// Plain-English summaries of common iCalendar recurrence rules (RFC 5545
// RRULE), e.g. "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU" → "Every 3 months on the
// 2nd Tuesday". The words are the server's (internal/recurrence Describe)
// and the event form's, so a rule reads the same everywhere. Rules with
// parts this does not understand give null, and the raw rule is shown
// instead.
import { LOCALE } from '../../lib/time';

export const DAY_NAME: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
const DAY_ORDER = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const UNIT: Record<string, string> = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' };

const KNOWN = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST']);

/** "a", "a and b", "a, b and c". */
export function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${s}`;
}

/** 2 → "2nd", -1 → "last", -2 → "2nd-to-last". */
export function fromEnd(n: number): string {
  if (n === -1) return 'last';
  if (n < 0) return `${ordinal(-n)}-to-last`;
  return ordinal(n);
}

/** "Weekly", "Daily", "Every 3 months". */
export function every(freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY', interval: number): string {
  const unit = UNIT[freq]!;
  if (interval > 1) return `Every ${interval} ${unit}s`;
  return freq === 'DAILY' ? 'Daily' : `${unit[0]!.toUpperCase()}${unit.slice(1)}ly`;
}

/** Day names in week order; Monday to Friday reads "weekdays". */
export function dayList(days: string[]): string {
  const sorted = DAY_ORDER.filter((d) => days.includes(d));
  if (sorted.length === 5 && !sorted.includes('SA') && !sorted.includes('SU')) return 'weekdays';
  return joinWords(sorted.map((d) => DAY_NAME[d]!));
}

const LONG_DATE = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-12-31" → "31 December 2026". */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return LONG_DATE.format(new Date(Date.UTC(y, m - 1, d)));
}

/** ", 6 times", ", once" or "". */
export function countWords(count: number): string {
  return count === 1 ? ', once' : `, ${count} times`;
}

/**
 * The local date (YYYY-MM-DD in `timeZone`) an UNTIL value falls on. A UTC
 * UNTIL ("…T225959Z") is read in the zone; a DATE or floating one as written.
 */
export function untilLocalDate(until: string, timeZone: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(until);
  if (!m) return null;
  const probe = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (probe.getUTCMonth() !== Number(m[2]) - 1 || probe.getUTCDate() !== Number(m[3])) return null;
  if (!m[4] || !m[7]) return `${m[1]}-${m[2]}-${m[3]}`;
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

/**
 * Describes a rule in words, or null when it has parts this does not put
 * into words. `timeZone` is the event's: a UTC UNTIL is read as a date there.
 */
export function describeRrule(rule: string, timeZone?: string | null): string | null {
  const parts = new Map<string, string>();
  for (const piece of rule.trim().replace(/^RRULE:/i, '').split(';')) {
    if (!piece) continue;
    const [k, v, extra] = piece.split('=');
    if (!k || v === undefined || extra !== undefined) return null;
    if (parts.has(k.toUpperCase())) return null;
    parts.set(k.toUpperCase(), v.toUpperCase());
  }
  for (const k of parts.keys()) if (!KNOWN.has(k)) return null;
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  const intervalText = parts.get('INTERVAL') ?? '1';
  if (!/^\d+$/.test(intervalText) || Number(intervalText) < 1) return null;
  let text = every(freq, Number(intervalText));

  const plain: string[] = [];
  const nth: string[] = [];
  const byday = parts.get('BYDAY');
  if (byday) {
    for (const d of byday.split(',')) {
      const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
      if (!m) return null;
      if (m[1] === undefined) {
        if (!plain.includes(m[2]!)) plain.push(m[2]!);
        continue;
      }
      const n = Number(m[1]);
      if (n === 0 || Math.abs(n) > 5) return null;
      nth.push(`${fromEnd(n)} ${DAY_NAME[m[2]!]}`);
    }
  }
  const bymonthday = parts.get('BYMONTHDAY');
  const monthDays: string[] = [];
  if (bymonthday) {
    for (const d of bymonthday.split(',')) {
      if (!/^-?\d{1,2}$/.test(d)) return null;
      const n = Number(d);
      if (n === 0 || Math.abs(n) > 31) return null;
      monthDays.push(n < 0 ? `${fromEnd(n)} day` : ordinal(n));
    }
  }

  if (freq === 'DAILY' || freq === 'WEEKLY') {
    if (nth.length || monthDays.length) return null;
    if (plain.length) text += ` on ${dayList(plain)}`;
  } else if (freq === 'MONTHLY') {
    if ((plain.length || nth.length) && monthDays.length) return null;
    if (nth.length && plain.length) return null;
    if (nth.length) text += ` on the ${joinWords(nth)}`;
    else if (plain.length) text += ` on every ${dayList(plain)}`;
    else if (monthDays.length) text += ` on the ${joinWords(monthDays)}`;
  } else if (byday || bymonthday) {
    return null; // yearly rules are described only plainly
  }

  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) return null;
  if (count !== undefined) {
    if (!/^\d+$/.test(count) || Number(count) < 1) return null;
    text += countWords(Number(count));
  } else if (until !== undefined) {
    const u = (timeZone && untilLocalDate(until, timeZone)) || untilLocalDate(until, 'UTC');
    if (!u) return null;
    text += `, until ${longDate(u)}`;
  }
  return text;
}
