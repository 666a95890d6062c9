import { describe, expect, it } from 'vitest';
import { computeStatement, computeStatements, whatIf } from '../../../lib/domain';
import { codes, deal, input, linesOf, plan, quota } from './fixtures';

/**
 * Draw 3,000 per month; quota 100,000 each month January–May 2026 (8% in tier 1).
 * Earnings by month (deal lines only):
 *   Jan  25,000 × 8% = 2,000
 *   Feb  no deals    =     0
 *   Mar  62,500 × 8% = 5,000
 *   Apr 100,000 × 8% = 8,000
 *   May  37,500 × 8% = 3,000 (exactly the draw)
 */
const quotas = ['01', '02', '03', '04', '05'].map((m) => quota(`2026-${m}-01`, 100_000));
const deals = [
  deal({ id: 'jan', amount: 25_000, closeDate: '2026-01-10' }),
  deal({ id: 'mar', amount: 62_500, closeDate: '2026-03-10' }),
  deal({ id: 'apr', amount: 100_000, closeDate: '2026-04-10' }),
  deal({ id: 'may', amount: 37_500, closeDate: '2026-05-10' }),
];
const run = (recoverable: boolean, from = '2026-01-01', to = '2026-05-31') =>
  computeStatements({
    plan: plan({ draw: { amount: 3_000, recoverable } }),
    quotas,
    deals,
    fxRates: [],
    repId: 'r1',
    from,
    to,
  });
const view = (s: ReturnType<typeof run>[number]) =>
  s.lines.filter((l) => l.kind === 'draw' || l.kind === 'recovery').map((l) => [l.kind, l.amount]);

describe('non-recoverable draw', () => {
  it('tops each period up to the draw and never recovers', () => {
    // Jan 2,000 + draw 1,000 = 3,000; Feb 0 + draw 3,000 = 3,000; Mar 5,000; Apr 8,000;
    // May 3,000 (= draw, no line)
    const s = run(false);
    expect(s.map((x) => x.periodStart)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
    ]);
    expect(s.map(view)).toEqual([[['draw', 1_000]], [['draw', 3_000]], [], [], []]);
    expect(s.map((x) => x.total)).toEqual([3_000, 3_000, 5_000, 8_000, 3_000]);
    expect(s.map((x) => x.drawBalance)).toEqual([0, 0, 0, 0, 0]);
  });

  it('a single statement gets the same top-up', () => {
    const s = computeStatement(
      input({
        plan: plan({ draw: { amount: 3_000, recoverable: false } }),
        quotas,
        deals,
        periodStart: '2026-02-14',
      }),
    );
    expect(s.total).toBe(3_000);
  });
});

describe('recoverable draw', () => {
  // Jan: 2,000 → draw 1,000, balance 1,000, total 3,000
  // Feb: 0 → draw 3,000, balance 4,000, total 3,000
  // Mar: 5,000 → recover min(4,000, 5,000 − 3,000) = 2,000, balance 2,000, total 3,000
  // Apr: 8,000 → recover min(2,000, 8,000 − 3,000) = 2,000, balance 0, total 6,000
  // May: 3,000 = draw → no draw, nothing to recover, total 3,000
  it('top-ups form a balance recovered from earnings above the draw, never below it', () => {
    const s = run(true);
    expect(s.map(view)).toEqual([
      [['draw', 1_000]],
      [['draw', 3_000]],
      [['recovery', -2_000]],
      [['recovery', -2_000]],
      [],
    ]);
    expect(s.map((x) => x.total)).toEqual([3_000, 3_000, 3_000, 6_000, 3_000]);
    expect(s.map((x) => x.drawBalance)).toEqual([1_000, 4_000, 2_000, 0, 0]);
    for (const st of s) expect(st.total).toBeGreaterThanOrEqual(3_000);
  });

  it('a run that starts later still carries the balance from the plan start', () => {
    // from March: the January and February top-ups (4,000) are still owed
    const s = run(true, '2026-03-01', '2026-04-30');
    expect(s.map((x) => x.periodStart)).toEqual(['2026-03-01', '2026-04-01']);
    expect(s.map(view)).toEqual([[['recovery', -2_000]], [['recovery', -2_000]]]);
    expect(s.map((x) => x.total)).toEqual([3_000, 6_000]);
  });

  it('computeStatement for one period computes the earlier ones first', () => {
    const s = computeStatement(
      input({
        plan: plan({ draw: { amount: 3_000, recoverable: true } }),
        quotas,
        deals,
        periodStart: '2026-04-20',
      }),
    );
    expect(linesOf(s, 'recovery').map((l) => l.amount)).toEqual([-2_000]);
    expect(s.total).toBe(6_000);
    expect(s.drawBalance).toBe(0);
  });

  it('earnings above the draw but the balance is larger: recovers only down to the draw', () => {
    // Jan 0 → draw 3,000 (balance 3,000); Feb 3,500 (43,750 × 8%) → recover 500 → total 3,000
    const s = computeStatements({
      plan: plan({ draw: { amount: 3_000, recoverable: true } }),
      quotas,
      deals: [deal({ id: 'f', amount: 43_750, closeDate: '2026-02-10' })],
      fxRates: [],
      repId: 'r1',
      from: '2026-01-01',
      to: '2026-02-28',
    });
    expect(s.map(view)).toEqual([[['draw', 3_000]], [['recovery', -500]]]);
    expect(s.map((x) => x.total)).toEqual([3_000, 3_000]);
    expect(s.map((x) => x.drawBalance)).toEqual([3_000, 2_500]);
  });
});

