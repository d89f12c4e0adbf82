import { describe, expect, it } from 'vitest';
import { amountIn, cliffPeriodIndex, daysBetween, fundingSeries } from './funding';

const periods = [
  { label: 'Q1 2027', start: '2027-01-01', end: '2027-03-31', totals: [{ currency: 'GBP', amount: '12500.50' }, { currency: 'EUR', amount: '10' }] },
  { label: 'Q2 2027', start: '2027-04-01', end: '2027-06-30', totals: [{ currency: 'GBP', amount: '8000' }] },
  { label: 'Q3 2027', start: '2027-07-01', end: '2027-09-30', totals: [] },
];

describe('fundingSeries', () => {
  it('takes the reporting currency and marks the cliff period', () => {
    const s = fundingSeries(periods, 'GBP', '2027-05-01');
    expect(s.map((p) => p.amount)).toEqual([12500.5, 8000, 0]);
    expect(s.map((p) => p.exact)).toEqual(['12500.50', '8000', '0']);
    expect(s.map((p) => p.cliff)).toEqual([false, true, false]);
  });
  it('marks nothing without a cliff', () => {
    expect(fundingSeries(periods, 'GBP', null).some((p) => p.cliff)).toBe(false);
  });
});

describe('cliffPeriodIndex', () => {
  it('finds the period containing the day, inclusive at both ends', () => {
    expect(cliffPeriodIndex(periods, '2027-01-01')).toBe(0);
    expect(cliffPeriodIndex(periods, '2027-09-30')).toBe(2);
  });
  it('puts a cliff before the first period in the first, and one after the last nowhere', () => {
    expect(cliffPeriodIndex(periods, '2026-12-01')).toBe(0);
    expect(cliffPeriodIndex(periods, '2028-01-01')).toBe(-1);
  });
});

describe('amountIn and daysBetween', () => {
  it('defaults to 0 for a missing currency', () => expect(amountIn([], 'GBP')).toBe('0'));
  it('counts days across a DST change exactly', () => {
    expect(daysBetween('2027-03-01', '2027-04-01')).toBe(31);
    expect(daysBetween('2027-04-01', '2027-03-01')).toBe(-31);
  });
});
