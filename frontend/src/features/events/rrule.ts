// Plain-English summaries of common iCalendar recurrence rules (RFC 5545
// RRULE), e.g. "FREQ=MONTHLY;BYDAY=2TU" → "Every month on the second
// Tuesday". Rules with parts this does not understand give null, and the
// raw rule is shown instead.
import { LOCALE } from '../../lib/time';

const DAY: Record<string, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

const ORDINAL: Record<string, string> = { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '5': 'fifth', '-1': 'last', '-2': 'second to last' };

const UNIT: Record<string, [string, string]> = {
  DAILY: ['day', 'days'],
  WEEKLY: ['week', 'weeks'],
  MONTHLY: ['month', 'months'],
  YEARLY: ['year', 'years'],
};

const KNOWN = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST']);

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function untilText(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

export function describeRrule(rule: string): string | null {
  const parts = new Map<string, string>();
  for (const piece of rule.replace(/^RRULE:/i, '').split(';')) {
    if (!piece) continue;
    const [k, v] = piece.split('=');
    if (!k || v === undefined) return null;
    parts.set(k.toUpperCase(), v.toUpperCase());
  }
  for (const k of parts.keys()) if (!KNOWN.has(k)) return null;
  const freq = parts.get('FREQ');
  const unit = freq ? UNIT[freq] : undefined;
  if (!unit) return null;
  const interval = Number(parts.get('INTERVAL') ?? '1');
  if (!Number.isInteger(interval) || interval < 1) return null;
  let text = interval === 1 ? `Every ${unit[0]}` : `Every ${interval} ${unit[1]}`;

  const byday = parts.get('BYDAY');
  if (byday) {
    const days: string[] = [];
    for (const d of byday.split(',')) {
      const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
      if (!m) return null;
      const ord = m[1]?.replace('+', '');
      if (ord) {
        const o = ORDINAL[ord];
        if (!o) return null;
        days.push(`the ${o} ${DAY[m[2]!]}`);
      } else {
        days.push(DAY[m[2]!]!);
      }
    }
    text += ` on ${list(days)}`;
  }
  const bymonthday = parts.get('BYMONTHDAY');
  if (bymonthday) {
    const days = bymonthday.split(',').map((d) => (d === '-1' ? 'the last day' : /^\d+$/.test(d) ? `day ${d}` : null));
    if (days.some((d) => d === null)) return null;
    text += ` on ${list(days as string[])}`;
  }
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count) {
    if (!/^\d+$/.test(count)) return null;
    text += `, ${count} times`;
  } else if (until) {
    const u = untilText(until);
    if (!u) return null;
    text += `, until ${u}`;
  }
  return text;
}
