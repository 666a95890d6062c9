import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeStatement,
  computeStatements,
  whatIf,
  type Deal,
  type FxRate,
  type Quota,
  type Statement,
} from '../../../lib/domain';
import { deal, fx, input, plan, quota } from './fixtures';

/** A well-formed statement: finite numbers, total = Σ lines in cents. */
function expectWellFormed(s: Statement) {
  expect(Number.isFinite(s.total)).toBe(true);
  expect(Array.isArray(s.problems)).toBe(true);
  const sum = s.lines.reduce((acc, l) => acc + Math.round(l.amount * 100), 0);
  expect(Math.round(s.total * 100)).toBe(sum);
}

const good = deal({ id: 'good', amount: 10_000, closeDate: '2026-03-10' }); // 10,000 × 8% = 800
const junk = (overrides: Record<string, unknown>): Deal =>
  ({ ...deal({ id: 'bad', amount: 5_000, closeDate: '2026-03-12' }), ...overrides }) as Deal;

describe('junk deals are reported, not paid, and never throw', () => {
  // Each deal is won, credits r1 and would fall in March 2026 if it were readable. The good deal
  // next to it is paid as usual (800) and the junk one is named in a problem.
  it.each([
    ['negative amount', { amount: -5_000 }],
    ['amount -0.01', { amount: -0.01 }],
    ['NaN amount', { amount: Number.NaN }],
    ['infinite amount', { amount: Number.POSITIVE_INFINITY }],
    ['amount as text', { amount: '5000' }],
    ['missing amount', { amount: undefined }],
    ['currency not a code', { currency: 'usd' }],
    ['currency too long', { currency: 'EURO' }],
    ['empty currency', { currency: '' }],
    ['currency a number', { currency: 840 }],
    ['closeDate not a date', { closeDate: 'yesterday' }],
    ['closeDate without padding', { closeDate: '2026-3-12' }],
    ['closeDate empty', { closeDate: '' }],
    ['closeDate missing', { closeDate: undefined }],
    ['closeDate a number', { closeDate: 20260312 }],
    ['closeDate 2026-03-32', { closeDate: '2026-03-32' }],
    ['closeDate 2026-02-30', { closeDate: '2026-02-30' }],
    [
      'splits adding to 90',
      {
        splits: [
          { repId: 'r1', percent: 60 },
          { repId: 'r2', percent: 30 },
        ],
      },
    ],
    [
      'splits with a negative percent adding to 100',
      {
        splits: [
          { repId: 'r1', percent: 150 },
          { repId: 'r2', percent: -50 },
        ],
      },
    ],
    ['a split percent NaN', { splits: [{ repId: 'r1', percent: Number.NaN }] }],
  ])('%s', (_why, overrides) => {
    const bad = junk(overrides);
    const run = () =>
      computeStatement(
        input({
          quotas: [quota('2026-03-01', 100_000), quota('2026-02-01', 100_000)],
          deals: [good, bad],
          fxRates: [fx('EUR', 'USD', '2026-01-01', 1.1)],
        }),
      );
    expect(run).not.toThrow();
    const s = run();
    expectWellFormed(s);
    expect(s.lines.filter((l) => l.dealId === 'bad')).toEqual([]);
    expect(s.total).toBe(800);
    expect(s.problems.some((p) => p.dealId === 'bad')).toBe(true);
  });

  it('a well-formed but unknown currency code is a missing FX rate', () => {
    const s = computeStatement(input({ deals: [good, junk({ currency: 'XYZ' })] }));
    expect(s.problems.find((p) => p.dealId === 'bad')?.code).toBe('missing_fx_rate');
    expect(s.total).toBe(800);
  });
});

