import { describe, expect, it } from 'vitest';
import { computeStatement } from '../../../lib/domain';
import { codes, deal, dealLine, input, plan, quota } from './fixtures';

describe('fiscal quarters', () => {
  // Quarter plans, 8% up to 100%. Deals of 30,000 (FY start April) / 10,000 (FY start November)
  // on and around the quarter's edges.
  it('fiscalYearStartMonth 4: any date in May is the quarter 2026-04-01 to 2026-06-30', () => {
    // credited: 04-01 and 06-30 → 60,000; × 8% = 4,800; attainment 60,000 / 300,000 = 0.2
    const s = computeStatement(
      input({
        plan: plan({ period: 'quarter', fiscalYearStartMonth: 4 }),
        quotas: [quota('2026-04-01', 300_000)],
        deals: [
          deal({ id: 'before', amount: 30_000, closeDate: '2026-03-31' }),
          deal({ id: 'first', amount: 30_000, closeDate: '2026-04-01' }),
          deal({ id: 'last', amount: 30_000, closeDate: '2026-06-30' }),
          deal({ id: 'after', amount: 30_000, closeDate: '2026-07-01' }),
        ],
        periodStart: '2026-05-17',
      }),
    );
    expect([s.periodStart, s.periodEnd]).toEqual(['2026-04-01', '2026-06-30']);
    expect(s.lines.map((l) => l.dealId)).toEqual(['first', 'last']);
    expect(s.credited).toBe(60_000);
    expect(s.total).toBe(4_800);
    expect(s.attainment).toBeCloseTo(0.2, 12);
  });

  it('fiscalYearStartMonth 4: February is in the quarter January–March', () => {
    const s = computeStatement(
      input({
        plan: plan({ period: 'quarter', fiscalYearStartMonth: 4 }),
        quotas: [quota('2026-01-01', 300_000)],
        periodStart: '2026-02-15',
      }),
    );
    expect([s.periodStart, s.periodEnd]).toEqual(['2026-01-01', '2026-03-31']);
    expect(s.quota).toBe(300_000);
  });

  it('fiscalYearStartMonth 11: January 2026 is in the quarter 2025-11-01 to 2026-01-31', () => {
    // credited: 2025-11-01, 2025-12-31, 2026-01-31 → 30,000 × 8% = 2,400
    const s = computeStatement(
      input({
        plan: plan({ period: 'quarter', fiscalYearStartMonth: 11, effectiveFrom: '2025-01-01' }),
        quotas: [quota('2025-11-01', 120_000)],
        deals: [
          deal({ id: 'a', amount: 10_000, closeDate: '2025-10-31' }),
          deal({ id: 'b', amount: 10_000, closeDate: '2025-11-01' }),
          deal({ id: 'c', amount: 10_000, closeDate: '2025-12-31' }),
          deal({ id: 'd', amount: 10_000, closeDate: '2026-01-31' }),
          deal({ id: 'e', amount: 10_000, closeDate: '2026-02-01' }),
        ],
        periodStart: '2026-01-20',
      }),
    );
    expect([s.periodStart, s.periodEnd]).toEqual(['2025-11-01', '2026-01-31']);
    expect(s.lines.map((l) => l.dealId)).toEqual(['b', 'c', 'd']);
    expect(s.total).toBe(2_400);
    expect(s.quota).toBe(120_000);
  });

  it('a quota whose periodStart is not the period’s first day does not count', () => {
    // FY 11 quarter starts 2025-11-01; a quota dated 2026-01-01 belongs to no quarter start
    const s = computeStatement(
      input({
        plan: plan({ period: 'quarter', fiscalYearStartMonth: 11, effectiveFrom: '2025-01-01' }),
        quotas: [quota('2026-01-01', 120_000)],
        deals: [deal({ id: 'd', amount: 10_000, closeDate: '2026-01-15' })],
        periodStart: '2026-01-20',
      }),
    );
    expect(codes(s)).toContain('no_quota');
    expect(s.quota).toBeNull();
    expect(s.total).toBe(0);
  });

  it('a yearly plan with fiscalYearStartMonth 4', () => {
    const s = computeStatement(
      input({
        plan: plan({ period: 'year', fiscalYearStartMonth: 4, effectiveFrom: '2025-01-01' }),
        quotas: [quota('2025-04-01', 1_200_000)],
        periodStart: '2026-03-31',
      }),
    );
    expect([s.periodStart, s.periodEnd]).toEqual(['2025-04-01', '2026-03-31']);
    expect(s.quota).toBe(1_200_000);
  });

  it('a monthly statement for any day of the month', () => {
    const s = computeStatement(input({ periodStart: '2026-03-17' }));
    expect([s.periodStart, s.periodEnd]).toEqual(['2026-03-01', '2026-03-31']);
  });
});

