/**
 * Property tests. Money is compared in integer minor units (cents): the engine returns
 * minor / 100, so Math.round(x × 100) recovers its integers exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeStatement,
  computeStatements,
  whatIf,
  type Deal,
  type FxRate,
  type PlanInput,
  type Quota,
  type Spiff,
  type Statement,
  type StatementInput,
} from '../../../lib/domain';
import { deal, minor, plan } from './fixtures';

const REPS = ['r1', 'r2', 'r3'] as const;
/** Every rep a split can name (r4 only appears in four-way splits). */
const ALL_REPS = [...REPS, 'r4'] as const;
type Mode = 'marginal' | 'retroactive';

/** round(n / d) half away from zero for n ≥ 0, d > 0 (independent of the engine's helpers). */
function roundDiv(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

function isoPlusDays(start: string, days: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- generators

/**
 * 1–4 tiers; upTo in hundredths (cumulative steps of 0.01–1.00), rates in thousandths 0–30%.
 * With `nonDecreasing` the rates are sorted ascending (accelerators).
 */
function tiersArb(nonDecreasing: boolean) {
  return fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: n - 1, maxLength: n - 1 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: n, maxLength: n }),
      )
      .map(([steps, rates]) => {
        const r = nonDecreasing ? [...rates].sort((a, b) => a - b) : rates;
        let upTo = 0;
        return r.map((thousandths, i) => {
          if (i === n - 1) return { upTo: null, rate: thousandths / 1000 };
          upTo += steps[i]!;
          return { upTo: upTo / 100, rate: thousandths / 1000 };
        });
      }),
  );
}

/** SPIFFs whose payout can only grow with a deal's amount (`monotone`), or any. */
function spiffsArb(kind: 'monotone' | 'any'): fc.Arbitrary<Spiff[]> {
  const conditions = fc.oneof(
    fc.constant([]),
    fc.constant([{ field: 'stage', op: 'eq' as const, value: 'Closed Won' }]),
    fc.constant([{ field: 'product', op: 'in' as const, value: ['Platform', 'Data'] }]),
    fc
      .integer({ min: 0, max: 200_000 })
      .map((v) => [{ field: 'amount', op: 'gte' as const, value: v }]),
    ...(kind === 'any'
      ? [
          fc
            .integer({ min: 0, max: 200_000 })
            .map((v) => [{ field: 'amount', op: 'lt' as const, value: v }]),
        ]
      : []),
  );
  const spiff = fc.tuple(
    conditions,
    fc.oneof(
      fc.integer({ min: 0, max: 200_000 }).map((c) => ({ amount: c / 100 })),
      fc.integer({ min: 0, max: 100 }).map((t) => ({ rate: t / 1000 })),
    ),
  );
  return fc
    .array(spiff, { maxLength: 2 })
    .map((list) =>
      list.map(([when, pay], i) => ({ id: `s${i}`, name: `SPIFF ${i}`, when, ...pay }) as Spiff),
    );
}

interface PlanOptions {
  nonDecreasing?: boolean;
  mode?: Mode;
  spiffs?: 'monotone' | 'any';
  perPeriodCap?: boolean;
  /** true: a draw or none; 'always': a draw, recoverable or not. */
  draw?: boolean | 'always';
}

function planArb(o: PlanOptions = {}): fc.Arbitrary<PlanInput> {
  return fc
    .record({
      tierMode: o.mode
        ? fc.constant(o.mode)
        : (fc.constantFrom('marginal', 'retroactive') as fc.Arbitrary<Mode>),
      tiers: tiersArb(o.nonDecreasing ?? false),
      perDeal: fc.option(fc.integer({ min: 0, max: 2_000_000 })),
      perPeriod: o.perPeriodCap
        ? fc.integer({ min: 0, max: 3_000_000 })
        : fc.option(fc.integer({ min: 0, max: 3_000_000 })),
      spiffs: spiffsArb(o.spiffs ?? 'any'),
      draw:
        o.draw === 'always'
          ? fc.record({ cents: fc.integer({ min: 0, max: 1_000_000 }), rec: fc.boolean() })
          : o.draw
            ? fc.option(
                fc.record({ cents: fc.integer({ min: 0, max: 1_000_000 }), rec: fc.boolean() }),
              )
            : fc.constant(null),
      clawback: fc.option(fc.integer({ min: 0, max: 120 })),
    })
    .map((r) => {
      const caps: { perDeal?: number; perPeriod?: number } = {};
      if (r.perDeal !== null) caps.perDeal = r.perDeal / 100;
      if (r.perPeriod !== null) caps.perPeriod = r.perPeriod / 100;
      return plan({
        tierMode: r.tierMode,
        tiers: r.tiers,
        caps,
        spiffs: r.spiffs,
        ...(r.draw ? { draw: { amount: r.draw.cents / 100, recoverable: r.draw.rec } } : {}),
        ...(r.clawback !== null ? { clawback: { windowDays: r.clawback } } : {}),
      });
    });
}

