// Pure logic for the funding view: chart points from the API's periods and
// from the monthly in-force series, and where the cliff falls among them.
import { compareDecimals } from '../../lib/money';

export interface Money {
  currency: string;
  amount: string;
}

export interface Period {
  label: string;
  /** ISO date, inclusive. */
  start: string;
  /** ISO date (inclusive or exclusive: only compared with dates inside). */
  end: string;
  totals: readonly Money[];
}

export interface ChartPoint {
  label: string;
  start: string;
  end: string;
  /** Secured funding in the period, in the reporting currency (for drawing only; figures in text stay exact). */
  amount: number;
  /** The exact decimal string. */
  exact: string;
  /** The cliff falls in this period. */
  cliff: boolean;
}

/** The amount in one currency from a list of per-currency totals ("0" when absent). */
export function amountIn(totals: readonly Money[], currency: string): string {
  return totals.find((t) => t.currency === currency)?.amount ?? '0';
}

/** Chart points per period in the reporting currency, marking the one the cliff falls in. */
export function fundingSeries(periods: readonly Period[], currency: string, cliffDay?: string | null): ChartPoint[] {
  const points = periods.map((p) => {
    const exact = amountIn(p.totals, currency);
    return { label: p.label, start: p.start, end: p.end, amount: Number(exact), exact, cliff: false };
  });
  const at = cliffPeriodIndex(periods, cliffDay);
  if (at >= 0) points[at]!.cliff = true;
  return points;
}

/** Index of the period containing the ISO day (start ≤ day ≤ end), -1 when none. */
export function cliffPeriodIndex(periods: readonly Pick<Period, 'start' | 'end'>[], day: string | null | undefined): number {
  if (!day) return -1;
  const d = day.slice(0, 10);
  const i = periods.findIndex((p) => p.start.slice(0, 10) <= d && d <= p.end.slice(0, 10));
  if (i >= 0) return i;
  // Before the first period: the cliff is already here.
  if (periods.length && d < periods[0]!.start.slice(0, 10)) return 0;
  return -1;
}

/** Days from asOf to the day (both ISO dates); negative when past. */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

export interface FundingMonth {
  /** First day of the month, ISO date. */
  start: string;
  totals: readonly Money[];
}

export interface InForcePoint {
  /** ISO date of the month's first day. */
  start: string;
  /** "Mar 2026". */
  label: string;
  /** Funding in force all month in the reporting currency (for drawing only). */
  amount: number;
  /** The exact decimal string. */
  exact: string;
  /** Other currencies in force that month (never added to the reporting currency). */
  others: Money[];
  /** Below the programme's threshold (exact comparison). */
  below: boolean;
  /** The cliff's first short day falls in this month. */
  cliff: boolean;
}

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Mar 2026" for "2026-03-01". */
export function formatMonth(isoDate: string): string {
  return monthLabel.format(Date.UTC(+isoDate.slice(0, 4), +isoDate.slice(5, 7) - 1, 1));
}

/**
 * The level of secured funding in force month by month in the reporting
 * currency, each month compared exactly with the threshold and the cliff's
 * month marked.
 */
export function inForceSeries(months: readonly FundingMonth[], currency: string, threshold?: string | null, cliffDay?: string | null): InForcePoint[] {
  const cliffMonth = cliffDay?.slice(0, 7);
  return months.map((m) => {
    const exact = amountIn(m.totals, currency);
    return {
      start: m.start,
      label: formatMonth(m.start),
      amount: Number(exact),
      exact,
      others: m.totals.filter((t) => t.currency !== currency),
      below: threshold != null && compareDecimals(exact, threshold) < 0,
      cliff: cliffMonth !== undefined && m.start.slice(0, 7) === cliffMonth,
    };
  });
}

/** The currencies other than the reporting one that appear in the series, sorted. */
export function otherCurrencies(points: readonly InForcePoint[]): string[] {
  return [...new Set(points.flatMap((p) => p.others.map((o) => o.currency)))].sort();
}