describe('rounding', () => {
  it('JPY has 0 digits: each line is rounded to whole yen, half away from zero', () => {
    // single tier 2.5%, quota ¥10,000,000:
    //   ¥100 × 2.5% = 2.5 → ¥3;  ¥1,234,567 × 2.5% = 30,864.175 → ¥30,864;  ¥60 × 2.5% = 1.5 → ¥2
    // total = 3 + 30,864 + 2 = ¥30,869 (rounding the exact sum 30,868.175 would give 30,868)
    const s = computeStatement(
      input({
        plan: plan({ currency: 'JPY', tiers: [{ upTo: null, rate: 0.025 }] }),
        quotas: [quota('2026-03-01', 10_000_000)],
        deals: [
          deal({ id: 'a', amount: 100, currency: 'JPY', closeDate: '2026-03-01' }),
          deal({ id: 'b', amount: 1_234_567, currency: 'JPY', closeDate: '2026-03-02' }),
          deal({ id: 'c', amount: 60, currency: 'JPY', closeDate: '2026-03-03' }),
        ],
      }),
    );
    expect(s.currency).toBe('JPY');
    expect(s.lines.map((l) => l.amount)).toEqual([3, 30_864, 2]);
    expect(s.total).toBe(30_869);
    expect(dealLine(s, 'b')!.explanation).toContain('1,234,567 at 2.5%');
    expect(dealLine(s, 'b')!.explanation).not.toContain('1,234,567.00');
  });

  it('USD: half a cent rounds up, and the total is the sum of the rounded lines', () => {
    // single tier 5%:
    //   0.10 × 5% = 0.005 → 0.01 (three times)
    //   20.10 × 5% = 1.005 → 1.01 (20.1 × 0.05 × 100 is 100.49999… in binary floating point)
    //   0.30 × 5% = 0.015 → 0.02
    // total 0.01 × 3 + 1.01 + 0.02 = 1.06 (the exact sum 1.035 would round to 1.04)
    const s = computeStatement(
      input({
        plan: plan({ tiers: [{ upTo: null, rate: 0.05 }] }),
        deals: [
          deal({ id: 'a', amount: 0.1, closeDate: '2026-03-01' }),
          deal({ id: 'b', amount: 0.1, closeDate: '2026-03-02' }),
          deal({ id: 'c', amount: 0.1, closeDate: '2026-03-03' }),
          deal({ id: 'd', amount: 20.1, closeDate: '2026-03-04' }),
          deal({ id: 'e', amount: 0.3, closeDate: '2026-03-05' }),
        ],
      }),
    );
    expect(s.lines.map((l) => l.amount)).toEqual([0.01, 0.01, 0.01, 1.01, 0.02]);
    expect(s.total).toBe(1.06);
  });

  it('KWD has 3 digits', () => {
    // single tier 5%: 0.010 × 5% = 0.0005 → 0.001; 12.345 × 5% = 0.61725 → 0.617 → total 0.618
    const s = computeStatement(
      input({
        plan: plan({ currency: 'KWD', tiers: [{ upTo: null, rate: 0.05 }] }),
        quotas: [quota('2026-03-01', 10_000)],
        deals: [
          deal({ id: 'a', amount: 0.01, currency: 'KWD', closeDate: '2026-03-01' }),
          deal({ id: 'b', amount: 12.345, currency: 'KWD', closeDate: '2026-03-02' }),
        ],
      }),
    );
    expect(s.lines.map((l) => l.amount)).toEqual([0.001, 0.617]);
    expect(s.total).toBe(0.618);
  });

  it('IDR keeps 2 digits (ISO 4217), half away from zero', () => {
    // single tier 5%: IDR 0.10 × 5% = 0.005 → 0.01
    const s = computeStatement(
      input({
        plan: plan({ currency: 'IDR', tiers: [{ upTo: null, rate: 0.05 }] }),
        quotas: [quota('2026-03-01', 1_000_000)],
        deals: [deal({ id: 'a', amount: 0.1, currency: 'IDR' })],
      }),
    );
    expect(s.total).toBe(0.01);
  });
});