describe('junk quotas are reported and never throw', () => {
  // The good deal would pay 800 against a valid quota; with an unusable quota nothing is paid
  // (DOMAIN.md: a period without a usable quota pays nothing and says why).
  it.each([
    ['quota NaN', { amount: Number.NaN }],
    ['quota null', { amount: null }],
    ['quota missing its amount', { amount: undefined }],
    ['quota negative', { amount: -100_000 }],
    ['quota infinite', { amount: Number.POSITIVE_INFINITY }],
  ])('%s', (_why, overrides) => {
    const q = { ...quota('2026-03-01', 100_000), ...overrides } as unknown as Quota;
    const run = () => computeStatement(input({ quotas: [q], deals: [good] }));
    expect(run).not.toThrow();
    const s = run();
    expectWellFormed(s);
    expect(s.problems.length).toBeGreaterThan(0);
    expect(s.total).toBe(0);
    expect(s.tier).toBeNull();
  });

  it('a quota written as text does not throw', () => {
    const q = { ...quota('2026-03-01', 0), amount: '100000' } as unknown as Quota;
    const run = () => expectWellFormed(computeStatement(input({ quotas: [q], deals: [good] })));
    expect(run).not.toThrow();
  });
});

describe('junk FX rates are reported, never used, and never throw', () => {
  // EUR 1,000 deal next to the good USD deal (10,000 → 800). An unusable rate must not credit
  // the EUR deal at all (DOMAIN.md: a rate is never treated as 0 or 1).
  const eur = deal({ id: 'eur', amount: 1_000, currency: 'EUR', closeDate: '2026-03-10' });
  it.each([
    ['rate 0 (direct)', [fx('EUR', 'USD', '2026-03-01', 0)]],
    ['rate 0 (reverse pair)', [fx('USD', 'EUR', '2026-03-01', 0)]],
    ['negative rate', [fx('EUR', 'USD', '2026-03-01', -1.1)]],
    ['null rate', [{ ...fx('EUR', 'USD', '2026-03-01', 1), rate: null }]],
    ['NaN rate', [fx('EUR', 'USD', '2026-03-01', Number.NaN)]],
    ['infinite rate', [fx('EUR', 'USD', '2026-03-01', Number.POSITIVE_INFINITY)]],
    ['rate as text', [{ ...fx('EUR', 'USD', '2026-03-01', 1), rate: '1.1' }]],
    ['bad rate date', [fx('EUR', 'USD', 'someday', 1.1)]],
  ])('%s', (_why, rates) => {
    const run = () =>
      computeStatement(input({ deals: [good, eur], fxRates: rates as unknown as FxRate[] }));
    expect(run).not.toThrow();
    const s = run();
    expectWellFormed(s);
    expect(s.problems.some((p) => p.dealId === 'eur')).toBe(true);
    expect(s.lines.filter((l) => l.dealId === 'eur')).toEqual([]);
    expect(s.credited).toBe(10_000);
    expect(s.total).toBe(800);
  });
});

describe('structurally broken input never throws', () => {
  it.each([
    ['splits an object', { splits: {} }],
    ['splits text', { splits: 'r1' }],
    ['splits [null]', { splits: [null] }],
    ['splits null', { splits: null }],
  ])('%s', (_why, overrides) => {
    const run = () => computeStatement(input({ deals: [good, junk(overrides)] }));
    expect(run).not.toThrow();
    expectWellFormed(run());
  });

  // Deals without a usable id, closing the same day as the good deal (so they must be ordered)
  it.each([
    ['id null', { id: null }],
    ['id missing', { id: undefined }],
    ['id a list', { id: ['x'] }],
  ])('%s: reported, the good deal still paid', (_why, overrides) => {
    const run = () =>
      computeStatement(input({ deals: [good, junk({ closeDate: '2026-03-10', ...overrides })] }));
    expect(run).not.toThrow();
    const s = run();
    expectWellFormed(s);
    expect(s.problems.length).toBeGreaterThan(0);
    expect(s.total).toBe(800);
  });

  it.each([
    ['null', null],
    ['text', 'plan'],
    ['a number', 42],
  ])('a plan that is %s: invalid_plan', (_why, p) => {
    const run = () => computeStatement(input({ plan: p as unknown as ReturnType<typeof plan> }));
    expect(run).not.toThrow();
    expect(run().problems.map((x) => x.code)).toEqual(['invalid_plan']);
  });

  it('a periodStart that is not a date', () => {
    const one = () => computeStatement(input({ periodStart: 'soon', deals: [good] }));
    expect(one).not.toThrow();
    expect(one().problems.length).toBeGreaterThan(0);
    expect(one().total).toBe(0);
    const many = () =>
      computeStatements({ ...input({ deals: [good] }), from: 'soon', to: '2026-03-31' });
    expect(many).not.toThrow();
  });
});

