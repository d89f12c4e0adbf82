import { describe, expect, it } from 'vitest';
import { buildRrule, parseRrule, summariseRecurrence, untilLocalDate, untilUtc, type Recurrence } from './recurrence';
import { describeRrule } from './rrule';

const LONDON = 'Europe/London';

function built(r: Recurrence, tz = LONDON): string {
  const res = buildRrule(r, tz);
  if (!res.ok) throw new Error(res.error);
  return res.rrule;
}

describe('buildRrule', () => {
  it('gives an empty rule for a one-off event', () => {
    expect(built({ kind: 'none' })).toBe('');
  });
  it('builds weekly and every-N-weeks rules with days in week order', () => {
    expect(built({ kind: 'weekly', interval: 1, days: ['TH', 'MO'], ending: { kind: 'never' } })).toBe('FREQ=WEEKLY;BYDAY=MO,TH');
    expect(built({ kind: 'weekly', interval: 2, days: ['TU'], ending: { kind: 'count', count: 6 } })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6');
  });
  it('builds monthly on the Nth, 5th and last weekday', () => {
    expect(built({ kind: 'monthlyWeekday', interval: 1, ordinal: 2, day: 'TU', ending: { kind: 'never' } })).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(built({ kind: 'monthlyWeekday', interval: 1, ordinal: 5, day: 'FR', ending: { kind: 'never' } })).toBe('FREQ=MONTHLY;BYDAY=5FR');
    expect(built({ kind: 'monthlyWeekday', interval: 3, ordinal: -1, day: 'MO', ending: { kind: 'never' } })).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=-1MO');
  });
  it('builds monthly on day D', () => {
    expect(built({ kind: 'monthlyDay', interval: 1, monthDay: 15, ending: { kind: 'never' } })).toBe('FREQ=MONTHLY;BYMONTHDAY=15');
  });
  it('builds every N months, on the Nth or last weekday or on day D', () => {
    expect(built({ kind: 'monthlyWeekday', interval: 3, ordinal: 2, day: 'TU', ending: { kind: 'never' } })).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU');
    expect(built({ kind: 'monthlyWeekday', interval: 2, ordinal: -1, day: 'FR', ending: { kind: 'count', count: 6 } })).toBe('FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=6');
    expect(built({ kind: 'monthlyDay', interval: 6, monthDay: 1, ending: { kind: 'never' } })).toBe('FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1');
    expect(buildRrule({ kind: 'monthlyDay', interval: 0, monthDay: 1, ending: { kind: 'never' } }, LONDON)).toEqual({
      ok: false,
      error: 'Enter how often it repeats as a whole number, 1 or more',
    });
  });
  it('writes UNTIL in UTC as the end of the chosen day in the event zone', () => {
    // British Summer Time: 23:59:59 BST is 22:59:59 UTC
    expect(built({ kind: 'weekly', interval: 1, days: ['MO'], ending: { kind: 'until', date: '2026-07-31' } })).toBe(
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260731T225959Z',
    );
    // Winter: GMT
    expect(untilUtc('2026-12-31', LONDON)).toBe('20261231T235959Z');
    // East of UTC the UTC date is the same day, earlier hour
    expect(untilUtc('2026-12-31', 'Asia/Tokyo')).toBe('20261231T145959Z');
    // West of UTC it runs into the next UTC day
    expect(untilUtc('2026-12-31', 'America/New_York')).toBe('20270101T045959Z');
  });
  it('rejects invalid input', () => {
    expect(buildRrule({ kind: 'weekly', interval: 1, days: [], ending: { kind: 'never' } }, LONDON).ok).toBe(false);
    expect(buildRrule({ kind: 'weekly', interval: 0, days: ['MO'], ending: { kind: 'never' } }, LONDON).ok).toBe(false);
    expect(buildRrule({ kind: 'weekly', interval: 1.5, days: ['MO'], ending: { kind: 'never' } }, LONDON).ok).toBe(false);
    expect(buildRrule({ kind: 'monthlyWeekday', interval: 1, ordinal: 6, day: 'MO', ending: { kind: 'never' } }, LONDON).ok).toBe(false);
    expect(buildRrule({ kind: 'monthlyDay', interval: 1, monthDay: 32, ending: { kind: 'never' } }, LONDON).ok).toBe(false);
    expect(buildRrule({ kind: 'weekly', interval: 1, days: ['MO'], ending: { kind: 'count', count: 0 } }, LONDON).ok).toBe(false);
    expect(buildRrule({ kind: 'weekly', interval: 1, days: ['MO'], ending: { kind: 'until', date: '2026-02-30' } }, LONDON).ok).toBe(false);
    expect(buildRrule({ kind: 'weekly', interval: 1, days: ['MO'], ending: { kind: 'until', date: '' } }, LONDON).ok).toBe(false);
    expect(untilUtc('2026-01-01', 'Not/AZone')).toBeNull();
  });
});

describe('parseRrule', () => {
  const cases: Recurrence[] = [
    { kind: 'none' },
    { kind: 'weekly', interval: 1, days: ['MO', 'WE', 'FR'], ending: { kind: 'never' } },
    { kind: 'weekly', interval: 2, days: ['TU'], ending: { kind: 'count', count: 10 } },
    { kind: 'monthlyWeekday', interval: 1, ordinal: 2, day: 'TU', ending: { kind: 'until', date: '2027-03-09' } },
    { kind: 'monthlyWeekday', interval: 1, ordinal: 5, day: 'SU', ending: { kind: 'never' } },
    { kind: 'monthlyWeekday', interval: 2, ordinal: -1, day: 'TH', ending: { kind: 'until', date: '2026-06-30' } },
    { kind: 'monthlyDay', interval: 1, monthDay: 31, ending: { kind: 'count', count: 1 } },
    { kind: 'monthlyWeekday', interval: 3, ordinal: 2, day: 'TU', ending: { kind: 'never' } },
    { kind: 'monthlyWeekday', interval: 12, ordinal: 1, day: 'MO', ending: { kind: 'count', count: 4 } },
    { kind: 'monthlyDay', interval: 2, monthDay: 15, ending: { kind: 'until', date: '2027-12-15' } },
  ];
  for (const tz of [LONDON, 'America/New_York', 'Pacific/Auckland']) {
    it(`round-trips the common cases (${tz})`, () => {
      for (const r of cases) {
        const rule = built(r, tz);
        expect(parseRrule(rule, tz)).toEqual(r);
        expect(built(parseRrule(rule, tz)!, tz)).toBe(rule);
      }
    });
  }
  it('accepts the RRULE: prefix, lower case, +N ordinals and a date-only UNTIL', () => {
    expect(parseRrule('RRULE:freq=monthly;byday=+2tu', LONDON)).toEqual({ kind: 'monthlyWeekday', interval: 1, ordinal: 2, day: 'TU', ending: { kind: 'never' } });
    expect(parseRrule('FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231', LONDON)).toEqual({ kind: 'weekly', interval: 1, days: ['MO'], ending: { kind: 'until', date: '2026-12-31' } });
    expect(parseRrule('FREQ=MONTHLY;BYDAY=2TU;INTERVAL=3', LONDON)).toEqual({ kind: 'monthlyWeekday', interval: 3, ordinal: 2, day: 'TU', ending: { kind: 'never' } });
    expect(parseRrule('FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15', LONDON)).toEqual({ kind: 'monthlyDay', interval: 1, monthDay: 15, ending: { kind: 'never' } });
  });
  it('reads a UTC UNTIL as a date in the event zone', () => {
    expect(untilLocalDate('20270101T045959Z', 'America/New_York')).toBe('2026-12-31');
    expect(untilLocalDate('20260731T225959Z', LONDON)).toBe('2026-07-31');
  });
  it('gives null for rules the editor cannot show', () => {
    for (const rule of [
      'FREQ=DAILY',
      'FREQ=YEARLY;BYMONTH=3',
      'FREQ=WEEKLY',
      'FREQ=WEEKLY;BYDAY=2TU',
      'FREQ=MONTHLY;BYDAY=2TU,4TU',
      'FREQ=MONTHLY;BYDAY=-2FR',
      'FREQ=MONTHLY;BYDAY=TU',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      'FREQ=MONTHLY;BYMONTHDAY=1,15',
      'FREQ=MONTHLY;BYMONTHDAY=15;BYDAY=MO',
      'FREQ=MONTHLY',
      'FREQ=WEEKLY;BYDAY=MO;WKST=SU',
      'FREQ=WEEKLY;BYDAY=MO;COUNT=3;UNTIL=20261231T000000Z',
      'FREQ=WEEKLY;BYDAY=MO;COUNT=0',
      'FREQ=WEEKLY;INTERVAL=0;BYDAY=MO',
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=soon',
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260230T000000Z',
      'FREQ=MONTHLY;INTERVAL=x;BYDAY=2TU',
      'FREQ=MONTHLY;INTERVAL=3;BYDAY=0TU',
      'FREQ=WEEKLY;FREQ=MONTHLY;BYDAY=MO',
      'garbage',
    ]) {
      expect(parseRrule(rule, LONDON), rule).toBeNull();
    }
  });
});

describe('summariseRecurrence', () => {
  it('says it in words', () => {
    expect(summariseRecurrence({ kind: 'monthlyWeekday', interval: 1, ordinal: 2, day: 'TU', ending: { kind: 'never' } }, '10:00–12:00', LONDON)).toBe(
      'Monthly on the 2nd Tuesday, 10:00–12:00, Europe/London',
    );
    expect(summariseRecurrence({ kind: 'monthlyWeekday', interval: 3, ordinal: 2, day: 'TU', ending: { kind: 'never' } }, '10:00–12:00', LONDON)).toBe(
      'Every 3 months on the 2nd Tuesday, 10:00–12:00, Europe/London',
    );
    expect(summariseRecurrence({ kind: 'monthlyWeekday', interval: 1, ordinal: -1, day: 'FR', ending: { kind: 'count', count: 4 } }, '', LONDON)).toBe(
      'Monthly on the last Friday, 4 times, Europe/London',
    );
    expect(summariseRecurrence({ kind: 'weekly', interval: 2, days: ['MO', 'TH'], ending: { kind: 'until', date: '2026-12-31' } }, '09:00–10:00', LONDON)).toBe(
      'Every 2 weeks on Monday and Thursday, until 31 December 2026, 09:00–10:00, Europe/London',
    );
    expect(summariseRecurrence({ kind: 'weekly', interval: 1, days: ['MO', 'TU', 'WE', 'TH', 'FR'], ending: { kind: 'count', count: 1 } }, '', LONDON)).toBe(
      'Weekly on weekdays, once, Europe/London',
    );
    expect(summariseRecurrence({ kind: 'monthlyDay', interval: 1, monthDay: 22, ending: { kind: 'never' } }, '', LONDON)).toBe('Monthly on the 22nd, Europe/London');
    expect(summariseRecurrence({ kind: 'monthlyDay', interval: 2, monthDay: 11, ending: { kind: 'never' } }, '', LONDON)).toBe('Every 2 months on the 11th, Europe/London');
    expect(summariseRecurrence({ kind: 'none' }, '10:00–11:00', LONDON)).toBe('Does not repeat, 10:00–11:00, Europe/London');
  });

  // The editor's words for a model are the words the rest of the app shows
  // for the rule it builds (describeRrule, like the server's Describe):
  // model → RRULE → words and model → words agree, in any zone.
  const models: Recurrence[] = [
    { kind: 'weekly', interval: 1, days: ['TU'], ending: { kind: 'count', count: 6 } },
    { kind: 'weekly', interval: 2, days: ['SU', 'MO'], ending: { kind: 'until', date: '2026-12-31' } },
    { kind: 'weekly', interval: 1, days: ['MO', 'TU', 'WE', 'TH', 'FR'], ending: { kind: 'never' } },
    { kind: 'monthlyWeekday', interval: 1, ordinal: 2, day: 'TU', ending: { kind: 'never' } },
    { kind: 'monthlyWeekday', interval: 3, ordinal: 2, day: 'TU', ending: { kind: 'until', date: '2027-03-09' } },
    { kind: 'monthlyWeekday', interval: 2, ordinal: -1, day: 'FR', ending: { kind: 'count', count: 1 } },
    { kind: 'monthlyWeekday', interval: 1, ordinal: 5, day: 'SA', ending: { kind: 'never' } },
    { kind: 'monthlyDay', interval: 1, monthDay: 1, ending: { kind: 'never' } },
    { kind: 'monthlyDay', interval: 4, monthDay: 23, ending: { kind: 'count', count: 3 } },
  ];
  for (const tz of [LONDON, 'America/New_York', 'Pacific/Auckland']) {
    it(`gives the same words as the rule it builds (${tz})`, () => {
      for (const r of models) {
        const rule = built(r, tz);
        expect(describeRrule(rule, tz), rule).toBe(summariseRecurrence(r, '', ''));
        // …and the words survive the rule being read back into the editor.
        expect(summariseRecurrence(parseRrule(rule, tz)!, '10:00–12:00', tz)).toBe(summariseRecurrence(r, '10:00–12:00', tz));
      }
    });
  }
  it('reads "Every 3 months on the 2nd Tuesday" back from its rule', () => {
    const r = parseRrule('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU', LONDON)!;
    expect(summariseRecurrence(r, '10:00–12:00', LONDON)).toBe('Every 3 months on the 2nd Tuesday, 10:00–12:00, Europe/London');
    expect(built(r)).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU');
  });
});
