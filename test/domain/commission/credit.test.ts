import { describe, expect, it } from 'vitest';
import { computeStatement, fxRatesSchema, validate } from '../../../lib/domain';
import { codes, deal, dealLine, fx, input, minor, plan, quota } from './fixtures';

/** Quotas of 100,000 for r1, r2, r3 in March 2026. */
const quotas3 = ['r1', 'r2', 'r3'].map((r) => quota('2026-03-01', 100_000, r));

describe('splits', () => {
  it('each listed rep is credited their percent', () => {
    // 10,000 split 60/40: r1 credit 6,000 × 8% = 480; r2 credit 4,000 × 8% = 320
    const deals = [
      deal({
        id: 'd',
        amount: 10_000,
        splits: [
          { repId: 'r1', percent: 60 },
          { repId: 'r2', percent: 40 },
        ],
      }),
    ];
    const r1 = computeStatement(input({ quotas: quotas3, deals, repId: 'r1' }));
    const r2 = computeStatement(input({ quotas: quotas3, deals, repId: 'r2' }));
    expect([r1.credited, dealLine(r1, 'd')?.credit, r1.total]).toEqual([6_000, 6_000, 480]);
    expect([r2.credited, dealLine(r2, 'd')?.credit, r2.total]).toEqual([4_000, 4_000, 320]);
  });

  it('an owner not listed in the splits gets nothing', () => {
    // owner r1, splits r2 50 / r3 50 → r1: 0; r2: 5,000 × 8% = 400
    const deals = [
      deal({
        id: 'd',
        amount: 10_000,
        ownerId: 'r1',
        splits: [
          { repId: 'r2', percent: 50 },
          { repId: 'r3', percent: 50 },
        ],
      }),
    ];
    const r1 = computeStatement(input({ quotas: quotas3, deals, repId: 'r1' }));
    expect(r1.credited).toBe(0);
    expect(r1.lines).toEqual([]);
    expect(r1.total).toBe(0);
    const r2 = computeStatement(input({ quotas: quotas3, deals, repId: 'r2' }));
    expect(r2.credited).toBe(5_000);
    expect(r2.total).toBe(400);
  });

  it('an empty split list means no splits: 100% to the owner', () => {
    // 10,000 × 8% = 800
    const s = computeStatement(
      input({ deals: [deal({ id: 'd', amount: 10_000, splits: [] })], quotas: quotas3 }),
    );
    expect(s.credited).toBe(10_000);
    expect(s.total).toBe(800);
  });

  // 33.33 / 33.33 / 33.34 of amounts that do not divide evenly. Exact shares in cents:
  //   100.01 → 3333.3333, 3333.3333, 3334.3334 (floors add to 10,000: one cent left over)
  //   100.02 → 3333.6666, 3333.6666, 3334.6668 (floors add to 10,000: two cents left over)
  //   0.01   → 0.3333, 0.3333, 0.3334 (floors add to 0: one cent left over)
  //   0.02   → 0.6666, 0.6666, 0.6668
  //   1,000,000.07 → 33,330,002.3331, 33,330,002.3331, 33,340,002.3338 (floors: 100,000,006)
  //   33.34  → 1111.2222, 1111.2222, 1111.5556 (floors add to 3,333: one cent left over)
  // Whatever rounding the engine uses, the three credits must add up to the deal to the cent
  // and each must be the exact share rounded down or up.
  it.each([100.01, 100.02, 0.01, 0.02, 1_000_000.07, 33.34])(
    'a 33.33/33.33/33.34 split of %s adds up exactly',
    (amount) => {
      const deals = [
        deal({
          id: 'd',
          amount,
          splits: [
            { repId: 'r1', percent: 33.33 },
            { repId: 'r2', percent: 33.33 },
            { repId: 'r3', percent: 33.34 },
          ],
        }),
      ];
      const percents = [3333, 3333, 3334];
      const totalCents = Math.round(amount * 100);
      const credits = ['r1', 'r2', 'r3'].map((repId) =>
        minor(computeStatement(input({ quotas: quotas3, deals, repId })).credited),
      );
      expect(credits.reduce((a, b) => a + b, 0)).toBe(totalCents);
      credits.forEach((c, i) => {
        const exactTimes10k = totalCents * percents[i]!; // share × 10,000
        expect(c).toBeGreaterThanOrEqual(Math.floor(exactTimes10k / 10_000));
        expect(c).toBeLessThanOrEqual(Math.ceil(exactTimes10k / 10_000));
      });
    },
  );
});

