import { describe, expect, it } from 'vitest';
import { computeStatement, type SpiffCondition } from '../../../lib/domain';
import { deal, dealLine, fx, input, linesOf, plan, quota } from './fixtures';

const allDeals = { id: 'boost', name: 'Boost', when: [] };

describe('per-deal cap', () => {
  it('limits the deal line only, not its SPIFF line', () => {
    // 100,000 × 8% = 8,000 → capped to 5,000; SPIFF 1,000 is not capped → 6,000
    const s = computeStatement(
      input({
        plan: plan({ caps: { perDeal: 5_000 }, spiffs: [{ ...allDeals, amount: 1_000 }] }),
        deals: [deal({ id: 'a', amount: 100_000 })],
      }),
    );
    expect(dealLine(s, 'a')!.amount).toBe(5_000);
    expect(linesOf(s, 'spiff').map((l) => l.amount)).toEqual([1_000]);
    expect(linesOf(s, 'cap')).toEqual([]);
    expect(s.total).toBe(6_000);
  });

  it('a deal under the cap is untouched, and the cap does not change attainment', () => {
    // a: 100,000 → 8,000 capped to 5,000; b: 20,000 above 100% → 20,000 × 12% = 2,400
    const s = computeStatement(
      input({
        plan: plan({ caps: { perDeal: 5_000 } }),
        deals: [
          deal({ id: 'a', amount: 100_000, closeDate: '2026-03-02' }),
          deal({ id: 'b', amount: 20_000, closeDate: '2026-03-05' }),
        ],
      }),
    );
    expect(s.lines.map((l) => [l.dealId, l.amount])).toEqual([
      ['a', 5_000],
      ['b', 2_400],
    ]);
    expect(s.total).toBe(7_400);
    expect(s.tier).toBe(2);
  });

  it('a per-deal cap with a rate SPIFF: the SPIFF is rate × credit, uncapped', () => {
    // deal 100,000 → 8,000 capped to 3,000; SPIFF 5% × 100,000 = 5,000 → 8,000
    const s = computeStatement(
      input({
        plan: plan({ caps: { perDeal: 3_000 }, spiffs: [{ ...allDeals, rate: 0.05 }] }),
        deals: [deal({ id: 'a', amount: 100_000 })],
      }),
    );
    expect(dealLine(s, 'a')!.amount).toBe(3_000);
    expect(linesOf(s, 'spiff')[0]!.amount).toBe(5_000);
    expect(s.total).toBe(8_000);
  });
});

describe('per-period cap', () => {
  it('a negative cap line brings deal + SPIFF lines down to the cap', () => {
    // a: 100,000 × 8% = 8,000; b: 50,000 × 12% = 6,000; SPIFF 500 each → 15,000
    // cap 10,000 → cap line −5,000, total 10,000
    const s = computeStatement(
      input({
        plan: plan({ caps: { perPeriod: 10_000 }, spiffs: [{ ...allDeals, amount: 500 }] }),
        deals: [
          deal({ id: 'a', amount: 100_000, closeDate: '2026-03-02' }),
          deal({ id: 'b', amount: 50_000, closeDate: '2026-03-05' }),
        ],
      }),
    );
    const caps = linesOf(s, 'cap');
    expect(caps.map((l) => l.amount)).toEqual([-5_000]);
    expect(caps[0]!.explanation).toContain('10,000.00');
    expect(s.total).toBe(10_000);
  });

  it('one cent over the cap: a −0.01 cap line', () => {
    // 50,000.13 × 8% = 4,000.0104 → 4,000.01; cap 4,000 → cap line −0.01, total 4,000.00
    const s = computeStatement(
      input({
        plan: plan({ caps: { perPeriod: 4_000 } }),
        deals: [deal({ id: 'a', amount: 50_000.13 })],
      }),
    );
    expect(dealLine(s, 'a')!.amount).toBe(4_000.01);
    expect(linesOf(s, 'cap').map((l) => l.amount)).toEqual([-0.01]);
    expect(s.total).toBe(4_000);
  });

  it('no cap line under the cap', () => {
    // 50,000 × 8% = 4,000 < 10,000
    const s = computeStatement(
      input({
        plan: plan({ caps: { perPeriod: 10_000 } }),
        deals: [deal({ id: 'a', amount: 50_000 })],
      }),
    );
    expect(linesOf(s, 'cap')).toEqual([]);
    expect(s.total).toBe(4_000);
  });

  it('earnings exactly at the cap need no reduction', () => {
    // 125,000: 100,000 × 8% = 8,000 + 25,000 × 12% = 3,000 → 11,000 = cap
    const s = computeStatement(
      input({
        plan: plan({ caps: { perPeriod: 11_000 } }),
        deals: [deal({ id: 'a', amount: 125_000 })],
      }),
    );
    expect(linesOf(s, 'cap').filter((l) => l.amount !== 0)).toEqual([]);
    expect(s.total).toBe(11_000);
  });

  it('per-deal and per-period caps together', () => {
    // a: 8,000 → 7,000 (per deal); b: 50,000 × 12% = 6,000 → 13,000 → cap line −3,000 → 10,000
    const s = computeStatement(
      input({
        plan: plan({ caps: { perDeal: 7_000, perPeriod: 10_000 } }),
        deals: [
          deal({ id: 'a', amount: 100_000, closeDate: '2026-03-02' }),
          deal({ id: 'b', amount: 50_000, closeDate: '2026-03-05' }),
        ],
      }),
    );
    expect(s.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['deal', 7_000],
      ['deal', 6_000],
      ['cap', -3_000],
    ]);
    expect(s.total).toBe(10_000);
  });
});

