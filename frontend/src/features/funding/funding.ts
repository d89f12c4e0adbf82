// Pure logic for the funding view: chart points from the API's periods,
// and where the cliff falls among them.

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