describe('what-if with a recoverable draw', () => {
  // April, as above: earnings 8,000, recovers 2,000 of the 2,000 balance → total 6,000.
  // Each change below is tried on the same inputs one after the other, as keystrokes are.
  const april = input({
    plan: plan({ draw: { amount: 3_000, recoverable: true } }),
    quotas,
    deals,
    periodStart: '2026-04-20',
  });
  const apr = deals[2]!;
  const jan = deals[0]!;

  it('a change in the period: the balance carried into it is the same', () => {
    // apr 50,000 → 4,000 → recovers min(2,000, 4,000 − 3,000) = 1,000 → total 3,000,
    // balance 1,000
    const r = whatIf(april, { deal: { ...apr, amount: 50_000 } });
    expect([r.before.total, r.after.total, r.delta]).toEqual([6_000, 3_000, -3_000]);
    expect([r.before.drawBalance, r.after.drawBalance]).toEqual([0, 1_000]);
    expect(r.after).toEqual(
      computeStatement({
        ...april,
        deals: deals.map((d) => (d === apr ? { ...apr, amount: 50_000 } : d)),
      }),
    );
  });

  it('a change in an earlier period carries a different balance into it', () => {
    // jan 50,000 → 4,000: no top-up; Feb 0 → draw 3,000 (balance 3,000); Mar 5,000 →
    // recovers 2,000 (balance 1,000); Apr 8,000 → recovers 1,000 → total 7,000, balance 0
    const changed = { ...jan, amount: 50_000 };
    const r = whatIf(april, { deal: changed });
    expect([r.before.total, r.after.total, r.delta]).toEqual([6_000, 7_000, 1_000]);
    expect(linesOf(r.after, 'recovery').map((l) => l.amount)).toEqual([-1_000]);
    expect(r.after).toEqual(
      computeStatement({ ...april, deals: deals.map((d) => (d === jan ? changed : d)) }),
    );
  });

  it('a new deal in an earlier period', () => {
    // Feb 12,500 → 1,000: draw 2,000 (balance 1,000 + 2,000 = 3,000); Mar recovers 2,000
    // (balance 1,000); Apr recovers 1,000 → total 7,000
    const feb = deal({ id: 'feb', amount: 12_500, closeDate: '2026-02-10' });
    const r = whatIf(april, { deal: feb });
    expect([r.after.total, r.delta, r.after.drawBalance]).toEqual([7_000, 1_000, 0]);
    expect(r.after).toEqual(computeStatement({ ...april, deals: [...deals, feb] }));
    // and the before side is still the statement as it is
    expect(r.before).toEqual(computeStatement(april));
  });
});

describe('draws and missing quotas', () => {
  it('a period without a quota pays nothing, draw included (reading of "pays nothing")', () => {
    const s = computeStatement(
      input({
        plan: plan({ draw: { amount: 3_000, recoverable: false } }),
        quotas: [],
        deals,
        periodStart: '2026-02-01',
      }),
    );
    expect(codes(s)).toContain('no_quota');
    expect(s.total).toBe(0);
  });
});

describe('draws and clawbacks', () => {
  it('a clawback counts in earnings, and the draw tops up from there', () => {
    // January: x 50,000 × 8% = 4,000 (above the 3,000 draw). x reversed 2026-02-10 (26 days,
    // window 90): February earnings = clawback −4,000 → draw line 3,000 − (−4,000) = 7,000,
    // February total 3,000 (DOMAIN.md: earnings include clawback lines).
    const x = deal({ id: 'x', amount: 50_000, closeDate: '2026-01-15', reversedOn: '2026-02-10' });
    const s = computeStatements({
      plan: plan({ draw: { amount: 3_000, recoverable: false }, clawback: { windowDays: 90 } }),
      quotas,
      deals: [x],
      fxRates: [],
      repId: 'r1',
      from: '2026-01-01',
      to: '2026-02-28',
    });
    expect(s.map((st) => st.lines.map((l) => [l.kind, l.amount]))).toEqual([
      [['deal', 4_000]],
      [
        ['clawback', -4_000],
        ['draw', 7_000],
      ],
    ]);
    expect(s.map((st) => st.total)).toEqual([4_000, 3_000]);
  });
});
