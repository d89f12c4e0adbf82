// Pure calendar arithmetic for the programme calendar: the weeks of a month
// (Mondays first), the UTC window those weeks cover in a time zone, and the
// day an instant falls on in that zone.
import { utcToZonedLocal, zonedToUtc } from '../../lib/time';

export interface GridDay {
  /** "2026-03-29": the calendar date, independent of any zone. */
  date: string;
  day: number;
  inMonth: boolean;
}

export interface MonthGrid {
  year: number;
  month: number; // 1–12
  weeks: GridDay[][];
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dateKey(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "2026-03" → { year: 2026, month: 3 }; anything else → null. */
export function parseMonth(value: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : null;
}

export function formatMonth(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

/** The month `delta` months from year/month. */
export function addMonths(year: number, month: number, delta: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The whole weeks (Monday to Sunday) that contain the month's days. Dates
 * are counted on the UTC calendar so clock changes cannot skip or repeat a day.
 */
export function monthGrid(year: number, month: number): MonthGrid {
  const first = Date.UTC(year, month - 1, 1);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (new Date(first).getUTCDay() + 6) % 7; // Monday = 0
  const total = Math.ceil((lead + daysInMonth) / 7) * 7;
  const weeks: GridDay[][] = [];
  for (let i = 0; i < total; i++) {
    const d = new Date(first + (i - lead) * 86_400_000);
    const day: GridDay = {
      date: dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
      day: d.getUTCDate(),
      inMonth: d.getUTCMonth() === month - 1,
    };
    if (i % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1]!.push(day);
  }
  return { year, month, weeks };
}

/** The first instant of the local day `date` in `timeZone`. */
export function midnight(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return zonedToUtc({ year: y, month: m, day: d, hour: 0, minute: 0 }, timeZone).instant.toISOString();
}

/** The instants [from, to) the grid covers: local midnight of its first day to local midnight after its last. */
export function gridRange(grid: MonthGrid, timeZone: string): { from: string; to: string } {
  const first = grid.weeks[0]![0]!.date;
  const last = grid.weeks[grid.weeks.length - 1]![6]!.date;
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  const after = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    from: midnight(first, timeZone),
    to: midnight(dateKey(after.getUTCFullYear(), after.getUTCMonth() + 1, after.getUTCDate()), timeZone),
  };
}

/** The calendar date ("2026-03-29") of an instant in `timeZone`. */
export function zonedDateKey(iso: string, timeZone: string): string {
  return utcToZonedLocal(iso, timeZone).slice(0, 10);
}

/** Groups items by the zoned date of their start, keeping their order. */
export function byDay<T extends { startsAt: string }>(items: readonly T[], timeZone: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = zonedDateKey(item.startsAt, timeZone);
    out.set(key, [...(out.get(key) ?? []), item]);
  }
  return out;
}
