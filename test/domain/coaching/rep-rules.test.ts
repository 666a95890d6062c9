import { describe, it, expect } from 'vitest';
import type { CoachingKpis, RepRule } from '../../../lib/domain/coaching';
import { lowCoverage } from '../../../lib/domain/coaching/rules/low-coverage';
import { nextTierWithinReach } from '../../../lib/domain/coaching/rules/next-tier-within-reach';
import { paceBehind } from '../../../lib/domain/coaching/rules/pace-behind';
import type { CoachingThresholds } from '../../../lib/domain/schemas';
import { AS_OF, kpis, settings } from './fixtures';

function run(rule: RepRule, overrides: Partial<CoachingKpis>, t: Partial<CoachingThresholds> = {}) {
  return rule.evaluate({
    repId: 'rep-1',
    kpis: kpis(overrides),
    asOf: AS_OF,
    thresholds: settings(t).coaching,
  });
}

type Row = [label: string, overrides: Partial<CoachingKpis>, title: string | null];

describe('low-coverage (coverage !== null && coverage < 3)', () => {
  const rows: Row[] = [
    ['1.8×', { coverage: 1.8 }, 'Pipeline covers 1.8× of your gap (target 3×)'],
    // 2.996 is cut, not rounded, so it never reads as the target
    ['2.996×', { coverage: 2.996 }, 'Pipeline covers 2.99× of your gap (target 3×)'],
    ['no pipeline', { coverage: 0 }, 'Pipeline covers 0× of your gap (target 3×)'],
    ['exactly 3×', { coverage: 3 }, null],
    // a ratio that should be 3 but came out 2.9999999999999996 in binary reads as 3
    ['3× with binary noise', { coverage: 2.9999999999999996 }, null],
    ['4×', { coverage: 4 }, null],
    ['quota met (null)', { coverage: null }, null],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(lowCoverage, overrides)?.title ?? null).toBe(title);
  });

  it('follows the threshold setting: 2× target', () => {
    expect(run(lowCoverage, { coverage: 2.5 }, { minCoverage: 2 })).toBeNull();
    expect(run(lowCoverage, { coverage: 1.5 }, { minCoverage: 2 })?.title).toBe(
      'Pipeline covers 1.5× of your gap (target 2×)',
    );
  });
});

describe('pace-behind (pace < −10/100)', () => {
  const rows: Row[] = [
    // attainment 38% vs expected 50%: pace −0.12 → 12 points behind
    ['12 points behind', { pace: -0.12 }, '12 points behind pace'],
    ['10.5 points behind', { pace: -0.105 }, '10.5 points behind pace'],
    // exactly 10 points is not "more than 10"
    ['exactly 10 points', { pace: -0.1 }, null],
    // 0.4 − 0.5 = −0.09999999999999998: 10 points
    ['10 points with binary noise', { pace: 0.4 - 0.5 }, null],
    // 0.7 − 0.8 = −0.10000000000000009: still 10 points, not "more than 10"
    ['10 points with noise past the line', { pace: 0.7 - 0.8 }, null],
    ['5 points behind', { pace: -0.05 }, null],
    ['ahead', { pace: 0.2 }, null],
    ['no quota (null)', { pace: null }, null],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(paceBehind, overrides)?.title ?? null).toBe(title);
  });

  it('follows the threshold setting: 5 points', () => {
    expect(run(paceBehind, { pace: -0.06 }, { paceBehindPoints: 5 })?.title).toBe(
      '6 points behind pace',
    );
  });
});

describe('next-tier-within-reach (0 ≤ gap ≤ 10% × quota), info', () => {
  const rows: Row[] = [
    // quota 100,000 → limit 10,000; gap 4,000 ≤ 10,000
    [
      '4,000 of a 10,000 limit',
      { gapToNextTier: 4_000 },
      'USD 4,000.00 more credit reaches tier 2 (12%)',
    ],
    // exactly 10% is inside
    ['exactly 10%', { gapToNextTier: 10_000 }, 'USD 10,000.00 more credit reaches tier 2 (12%)'],
    ['one cent over', { gapToNextTier: 10_000.01 }, null],
    // compared in cents: 300,000 ≤ 30,000 × 0.1 → 300,000
    [
      '3,000 of 30,000',
      { gapToNextTier: 3_000, quota: 30_000 },
      'USD 3,000.00 more credit reaches tier 2 (12%)',
    ],
    ['on the boundary', { gapToNextTier: 0 }, 'Your next deal takes you into tier 2 (12%)'],
    ['no next tier', { gapToNextTier: null, nextTier: null, nextTierRate: null }, null],
    ['no quota', { quota: null }, null],
    ['zero quota', { quota: 0, gapToNextTier: 0 }, null],
    ['far away', { gapToNextTier: 20_000 }, null],
    [
      'rate unknown',
      { gapToNextTier: 500, nextTierRate: null, nextTier: 3 },
      'USD 500.00 more credit reaches tier 3',
    ],
    // JPY has no minor unit
    [
      'JPY',
      { gapToNextTier: 150_000, quota: 5_000_000, currency: 'JPY', nextTierRate: 0.125 },
      'JPY 150,000 more credit reaches tier 2 (12.5%)',
    ],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(nextTierWithinReach, overrides)?.title ?? null).toBe(title);
  });

  it('compares in minor units: 12 × 0.3 = 3.5999999999999996 in binary, yet a gap of 3.60 is within', () => {
    expect(
      run(nextTierWithinReach, { quota: 12, gapToNextTier: 3.6 }, { nextTierWithinFraction: 0.3 }),
    ).not.toBeNull();
    expect(
      run(nextTierWithinReach, { quota: 12, gapToNextTier: 3.61 }, { nextTierWithinFraction: 0.3 }),
    ).toBeNull();
  });

  it('is motivating: severity info, the rate in the detail', () => {
    expect(nextTierWithinReach.severity).toBe('info');
    expect(run(nextTierWithinReach, { gapToNextTier: 4_000 })?.detail).toBe(
      'You are close: USD 4,000.00 more credit takes you into tier 2, paid at 12%.',
    );
  });
});