/** Split percents in hundredths that add up to 10,000, over 2 or 3 of the reps. */
/** Realistic split lists, reused across runs (each distinct list costs the engine a table). */
const COMMON_SPLITS: [string, number][][] = [
  [
    ['r1', 50],
    ['r2', 50],
  ],
  [
    ['r2', 60],
    ['r1', 40],
  ],
  [
    ['r1', 33.33],
    ['r2', 33.33],
    ['r3', 33.34],
  ],
  [
    ['r1', 20],
    ['r2', 60],
    ['r3', 20],
  ],
  [
    ['r1', 1],
    ['r2', 3],
    ['r3', 96],
  ],
  [
    ['r3', 99.98],
    ['r1', 0.01],
    ['r2', 0.01],
  ],
  [
    ['r1', 13],
    ['r2', 79],
    ['r3', 6],
    ['r4', 2],
  ],
  [
    ['r4', 40],
    ['r3', 30],
    ['r2', 20],
    ['r1', 10],
  ],
];

/** Split percents in hundredths that add up to 10,000, over 2 to 4 reps. */
const splitsArb = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 3 },
  {
    arbitrary: fc
      .constantFrom(...COMMON_SPLITS)
      .map((list) => list.map(([repId, percent]) => ({ repId, percent }))),
    weight: 4,
  },
  {
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 9_999 }),
        fc.shuffledSubarray([...REPS], { minLength: 2, maxLength: 2 }),
      )
      .map(([a, reps]) => [
        { repId: reps[0]!, percent: a / 100 },
        { repId: reps[1]!, percent: (10_000 - a) / 100 },
      ]),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 9_998 }),
        fc.integer({ min: 1, max: 9_998 }),
        fc.shuffledSubarray([...REPS], { minLength: 3, maxLength: 3 }),
      )
      .filter(([a, b]) => a + b < 10_000)
      .map(([a, b, reps]) => [
        { repId: reps[0]!, percent: a / 100 },
        { repId: reps[1]!, percent: b / 100 },
        { repId: reps[2]!, percent: (10_000 - a - b) / 100 },
      ]),
    weight: 1,
  },
  {
    // four reps, whole percents
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 97 }),
        fc.integer({ min: 1, max: 97 }),
        fc.integer({ min: 1, max: 97 }),
      )
      .filter(([a, b, c]) => a + b + c < 100)
      .map(([a, b, c]) => [
        { repId: 'r1', percent: a },
        { repId: 'r2', percent: b },
        { repId: 'r3', percent: c },
        { repId: 'r4', percent: 100 - a - b - c },
      ]),
    weight: 1,
  },
);

interface DealSpec {
  cents: number;
  /** days after `from` */
  day: number;
  won: boolean;
  eur: boolean;
  owner: (typeof REPS)[number];
  splits: { repId: string; percent: number }[] | undefined;
  product: string;
  /** days after the close date, or null */
  reversedAfter: number | null;
}

function dealSpecArb(o: {
  days: number;
  splits?: boolean;
  reversals?: boolean;
  maxCents?: number;
}) {
  return fc.record({
    cents: fc.integer({ min: 0, max: o.maxCents ?? 30_000_000 }),
    day: fc.integer({ min: 0, max: o.days - 1 }),
    won: fc.constantFrom(true, true, true, false),
    eur: fc.boolean(),
    owner: fc.constantFrom(...REPS),
    splits: o.splits === false ? fc.constant(undefined) : splitsArb,
    product: fc.constantFrom('Platform', 'Services'),
    reversedAfter: o.reversals ? fc.option(fc.integer({ min: 0, max: 150 })) : fc.constant(null),
  });
}

