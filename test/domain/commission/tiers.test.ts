import { describe, expect, it } from 'vitest';
import { computeStatement } from '../../../lib/domain';
import { deal, dealLine, input, plan, quota } from './fixtures';

/**
 * Reference plan (fixtures.plan): quota 100,000; 8% up to 100% (boundary 100,000),
 * 12% for 100–150% (boundary 150,000), 15% above. March 2026.
 */
interface TierCase {
  name: string;
  /** [id, amount, closeDate] */
  deals: [string, number, string][];
  /** [dealId, line amount] in line order */
  lines: [string, number][];
  total: number;
  tier: number;
  attainment: number;
}

const marginal: TierCase[] = [
  {
    // 50,000 × 8% = 4,000
    name: 'one deal inside tier 1',
    deals: [['a', 50_000, '2026-03-10']],
    lines: [['a', 4_000]],
    total: 4_000,
    tier: 1,
    attainment: 0.5,
  },
  {
    // cumulative 100,000 = exactly 100% → stays in tier 1: 100,000 × 8% = 8,000
    name: 'a deal landing exactly on the 100% boundary stays in tier 1',
    deals: [['a', 100_000, '2026-03-10']],
    lines: [['a', 8_000]],
    total: 8_000,
    tier: 1,
    attainment: 1,
  },
  {
    // a: 88,000 × 8% = 7,040
    // b: (100,000 − 88,000) = 12,000 × 8% = 960 + 3,000 × 12% = 360 → 1,320
    // total 8,360; attainment 103,000 / 100,000 = 1.03 → tier 2
    name: 'a deal crossing one boundary',
    deals: [
      ['a', 88_000, '2026-03-05'],
      ['b', 15_000, '2026-03-20'],
    ],
    lines: [
      ['a', 7_040],
      ['b', 1_320],
    ],
    total: 8_360,
    tier: 2,
    attainment: 1.03,
  },
  {
    // 100,000 × 8% = 8,000 + 50,000 × 12% = 6,000 + 30,000 × 15% = 4,500 → 18,500
    name: 'one deal crossing two boundaries',
    deals: [['a', 180_000, '2026-03-10']],
    lines: [['a', 18_500]],
    total: 18_500,
    tier: 3,
    attainment: 1.8,
  },
  {
    // a: 40,000 × 8% = 3,200
    // b: 60,000 × 8% = 4,800 + 50,000 × 12% = 6,000 + 20,000 × 15% = 3,000 → 13,800
    // total 17,000; attainment 1.7 → tier 3
    name: 'a second deal crossing two boundaries',
    deals: [
      ['a', 40_000, '2026-03-01'],
      ['b', 130_000, '2026-03-31'],
    ],
    lines: [
      ['a', 3_200],
      ['b', 13_800],
    ],
    total: 17_000,
    tier: 3,
    attainment: 1.7,
  },
  {
    // a: 100,000 × 8% = 8,000; b: 50,000 × 12% = 6,000 (ends exactly on 150%) → 14,000, tier 2
    name: 'cumulative credit landing exactly on 150% stays in tier 2',
    deals: [
      ['a', 100_000, '2026-03-02'],
      ['b', 50_000, '2026-03-03'],
    ],
    lines: [
      ['a', 8_000],
      ['b', 6_000],
    ],
    total: 14_000,
    tier: 2,
    attainment: 1.5,
  },
  {
    // a fills tier 1 exactly (8,000); b starts on the boundary: 1,000 × 12% = 120 → 8,120
    name: 'a deal starting exactly on a boundary is paid at the next tier',
    deals: [
      ['a', 100_000, '2026-03-02'],
      ['b', 1_000, '2026-03-04'],
    ],
    lines: [
      ['a', 8_000],
      ['b', 120],
    ],
    total: 8_120,
    tier: 2,
    attainment: 1.01,
  },
  {
    // 12,345.67 × 8% = 987.6536 → 987.65
    name: 'cents are rounded per line',
    deals: [['a', 12_345.67, '2026-03-10']],
    lines: [['a', 987.65]],
    total: 987.65,
    tier: 1,
    attainment: 0.1234567,
  },
];

