import { describe, expect, it } from 'vitest';
import { describeRrule, untilLocalDate } from './rrule';

describe('describeRrule', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=2TU', 'Monthly on the 2nd Tuesday'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU', 'Every 3 months on the 2nd Tuesday'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=-1MO;COUNT=1', 'Every 2 months on the last Monday, once'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO,-2FR', 'Every 3 months on the 1st Monday and 2nd-to-last Friday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'Weekly on Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;BYDAY=FR,MO', 'Weekly on Monday and Friday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Weekly on weekdays'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=6', 'Every 2 weeks on Thursday, 6 times'],
    ['FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T235959Z', 'Monthly on the last Friday, until 31 December 2027'],
    ['RRULE:FREQ=DAILY', 'Daily'],
    ['FREQ=DAILY;INTERVAL=3', 'Every 3 days'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'Monthly on the 15th'],
    ['FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1,15', 'Every 6 months on the 1st and 15th'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', 'Monthly on the last day'],
    ['FREQ=YEARLY', 'Yearly'],
  ])('%s', (rule, text) => {
    expect(describeRrule(rule)).toBe(text);
  });

  it('reads a UTC UNTIL as a date in the event zone', () => {
    // The editor writes "until 31 December, New York" as 04:59:59 UTC on 1 January.
    expect(describeRrule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101T045959Z', 'America/New_York')).toBe('Weekly on Monday, until 31 December 2026');
    expect(describeRrule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101T045959Z')).toBe('Weekly on Monday, until 1 January 2027');
    expect(describeRrule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20270101T045959Z', 'Not/AZone')).toBe('Weekly on Monday, until 1 January 2027');
    expect(untilLocalDate('20260731T225959Z', 'Europe/London')).toBe('2026-07-31');
    expect(untilLocalDate('20261231', 'Asia/Tokyo')).toBe('2026-12-31');
    expect(untilLocalDate('20260230', 'Europe/London')).toBeNull();
  });

  it('gives up on rules it does not understand', () => {
    for (const rule of [
      'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU',
      'FREQ=HOURLY',
      'FREQ=WEEKLY;BYDAY=2TU',
      'FREQ=MONTHLY;BYDAY=2TU;BYMONTHDAY=15',
      'FREQ=MONTHLY;BYDAY=9TU',
      'FREQ=MONTHLY;INTERVAL=0;BYDAY=2TU',
      'FREQ=WEEKLY;COUNT=3;UNTIL=20261231T000000Z',
      'FREQ=YEARLY;BYDAY=2TU',
      'FREQ=WEEKLY;FREQ=DAILY',
      'nonsense',
    ]) {
      expect(describeRrule(rule), rule).toBeNull();
    }
  });
});
