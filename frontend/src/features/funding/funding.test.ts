import { describe, expect, it } from 'vitest';
import { amountIn, cliffPeriodIndex, daysBetween, formatMonth, fundingSeries, inForceSeries, otherCurrencies } from './funding';

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

describe('inForceSeries', () => {
  const months = [
    { start: '2027-03-01', totals: [{ currency: 'EUR', amount: '3000.10' }, { currency: 'GBP', amount: '50000.00' }] },
    { start: '2027-04-01', totals: [{ currency: 'EUR', amount: '0' }, { currency: 'GBP', amount: '49999.99' }] },
    { start: '2027-05-01', totals: [] },
  ];
  it('takes the reporting currency, compares exactly with the threshold and marks the cliff month', () => {
    const s = inForceSeries(months, 'GBP', '50000', '2027-04-16');
    expect(s.map((p) => p.label)).toEqual(['Mar 2027', 'Apr 2027', 'May 2027']);
    expect(s.map((p) => p.exact)).toEqual(['50000.00', '49999.99', '0']);
    expect(s.map((p) => p.below)).toEqual([false, true, true]);
    expect(s.map((p) => p.cliff)).toEqual([false, true, false]);
    expect(s[0]!.others).toEqual([{ currency: 'EUR', amount: '3000.10' }]);
    expect(otherCurrencies(s)).toEqual(['EUR']);
  });
  it('marks nothing without a threshold or cliff', () => {
    const s = inForceSeries(months, 'GBP', null, null);
    expect(s.some((p) => p.below || p.cliff)).toBe(false);
  });
  it('labels months in any zone', () => expect(formatMonth('2026-12-01')).toBe('Dec 2026'));
});