const retroactive: TierCase[] = [
  {
    // final attainment 0.5 → tier 1 (8%): 50,000 × 8% = 4,000
    name: 'one deal inside tier 1',
    deals: [['a', 50_000, '2026-03-10']],
    lines: [['a', 4_000]],
    total: 4_000,
    tier: 1,
    attainment: 0.5,
  },
  {
    // attainment exactly 1 → tier 1: 100,000 × 8% = 8,000
    name: 'final attainment exactly on the 100% boundary stays in tier 1',
    deals: [['a', 100_000, '2026-03-10']],
    lines: [['a', 8_000]],
    total: 8_000,
    tier: 1,
    attainment: 1,
  },
  {
    // attainment 1.03 → tier 2 (12%) for every deal: 88,000 × 12% = 10,560; 15,000 × 12% = 1,800
    name: 'crossing one boundary re-rates every deal',
    deals: [
      ['a', 88_000, '2026-03-05'],
      ['b', 15_000, '2026-03-20'],
    ],
    lines: [
      ['a', 10_560],
      ['b', 1_800],
    ],
    total: 12_360,
    tier: 2,
    attainment: 1.03,
  },
  {
    // attainment 1.8 → tier 3 (15%): 180,000 × 15% = 27,000
    name: 'one deal crossing two boundaries',
    deals: [['a', 180_000, '2026-03-10']],
    lines: [['a', 27_000]],
    total: 27_000,
    tier: 3,
    attainment: 1.8,
  },
  {
    // attainment 1.7 → 15%: 40,000 × 15% = 6,000; 130,000 × 15% = 19,500 → 25,500
    name: 'a second deal crossing two boundaries',
    deals: [
      ['a', 40_000, '2026-03-01'],
      ['b', 130_000, '2026-03-31'],
    ],
    lines: [
      ['a', 6_000],
      ['b', 19_500],
    ],
    total: 25_500,
    tier: 3,
    attainment: 1.7,
  },
  {
    // attainment exactly 1.5 → tier 2 (12%): 12,000 + 6,000 = 18,000
    name: 'final attainment exactly on 150% stays in tier 2',
    deals: [
      ['a', 100_000, '2026-03-02'],
      ['b', 50_000, '2026-03-03'],
    ],
    lines: [
      ['a', 12_000],
      ['b', 6_000],
    ],
    total: 18_000,
    tier: 2,
    attainment: 1.5,
  },
  {
    // attainment 1.01 → 12%: 100,000 × 12% = 12,000; 1,000 × 12% = 120
    name: 'one dollar over the boundary re-rates everything',
    deals: [
      ['a', 100_000, '2026-03-02'],
      ['b', 1_000, '2026-03-04'],
    ],
    lines: [
      ['a', 12_000],
      ['b', 120],
    ],
    total: 12_120,
    tier: 2,
    attainment: 1.01,
  },
  {
    // 12,345.67 × 8% = 987.6536 → 987.65
    name: 'cents are rounded per line',
    deals: [['a', 12_345.67, '2026-03-10']],
    lines: [['a', 987.65]],
    total: 987.65,
    tier: 1,
    attainment: 0.1234567,
  },
];

function run(mode: 'marginal' | 'retroactive', c: TierCase) {
  // Deals are given in reverse so the engine has to order them itself.
  const deals = [...c.deals]
    .reverse()
    .map(([id, amount, closeDate]) => deal({ id, amount, closeDate }));
  return computeStatement(input({ plan: plan({ tierMode: mode }), deals }));
}

describe.each([
  ['marginal', marginal],
  ['retroactive', retroactive],
] as const)('%s tiers', (mode, cases) => {
  it.each(cases)('$name', (c) => {
    const s = run(mode, c);
    expect(s.lines.map((l) => [l.dealId, l.amount])).toEqual(c.lines);
    expect(s.lines.every((l) => l.kind === 'deal')).toBe(true);
    expect(s.total).toBe(c.total);
    expect(s.tier).toBe(c.tier);
    expect(s.attainment).toBeCloseTo(c.attainment, 12);
    expect(s.quota).toBe(100_000);
    expect(s.problems).toEqual([]);
  });

  it('attainment 0 is in tier 1 (no deals)', () => {
    const s = computeStatement(input({ plan: plan({ tierMode: mode }) }));
    expect(s.attainment).toBe(0);
    expect(s.tier).toBe(1);
    expect(s.credited).toBe(0);
    expect(s.total).toBe(0);
    expect(s.lines).toEqual([]);
    expect(s.problems).toEqual([]);
  });

  it('attainment 0 is in tier 1 (a won deal of 0)', () => {
    const s = computeStatement(
      input({ plan: plan({ tierMode: mode }), deals: [deal({ id: 'zero', amount: 0 })] }),
    );
    expect(s.attainment).toBe(0);
    expect(s.tier).toBe(1);
    expect(s.total).toBe(0);
  });
});