describe('SPIFF conditions', () => {
  // One deal of 20,000 USD, stage "Closed Won", custom fields product "Platform", seats 25,
  // closing 2026-03-15. Deal line 20,000 × 8% = 1,600; a matching SPIFF adds 500 → 2,100.
  const base = deal({
    id: 's1',
    amount: 20_000,
    stage: 'Closed Won',
    closeDate: '2026-03-15',
    fields: { product: 'Platform', seats: 25 },
  });
  const cases: [SpiffCondition, boolean][] = [
    [{ field: 'stage', op: 'eq', value: 'Closed Won' }, true],
    [{ field: 'stage', op: 'eq', value: 'Negotiation' }, false],
    [{ field: 'product', op: 'neq', value: 'Services' }, true],
    [{ field: 'product', op: 'neq', value: 'Platform' }, false],
    [{ field: 'amount', op: 'gt', value: 19_999.99 }, true],
    [{ field: 'amount', op: 'gt', value: 20_000 }, false],
    [{ field: 'amount', op: 'gte', value: 20_000 }, true],
    [{ field: 'amount', op: 'gte', value: 20_000.01 }, false],
    [{ field: 'amount', op: 'lt', value: 20_000.01 }, true],
    [{ field: 'amount', op: 'lt', value: 20_000 }, false],
    [{ field: 'amount', op: 'lte', value: 20_000 }, true],
    [{ field: 'amount', op: 'lte', value: 19_999.99 }, false],
    [{ field: 'product', op: 'in', value: ['Platform', 'Data'] }, true],
    [{ field: 'product', op: 'in', value: ['Data', 'Services'] }, false],
    [{ field: 'seats', op: 'gte', value: 25 }, true],
    [{ field: 'seats', op: 'gt', value: 25 }, false],
    [{ field: 'closeDate', op: 'gte', value: '2026-03-15' }, true],
    [{ field: 'closeDate', op: 'lt', value: '2026-03-15' }, false],
  ];

  it.each(cases)('%o matches: %s', (cond, matches) => {
    const s = computeStatement(
      input({
        plan: plan({ spiffs: [{ id: 'sp', name: 'Boost', when: [cond], amount: 500 }] }),
        deals: [base],
      }),
    );
    expect(dealLine(s, 's1')!.amount).toBe(1_600);
    expect(linesOf(s, 'spiff').map((l) => [l.dealId, l.amount])).toEqual(
      matches ? [['s1', 500]] : [],
    );
    expect(s.total).toBe(matches ? 2_100 : 1_600);
  });

  it('all conditions must hold', () => {
    // stage matches, amount 20,000 < 50,000 → no SPIFF
    const s = computeStatement(
      input({
        plan: plan({
          spiffs: [
            {
              id: 'sp',
              name: 'Big win',
              when: [
                { field: 'stage', op: 'eq', value: 'Closed Won' },
                { field: 'amount', op: 'gte', value: 50_000 },
              ],
              amount: 500,
            },
          ],
        }),
        deals: [base],
      }),
    );
    expect(linesOf(s, 'spiff')).toEqual([]);
  });

  it('`amount` compares the plan-currency amount before splits', () => {
    // EUR 10,000 × 1.1 = 11,000 USD; r1 gets 50% → credit 5,500, deal line 5,500 × 8% = 440
    // A: amount gte 11,000 → true (plan currency, before splits) → 1,000 × 50% = 500
    // B: amount lte 10,000 → false (would be true on the EUR amount)
    // C: amount lt 6,000 → false (would be true on r1's 5,500 credit)
    // total 440 + 500 = 940
    const s = computeStatement(
      input({
        plan: plan({
          spiffs: [
            {
              id: 'A',
              name: 'A',
              when: [{ field: 'amount', op: 'gte', value: 11_000 }],
              amount: 1_000,
            },
            {
              id: 'B',
              name: 'B',
              when: [{ field: 'amount', op: 'lte', value: 10_000 }],
              amount: 1_000,
            },
            {
              id: 'C',
              name: 'C',
              when: [{ field: 'amount', op: 'lt', value: 6_000 }],
              amount: 1_000,
            },
          ],
        }),
        quotas: [quota('2026-03-01', 100_000, 'r1'), quota('2026-03-01', 100_000, 'r2')],
        deals: [
          deal({
            id: 'e',
            amount: 10_000,
            currency: 'EUR',
            splits: [
              { repId: 'r1', percent: 50 },
              { repId: 'r2', percent: 50 },
            ],
          }),
        ],
        fxRates: [fx('EUR', 'USD', '2026-03-01', 1.1)],
      }),
    );
    expect(s.credited).toBe(5_500);
    expect(dealLine(s, 'e')!.amount).toBe(440);
    expect(linesOf(s, 'spiff').map((l) => [l.spiffId, l.amount])).toEqual([['A', 500]]);
    expect(s.total).toBe(940);
  });

  it('fixed amount × split percent vs rate × credit', () => {
    // deal 20,000 split r1 30% / r2 70%
    // r1: credit 6,000 → deal 480; fixed 1,000 × 30% = 300; rate 2% × 6,000 = 120 → 900
    // r2: credit 14,000 → deal 1,120; fixed 1,000 × 70% = 700; rate 2% × 14,000 = 280 → 2,100
    const p = plan({
      spiffs: [
        { id: 'fixed', name: 'Fixed', when: [], amount: 1_000 },
        { id: 'rate', name: 'Rate', when: [], rate: 0.02 },
      ],
    });
    const deals = [
      deal({
        id: 'd',
        amount: 20_000,
        splits: [
          { repId: 'r1', percent: 30 },
          { repId: 'r2', percent: 70 },
        ],
      }),
    ];
    const quotas = [quota('2026-03-01', 100_000, 'r1'), quota('2026-03-01', 100_000, 'r2')];
    const r1 = computeStatement(input({ plan: p, deals, quotas, repId: 'r1' }));
    const r2 = computeStatement(input({ plan: p, deals, quotas, repId: 'r2' }));
    const view = (s: typeof r1) => s.lines.map((l) => [l.kind, l.spiffId ?? l.dealId, l.amount]);
    expect(view(r1)).toEqual([
      ['deal', 'd', 480],
      ['spiff', 'fixed', 300],
      ['spiff', 'rate', 120],
    ]);
    expect(r1.total).toBe(900);
    expect(view(r2)).toEqual([
      ['deal', 'd', 1_120],
      ['spiff', 'fixed', 700],
      ['spiff', 'rate', 280],
    ]);
    expect(r2.total).toBe(2_100);
  });

  it('a SPIFF is a line per matching credited deal, not for open or lost deals', () => {
    // won a 10,000 → 800 + 250; won b 5,000 → 400 + 250; open c and lost d: nothing → 1,700
    const s = computeStatement(
      input({
        plan: plan({ spiffs: [{ ...allDeals, amount: 250 }] }),
        deals: [
          deal({ id: 'a', amount: 10_000, closeDate: '2026-03-02' }),
          deal({ id: 'b', amount: 5_000, closeDate: '2026-03-03' }),
          deal({ id: 'c', amount: 5_000, isClosed: false, isWon: false, stage: 'Proposal' }),
          deal({ id: 'd', amount: 5_000, isClosed: true, isWon: false, stage: 'Closed Lost' }),
        ],
      }),
    );
    expect(linesOf(s, 'spiff').map((l) => l.dealId)).toEqual(['a', 'b']);
    expect(s.total).toBe(1_700);
  });
});