describe('split credits stay within a cent of the exact share', () => {
  // Reading of "Credit = amount in plan currency × the rep's split percent" with lines rounded
  // to the cent: each rep's credit is their exact share rounded down or up, and the shares add
  // up to the deal. Deal 930,377.28 split 13 / 79 / 6 / 2:
  //   13% = 120,949.0464 → 120,949.04 or .05
  //   79% = 734,998.0512 → 734,998.05 or .06
  //    6% =  55,822.6368 →  55,822.63 or .64
  //    2% =  18,607.5456 →  18,607.54 or .55
  // floors add up to 930,377.26: two cents to hand out (largest remainders: the 6% and 13%
  // reps → 120,949.05 / 734,998.05 / 55,822.64 / 18,607.54).
  it('a four-way 13/79/6/2 split of 930,377.28', () => {
    const reps = ['r1', 'r2', 'r3', 'r4'];
    const percents = [13, 79, 6, 2];
    const d = deal({
      id: 'd',
      amount: 930_377.28,
      splits: reps.map((repId, i) => ({ repId, percent: percents[i]! })),
    });
    const quotas = reps.map((r) => quota('2026-03-01', 1_000_000, r));
    const credits = reps.map((repId) =>
      minor(computeStatement(input({ quotas, deals: [d], repId })).credited),
    );
    expect(credits.reduce((a, b) => a + b, 0)).toBe(93_037_728);
    const bounds = [
      [12_094_904, 12_094_905],
      [73_499_805, 73_499_806],
      [5_582_263, 5_582_264],
      [1_860_754, 1_860_755],
    ];
    credits.forEach((c, i) => {
      expect(c, `${percents[i]}%`).toBeGreaterThanOrEqual(bounds[i]![0]!);
      expect(c, `${percents[i]}%`).toBeLessThanOrEqual(bounds[i]![1]!);
    });
  });
});

describe('duplicate deal ids', () => {
  it('the same deal id twice is reported, not silently paid twice (reading)', () => {
    // Two won deals both with id "dup" (e.g. a deal synced twice). Whatever the engine pays,
    // the statement must say so: a problem naming "dup".
    const s = computeStatement(
      input({
        deals: [
          deal({ id: 'dup', amount: 10_000, closeDate: '2026-03-10' }),
          deal({ id: 'dup', amount: 10_000, closeDate: '2026-03-12' }),
        ],
      }),
    );
    expect(s.problems.some((p) => p.dealId === 'dup')).toBe(true);
  });
});

describe('tie-breaking', () => {
  // Marginal reference plan. The deal taken first gets the tier-1 room:
  //   first 70,000 × 8% = 5,600; second 50,000 → 30,000 × 8% = 2,400 + 20,000 × 12% = 2,400 → 4,800
  it.each([
    { first: 'a', second: 'b', why: 'plain letters' },
    { first: 'B', second: 'a', why: 'U+0042 before U+0061 (not locale order)' },
    {
      first: '\uFF5E',
      second: '\u{1F600}',
      why: 'U+FF5E before U+1F600 (UTF-16 code units would put the emoji first)',
    },
    { first: 'a1', second: 'a10', why: 'a prefix sorts first' },
  ])('same close date: $first before $second ($why)', ({ first, second }) => {
    const deals = [
      deal({ id: second, amount: 50_000, closeDate: '2026-03-12' }),
      deal({ id: first, amount: 70_000, closeDate: '2026-03-12' }),
    ];
    const s = computeStatement(input({ deals }));
    expect(s.lines.map((l) => [l.dealId, l.amount])).toEqual([
      [first, 5_600],
      [second, 4_800],
    ]);
    expect(s.total).toBe(10_400);
  });

  it('close date comes before id', () => {
    // z closes 03-01, a closes 03-02: z first → z 5,600; a 4,800
    const deals = [
      deal({ id: 'a', amount: 50_000, closeDate: '2026-03-02' }),
      deal({ id: 'z', amount: 70_000, closeDate: '2026-03-01' }),
    ];
    const s = computeStatement(input({ deals }));
    expect(s.lines.map((l) => [l.dealId, l.amount])).toEqual([
      ['z', 5_600],
      ['a', 4_800],
    ]);
  });
});

