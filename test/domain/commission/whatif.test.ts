import { describe, expect, it } from 'vitest';
import { whatIf } from '../../../lib/domain';
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

  it('a delta in cents is exact', () => {
    // 0.1 + 0.2 style noise must not show: a' = 88,000.10 → 7,040.008 → 7,040.01; delta 0.01
    const r = whatIf(input({ deals: [a] }), { deal: { ...a, amount: 88_000.1 } });
    expect(r.delta).toBe(0.01);
  });
});
