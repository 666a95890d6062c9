import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareCodePoints,
  nextPeriod,
  periodContaining,
  periodsBetween,
  type PeriodKind,
} from '../../lib/domain';

describe('periodContaining', () => {
  it.each<[string, PeriodKind, number, string, string]>([
    // months ignore the fiscal start
    ['2026-03-17', 'month', 1, '2026-03-01', '2026-03-31'],
    ['2024-02-10', 'month', 4, '2024-02-01', '2024-02-29'], // leap year
    ['2025-02-28', 'month', 11, '2025-02-01', '2025-02-28'],
    ['2026-12-31', 'month', 1, '2026-12-01', '2026-12-31'],
    // calendar quarters
    ['2026-01-01', 'quarter', 1, '2026-01-01', '2026-03-31'],
    ['2026-05-17', 'quarter', 1, '2026-04-01', '2026-06-30'],
    ['2026-12-31', 'quarter', 1, '2026-10-01', '2026-12-31'],
    // fiscal year from April: Q1 Apr–Jun, Q2 Jul–Sep, Q3 Oct–Dec, Q4 Jan–Mar
    ['2026-04-01', 'quarter', 4, '2026-04-01', '2026-06-30'],
    ['2026-05-17', 'quarter', 4, '2026-04-01', '2026-06-30'],
    ['2026-09-30', 'quarter', 4, '2026-07-01', '2026-09-30'],
    ['2026-11-11', 'quarter', 4, '2026-10-01', '2026-12-31'],
    ['2026-02-15', 'quarter', 4, '2026-01-01', '2026-03-31'],
    ['2026-03-31', 'quarter', 4, '2026-01-01', '2026-03-31'],
    // fiscal year from November: Nov–Jan, Feb–Apr, May–Jul, Aug–Oct
    ['2025-11-01', 'quarter', 11, '2025-11-01', '2026-01-31'],
    ['2025-12-31', 'quarter', 11, '2025-11-01', '2026-01-31'],
    ['2026-01-20', 'quarter', 11, '2025-11-01', '2026-01-31'],
    ['2026-02-01', 'quarter', 11, '2026-02-01', '2026-04-30'],
    ['2026-07-31', 'quarter', 11, '2026-05-01', '2026-07-31'],
    ['2026-10-31', 'quarter', 11, '2026-08-01', '2026-10-31'],
    ['2026-12-15', 'quarter', 11, '2026-11-01', '2027-01-31'],
    // fiscal year from December: Dec–Feb (leap February)
    ['2024-01-15', 'quarter', 12, '2023-12-01', '2024-02-29'],
    // years
    ['2026-06-30', 'year', 1, '2026-01-01', '2026-12-31'],
    ['2026-03-31', 'year', 4, '2025-04-01', '2026-03-31'],
    ['2026-04-01', 'year', 4, '2026-04-01', '2027-03-31'],
    ['2026-10-31', 'year', 11, '2025-11-01', '2026-10-31'],
    ['2026-11-01', 'year', 11, '2026-11-01', '2027-10-31'],
  ])('%s, %s, fiscal start %s → %s to %s', (date, kind, fy, start, end) => {
    expect(periodContaining(date, kind, fy)).toEqual({ start, end });
  });

  it('defaults to a January fiscal start', () => {
    expect(periodContaining('2026-08-08', 'quarter')).toEqual({
      start: '2026-07-01',
      end: '2026-09-30',
    });
  });

  it('every date lies in its period, and periods tile the calendar', () => {
    const dates = fc
      .integer({ min: 0, max: 365 * 30 })
      .map((d) => new Date(Date.UTC(2000, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        dates,
        fc.constantFrom<PeriodKind>('month', 'quarter', 'year'),
        fc.integer({ min: 1, max: 12 }),
        (date, kind, fy) => {
          const p = periodContaining(date, kind, fy);
          expect(p.start <= date && date <= p.end).toBe(true);
          expect(p.start.endsWith('-01')).toBe(true);
          if (kind !== 'month') {
            // a quarter/year starts a whole number of quarters after the fiscal start month
            const startMonth = Number(p.start.slice(5, 7));
            expect((startMonth - fy + 12) % (kind === 'quarter' ? 3 : 12)).toBe(0);
          }
          // the next period starts the day after this one ends
          const next = nextPeriod(p, kind, fy);
          const dayAfter = new Date(`${p.end}T00:00:00Z`);
          dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
          expect(next.start).toBe(dayAfter.toISOString().slice(0, 10));
          // any date of the period gives the same period
          expect(periodContaining(p.end, kind, fy)).toEqual(p);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('periodsBetween', () => {
  it('lists every period touching the range, in order', () => {
    expect(periodsBetween('2025-12-15', '2026-05-01', 'quarter', 11)).toEqual([
      { start: '2025-11-01', end: '2026-01-31' },
      { start: '2026-02-01', end: '2026-04-30' },
      { start: '2026-05-01', end: '2026-07-31' },
    ]);
    expect(periodsBetween('2026-03-01', '2026-02-01', 'month')).toEqual([]);
  });
});

describe('compareCodePoints', () => {
  const sign = (n: number) => Math.sign(n);
  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['', 'a', -1],
    ['a', 'ab', -1],
    ['B', 'a', -1], // U+0042 < U+0061 (locale order would put a first)
    ['Z', 'a', -1],
    ['a10', 'a2', -1], // not numeric
    ['é', 'z', 1], // U+00E9 > U+007A
    ['\uD7FF', '\uE000', -1],
    ['\uFF5E', '\u{1F600}', -1], // U+FF5E < U+1F600 (UTF-16 code units say the opposite)
    ['\uFFFF', '\u{10000}', -1],
    ['\u{1F600}', '\u{1F601}', -1],
    ['\u{1F600}a', '\u{1F600}b', -1],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(sign(compareCodePoints(a, b))).toBe(expected);
    expect(sign(compareCodePoints(b, a))).toBe(expected === 0 ? 0 : -expected);
  });

  it('orders like the lists of code points', () => {
    const codePoint = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7f }),
      fc.integer({ min: 0xe000, max: 0xffff }),
      fc.integer({ min: 0x10000, max: 0x10ffff }),
      fc.integer({ min: 0x80, max: 0xd7ff }),
    );
    const str = fc.array(codePoint, { maxLength: 6 }).map((cps) => String.fromCodePoint(...cps));
    const byCodePoints = (a: string, b: string) => {
      const x = Array.from(a, (c) => c.codePointAt(0)!);
      const y = Array.from(b, (c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++)
        if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    fc.assert(
      fc.property(str, str, (a, b) => {
        expect(sign(compareCodePoints(a, b))).toBe(sign(byCodePoints(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
});