describe('FX', () => {
  const eurDeal = deal({ id: 'e', amount: 10_000, currency: 'EUR', closeDate: '2026-03-15' });

  it('uses the latest rate dated on or before the close date and ignores a later one', () => {
    // rates 02-20 1.05, 03-10 1.09, 03-20 1.20 (after close) → 1.09
    // 10,000 × 1.09 = 10,900.00 credit; × 8% = 872.00
    const s = computeStatement(
      input({
        deals: [eurDeal],
        fxRates: [
          fx('EUR', 'USD', '2026-03-20', 1.2),
          fx('EUR', 'USD', '2026-02-20', 1.05),
          fx('EUR', 'USD', '2026-03-10', 1.09),
        ],
      }),
    );
    expect(s.credited).toBe(10_900);
    expect(s.total).toBe(872);
    expect(s.problems).toEqual([]);
  });

  it('a rate dated on the close date itself is used', () => {
    // 10,000 × 1.1 = 11,000; × 8% = 880
    const s = computeStatement(
      input({
        deals: [eurDeal],
        fxRates: [fx('EUR', 'USD', '2026-03-10', 1.09), fx('EUR', 'USD', '2026-03-15', 1.1)],
      }),
    );
    expect(s.credited).toBe(11_000);
    expect(s.total).toBe(880);
  });

  it('only the reverse pair: 1 ÷ rate', () => {
    // USD→EUR 0.8 → EUR→USD 1.25: 10,000 × 1.25 = 12,500; × 8% = 1,000
    const s = computeStatement(
      input({ deals: [eurDeal], fxRates: [fx('USD', 'EUR', '2026-03-01', 0.8)] }),
    );
    expect(s.credited).toBe(12_500);
    expect(s.total).toBe(1_000);
    expect(s.problems).toEqual([]);
  });

  it('only the reverse pair, a rate that does not divide evenly', () => {
    // 10,000 ÷ 0.92 = 10,869.5652… → 10,869.57; × 8% = 869.5656 → 869.57
    const s = computeStatement(
      input({ deals: [eurDeal], fxRates: [fx('USD', 'EUR', '2026-03-01', 0.92)] }),
    );
    expect(s.credited).toBe(10_869.57);
    expect(s.total).toBe(869.57);
  });

  it('direct and reverse rates on the same date: the direct quote is used (reading)', () => {
    // EUR→USD 1.1 and USD→EUR 0.8 both dated 03-01: 10,000 × 1.1 = 11,000 (not 12,500)
    const s = computeStatement(
      input({
        deals: [eurDeal],
        fxRates: [fx('USD', 'EUR', '2026-03-01', 0.8), fx('EUR', 'USD', '2026-03-01', 1.1)],
      }),
    );
    expect(s.credited).toBe(11_000);
  });

  it('a missing rate is a problem and the deal is not credited (never 0 or 1)', () => {
    // GBP deal with only EUR rates: not credited; the USD deal still is: 20,000 × 8% = 1,600
    const s = computeStatement(
      input({
        deals: [
          deal({ id: 'g', amount: 5_000, currency: 'GBP' }),
          deal({ id: 'u', amount: 20_000, closeDate: '2026-03-16' }),
        ],
        fxRates: [fx('EUR', 'USD', '2026-03-01', 1.09)],
      }),
    );
    const p = s.problems.find((x) => x.code === 'missing_fx_rate');
    expect(p).toMatchObject({ code: 'missing_fx_rate', severity: 'error', dealId: 'g' });
    expect(dealLine(s, 'g')).toBeUndefined();
    expect(s.credited).toBe(20_000);
    expect(s.total).toBe(1_600);
  });

  it('a rate dated only after the close date counts as missing', () => {
    const s = computeStatement(
      input({ deals: [eurDeal], fxRates: [fx('EUR', 'USD', '2026-03-16', 1.09)] }),
    );
    expect(codes(s)).toContain('missing_fx_rate');
    expect(s.credited).toBe(0);
    expect(s.total).toBe(0);
  });

  it('two different rates for the same pair and date are a problem, not a guess', () => {
    const rates = [fx('EUR', 'USD', '2026-03-10', 1.09), fx('EUR', 'USD', '2026-03-10', 1.1)];
    const s = computeStatement(input({ deals: [eurDeal], fxRates: rates }));
    expect(s.problems.find((p) => p.dealId === 'e')).toMatchObject({
      code: 'conflicting_fx_rates',
      severity: 'error',
    });
    expect(s.credited).toBe(0);
    expect(s.total).toBe(0);
    // …and validation rejects the list, pointing at the second rate.
    const v = validate(fxRatesSchema, rates);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => i.path)).toEqual(['[1]']);
  });

  it('JPY deal into a USD plan (0 → 2 digits)', () => {
    // ¥1,000,000 × 0.0067 = 6,700.00; × 8% = 536.00
    const s = computeStatement(
      input({
        deals: [deal({ id: 'j', amount: 1_000_000, currency: 'JPY' })],
        fxRates: [fx('JPY', 'USD', '2026-03-01', 0.0067)],
      }),
    );
    expect(s.credited).toBe(6_700);
    expect(s.total).toBe(536);
  });

  it('KWD deal (3 digits) converts half away from zero', () => {
    // KWD 1,000.500 × 3.25 = 3,251.625 → 3,251.63; × 8% = 260.1304 → 260.13
    const s = computeStatement(
      input({
        deals: [deal({ id: 'k', amount: 1_000.5, currency: 'KWD' })],
        fxRates: [fx('KWD', 'USD', '2026-03-01', 3.25)],
      }),
    );
    expect(s.credited).toBe(3_251.63);
    expect(s.total).toBe(260.13);
  });

  it('USD deal into a JPY plan (2 → 0 digits)', () => {
    // $1,234.56 × 150.25 = 185,492.64 → ¥185,493; × 8% = 14,839.44 → ¥14,839
    const s = computeStatement(
      input({
        plan: plan({ currency: 'JPY' }),
        quotas: [quota('2026-03-01', 10_000_000)],
        deals: [deal({ id: 'u', amount: 1_234.56 })],
        fxRates: [fx('USD', 'JPY', '2026-03-01', 150.25)],
      }),
    );
    expect(s.currency).toBe('JPY');
    expect(s.credited).toBe(185_493);
    expect(s.total).toBe(14_839);
  });
});
