import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatEventWhen,
  formatLocalDateTime,
  humaniseTimestamps,
  isValidTimeZone,
  offsetAt,
  parseLocalDateTime,
  utcToZonedLocal,
  zonedToUtc,
} from './time';

const local = (s: string) => {
  const l = parseLocalDateTime(s);
  if (!l) throw new Error(`bad local ${s}`);
  return l;
};
const utc = (s: string, zone: string) => zonedToUtc(local(s), zone).instant.toISOString();

describe('parseLocalDateTime', () => {
  it('reads datetime-local values', () => {
    expect(parseLocalDateTime('2026-12-08T10:00')).toEqual({ year: 2026, month: 12, day: 8, hour: 10, minute: 0 });
    expect(parseLocalDateTime('2026-12-08T10:00:30')).toEqual({ year: 2026, month: 12, day: 8, hour: 10, minute: 0 });
  });

  it('rejects impossible dates and other formats', () => {
    expect(parseLocalDateTime('2026-02-30T10:00')).toBeNull();
    expect(parseLocalDateTime('2026-13-01T10:00')).toBeNull();
    expect(parseLocalDateTime('2026-12-08T24:00')).toBeNull();
    expect(parseLocalDateTime('08/12/2026 10:00')).toBeNull();
    expect(parseLocalDateTime('')).toBeNull();
  });

  it('round-trips through formatLocalDateTime', () => {
    expect(formatLocalDateTime(local('2027-01-05T07:05'))).toBe('2027-01-05T07:05');
  });
});

describe('zonedToUtc', () => {
  it('converts London winter time (GMT, +00:00)', () => {
    expect(zonedToUtc(local('2026-12-08T10:00'), 'Europe/London')).toEqual({ kind: 'exact', instant: new Date('2026-12-08T10:00:00Z') });
  });

  it('converts London summer time (BST, +01:00)', () => {
    expect(utc('2026-07-14T10:00', 'Europe/London')).toBe('2026-07-14T09:00:00.000Z');
  });

  it('uses the offset of the day itself on the day clocks go forward', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    expect(utc('2026-03-29T00:30', 'Europe/London')).toBe('2026-03-29T00:30:00.000Z');
    expect(utc('2026-03-29T03:00', 'Europe/London')).toBe('2026-03-29T02:00:00.000Z');
  });

  it('reads a time skipped by the spring change with the offset before it (RFC 5545)', () => {
    const c = zonedToUtc(local('2026-03-29T01:30'), 'Europe/London');
    expect(c.kind).toBe('skipped');
    expect(c.instant.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // shown as 02:30 BST
  });

  it('takes the first of a time repeated by the autumn change (RFC 5545)', () => {
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    const c = zonedToUtc(local('2026-10-25T01:30'), 'Europe/London');
    expect(c.kind).toBe('repeated');
    expect(c.instant.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    if (c.kind === 'repeated') expect(c.later.toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('handles zones west of UTC and their own DST dates', () => {
    expect(utc('2026-03-08T12:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z'); // EDT from that morning
    expect(utc('2026-03-07T12:00', 'America/New_York')).toBe('2026-03-07T17:00:00.000Z'); // EST
    expect(zonedToUtc(local('2026-03-08T02:30'), 'America/New_York').kind).toBe('skipped');
  });

  it('handles half- and quarter-hour offsets and the southern hemisphere', () => {
    expect(utc('2026-06-01T09:00', 'Asia/Kolkata')).toBe('2026-06-01T03:30:00.000Z');
    expect(utc('2026-06-01T09:00', 'Asia/Kathmandu')).toBe('2026-06-01T03:15:00.000Z');
    expect(utc('2026-01-15T09:00', 'Australia/Sydney')).toBe('2026-01-14T22:00:00.000Z'); // AEDT, +11
    expect(utc('2026-07-15T09:00', 'Australia/Sydney')).toBe('2026-07-14T23:00:00.000Z'); // AEST, +10
  });

  it('is the inverse of utcToZonedLocal across a whole year, hour by hour', () => {
    const zone = 'Europe/London';
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      const wall = utcToZonedLocal(new Date(t).toISOString(), zone);
      const back = zonedToUtc(local(wall), zone);
      // Repeated hours map back to their first occurrence; all others exactly.
      if (back.kind === 'repeated') expect([back.instant.getTime(), back.later.getTime()]).toContain(t);
      else expect(back.instant.getTime()).toBe(t);
    }
  });
});

describe('utcToZonedLocal and offsets', () => {
  it('shows an instant as wall-clock time in a zone', () => {
    expect(utcToZonedLocal('2026-07-14T09:00:00Z', 'Europe/London')).toBe('2026-07-14T10:00');
    expect(utcToZonedLocal('2026-12-08T10:00:00Z', 'Europe/London')).toBe('2026-12-08T10:00');
    expect(utcToZonedLocal('2026-12-08T10:00:00Z', 'Pacific/Auckland')).toBe('2026-12-08T23:00');
    expect(utcToZonedLocal('not a time', 'Europe/London')).toBe('');
  });

  it('knows zone offsets', () => {
    expect(offsetAt(Date.parse('2026-07-01T00:00:00Z'), 'Europe/London')).toBe(3_600_000);
    expect(offsetAt(Date.parse('2026-01-01T00:00:00Z'), 'Europe/London')).toBe(0);
  });

  it('validates IANA names', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Europe/Londres')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(' Europe/London')).toBe(false);
  });
});

describe('display formatting', () => {
  it('formats an event in its own time zone, collapsing the shared day', () => {
    expect(formatEventWhen('2026-12-08T10:00:00Z', '2026-12-08T12:30:00Z', 'Europe/London')).toBe('Tue, 8 Dec 2026, 10:00–12:30 GMT');
    expect(formatEventWhen('2026-07-14T09:00:00Z', '2026-07-14T11:00:00Z', 'Europe/London')).toBe('Tue, 14 Jul 2026, 10:00–12:00 BST');
  });

  it('formats the same instant differently per zone', () => {
    expect(formatDateTime('2026-07-14T09:00:00Z', 'Europe/London')).toContain('10:00');
    expect(formatDateTime('2026-07-14T09:00:00Z', 'America/New_York')).toContain('05:00');
  });

  it('formats all-day events as dates, with an exclusive end', () => {
    expect(formatEventWhen('2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z', 'Europe/London', true)).toBe('Tue, 8 Dec 2026');
  });

  it('falls back to UTC for a missing or unknown zone', () => {
    expect(formatDate('2026-12-08T23:30:00Z', null)).toBe('8 Dec 2026');
    expect(formatDate('2026-12-08T23:30:00Z', 'Nowhere/Else')).toBe('8 Dec 2026');
    expect(formatDate('2026-12-08T23:30:00Z', 'Europe/Berlin')).toBe('9 Dec 2026');
  });
});

describe('humaniseTimestamps', () => {
  it('rewrites instants in server messages as times in a zone', () => {
    expect(humaniseTimestamps('the event must end after it starts (starts 2026-07-14T09:00:00Z, ends 2026-07-14T08:00:00Z)', 'Europe/London')).toBe(
      'the event must end after it starts (starts Tue, 14 Jul 2026, 10:00 BST, ends Tue, 14 Jul 2026, 09:00 BST)',
    );
    expect(humaniseTimestamps('no times here', 'Europe/London')).toBe('no times here');
  });
});
