import { describe, expect, it } from 'vitest';
import { compareDecimals, formatMoney, formatQuantity, isDecimal, sumDecimals, totalsByCurrency } from './money';

describe('formatMoney', () => {
  it('formats decimal strings as currency', () => {
    expect(formatMoney('25000.50', 'GBP')).toBe('£25,000.50');
    expect(formatMoney('1200', 'EUR')).toBe('€1,200.00');
    expect(formatMoney('-1234.5', 'EUR')).toBe('-€1,234.50');
  });

  it('keeps every digit of amounts beyond floating-point precision', () => {
    // As a float this would print …568.00.
    expect(formatMoney('12345678901234567.89', 'GBP')).toBe('£12,345,678,901,234,567.89');
  });

  it('copes with codes Intl cannot use and with missing currencies', () => {
    expect(formatMoney('10', 'GB')).toBe('10 GB');
    expect(formatMoney('1500.5', null)).toBe('1,500.5');
    expect(formatMoney('n/a', 'GBP')).toBe('n/a GBP');
  });

  it('formats quantities such as hours', () => {
    expect(formatQuantity('7.5')).toBe('7.5');
    expect(formatQuantity('1000')).toBe('1,000');
  });
});

describe('decimal arithmetic', () => {
  it('adds exactly', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['25000.50', '1999.99', '0.01'])).toBe('27000.50');
    expect(sumDecimals(['-5', '2.25'])).toBe('-2.75');
    expect(sumDecimals(['-0.5', '0.25'])).toBe('-0.25');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['9007199254740993', '1'])).toBe('9007199254740994');
  });

  it('compares exactly', () => {
    expect(compareDecimals('10.10', '10.1')).toBe(0);
    expect(compareDecimals('0.3', '0.29999999999999999')).toBe(1);
    expect(compareDecimals('-1', '0')).toBe(-1);
  });

  it('recognises decimal strings', () => {
    expect(isDecimal('12.50')).toBe(true);
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal('')).toBe(false);
  });

  it('rejects what is not a decimal', () => {
    expect(() => sumDecimals(['1', 'abc'])).toThrow(RangeError);
  });

  it('totals per currency, skipping rows without an amount', () => {
    expect(
      totalsByCurrency([
        { amount: '100.10', currency: 'GBP' },
        { amount: '50', currency: 'EUR' },
        { amount: null, currency: 'GBP' },
        { amount: '0.20', currency: 'GBP' },
      ]),
    ).toEqual([
      { currency: 'GBP', total: '100.30', count: 2 },
      { currency: 'EUR', total: '50', count: 1 },
    ]);
  });
});