describe('quota problems', () => {
  it('no quota: pays nothing, attainment and tier null, problem no_quota', () => {
    const s = computeStatement(
      input({ quotas: [], deals: [deal({ id: 'a', amount: 50_000, closeDate: '2026-03-10' })] }),
    );
    expect(s.quota).toBeNull();
    expect(s.attainment).toBeNull();
    expect(s.tier).toBeNull();
    expect(s.total).toBe(0);
    expect(s.lines).toEqual([]);
    expect(codes(s)).toEqual(['no_quota']);
    expect(s.problems[0]!.message.length).toBeGreaterThan(10);
  });

  it('a quota for another rep or another period does not count', () => {
    const s = computeStatement(
      input({
        quotas: [quota('2026-03-01', 100_000, 'r2'), quota('2026-04-01', 100_000)],
        deals: [deal({ id: 'a', amount: 50_000 })],
      }),
    );
    expect(codes(s)).toEqual(['no_quota']);
    expect(s.total).toBe(0);
  });
});

describe('effective dates', () => {
  it('a plan starting mid-period credits only deals from its first day, and says so', () => {
    // effective from 03-16: 03-10 (20,000) not credited; 03-16 (10,000) and 03-20 (30,000) are
    // → 40,000 × 8% = 3,200
    const s = computeStatement(
      input({
        plan: plan({ effectiveFrom: '2026-03-16' }),
        deals: [
          deal({ id: 'early', amount: 20_000, closeDate: '2026-03-10' }),
          deal({ id: 'first', amount: 10_000, closeDate: '2026-03-16' }),
          deal({ id: 'late', amount: 30_000, closeDate: '2026-03-20' }),
        ],
      }),
    );
    expect(s.lines.map((l) => l.dealId)).toEqual(['first', 'late']);
    expect(s.credited).toBe(40_000);
    expect(s.total).toBe(3_200);
    const p = s.problems.find((x) => x.code === 'plan_partially_effective');
    expect(p?.severity).toBe('info');
  });

  it('a plan ending mid-period credits deals up to and including its last day', () => {
    // effective to 03-10: 03-05 (20,000) and 03-10 (5,000) credited → 25,000 × 8% = 2,000
    const s = computeStatement(
      input({
        plan: plan({ effectiveTo: '2026-03-10' }),
        deals: [
          deal({ id: 'a', amount: 20_000, closeDate: '2026-03-05' }),
          deal({ id: 'b', amount: 5_000, closeDate: '2026-03-10' }),
          deal({ id: 'c', amount: 30_000, closeDate: '2026-03-11' }),
        ],
      }),
    );
    expect(s.lines.map((l) => l.dealId)).toEqual(['a', 'b']);
    expect(s.total).toBe(2_000);
    expect(codes(s)).toContain('plan_partially_effective');
  });

  it.each([
    ['starts after the period', { effectiveFrom: '2026-05-01' }],
    ['ended before the period', { effectiveFrom: '2025-01-01', effectiveTo: '2026-02-28' }],
  ])('a plan that %s: nothing paid, problem plan_not_effective', (_why, dates) => {
    const s = computeStatement(
      input({ plan: plan(dates), deals: [deal({ id: 'a', amount: 50_000 })] }),
    );
    expect(codes(s)).toContain('plan_not_effective');
    expect(s.lines).toEqual([]);
    expect(s.total).toBe(0);
  });

  it('a plan effective for the whole period reports no effective-date problem', () => {
    const s = computeStatement(input({ plan: plan({ effectiveFrom: '2026-03-01' }) }));
    expect(s.problems).toEqual([]);
  });
});
