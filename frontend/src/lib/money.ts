// Money arrives as a Decimal string ("25000.50"). It is formatted with
// Intl.NumberFormat, which accepts decimal strings exactly, and added up
// with BigInt — never through floating point.
import { LOCALE } from './time';

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Whether s is a plain decimal number such as "-12.50". */
export function isDecimal(s: string): boolean {
  return DECIMAL_RE.test(s.trim());
}

interface Scaled {
  units: bigint; // value × 10^scale
  scale: number;
}

function toScaled(s: string): Scaled {
  const m = DECIMAL_RE.exec(s.trim());
  if (!m) throw new RangeError(`not a decimal number: ${JSON.stringify(s)}`);
  const [, sign, int = '0', frac = ''] = m;
  const units = BigInt(int + frac) * (sign === '-' ? -1n : 1n);
  return { units, scale: frac.length };
}

function rescale(v: Scaled, scale: number): bigint {
  return v.units * 10n ** BigInt(scale - v.scale);
}

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}

/** Exact sum of decimal strings: sumDecimals(["0.1", "0.2"]) === "0.3". */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(toScaled);
  const scale = parsed.reduce((max, v) => Math.max(max, v.scale), 0);
  const total = parsed.reduce((acc, v) => acc + rescale(v, scale), 0n);
  return fromScaled(total, scale);
}

/** Exact comparison of two decimal strings: -1, 0 or 1. */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const moneyFormatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = moneyFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormatters.set(key, f);
  }
  return f;
}

type StringFormattable = { format(value: number | bigint | string): string };

/**
 * "£25,000.50" for ("25000.50", "GBP"). The decimal string goes to Intl as
 * it is (exact, ES2023); an unknown currency code falls back to "25,000.50 XYZ".
 */
export function formatMoney(amount: string, currency: string | null | undefined, locale = LOCALE): string {
  if (!isDecimal(amount)) return currency ? `${amount} ${currency}` : amount;
  const value = amount.trim();
  if (!currency) {
    return (new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }) as StringFormattable).format(value);
  }
  try {
    return (moneyFormatter(currency.toUpperCase(), locale) as StringFormattable).format(value);
  } catch {
    const plain = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }) as StringFormattable;
    return `${plain.format(value)} ${currency}`;
  }
}

/** "7.5" → "7.5"; formats a decimal quantity such as hours. */
export function formatQuantity(value: string, locale = LOCALE): string {
  if (!isDecimal(value)) return value;
  return (new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }) as StringFormattable).format(value.trim());
}

/**
 * Totals per currency, in first-seen order, exact. Rows without an amount
 * or currency are skipped.
 */
export function totalsByCurrency(
  rows: ReadonlyArray<{ amount?: string | null; currency?: string | null }>,
): Array<{ currency: string; total: string; count: number }> {
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.amount || !r.currency || !isDecimal(r.amount)) continue;
    const list = groups.get(r.currency) ?? [];
    list.push(r.amount);
    groups.set(r.currency, list);
  }
  return [...groups].map(([currency, amounts]) => ({ currency, total: sumDecimals(amounts), count: amounts.length }));
}
