import { describe, expect, it } from 'vitest';
import { computeKpis, type Deal, type PlanInput } from '../../../lib/domain';

const plan: PlanInput = {
  id: 'plan',
  name: 'AE',
  currency: 'USD',
  period: 'quarter',
  effectiveFrom: '2026-01-01',
  tiers: [
    { upTo: 1, rate: 0.08 },
    { upTo: 1.5, rate: 0.12 },
    { upTo: null, rate: 0.15 },
  ],
  tierMode: 'marginal',
};

function deal(d: Partial<Deal> & Pick<Deal, 'id'>): Deal {
  return {
    name: d.id,
    amount: 10_000,
    currency: 'USD',
    stage: 'Prospecting',
    isClosed: false,
    isWon: false,
    closeDate: '2026-03-15',
    createdDate: '2026-01-01',
    ownerId: 'rep',
    ...d,
  };
}

const won = (id: string, amount: number, closeDate: string, createdDate = '2026-01-01') =>
  deal({ id, amount, closeDate, createdDate, isClosed: true, isWon: true, stage: 'Closed Won' });
const lost = (id: string, amount: number, closeDate: string) =>
  deal({ id, amount, closeDate, isClosed: true, isWon: false, stage: 'Closed Lost' });

const base = {
  plan,
  quotas: [{ repId: 'rep', periodStart: '2026-01-01', amount: 100_000 }],
  fxRates: [],
  repId: 'rep',
};

describe('computeKpis', () => {
  // Q1 2026 has 90 days (31 + 28 + 31). As of 2026-02-14: 31 + 14 = 45 days elapsed → 0.5.
  // Won: 40,000 (closed 02-01, created 01-01: 31 days) + 20,000 (closed 02-10, created 01-11: 30 days).
  // credited 60,000 → attainment 0.6, pace 0.6 − 0.5 = 0.1, gap 40,000.
  // Open in period: 30,000 at 50% + 50,000 at 20% → open 80,000, weighted 15,000 + 10,000 = 25,000.
  // coverage 80,000 / 40,000 = 2. projection (60,000 + 25,000) / 100,000 = 0.85.
  // Lost in the trailing 90 days: 10,000 (01-20). Win rate by count 2/3, by value 60,000/70,000.
  // Next tier: tier 1 ends at 100,000: 40,000 more reaches tier 2 at 12%.
  const deals = [
    won('w1', 40_000, '2026-02-01'),
    won('w2', 20_000, '2026-02-10', '2026-01-11'),
    lost('l1', 10_000, '2026-01-20'),
    deal({ id: 'o1', amount: 30_000, probability: 50, closeDate: '2026-03-20' }),
    deal({ id: 'o2', amount: 50_000, probability: 20, closeDate: '2026-03-31' }),
    deal({ id: 'o3', amount: 99_000, probability: 90, closeDate: '2026-04-01' }), // next quarter
    deal({
      id: 'x',
      amount: 70_000,
      ownerId: 'someone-else',
      isClosed: true,
      isWon: true,
      closeDate: '2026-02-01',
    }),
  ];
  const kpis = computeKpis({ ...base, deals, asOf: '2026-02-14' });

  it('computes attainment, pace and gap', () => {
    expect(kpis.periodStart).toBe('2026-01-01');
    expect(kpis.periodEnd).toBe('2026-03-31');
    expect(kpis.credited).toBe(60_000);
    expect(kpis.attainment).toBeCloseTo(0.6, 12);
    expect(kpis.expectedToDate).toBeCloseTo(0.5, 12);
    expect(kpis.pace).toBeCloseTo(0.1, 12);
    expect(kpis.gap).toBe(40_000);
  });

  it('computes pipeline, coverage and projection from open deals closing in the period', () => {
    expect(kpis.openPipeline).toBe(80_000);
    expect(kpis.weightedPipeline).toBe(25_000);
    expect(kpis.coverage).toBe(2);
    expect(kpis.projection).toBeCloseTo(0.85, 12);
  });

  it('computes win rate, deal size and cycle over the trailing 90 days', () => {
    expect(kpis.winRate).toMatchObject({ won: 2, lost: 1, wonValue: 60_000, lostValue: 10_000 });
    expect(kpis.winRate.byCount).toBeCloseTo(2 / 3, 12);
    expect(kpis.winRate.byValue).toBeCloseTo(6 / 7, 12);
    expect(kpis.averageDealSize).toBe(30_000);
    expect(kpis.averageCycleDays).toBe(30.5);
  });

  it('names the next tier and the credit needed to reach it', () => {
    expect(kpis.tier).toBe(1);
    expect(kpis.nextTier).toBe(2);
    expect(kpis.nextTierRate).toBe(0.12);
    expect(kpis.gapToNextTier).toBe(40_000);
  });

  it('reports no coverage once the quota is met, and no next tier in the last tier', () => {
    // 160,000 credited: above 150% → tier 3 (the last); gap 0 → coverage null, quota met.
    const k = computeKpis({
      ...base,
      deals: [won('big', 160_000, '2026-01-05')],
      asOf: '2026-01-31',
    });
    expect(k.quotaMet).toBe(true);
    expect(k.gap).toBe(0);
    expect(k.coverage).toBeNull();
    expect(k.tier).toBe(3);
    expect(k.nextTier).toBeNull();
    expect(k.gapToNextTier).toBeNull();
  });

  it('counts no days before the period and all of them after it', () => {
    const before = computeKpis({
      ...base,
      deals: [],
      asOf: '2025-12-31',
      periodStart: '2026-01-01',
    });
    const after = computeKpis({
      ...base,
      deals: [],
      asOf: '2026-05-01',
      periodStart: '2026-01-01',
    });
    expect(before.expectedToDate).toBe(0);
    expect(after.expectedToDate).toBe(1);
  });

  it('without a quota gives null ratios and says why', () => {
    const k = computeKpis({ ...base, quotas: [], deals, asOf: '2026-02-14' });
    expect(k.attainment).toBeNull();
    expect(k.pace).toBeNull();
    expect(k.coverage).toBeNull();
    expect(k.projection).toBeNull();
    expect(k.problems.map((p) => p.code)).toContain('no_quota');
  });

  it('reports a missing FX rate for an open deal instead of counting it as 0 or 1', () => {
    const k = computeKpis({
      ...base,
      deals: [deal({ id: 'eur', currency: 'EUR', amount: 10_000, probability: 50 })],
      asOf: '2026-02-14',
    });
    expect(k.openPipeline).toBe(0);
    expect(k.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'missing_fx_rate', dealId: 'eur' })]),
    );
  });
});
