import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../lib/crm/parse-amount';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('parseAmount', () => {
  it.each([
    // [text, localeHint, amount, currency]
    ['$125,000.00', undefined, 125000, null],
    ['$125,000.00', 'de-DE', 125000, null],
    ['EUR 1.234,50 (USD 1.337,12)', undefined, 1234.5, 'EUR'],
    ['EUR 1.234,50 (USD 1.337,12)', 'en-US', 1234.5, 'EUR'],
    ['USD 1,337.12', undefined, 1337.12, 'USD'],
    ['CHF 1’250’000.00', undefined, 1250000, 'CHF'],
    ["CHF 1'250'000.00", 'de-CH', 1250000, 'CHF'],
    [`1${NNBSP}234,50${NBSP}€`, undefined, 1234.5, 'EUR'],
    [`1${NBSP}234,50 €`, 'fr-FR', 1234.5, 'EUR'],
    ['1 234 567', undefined, 1234567, null],
    ['¥1,250,000', undefined, 1250000, null],
    ['￥1,250,000', undefined, 1250000, null],
    ['JP¥1,250,000', undefined, 1250000, 'JPY'],
    ['£9.99', undefined, 9.99, 'GBP'],
    ['€0,50', undefined, 0.5, 'EUR'],
    ['R$ 1.000,00', undefined, 1000, 'BRL'],
    ['Rp 1.234.567,00', 'id-ID', 1234567, 'IDR'],
    ['12,50,000.00', 'en-IN', 1250000, null],
    ['₹12,50,000.00', undefined, 1250000, 'INR'],
    ['1.250.000', undefined, 1250000, null],
    ['1,250,000', undefined, 1250000, null],
    ['125000', undefined, 125000, null],
    ['125000.5', undefined, 125000.5, null],
    ['1234,5', 'en-US', 1234.5, null],
    ['0,123', 'en-US', 0.123, null],
    ['.5', undefined, 0.5, null],
    ['1,234', 'en-US', 1234, null],
    ['1,234', 'de-DE', 1.234, null],
    ['1.234', 'en-US', 1.234, null],
    ['1.234', 'de-DE', 1234, null],
    ['1.234', 'de_DE', 1234, null],
    ['125,0', 'en-US', 1250, null],
    ['125.', 'en-US', 125, null],
    ['1,5', undefined, 1.5, null],
    ['-$1,234.00', undefined, -1234, null],
    ['$-1,234.00', undefined, -1234, null],
    ['−1 000 €', undefined, -1000, 'EUR'],
    ['($1,234.00)', undefined, -1234, null],
    ['1.234,50 EUR', undefined, 1234.5, 'EUR'],
    ['US$ 10', undefined, 10, 'USD'],
    ['0', undefined, 0, null],
    ['-0', undefined, 0, null],
    ['１２３', undefined, 123, null],
  ])('%s (hint %s) → %s %s', (text, hint, amount, currency) => {
    expect(parseAmount(text, hint)).toEqual({ ok: true, amount, currencyIsoCode: currency });
  });

  it.each(['', ' ', '-', '–', '—', NBSP])('%j is an empty amount', (text) => {
    expect(parseAmount(text)).toEqual({ ok: true, amount: null, currencyIsoCode: null });
  });

  it('keeps the currency of an empty amount that states one', () => {
    expect(parseAmount('EUR')).toEqual({ ok: true, amount: null, currencyIsoCode: 'EUR' });
  });

  it.each([
    ['1,234', 'ambiguous'],
    ['1.234', 'ambiguous'],
    ['12.5K', 'abbreviated'],
    ['$12.5K', 'abbreviated'],
    ['1,2 Mio. €', 'abbreviated'],
    ['3 Cr', 'abbreviated'],
    ['2.5M', 'abbreviated'],
    ['abc', 'invalid'],
    ['12abc', 'invalid'],
    ['1e5', 'invalid'],
    ['1.2.3,4,5', 'invalid'],
    ['1,234.56,7', 'invalid'],
    ['75%', 'invalid'],
    ['EUR 12 USD', 'invalid'],
    ['--5', 'invalid'],
    ['$ $', 'invalid'],
    ['<img src=x onerror=alert(1)>', 'invalid'],
    ['1' + '0'.repeat(16), 'out-of-range'],
  ] as const)('%j is an error (%s)', (text, error) => {
    expect(parseAmount(text)).toEqual({ ok: false, error });
  });

  it('never throws, whatever it is given', () => {
    for (const input of [
      null,
      undefined,
      42,
      {},
      '\u0000',
      '(',
      ')',
      '()',
      '((1))',
      '$'.repeat(5000),
    ]) {
      expect(() => parseAmount(input as unknown as string)).not.toThrow();
    }
  });

  it('treats $ and ¥ as ambiguous symbols, not currencies', () => {
    expect(parseAmount('$5')).toMatchObject({ currencyIsoCode: null });
    expect(parseAmount('¥5')).toMatchObject({ currencyIsoCode: null });
    expect(parseAmount('5 kr')).toMatchObject({ currencyIsoCode: null });
  });
});