describe('tier boundaries that are not round numbers', () => {
  it('marginal: quota 75,000 puts the 100% boundary at 75,000', () => {
    // 75,000 × 8% = 6,000 + (80,000 − 75,000) = 5,000 × 12% = 600 → 6,600; 80/75 = 1.0667 → tier 2
    const s = computeStatement(
      input({
        quotas: [quota('2026-03-01', 75_000)],
        deals: [deal({ id: 'a', amount: 80_000 })],
      }),
    );
    expect(s.total).toBe(6_600);
    expect(s.tier).toBe(2);
  });

  it('marginal: 1.25 / 2.5 boundaries of a 40,000 quota (50,000 and 100,000)', () => {
    // tiers 5% to 125%, 10% to 250%, 20% above; quota 40,000 → boundaries 50,000 and 100,000
    // deal 120,000: 50,000 × 5% = 2,500 + 50,000 × 10% = 5,000 + 20,000 × 20% = 4,000 → 11,500
    const s = computeStatement(
      input({
        plan: plan({
          tiers: [
            { upTo: 1.25, rate: 0.05 },
            { upTo: 2.5, rate: 0.1 },
            { upTo: null, rate: 0.2 },
          ],
        }),
        quotas: [quota('2026-03-01', 40_000)],
        deals: [deal({ id: 'a', amount: 120_000 })],
      }),
    );
    expect(s.total).toBe(11_500);
    expect(s.tier).toBe(3);
    expect(s.attainment).toBe(3);
  });
});

describe('boundaries that fall between two cents', () => {
  // A monthly quota of 400,000 / 12 = 33,333.33. The 150% boundary is 33,333.33 × 1.5 =
  // 49,999.995: not a whole number of cents. DOMAIN.md: attainment = credit ÷ quota, tier i
  // covers attainment in (upTo[i-1], upTo[i]]; only a deal landing exactly on a boundary stays
  // in the lower tier.
  const q = [quota('2026-03-01', 33_333.33)];

  it('retroactive: 50,000.00 is above 150% (150.0000015%) → tier 3 for every deal', () => {
    // 50,000.00 ÷ 33,333.33 = 1.500000015 > 1.5 → tier 3 (15%): 50,000 × 15% = 7,500.00
    const s = computeStatement(
      input({
        plan: plan({ tierMode: 'retroactive' }),
        quotas: q,
        deals: [deal({ id: 'a', amount: 50_000 })],
      }),
    );
    expect(s.attainment!).toBeGreaterThan(1.5);
    expect(s.tier).toBe(3);
    expect(s.total).toBe(7_500);
  });

  it('retroactive: 49,999.99 is below 150% (149.99999850%) → tier 2', () => {
    // 49,999.99 ÷ 33,333.33 = 1.4999998… → tier 2 (12%): 49,999.99 × 12% = 5,999.9988 → 6,000.00
    const s = computeStatement(
      input({
        plan: plan({ tierMode: 'retroactive' }),
        quotas: q,
        deals: [deal({ id: 'a', amount: 49_999.99 })],
      }),
    );
    expect(s.tier).toBe(2);
    expect(s.total).toBe(6_000);
  });

  it('marginal: the statement’s tier is the one its attainment is in', () => {
    // 50,000.00 → attainment 150.0000015% → tier 3. Paid exactly: 33,333.33 × 8% = 2,666.6664
    // + (49,999.995 − 33,333.33) = 16,666.665 × 12% = 1,999.9998 + 0.005 × 15% = 0.00075
    // = 4,666.66695 → 4,666.67 (cutting at 50,000.00 instead also rounds to 4,666.67)
    const s = computeStatement(input({ quotas: q, deals: [deal({ id: 'a', amount: 50_000 })] }));
    expect(s.tier).toBe(3);
    expect(s.total).toBe(4_666.67);
  });
});

