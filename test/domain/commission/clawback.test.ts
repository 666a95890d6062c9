import { describe, expect, it } from 'vitest';
import { computeStatement, type Deal, type PlanInput } from '../../../lib/domain';
import { deal, dealLine, input, linesOf, plan, quota } from './fixtures';

/** Monthly quotas of 100,000 for r1 and r2, January to June 2026. */
const months = ['01', '02', '03', '04', '05', '06'];
const quotas = ['r1', 'r2'].flatMap((r) => months.map((m) => quota(`2026-${m}-01`, 100_000, r)));

/** Clawback window 90 days, a 200 SPIFF on every won deal. */
const withClawback = (overrides: Partial<PlanInput> = {}) =>
  plan({
    clawback: { windowDays: 90 },
    spiffs: [{ id: 'boost', name: 'Boost', when: [], amount: 200 }],
    ...overrides,
  });

function statement(periodStart: string, deals: Deal[], p = withClawback(), repId = 'r1') {
  return computeStatement(input({ plan: p, quotas, deals, periodStart, repId }));
}

describe('clawback window', () => {
  // Deal x: 50,000 closing 2026-01-15 → January: deal 50,000 × 8% = 4,000 + SPIFF 200 = 4,200.
  // Days from 2026-01-15: to 01-31 = 16; February 28 → 44; March 31 → 75.
  it.each([
    { reversedOn: '2026-02-10', days: 16 + 10, period: '2026-02-01', clawback: -4_200 },
    { reversedOn: '2026-04-10', days: 75 + 10, period: '2026-04-01', clawback: -4_200 },
    // exactly windowDays: 75 + 15 = 90 ≤ 90 → clawed back
    { reversedOn: '2026-04-15', days: 75 + 15, period: '2026-04-01', clawback: -4_200 },
    // one day outside: 91 > 90 → nothing
    { reversedOn: '2026-04-16', days: 75 + 16, period: '2026-04-01', clawback: null },
  ])('reversed $reversedOn ($days days)', ({ reversedOn, period, clawback }) => {
    const x = deal({ id: 'x', amount: 50_000, closeDate: '2026-01-15', reversedOn });
    // The period it closed in still pays it (it was not reversed in that period).
    const jan = statement('2026-01-01', [x]);
    expect(jan.total).toBe(4_200);
    const later = statement(period, [x]);
    const lines = linesOf(later, 'clawback');
    if (clawback === null) {
      expect(lines).toEqual([]);
      expect(later.total).toBe(0);
    } else {
      expect(lines.map((l) => [l.dealId, l.amount])).toEqual([['x', clawback]]);
      expect(later.total).toBe(clawback);
      expect(lines[0]!.explanation.length).toBeGreaterThan(10);
    }
  });
});

describe('reversal in the period the deal closed in', () => {
  it('is not credited at all, and nothing is clawed back later', () => {
    // y closes 03-05, reversed 03-20: March credits nothing; other deal z 10,000 → 800 + 200
    const y = deal({ id: 'y', amount: 30_000, closeDate: '2026-03-05', reversedOn: '2026-03-20' });
    const z = deal({ id: 'z', amount: 10_000, closeDate: '2026-03-10' });
    const mar = statement('2026-03-01', [y, z]);
    expect(mar.credited).toBe(10_000);
    expect(mar.lines.filter((l) => l.dealId === 'y')).toEqual([]);
    expect(mar.total).toBe(1_000);
    const apr = statement('2026-04-01', [y, z]);
    expect(apr.lines).toEqual([]);
    expect(apr.total).toBe(0);
  });

  it('is not credited even when the reversal is outside the clawback window', () => {
    // window 5 days, reversed 15 days later but in the same month → still not credited
    const y = deal({ id: 'y', amount: 30_000, closeDate: '2026-03-05', reversedOn: '2026-03-20' });
    const s = statement('2026-03-01', [y], withClawback({ clawback: { windowDays: 5 } }));
    expect(s.credited).toBe(0);
    expect(s.total).toBe(0);
  });

  it('a deal reversed on its close date is not credited', () => {
    const y = deal({ id: 'y', amount: 30_000, closeDate: '2026-03-05', reversedOn: '2026-03-05' });
    expect(statement('2026-03-01', [y]).credited).toBe(0);
  });
});