describe('an invalid plan is a problem on the statement', () => {
  it('reports invalid_plan with the path, pays nothing, does not throw', () => {
    const p = plan({
      tiers: [
        { upTo: 1, rate: 0.08 },
        { upTo: 0.5, rate: 0.1 },
        { upTo: null, rate: 0.12 },
      ],
    });
    const s = computeStatement(input({ plan: p, deals: [good] }));
    expect(s.problems.map((x) => x.code)).toEqual(['invalid_plan']);
    expect(s.problems[0]!.message).toContain('tiers[1].upTo must be greater than tiers[0].upTo');
    expect(s.total).toBe(0);
    expect(s.lines).toEqual([]);
    const run = computeStatements({ ...input({ plan: p }), from: '2026-01-01', to: '2026-03-31' });
    expect(run.every((x) => x.problems.some((q) => q.code === 'invalid_plan'))).toBe(true);
  });
});

describe('property: random junk in deals never throws', () => {
  const junkValue = fc.oneof(
    fc.jsonValue(),
    fc.constant(undefined),
    fc.constantFrom(-1, -0.01, Number.NaN, Number.POSITIVE_INFINITY, 1e300, '', 'XYZ', 'usd'),
    fc.constantFrom('2026-02-30', '2026-13-01', '2026-3-5', 'soon', '2026-03-15'),
  );
  const field = fc.constantFrom(
    'id',
    'name',
    'amount',
    'currency',
    'stage',
    'isClosed',
    'isWon',
    'closeDate',
    'createdDate',
    'ownerId',
    'probability',
    'reversedOn',
    'fields',
  );
  // Splits stay a list of records (structurally broken splits have their own cases above);
  // their values are junk.
  const junkSplits = fc.array(
    fc.record({ repId: fc.oneof(fc.constantFrom('r1', 'r2'), junkValue), percent: junkValue }),
    { maxLength: 3 },
  );
  const junkDeal = fc
    .tuple(
      fc.integer({ min: 0, max: 2_000_000 }),
      fc.integer({ min: 1, max: 31 }),
      fc.array(fc.tuple(field, junkValue), { maxLength: 3 }),
      fc.option(junkSplits),
    )
    .map(([cents, day, edits, splits]) => {
      const d: Record<string, unknown> = {
        ...deal({
          id: `j-${cents}-${day}`,
          amount: cents / 100,
          closeDate: `2026-03-${String(day).padStart(2, '0')}`,
        }),
      };
      for (const [k, v] of edits) d[k] = v;
      if (splits !== null) d.splits = splits;
      return d as unknown as Deal;
    });

  it('computeStatement, computeStatements and whatIf', () => {
    fc.assert(
      fc.property(
        fc.array(junkDeal, { maxLength: 6 }),
        fc.boolean(),
        fc.constantFrom('marginal', 'retroactive') as fc.Arbitrary<'marginal' | 'retroactive'>,
        (deals, recoverable, tierMode) => {
          const base = input({
            plan: plan({
              tierMode,
              clawback: { windowDays: 30 },
              draw: { amount: 1_000, recoverable },
              caps: { perDeal: 20_000, perPeriod: 50_000 },
              spiffs: [
                {
                  id: 's',
                  name: 'S',
                  when: [{ field: 'amount', op: 'gte', value: 100 }],
                  rate: 0.01,
                },
              ],
            }),
            quotas: [quota('2026-02-01', 100_000), quota('2026-03-01', 100_000)],
            deals,
            fxRates: [fx('EUR', 'USD', '2026-01-01', 1.1)],
          });
          expectWellFormed(computeStatement(base));
          for (const s of computeStatements({ ...base, from: '2026-02-01', to: '2026-04-30' }))
            expectWellFormed(s);
          if (deals[0]) whatIf(base, { deal: deals[0] });
        },
      ),
      { numRuns: 200 },
    );
  });
});