describe('explanations of slices that fall between two cents', () => {
  it('the slice figures a rep reads add up to the credit (reading)', () => {
    // quota 33,333.33, deal 50,000.00: the exact slices are 33,333.33 + 16,666.665 + 0.005.
    // Shown to the cent, the figures must still add up to the 50,000.00 credit a rep sees
    // (e.g. 33,333.33 + 16,666.67 + 0.00, or 16,666.66 + 0.01) — not 50,000.01.
    const s = computeStatement(
      input({
        quotas: [quota('2026-03-01', 33_333.33)],
        deals: [deal({ id: 'a', amount: 50_000 })],
      }),
    );
    const text = dealLine(s, 'a')!.explanation;
    const figures = [...text.matchAll(/([\d,]+\.\d{2}) at \d/g)].map((m) =>
      Math.round(Number(m[1]!.replace(/,/g, '')) * 100),
    );
    expect(figures.length).toBeGreaterThanOrEqual(2);
    expect(figures.reduce((a, b) => a + b, 0)).toBe(5_000_000);
  });
});

describe('explanations', () => {
  it('a marginal line names each tier slice with its rate, as in DOMAIN.md', () => {
    // b: 12,000 in tier 1 at 8%, 3,000 in tier 2 at 12% (DOMAIN.md step 7's own example)
    const s = run('marginal', marginal[2]!);
    const b = dealLine(s, 'b')!;
    expect(b.explanation).toContain(
      '12,000.00 at 8% (tier 1, up to 100%) + 3,000.00 at 12% (tier 2, 100–150%)',
    );
    const a = dealLine(s, 'a')!;
    expect(a.explanation).toContain('88,000.00 at 8% (tier 1, up to 100%)');
    expect(a.explanation).not.toContain('tier 2');
  });

  it('a deal crossing two boundaries lists three slices', () => {
    // 100,000 at 8% + 50,000 at 12% + 30,000 at 15% (tier 3)
    const s = run('marginal', marginal[3]!);
    const text = dealLine(s, 'a')!.explanation;
    expect(text).toContain(
      '100,000.00 at 8% (tier 1, up to 100%) + 50,000.00 at 12% (tier 2, 100–150%) + 30,000.00 at 15% (tier 3',
    );
  });

  it('a retroactive line names the final tier and its rate', () => {
    // final attainment 103% → tier 2 at 12% for the whole 88,000
    const s = run('retroactive', retroactive[2]!);
    expect(dealLine(s, 'a')!.explanation).toContain('88,000.00 at 12% (tier 2, 100–150%)');
    expect(dealLine(s, 'b')!.explanation).toContain('15,000.00 at 12% (tier 2, 100–150%)');
  });

  it('a fractional rate reads as a percent with decimals', () => {
    // 1,000 × 12.5% = 125
    const s = computeStatement(
      input({
        plan: plan({ tiers: [{ upTo: null, rate: 0.125 }] }),
        deals: [deal({ id: 'a', amount: 1_000 })],
      }),
    );
    expect(s.total).toBe(125);
    expect(dealLine(s, 'a')!.explanation).toContain('1,000.00 at 12.5%');
  });

  it('marginal slices carry tier, credit, rate and amount', () => {
    const s = run('marginal', marginal[2]!);
    // b: 12,000 × 8% = 960; 3,000 × 12% = 360
    expect(dealLine(s, 'b')!.slices).toEqual([
      { tier: 1, credit: 12_000, rate: 0.08, amount: 960 },
      { tier: 2, credit: 3_000, rate: 0.12, amount: 360 },
    ]);
    expect(dealLine(s, 'b')!.credit).toBe(15_000);
  });

  it('every line has an explanation', () => {
    for (const c of [...marginal, ...retroactive]) {
      const s = run('marginal', c);
      for (const l of s.lines) expect(l.explanation.length).toBeGreaterThan(10);
    }
  });
});
