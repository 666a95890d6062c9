import { describe, expect, it } from 'vitest';
import { computeStatement, whatIf } from '../../../lib/domain';
import { deal, input, plan } from './fixtures';

// Reference plan, quota 100,000. a: won 88,000 on 03-05 → 88,000 × 8% = 7,040 (tier 1).
// b: an open 10,000 deal closing 03-25 (not credited).
const a = deal({ id: 'a', amount: 88_000, closeDate: '2026-03-05' });
const b = deal({
  id: 'b',
  amount: 10_000,
  closeDate: '2026-03-25',
  isClosed: false,
  isWon: false,
  stage: 'Negotiation',
});

describe('whatIf', () => {
  it('a changed deal: the open deal typed in as won at a new amount', () => {
    // after: b won 15,000 → 12,000 × 8% = 960 + 3,000 × 12% = 360 = 1,320 → total 8,360
    const deals = [a, b];
    const r = whatIf(input({ deals }), {
      deal: { ...b, amount: 15_000, isClosed: true, isWon: true, stage: 'Closed Won' },
    });
    expect(r.before.total).toBe(7_040);
    expect(r.after.total).toBe(8_360);
    expect(r.delta).toBe(1_320);
    expect(r.tierBefore).toBe(1);
    expect(r.tierAfter).toBe(2);
    expect(r.after.lines.map((l) => l.dealId)).toEqual(['a', 'b']);
    // the input is left as it was
    expect(deals[1]).toBe(b);
    expect(b.isWon).toBe(false);
  });

  it('a new deal landing exactly on 150%', () => {
    // c 62,000 on 03-28: 88,000 + 62,000 = 150,000 → c: 12,000 × 8% = 960 + 50,000 × 12% = 6,000
    // = 6,960; after 14,000; tier 2 (exactly 150% stays in tier 2)
    const r = whatIf(input({ deals: [a, b] }), {
      deal: deal({ id: 'c', amount: 62_000, closeDate: '2026-03-28' }),
    });
    expect(r.before.total).toBe(7_040);
    expect(r.after.total).toBe(14_000);
    expect(r.delta).toBe(6_960);
    expect([r.tierBefore, r.tierAfter]).toEqual([1, 2]);
  });

  it('retroactive: crossing a boundary re-rates the deals already won', () => {
    // before: 88,000 × 8% = 7,040. after (b won at 15,000, 103%): 88,000 × 12% = 10,560
    // + 15,000 × 12% = 1,800 = 12,360 → delta 5,320
    const r = whatIf(input({ plan: plan({ tierMode: 'retroactive' }), deals: [a, b] }), {
      deal: { ...b, amount: 15_000, isClosed: true, isWon: true },
    });
    expect([r.before.total, r.after.total, r.delta]).toEqual([7_040, 12_360, 5_320]);
    expect([r.tierBefore, r.tierAfter]).toEqual([1, 2]);
  });

  it('lowering a won deal gives a negative delta', () => {
    // a 88,000 → 50,000: 4,000; delta 4,000 − 7,040 = −3,040
    const r = whatIf(input({ deals: [a, b] }), { deal: { ...a, amount: 50_000 } });
    expect(r.delta).toBe(-3_040);
    expect([r.tierBefore, r.tierAfter]).toEqual([1, 1]);
  });

  it('changing a deal of an earlier period changes the clawback it feeds', () => {
    // Clawback window 90 days. January: a 90,000 (01-05) → 7,200; x 20,000 (01-15) →
    // 10,000 × 8% + 10,000 × 12% = 2,000. x is reversed 03-10 (54 days) → March clawback −2,000.
    // What-if a is 50,000 instead: x's January line becomes 20,000 × 8% = 1,600, so the March
    // clawback is −1,600 (DOMAIN.md: the clawback equals the line x had in its period).
    const p = plan({ clawback: { windowDays: 90 } });
    const quotas = ['2026-01-01', '2026-02-01', '2026-03-01'].map((m) => ({
      repId: 'r1',
      periodStart: m,
      amount: 100_000,
    }));
    const ja = deal({ id: 'a', amount: 90_000, closeDate: '2026-01-05' });
    const jx = deal({ id: 'x', amount: 20_000, closeDate: '2026-01-15', reversedOn: '2026-03-10' });
    const base = input({ plan: p, quotas, deals: [ja, jx] });
    const r = whatIf(base, { deal: { ...ja, amount: 50_000 } });
    expect(r.before.total).toBe(-2_000);
    expect(r.after.lines.map((l) => [l.kind, l.amount])).toEqual([['clawback', -1_600]]);
    expect(r.after.total).toBe(-1_600);
    expect(r.delta).toBe(400);
    // …which is what a fresh statement with the changed deal says
    const fresh = computeStatement({ ...base, deals: [{ ...ja, amount: 50_000 }, jx] });
    expect(fresh.total).toBe(-1_600);
  });

  it('the before side follows the deals, even when the same array was changed in place', () => {
    // First what-if: before 7,040 (a only). Then a won 12,000 deal w is pushed onto the same
    // array: before is now 7,040 + 12,000 × 8% = 960 → 8,000.
    const deals = [a, b];
    const base = input({ deals });
    whatIf(base, { deal: { ...b, amount: 11_000 } });
    deals.push(deal({ id: 'w', amount: 12_000, closeDate: '2026-03-06' }));
    const r = whatIf(base, { deal: { ...b, amount: 11_000 } });
    expect(r.before.total).toBe(8_000);
  });

  it('a delta in cents is exact', () => {
    // 0.1 + 0.2 style noise must not show: a' = 88,000.10 → 7,040.008 → 7,040.01; delta 0.01
    const r = whatIf(input({ deals: [a] }), { deal: { ...a, amount: 88_000.1 } });
    expect(r.delta).toBe(0.01);
  });
});
