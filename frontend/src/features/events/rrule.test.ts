import { describe, expect, it } from 'vitest';
import { describeRrule } from './rrule';

describe('describeRrule', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=2TU', 'Every month on the second Tuesday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 'Every week on Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=6', 'Every 2 weeks on Thursday, 6 times'],
    ['FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231T235959Z', 'Every month on the last Friday, until 31 December 2027'],
    ['RRULE:FREQ=DAILY', 'Every day'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', 'Every month on day 15'],
  ])('%s', (rule, text) => {
    expect(describeRrule(rule)).toBe(text);
  });

  it('gives up on rules it does not understand', () => {
    expect(describeRrule('FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU')).toBeNull();
    expect(describeRrule('FREQ=HOURLY')).toBeNull();
    expect(describeRrule('nonsense')).toBeNull();
  });
});