function toDeals(specs: DealSpec[], from: string): Deal[] {
  return specs.map((s, i) => {
    const closeDate = isoPlusDays(from, s.day);
    return deal({
      id: `d${String(i).padStart(2, '0')}`,
      amount: s.cents / 100,
      currency: s.eur ? 'EUR' : 'USD',
      isWon: s.won,
      isClosed: true,
      stage: s.won ? 'Closed Won' : 'Closed Lost',
      closeDate,
      ownerId: s.owner,
      fields: { product: s.product },
      ...(s.splits ? { splits: s.splits } : {}),
      ...(s.reversedAfter !== null ? { reversedOn: isoPlusDays(closeDate, s.reversedAfter) } : {}),
    });
  });
}

/** EUR→USD rate in ten-thousandths (0.5000–2.0000), dated before every deal. */
const eurRateArb = fc.integer({ min: 5_000, max: 20_000 });
const fxOf = (tenThousandths: number): FxRate[] => [
  { from: 'EUR', to: 'USD', date: '2025-12-01', rate: tenThousandths / 10_000 },
];

/** The deal's amount in plan currency (USD cents), by hand: round(EUR cents × rate). */
function planCents(s: DealSpec, rate: number): number {
  return s.eur ? Number(roundDiv(BigInt(s.cents) * BigInt(rate), 10_000n)) : s.cents;
}

/** Quotas in whole dollars (so quota × upTo in hundredths is a whole number of cents). */
const quotaDollarsArb = fc.integer({ min: 1, max: 500_000 });
const quotasFor = (dollars: number, months: string[]): Quota[] =>
  ALL_REPS.flatMap((repId) => months.map((m) => ({ repId, periodStart: m, amount: dollars })));

function marchInput(p: PlanInput, deals: Deal[], quotaDollars: number, rate: number, repId = 'r1') {
  return {
    plan: p,
    quotas: quotasFor(quotaDollars, ['2026-03-01']),
    deals,
    fxRates: fxOf(rate),
    repId,
    periodStart: '2026-03-01',
  } satisfies StatementInput;
}

const totalEqualsLines = (s: Statement) =>
  minor(s.total) === s.lines.reduce((sum, l) => sum + minor(l.amount), 0);

// ---------------------------------------------------------------- properties

