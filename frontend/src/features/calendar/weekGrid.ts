// Pure week arithmetic for the programme calendar's week view: Monday-first
// weeks named by their Monday ("2026-03-23"), the UTC window a week covers
// in a time zone (167 or 169 hours when the clocks change), the days with
// their occurrences in time order, and which days the clocks change on.
// Dates are counted on the UTC calendar, so clock changes cannot skip or
// repeat a day.
import { dateKey, midnight, zonedDateKey } from './monthGrid';

const DAY = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whether `value` is a real calendar date written "YYYY-MM-DD". */
export function isDateKey(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** The date `n` days after `date` (negative for before). */
export function addDays(date: string, n: number): string {
  return fromUtcMs(toUtcMs(date) + n * DAY);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
  return (new Date(toUtcMs(date)).getUTCDay() + 6) % 7;
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

/** The query-string week: any real date names the week it falls in (its Monday); anything else → null. */
export function parseWeek(value: string): string | null {
  return isDateKey(value) ? mondayOf(value) : null;
}

/** The Monday `delta` weeks from `monday`. */
export function addWeeks(monday: string, delta: number): string {
  return addDays(monday, delta * 7);
}

/** The seven dates, Monday to Sunday, of the week starting `monday`. */
export function weekDates(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The instants [from, to) the week covers in `timeZone`: local midnight on Monday to local midnight the next Monday. */
export function weekRange(monday: string, timeZone: string): { from: string; to: string } {
  return { from: midnight(monday, timeZone), to: midnight(addDays(monday, 7), timeZone) };
}

/** How long the local day `date` is in `timeZone`, in hours (23 or 25 on clock-change days). */
export function hoursInDay(date: string, timeZone: string): number {
  return (Date.parse(midnight(addDays(date, 1), timeZone)) - Date.parse(midnight(date, timeZone))) / 3_600_000;
}

/** Whether the clocks go forward or back on `date` in `timeZone`. */
export function clockChange(date: string, timeZone: string): 'forward' | 'back' | null {
  const h = hoursInDay(date, timeZone);
  return h < 24 ? 'forward' : h > 24 ? 'back' : null;
}

/**
 * The week to show for a month: the current week when `today` is in that
 * month, otherwise the week holding the month's first day.
 */
export function weekForMonth(year: number, month: number, today: string): string {
  const inMonth = Number(today.slice(0, 4)) === year && Number(today.slice(5, 7)) === month;
  return mondayOf(inMonth ? today : dateKey(year, month, 1));
}

/** The month a week belongs to: the one holding its Thursday (most of its days, as ISO 8601 counts weeks). */
export function monthOfWeek(monday: string): { year: number; month: number } {
  const thursday = addDays(monday, 3);
  return { year: Number(thursday.slice(0, 4)), month: Number(thursday.slice(5, 7)) };
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });

/** "23–29 March 2026", "30 March – 5 April 2026", "29 December 2025 – 4 January 2026". */
export function weekTitle(monday: string): string {
  const sunday = addDays(monday, 6);
  const [y1, m1, d1] = monday.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = sunday.split('-').map(Number) as [number, number, number];
  const name = (y: number, m: number) => MONTH.format(new Date(Date.UTC(y, m - 1, 1)));
  if (y1 === y2 && m1 === m2) return `${d1}–${d2} ${name(y2, m2)} ${y2}`;
  if (y1 === y2) return `${d1} ${name(y1, m1)} – ${d2} ${name(y2, m2)} ${y2}`;
  return `${d1} ${name(y1, m1)} ${y1} – ${d2} ${name(y2, m2)} ${y2}`;
}

export interface WeekColumn<T> {
  date: string;
  items: T[];
}

/**
 * The week's seven days, each with the items that start on it in
 * `timeZone`, earliest first (ties keep their order). Items starting
 * outside the week are left out.
 */
export function weekColumns<T extends { startsAt: string }>(items: readonly T[], monday: string, timeZone: string): WeekColumn<T>[] {
  const columns = weekDates(monday).map((date) => ({ date, items: [] as T[] }));
  const index = new Map(columns.map((c, i) => [c.date, i]));
  for (const item of items) {
    const i = index.get(zonedDateKey(item.startsAt, timeZone));
    if (i !== undefined) columns[i]!.items.push(item);
  }
  for (const c of columns) c.items.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return columns;
}
