import { describe, expect, it } from 'vitest';
import { addMonths, byDay, gridRange, monthGrid, parseMonth, zonedDateKey } from './monthGrid';

describe('monthGrid', () => {
  it('starts weeks on Monday and pads with the neighbouring months', () => {
    const g = monthGrid(2026, 12); // 1 Dec 2026 is a Tuesday
    expect(g.weeks).toHaveLength(5);
    expect(g.weeks[0]![0]).toEqual({ date: '2026-11-30', day: 30, inMonth: false });
    expect(g.weeks[0]![1]).toEqual({ date: '2026-12-01', day: 1, inMonth: true });
    expect(g.weeks[4]![6]).toEqual({ date: '2027-01-03', day: 3, inMonth: false });
    expect(g.weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
  });

  it('fits a February that starts on Monday into four weeks', () => {
    const g = monthGrid(2027, 2);
    expect(g.weeks).toHaveLength(4);
    expect(g.weeks[0]![0]!.date).toBe('2027-02-01');
    expect(g.weeks[3]![6]!.date).toBe('2027-02-28');
  });

  it('lists every day once in a month with a clock change (March 2026, London)', () => {
    const g = monthGrid(2026, 3); // clocks go forward on Sunday 29 March
    const days = g.weeks.flat();
    expect(g.weeks).toHaveLength(6);
    expect(days.filter((d) => d.inMonth).map((d) => d.day)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
    expect(g.weeks[4]![6]!.date).toBe('2026-03-29');
    expect(g.weeks[5]![0]!.date).toBe('2026-03-30');
    // Midnight GMT at the start, midnight BST (23:00 UTC) at the end.
    expect(gridRange(g, 'Europe/London')).toEqual({ from: '2026-02-23T00:00:00.000Z', to: '2026-04-05T23:00:00.000Z' });
  });

  it('puts occurrences on their day in the zone, across the clock change', () => {
    expect(zonedDateKey('2026-03-29T23:30:00Z', 'Europe/London')).toBe('2026-03-30');
    expect(zonedDateKey('2026-03-28T23:30:00Z', 'Europe/London')).toBe('2026-03-28');
    expect(zonedDateKey('2026-03-28T23:30:00Z', 'America/New_York')).toBe('2026-03-28');
    const grouped = byDay([{ startsAt: '2026-03-29T23:30:00Z' }, { startsAt: '2026-03-30T09:00:00Z' }], 'Europe/London');
    expect(grouped.get('2026-03-30')).toHaveLength(2);
  });

  it('moves between months and reads the query-string month', () => {
    expect(addMonths(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths(2026, 1, -1)).toEqual({ year: 2025, month: 12 });
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('x')).toBeNull();
  });
});