describe('clawback amount', () => {
  it('equals the line the deal had in its period, tiers included', () => {
    // January: a 90,000 (01-05) → 7,200 + 200; x 20,000 (01-15) → 10,000 × 8% = 800
    //   + 10,000 × 12% = 1,200 → 2,000 + SPIFF 200 = 2,200.
    // x reversed 02-10 (26 days) → February clawback −2,200 (not 20,000 × 8% = 1,600)
    const a = deal({ id: 'a', amount: 90_000, closeDate: '2026-01-05' });
    const x = deal({ id: 'x', amount: 20_000, closeDate: '2026-01-15', reversedOn: '2026-02-10' });
    const jan = statement('2026-01-01', [a, x]);
    expect(dealLine(jan, 'x')!.amount).toBe(2_000);
    const feb = statement('2026-02-01', [a, x]);
    expect(linesOf(feb, 'clawback').map((l) => l.amount)).toEqual([-2_200]);
    expect(feb.total).toBe(-2_200);
  });

  it('the per-period cap is not re-apportioned', () => {
    // cap 5,000. January: a 50,000 → 4,000 + 200; x 20,000 → 1,600 + 200 → 6,000 → cap −1,000
    // → January total 5,000. x reversed 02-10 → clawback of x's deal + SPIFF lines = −1,800
    const p = withClawback({ caps: { perPeriod: 5_000 } });
    const a = deal({ id: 'a', amount: 50_000, closeDate: '2026-01-05' });
    const x = deal({ id: 'x', amount: 20_000, closeDate: '2026-01-15', reversedOn: '2026-02-10' });
    expect(statement('2026-01-01', [a, x], p).total).toBe(5_000);
    const feb = statement('2026-02-01', [a, x], p);
    expect(linesOf(feb, 'clawback').map((l) => l.amount)).toEqual([-1_800]);
    expect(feb.total).toBe(-1_800);
  });

  it('a capped deal line is clawed back at what it paid', () => {
    // per-deal cap 3,000: January x 50,000 → 4,000 capped to 3,000 + SPIFF 200 = 3,200;
    // reversed 02-10 → February clawback −3,200
    const p = withClawback({ caps: { perDeal: 3_000 } });
    const x = deal({ id: 'x', amount: 50_000, closeDate: '2026-01-15', reversedOn: '2026-02-10' });
    expect(statement('2026-01-01', [x], p).total).toBe(3_200);
    expect(statement('2026-02-01', [x], p).total).toBe(-3_200);
  });

  it('a split rep gives back only their own lines', () => {
    // x 50,000 split r1 40% / r2 60%. r1 January: 20,000 × 8% = 1,600 + 200 × 40% = 80 → 1,680
    // r2 January: 30,000 × 8% = 2,400 + 200 × 60% = 120 → 2,520
    const x = deal({
      id: 'x',
      amount: 50_000,
      closeDate: '2026-01-15',
      reversedOn: '2026-02-10',
      splits: [
        { repId: 'r1', percent: 40 },
        { repId: 'r2', percent: 60 },
      ],
    });
    expect(statement('2026-02-01', [x], withClawback(), 'r1').total).toBe(-1_680);
    expect(statement('2026-02-01', [x], withClawback(), 'r2').total).toBe(-2_520);
  });

  it('other deals of the later period are paid as usual next to the clawback', () => {
    // x clawed back −4,200 in April; w 10,000 in April → 800 + 200 → April total −3,200
    const x = deal({ id: 'x', amount: 50_000, closeDate: '2026-01-15', reversedOn: '2026-04-10' });
    const w = deal({ id: 'w', amount: 10_000, closeDate: '2026-04-20' });
    const apr = statement('2026-04-01', [x, w]);
    expect(apr.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['deal', 800],
      ['spiff', 200],
      ['clawback', -4_200],
    ]);
    expect(apr.total).toBe(-3_200);
  });
});