describe('properties', () => {
  it('total = Σ lines (cents), every line a whole number of cents — one statement', () => {
    fc.assert(
      fc.property(
        planArb({ draw: true }),
        fc.array(dealSpecArb({ days: 31 }), { maxLength: 8 }),
        quotaDollarsArb,
        eurRateArb,
        fc.constantFrom(...REPS),
        (p, specs, q, rate, repId) => {
          const s = computeStatement(marchInput(p, toDeals(specs, '2026-03-01'), q, rate, repId));
          for (const l of s.lines) {
            expect(Math.abs(l.amount * 100 - minor(l.amount))).toBeLessThan(1e-6);
            expect(l.explanation.trim().length).toBeGreaterThan(0);
          }
          expect(totalEqualsLines(s)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('total = Σ lines over a run of periods with reversals and draws', () => {
    fc.assert(
      fc.property(
        planArb({ draw: true }),
        fc.array(dealSpecArb({ days: 89, reversals: true }), { maxLength: 8 }),
        quotaDollarsArb,
        eurRateArb,
        (p, specs, q, rate) => {
          const statements = computeStatements({
            plan: p,
            quotas: quotasFor(q, ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']),
            deals: toDeals(specs, '2026-01-01'),
            fxRates: fxOf(rate),
            repId: 'r1',
            from: '2026-01-01',
            to: '2026-04-30',
          });
          expect(statements).toHaveLength(4);
          for (const s of statements) expect(totalEqualsLines(s)).toBe(true);
          // A draw never leaves the payout of a paid period below the draw.
          const draw = p.draw;
          if (draw) {
            for (const s of statements) {
              if (s.quota !== null)
                expect(minor(s.total)).toBeGreaterThanOrEqual(minor(draw.amount));
              expect(s.drawBalance).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the per-period cap is never exceeded by deal + SPIFF + cap lines', () => {
    fc.assert(
      fc.property(
        planArb({ perPeriodCap: true }),
        fc.array(dealSpecArb({ days: 31 }), { maxLength: 8 }),
        quotaDollarsArb,
        eurRateArb,
        (p, specs, q, rate) => {
          const s = computeStatement(marchInput(p, toDeals(specs, '2026-03-01'), q, rate));
          const cap = minor(p.caps!.perPeriod!);
          const earned = s.lines
            .filter((l) => l.kind === 'deal' || l.kind === 'spiff')
            .reduce((sum, l) => sum + minor(l.amount), 0);
          const capLines = s.lines.filter((l) => l.kind === 'cap');
          const withCap = earned + capLines.reduce((sum, l) => sum + minor(l.amount), 0);
          expect(withCap).toBeLessThanOrEqual(cap);
          // …and it only brings the total down to the cap, never further.
          expect(withCap).toBe(Math.min(earned, cap));
          for (const l of capLines) expect(l.amount).toBeLessThanOrEqual(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('split credits across all reps add up to the deal in plan currency', () => {
    fc.assert(
      fc.property(
        planArb(),
        fc.array(dealSpecArb({ days: 31 }), { minLength: 1, maxLength: 6 }),
        quotaDollarsArb,
        eurRateArb,
        (p, specs, q, rate) => {
          const deals = toDeals(specs, '2026-03-01');
          const statements = ALL_REPS.map((r) =>
            computeStatement(marchInput(p, deals, q, rate, r)),
          );
          specs.forEach((spec, i) => {
            if (!spec.won) return;
            const id = deals[i]!.id;
            const credits = statements.map((s) =>
              minor(s.lines.find((l) => l.kind === 'deal' && l.dealId === id)?.credit ?? 0),
            );
            expect(credits.reduce((a, b) => a + b, 0)).toBe(planCents(spec, rate));
          });
          const wonCents = specs
            .filter((s) => s.won)
            .reduce((sum, s) => sum + planCents(s, rate), 0);
          expect(statements.reduce((sum, s) => sum + minor(s.credited), 0)).toBe(wonCents);
        },
      ),
      { numRuns: 200 },
    );
  });

  /**
   * Monotonicity. Reading: "non-negative rates" is taken as non-negative and non-decreasing
   * from tier to tier (accelerators): with a lower rate in a higher tier, a retroactive plan
   * legitimately pays less when attainment crosses into it, and a marginal plan's per-line
   * rounding can move a cent. SPIFF conditions are ones that can only start to hold as the
   * amount grows (a SPIFF for deals *under* an amount legitimately stops). Caps, draws and
   * splits are included.
   *
   * Split deals are raised by 1,000 dollars or more here: with shares down to 0.01% that moves
   * every rep's exact share by at least 10 cents, more than the rounding of shares can take
   * back. Cent-sized raises of split deals are the explicit cases below (they exposed the
   * Alabama paradox and a tie-breaking flip); cent-sized raises of single-owner deals are here.
   */
  const monotone = (splits: boolean, minRaise: number, maxRaise: number) =>
    fc.property(
      planArb({ nonDecreasing: true, spiffs: 'monotone', draw: true }),
      fc.array(dealSpecArb({ days: 31, splits }), { minLength: 1, maxLength: 8 }),
      quotaDollarsArb,
      eurRateArb,
      fc.nat(),
      fc.integer({ min: minRaise, max: maxRaise }),
      fc.constantFrom(...REPS),
      (p, specs, q, rate, pick, raise, repId) => {
        const deals = toDeals(specs, '2026-03-01');
        const won = deals.filter((d) => d.isWon);
        if (won.length === 0) return;
        const target = won[pick % won.length]!;
        const raised = { ...target, amount: Math.round(target.amount * 100 + raise) / 100 };
        const base = marchInput(p, deals, q, rate, repId);
        const r = whatIf(base, { deal: raised });
        expect(minor(r.after.total)).toBeGreaterThanOrEqual(minor(r.before.total));
        expect(r.delta).toBeGreaterThanOrEqual(0);
        expect(minor(r.after.credited)).toBeGreaterThanOrEqual(minor(r.before.credited));
      },
    );

  it('raising a won deal never lowers payout (single-owner deals, raises from 1 cent)', () => {
    fc.assert(monotone(false, 1, 5_000_000), { numRuns: 300 });
  });

  it('raising a won deal never lowers payout (split deals, raises of 1,000 dollars or more)', () => {
    fc.assert(monotone(true, 100_000, 5_000_000), { numRuns: 300 });
  });

  /**
   * Slices, precisely. Quotas here are any number of cents, so a boundary quota × upTo can
   * fall between two cents; it is a whole number of hundredths of a cent (hc), and every
   * slice credit is too. For every deal line:
   *  - Σ slice.credit = line.credit, slices are in ascending tiers, each at its tier's rate;
   *  - the line's uncapped amount U = round(Σ slice.credit × slice.rate), computed exactly
   *    (rates are thousandths here); the line amount is U, or the per-deal cap when U exceeds it;
   *  - |Σ slice.amount − U| ≤ ⌊n/2⌋ cents for n slices (each slice and U are rounded once);
   *  - marginal: over all lines, the credit paid in tier t is exactly the part of
   *    [0, credited] inside tier t's band (exact quota × upTo boundaries);
   *  - retroactive: one slice per line with credit, at the tier its final attainment is in.
   */
  it('marginal and retroactive payouts equal the sum of their slices', () => {
    const hc = (major: number) => Math.round(major * 10_000); // hundredths of a cent
    fc.assert(
      fc.property(
        planArb(),
        fc.array(dealSpecArb({ days: 31 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 50_000_000 }), // quota in cents
        eurRateArb,
        (p, specs, quotaCents, rate) => {
          const s = computeStatement({
            ...marchInput(p, toDeals(specs, '2026-03-01'), 1, rate),
            quotas: [{ repId: 'r1', periodStart: '2026-03-01', amount: quotaCents / 100 }],
          });
          const tiers = p.tiers;
          const rateThousandths = tiers.map((t) => Math.round(t.rate * 1000));
          // exact boundaries in hc: quota cents × upTo hundredths
          const bounds = tiers.map((t) =>
            t.upTo === null ? Infinity : quotaCents * Math.round(t.upTo * 100),
          );
          const perDeal = p.caps?.perDeal === undefined ? null : minor(p.caps.perDeal);
          const paidInTier = tiers.map(() => 0);
          for (const line of s.lines.filter((l) => l.kind === 'deal')) {
            const slices = line.slices ?? [];
            const credit = hc(line.credit ?? 0);
            expect(slices.reduce((sum, x) => sum + hc(x.credit), 0)).toBe(credit);
            slices.forEach((x, i) => {
              expect(x.rate).toBe(tiers[x.tier - 1]!.rate);
              if (i > 0) expect(x.tier).toBeGreaterThan(slices[i - 1]!.tier);
              paidInTier[x.tier - 1]! += hc(x.credit);
            });
            // Σ hc × thousandths = amount in 10^-5 cents
            const exact = slices.reduce(
              (sum, x) => sum + BigInt(hc(x.credit)) * BigInt(rateThousandths[x.tier - 1]!),
              0n,
            );
            const uncapped = Number(roundDiv(exact, 100_000n));
            const expected = perDeal !== null && uncapped > perDeal ? perDeal : uncapped;
            expect(minor(line.amount)).toBe(expected);
            const sliceSum = slices.reduce((sum, x) => sum + minor(x.amount), 0);
            expect(Math.abs(sliceSum - uncapped)).toBeLessThanOrEqual(
              Math.floor(slices.length / 2),
            );
          }
          if (s.quota === null) return;
          // the statement's tier is the tier its attainment is in (exact comparison in hc)
          const creditedHc = minor(s.credited) * 100;
          const finalTier = bounds.findIndex((b) => creditedHc <= b) + 1;
          expect(s.tier).toBe(finalTier);
          if (p.tierMode === 'retroactive') {
            for (const line of s.lines.filter((l) => l.kind === 'deal' && (l.credit ?? 0) > 0))
              expect(line.slices!.map((x) => x.tier)).toEqual([finalTier]);
          } else {
            let lo = 0;
            bounds.forEach((hi, i) => {
              const band = Math.max(0, Math.min(creditedHc, hi) - Math.min(creditedHc, lo));
              expect(paidInTier[i]).toBe(band);
              lo = hi;
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('monotonicity, explicit cases', () => {
  it('a 1% / 3% / 96% split: raising the deal by a cent must not lower the 1% rep’s credit', () => {
    // By hand, cents: deal 1,000.50 → exact shares 1,000.50 / 3,001.50 / 96,048.00.
    //   r1's exact share is 1,000.50 cents → 10.00 or 10.01 dollars.
    // deal 1,000.51 → exact shares 1,000.51 / 3,001.53 / 96,048.96 → r1's share must be at
    //   least what it was: the deal grew, r1's percent did not change.
    // Flat 100% rate so that a cent of credit is a cent of payout.
    const p = plan({ tiers: [{ upTo: null, rate: 1 }] });
    const splits = [
      { repId: 'r1', percent: 1 },
      { repId: 'r2', percent: 3 },
      { repId: 'r3', percent: 96 },
    ];
    const d = deal({ id: 'd', amount: 1_000.5, splits });
    const base = marchInput(p, [d], 100_000, 10_000, 'r1');
    const r = whatIf(base, { deal: { ...d, amount: 1_000.51 } });
    expect(minor(r.after.credited)).toBeGreaterThanOrEqual(minor(r.before.credited));
    expect(r.delta).toBeGreaterThanOrEqual(0);
  });

  it('a 20/60/20 split: raising 10,000.02 to 10,000.03 must not lower the first rep’s credit', () => {
    // By hand, cents: 1,000,002 → exact shares 200,000.4 / 600,001.2 / 200,000.4: one of the
    //   two 20% reps gets 200,001 (2,000.01), the other 200,000.
    // 1,000,003 → exact 200,000.6 / 600,001.8 / 200,000.6: the 20% reps get 200,001 and
    //   200,000 again, the 60% rep 600,002. A rep who had 2,000.01 must keep at least that:
    //   each 20% rep's credit is ≥ what it was, so the pair (r1, r3) may not swap.
    // Flat 100% rate: credit = payout.
    const p = plan({ tiers: [{ upTo: null, rate: 1 }] });
    const splits = [
      { repId: 'r1', percent: 20 },
      { repId: 'r2', percent: 60 },
      { repId: 'r3', percent: 20 },
    ];
    const d = deal({ id: 'd', amount: 10_000.02, splits });
    for (const repId of ['r1', 'r2', 'r3']) {
      const r = whatIf(marchInput(p, [d], 100_000, 10_000, repId), {
        deal: { ...d, amount: 10_000.03 },
      });
      expect(minor(r.after.credited), repId).toBeGreaterThanOrEqual(minor(r.before.credited));
      expect(r.delta, repId).toBeGreaterThanOrEqual(0);
    }
  });

  it('every rep of a 20/60/20 split keeps or grows their credit cent by cent', () => {
    // Raise 10,000.00 one cent at a time to 10,001.00; no rep's credit may ever go down.
    const splits = [
      { repId: 'r1', percent: 20 },
      { repId: 'r2', percent: 60 },
      { repId: 'r3', percent: 20 },
    ];
    const p = plan({ tiers: [{ upTo: null, rate: 1 }] });
    for (const repId of ['r1', 'r2', 'r3']) {
      let previous = -1;
      for (let cents = 1_000_000; cents <= 1_000_100; cents++) {
        const d = deal({ id: 'd', amount: cents / 100, splits });
        const credit = minor(computeStatement(marchInput(p, [d], 100_000, 10_000, repId)).credited);
        expect(credit, `${repId} at ${cents / 100}`).toBeGreaterThanOrEqual(previous);
        previous = credit;
      }
    }
  });
});

describe('whatIf is the same computation', () => {
  // Differential: before = computeStatement(input), after = computeStatement with the deal
  // replaced (same id) or added — over three months with reversals and clawbacks, the
  // statement for March, changes to any field that matters.
  const changeArb = fc.record({
    pick: fc.nat(),
    isNew: fc.boolean(),
    cents: fc.option(fc.integer({ min: 0, max: 30_000_000 })),
    day: fc.option(fc.integer({ min: 0, max: 89 })),
    won: fc.option(fc.boolean()),
    reversedAfter: fc.option(fc.option(fc.integer({ min: 0, max: 60 }))),
  });

  type Change = typeof changeArb extends fc.Arbitrary<infer T> ? T : never;

  /** The deal a change makes (of an existing deal, or a new one), and the deals with it. */
  function applyChange(deals: Deal[], ch: Change): { changed: Deal; replaced: Deal[] } {
    const target = ch.isNew
      ? { ...deals[ch.pick % deals.length]!, id: 'new-deal' }
      : deals[ch.pick % deals.length]!;
    const changed: Deal = { ...target };
    if (ch.cents !== null) changed.amount = ch.cents / 100;
    if (ch.day !== null) changed.closeDate = isoPlusDays('2026-01-01', ch.day);
    if (ch.won !== null) {
      changed.isWon = ch.won;
      changed.isClosed = true;
    }
    if (ch.reversedAfter !== null) {
      if (ch.reversedAfter === null) delete changed.reversedOn;
      else changed.reversedOn = isoPlusDays(changed.closeDate, ch.reversedAfter);
    } else if (changed.reversedOn !== undefined && changed.reversedOn < changed.closeDate) {
      changed.reversedOn = changed.closeDate;
    }
    // whatIf replaces the first deal with the id (or adds the deal)
    const at = deals.findIndex((d) => d.id === changed.id);
    const replaced = at < 0 ? [...deals, changed] : deals.map((d, i) => (i === at ? changed : d));
    return { changed, replaced };
  }

  it('after and before equal fresh statements', () => {
    fc.assert(
      fc.property(
        // always a clawback window, and quotas small enough for deals to cross tiers
        planArb({ draw: true }).map((p) => ({ ...p, clawback: { windowDays: 90 } })),
        fc.array(dealSpecArb({ days: 89, reversals: true }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 100_000 }),
        eurRateArb,
        changeArb,
        fc.constantFrom(...REPS),
        (p, specs, q, rate, ch, repId) => {
          const deals = toDeals(specs, '2026-01-01');
          const { changed, replaced } = applyChange(deals, ch);
          const base: StatementInput = {
            plan: p,
            quotas: quotasFor(q, ['2026-01-01', '2026-02-01', '2026-03-01']),
            deals,
            fxRates: fxOf(rate),
            repId,
            periodStart: '2026-03-01',
          };
          const r = whatIf(base, { deal: changed });
          expect(r.before).toEqual(computeStatement(base));
          expect(r.after).toEqual(computeStatement({ ...base, deals: replaced }));
          expect(minor(r.delta)).toBe(minor(r.after.total) - minor(r.before.total));
          expect([r.tierBefore, r.tierAfter]).toEqual([r.before.tier, r.after.tier]);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Draw plans (recoverable or not) as the sidebar uses what-if: one change after another on
  // the same inputs (the cached "before" side and, for a recoverable draw, the balance of the
  // earlier periods are reused), statements for any of the three months, quotas missing in
  // some (the run starts later; a period without one pays no draw), the plan starting in
  // January or February, deals with a problem (no FX rate) and ids on two deals.
  it('with a draw: what-ifs one after another on the same inputs equal fresh statements', () => {
    fc.assert(
      fc.property(
        planArb({ draw: 'always' }),
        fc.constantFrom('2026-01-01', '2026-02-01', '2026-02-15'),
        fc.array(dealSpecArb({ days: 89, reversals: true }), { minLength: 1, maxLength: 8 }),
        fc.record({ noFx: fc.option(fc.nat()), duplicate: fc.option(fc.nat()) }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.subarray(['2026-01-01', '2026-02-01', '2026-03-01'], { minLength: 1 }),
        eurRateArb,
        fc.array(
          fc.tuple(
            changeArb,
            fc.constantFrom('2026-01-20', '2026-02-01', '2026-03-31'),
            fc.boolean(),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        fc.constantFrom(...REPS),
        (p0, effectiveFrom, specs, odd, q, months, rate, changes, repId) => {
          const p = { ...p0, effectiveFrom };
          const deals = toDeals(specs, '2026-01-01');
          if (odd.noFx !== null) {
            const i = odd.noFx % deals.length;
            deals[i] = { ...deals[i]!, currency: 'GBP' };
          }
          if (odd.duplicate !== null) {
            const d = deals[odd.duplicate % deals.length]!;
            deals.push({ ...d, amount: d.amount + 1_000, closeDate: isoPlusDays(d.closeDate, 20) });
          }
          const quotas = quotasFor(q, months);
          const fxRates = fxOf(rate);
          for (const [ch, periodStart, noFx] of changes) {
            const base: StatementInput = { plan: p, quotas, deals, fxRates, repId, periodStart };
            const { changed, replaced } = applyChange(deals, ch);
            if (noFx) changed.currency = 'GBP';
            const r = whatIf(base, { deal: changed });
            expect(r.before).toEqual(computeStatement(base));
            expect(r.after).toEqual(computeStatement({ ...base, deals: replaced }));
            expect(minor(r.delta)).toBe(minor(r.after.total) - minor(r.before.total));
            expect([r.tierBefore, r.tierAfter]).toEqual([r.before.tier, r.after.tier]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
