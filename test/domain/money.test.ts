import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyDigits,
  decimalOf,
  divRound,
  formatMinor,
  mulDivRound,
  toMinor,
} from '../../lib/domain';

describe('currencyDigits', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['IDR', 2], // ISO 4217 says 2 (ICU's cash digits say 0)
    ['KWD', 3],
    ['BHD', 3],
    ['XYZ1', null],
    ['usd', null],
    ['', null],
    ['US', null],
  ])('%s → %s', (code, digits) => {
    expect(currencyDigits(code)).toBe(digits);
  });
});

describe('toMinor (half away from zero, on the decimal as written)', () => {
  it.each([
    [1.005, 2, 101], // 1.005 × 100 is 100.49999… in binary; as written it is a half → 101
    [-1.005, 2, -101],
    [1.255, 2, 126], // 125.49999… in binary
    [8.675, 2, 868], // 867.49999… in binary
    [0.125, 2, 13], // exactly representable half → away from zero
    [-0.125, 2, -13],
    [0.1 + 0.2, 2, 30], // 0.30000000000000004 → 30
    [1234.5, 0, 1235],
    [2.5, 0, 3], // not banker's rounding
    [-2.5, 0, -3],
    [0.5, 0, 1],
    [12.345, 3, 12_345],
    // halves above 2^16 dollars: 65,536.025 × 100 is 6,553,602.4999… in binary → still 6,553,603
    [65_536.025, 2, 6_553_603],
    [-65_536.025, 2, -6_553_603],
    [277_664_271.335, 2, 27_766_427_134],
    [12_345.678, 2, 1_234_568],
    [100_000, 2, 10_000_000],
    [0, 2, 0],
  ])('toMinor(%s, %s) = %s', (value, digits, expected) => {
    expect(toMinor(value, digits)).toBe(expected);
  });

  it('never returns −0', () => {
    expect(Object.is(toMinor(-0.001, 2), 0)).toBe(true);
    expect(Object.is(toMinor(-0, 2), 0)).toBe(true);
  });

  it('round-trips every whole number of cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(toMinor(cents / 100, 2)).toBe(cents);
      }),
      { numRuns: 1000 },
    );
  });

  it('rounds every half cent away from zero', () => {
    // k cents and a half, written with three decimals: 1.235 → 124, −1.235 → −124
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (k) => {
        const abs = Math.abs(k);
        const text = `${k < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}5`;
        expect(toMinor(Number(text), 2)).toBe(k < 0 ? k - 1 : k + 1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('divRound', () => {
  it.each([
    [5, 2, 3], // 2.5 → 3
    [-5, 2, -3], // −2.5 → −3
    [7, 3, 2], // 2.33 → 2
    [-7, 3, -2],
    [8, 3, 3], // 2.67 → 3
    [-8, 3, -3],
    [3, 2, 2], // 1.5 → 2
    [1, 2, 1], // 0.5 → 1
    [-1, 2, -1],
    [0, 5, 0],
    [10, 5, 2],
    [9_007_199_254_740_991, 10, 900_719_925_474_099], // …099.1 → …099
    [9_007_199_254_740_985, 10, 900_719_925_474_099], // …098.5 → …099
  ])('divRound(%s, %s) = %s', (n, d, expected) => {
    expect(divRound(n, d)).toBe(expected);
  });

  it('never returns −0', () => {
    expect(Object.is(divRound(-1, 3), 0)).toBe(true);
  });

  it('agrees with exact BigInt rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 1e9 }),
        (n, d) => {
          const bn = BigInt(n);
          const bd = BigInt(d);
          const abs = bn < 0n ? -bn : bn;
          const q = (2n * abs + bd) / (2n * bd);
          expect(divRound(n, d)).toBe(Number(bn < 0n ? -q : q) || 0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('mulDivRound', () => {
  it.each([
    // safe products
    [10_000, 8, 100, 800],
    [12_345, 5, 1_000, 62], // 61.725 → 62
    [-12_345, 5, 1_000, -62],
    // products beyond 2^53 (BigInt path); MAX = 9,007,199,254,740,991
    // MAX × 1,000 ÷ 1,000 = MAX exactly (the float product would be off)
    [9_007_199_254_740_991, 1_000, 1_000, 9_007_199_254_740_991],
    // MAX × 3 = 27,021,597,764,222,973; ÷ 7 = 3,860,228,252,031,853 r 2 → down
    [9_007_199_254_740_991, 3, 7, 3_860_228_252_031_853],
    // MAX × 5 = 45,035,996,273,704,955; ÷ 10 = 4,503,599,627,370,495.5 → away from zero
    [9_007_199_254_740_991, 5, 10, 4_503_599_627_370_496],
    [-9_007_199_254_740_991, 5, 10, -4_503_599_627_370_496],
    // 123,456,789,012 × 987,654,321 = 121,932,631,124,487,120,852; ÷ 10^9
    //   = 121,932,631,124.487… → 121,932,631,124
    [123_456_789_012, 987_654_321, 1_000_000_000, 121_932_631_124],
  ])('mulDivRound(%s, %s, %s) = %s', (a, b, d, expected) => {
    expect(mulDivRound(a, b, d)).toBe(expected);
  });

  it('agrees with exact BigInt rounding when the result is safe', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 1e7 }),
        fc.constantFrom(1, 10, 100, 1_000, 10_000, 1_000_000, 7, 3),
        (a, b, d) => {
          const n = BigInt(a) * BigInt(b);
          const bd = BigInt(d);
          const abs = n < 0n ? -n : n;
          const q = (2n * abs + bd) / (2n * bd);
          const expected = Number(n < 0n ? -q : q);
          if (!Number.isSafeInteger(expected)) return;
          expect(mulDivRound(a, b, d)).toBe(expected || 0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('decimalOf', () => {
  it.each([
    [0.1, 1, 1],
    [0.08, 8, 2],
    [1.5, 15, 1],
    [1.0845, 10_845, 4],
    [-0.25, -25, 2],
    [100, 100, 0],
    [0, 0, 0],
    [1e-7, 1, 7], // written 1e-7
    [0.0067, 67, 4],
    [123.456, 123_456, 3],
  ])('decimalOf(%s) = %s × 10^-%s', (value, units, scale) => {
    expect(decimalOf(value)).toEqual({ units, scale });
  });

  it('is the shortest decimal the number prints as', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (u, s) => {
        const value = u / 10 ** s;
        const d = decimalOf(value);
        expect(d.units / 10 ** d.scale).toBe(value);
        if (d.scale > 0) expect(d.units % 10).not.toBe(0);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'rejects %s',
    (value) => {
      expect(() => decimalOf(value)).toThrow(RangeError);
    },
  );
});

describe('formatMinor', () => {
  it.each([
    [1_234_500, 2, '12,345.00'],
    [1_200_000, 2, '12,000.00'],
    [300_000, 2, '3,000.00'],
    [5, 2, '0.05'],
    [-5, 2, '-0.05'],
    [0, 2, '0.00'],
    [100_000_000, 2, '1,000,000.00'],
    [1_234_567, 0, '1,234,567'],
    [999, 0, '999'],
    [1_234, 3, '1.234'],
    [-123_456_789, 2, '-1,234,567.89'],
  ])('formatMinor(%s, %s) = %s', (minorUnits, digits, text) => {
    expect(formatMinor(minorUnits, digits)).toBe(text);
  });
});
