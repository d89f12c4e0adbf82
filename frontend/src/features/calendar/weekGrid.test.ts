import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWeeks,
  clockChange,
  hoursInDay,
  isDateKey,
  mondayOf,
  monthOfWeek,
  parseWeek,
  weekColumns,
  weekDates,
  weekForMonth,
  weekRange,
  weekTitle,
} from './weekGrid';

const LONDON = 'Europe/London';

describe('weekGrid', () => {
  it('names a week by its Monday, from any day in it', () => {
    expect(mondayOf('2026-03-23')).toBe('2026-03-23'); // a Monday
    expect(mondayOf('2026-03-29')).toBe('2026-03-23'); // the Sunday
    expect(mondayOf('2026-01-01')).toBe('2025-12-29'); // across the new year
    expect(parseWeek('2026-03-26')).toBe('2026-03-23');
    expect(parseWeek('2026-02-30')).toBeNull();
    expect(parseWeek('2026-3-26')).toBeNull();
    expect(parseWeek('')).toBeNull();
    expect(isDateKey('2028-02-29')).toBe(true);
    expect(isDateKey('2027-02-29')).toBe(false);
  });

  it('steps by whole days and weeks across months, years and clock changes', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addWeeks('2026-03-23', 1)).toBe('2026-03-30');
    expect(addWeeks('2026-10-19', 1)).toBe('2026-10-26');
    expect(addWeeks('2026-01-05', -1)).toBe('2025-12-29');
    expect(weekDates('2026-03-23')).toEqual(['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
  });

  it('covers a spring-forward week in London: 167 hours, midnight GMT to midnight BST', () => {
    const r = weekRange('2026-03-23', LONDON); // clocks go forward at 01:00 GMT on Sunday 29 March
    expect(r).toEqual({ from: '2026-03-23T00:00:00.000Z', to: '2026-03-29T23:00:00.000Z' });
    expect((Date.parse(r.to) - Date.parse(r.from)) / 3_600_000).toBe(167);
    expect(hoursInDay('2026-03-29', LONDON)).toBe(23);
    expect(weekDates('2026-03-23').map((d) => clockChange(d, LONDON))).toEqual([null, null, null, null, null, null, 'forward']);
    // The next week runs on BST throughout.
    expect(weekRange('2026-03-30', LONDON)).toEqual({ from: '2026-03-29T23:00:00.000Z', to: '2026-04-05T23:00:00.000Z' });
  });

  it('covers a fall-back week in London: 169 hours', () => {
    const r = weekRange('2026-10-19', LONDON); // clocks go back at 02:00 BST on Sunday 25 October
    expect(r).toEqual({ from: '2026-10-18T23:00:00.000Z', to: '2026-10-26T00:00:00.000Z' });
    expect((Date.parse(r.to) - Date.parse(r.from)) / 3_600_000).toBe(169);
    expect(clockChange('2026-10-25', LONDON)).toBe('back');
    expect(clockChange('2026-10-25', 'Asia/Tokyo')).toBeNull();
    // New York changes on a different Sunday.
    expect(clockChange('2026-03-08', 'America/New_York')).toBe('forward');
    expect(clockChange('2026-03-08', LONDON)).toBeNull();
  });

  it('puts occurrences on their day in the zone, in time order, through the clock change', () => {
    const items = [
      { id: 'sun-evening', startsAt: '2026-03-29T18:00:00Z' }, // 19:00 BST Sunday
      { id: 'mon-late', startsAt: '2026-03-23T15:00:00Z' },
      { id: 'mon-early', startsAt: '2026-03-23T09:00:00Z' },
      { id: 'sun-early', startsAt: '2026-03-29T00:30:00Z' }, // 00:30 GMT, before the change
      { id: 'next-monday', startsAt: '2026-03-29T23:30:00Z' }, // 00:30 BST on Monday 30 March
      { id: 'sunday-before', startsAt: '2026-03-22T23:30:00Z' }, // 23:30 GMT Sunday 22nd
    ];
    const cols = weekColumns(items, '2026-03-23', LONDON);
    expect(cols.map((c) => c.date)).toEqual(weekDates('2026-03-23'));
    expect(cols[0]!.items.map((i) => i.id)).toEqual(['mon-early', 'mon-late']);
    expect(cols[6]!.items.map((i) => i.id)).toEqual(['sun-early', 'sun-evening']);
    expect(cols.flatMap((c) => c.items).map((i) => i.id)).not.toContain('next-monday');
    expect(cols.flatMap((c) => c.items).map((i) => i.id)).not.toContain('sunday-before');
    // The same instant is Monday in Tokyo.
    expect(weekColumns([{ startsAt: '2026-03-22T23:30:00Z' }], '2026-03-23', 'Asia/Tokyo')[0]!.items).toHaveLength(1);
  });

  it('moves between the month and week views', () => {
    expect(weekForMonth(2026, 3, '2026-03-18')).toBe('2026-03-16'); // today is in the month: this week
    expect(weekForMonth(2026, 4, '2026-03-18')).toBe('2026-03-30'); // otherwise the week of the 1st
    expect(weekForMonth(2026, 6, '2026-03-18')).toBe('2026-06-01');
    expect(monthOfWeek('2026-03-30')).toEqual({ year: 2026, month: 4 }); // 30 March – 5 April: mostly April
    expect(monthOfWeek('2026-03-23')).toEqual({ year: 2026, month: 3 });
    expect(monthOfWeek('2025-12-29')).toEqual({ year: 2026, month: 1 });
  });

  it('titles the week', () => {
    expect(weekTitle('2026-03-23')).toBe('23–29 March 2026');
    expect(weekTitle('2026-03-30')).toBe('30 March – 5 April 2026');
    expect(weekTitle('2025-12-29')).toBe('29 December 2025 – 4 January 2026');
  });
});
