import { describe, expect, it } from 'vitest';
import { daysLeft, endsInText, isEndingSoon } from './expiry';

const now = new Date('2026-11-24T12:00:00Z');

describe('commitment expiry', () => {
  it('counts whole days left', () => {
    expect(daysLeft('2027-01-08T00:00:00Z', now)).toBe(44);
    expect(daysLeft('2026-11-24T00:00:00Z', now)).toBe(-1);
  });

  it('flags agreed commitments that end within 90 days', () => {
    expect(isEndingSoon({ status: 'AGREED', endsOn: '2027-01-08T00:00:00Z' }, now)).toBe(true);
    expect(isEndingSoon({ status: 'AGREED', endsOn: '2027-06-01T00:00:00Z' }, now)).toBe(false);
    expect(isEndingSoon({ status: 'AGREED', endsOn: '2026-11-01T00:00:00Z' }, now)).toBe(false);
    expect(isEndingSoon({ status: 'AGREED', endsOn: null }, now)).toBe(false);
  });

  it('ignores commitments that are not live agreements', () => {
    expect(isEndingSoon({ status: 'PROPOSED', endsOn: '2027-01-08T00:00:00Z' }, now)).toBe(false);
    expect(isEndingSoon({ status: 'DELIVERED', endsOn: '2027-01-08T00:00:00Z' }, now)).toBe(false);
  });
});

describe('endsInText', () => {
  it('reads naturally', () => {
    expect(endsInText(0)).toBe('Ends today');
    expect(endsInText(1)).toBe('Ends tomorrow');
    expect(endsInText(44)).toBe('Ends in 44 days');
  });
});
