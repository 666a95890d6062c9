import { describe, expect, it } from 'vitest';
import {
  dealSchema,
  describeIssues,
  fxRatesSchema,
  quotaSchema,
  validate,
  validatePlan,
  type ValidationIssue,
} from '../../lib/domain';

const validPlan = {
  id: 'plan-ae',
  name: 'AE plan',
  currency: 'USD',
  period: 'quarter',
  fiscalYearStartMonth: 4,
  effectiveFrom: '2026-04-01',
  tiers: [
    { upTo: 1, rate: 0.08 },
    { upTo: 1.5, rate: 0.12 },
    { upTo: null, rate: 0.15 },
  ],
  tierMode: 'marginal',
  caps: { perDeal: 50_000, perPeriod: 200_000 },
  spiffs: [
    {
      id: 'big',
      name: 'Big deal',
      when: [{ field: 'amount', op: 'gte', value: 100_000 }],
      amount: 1_000,
    },
  ],
  clawback: { windowDays: 90 },
  draw: { amount: 3_000, recoverable: true },
};

const validDeal = {
  id: 'd1',
  name: 'Acme renewal',
  amount: 12_000,
  currency: 'USD',
  stage: 'Closed Won',
  isClosed: true,
  isWon: true,
  closeDate: '2026-03-15',
  createdDate: '2026-01-10',
  ownerId: 'r1',
};

function issuesOfPlan(patch: Record<string, unknown>): ValidationIssue[] {
  const r = validatePlan({ ...validPlan, ...patch });
  if (r.ok) throw new Error('expected the plan to be rejected');
  return r.issues;
}

function issuesOfDeal(patch: Record<string, unknown>): ValidationIssue[] {
  const r = validate(dealSchema, { ...validDeal, ...patch });
  if (r.ok) throw new Error('expected the deal to be rejected');
  return r.issues;
}

describe('validatePlan', () => {
  it('accepts a valid plan and fills in defaults', () => {
    const r = validatePlan(validPlan);
    expect(r.ok).toBe(true);
    const minimal = validatePlan({
      ...validPlan,
      fiscalYearStartMonth: undefined,
      spiffs: undefined,
    });
    expect(minimal.ok && minimal.value.fiscalYearStartMonth).toBe(1);
    expect(minimal.ok && minimal.value.spiffs).toEqual([]);
  });

  it('tiers that do not increase: the message names both tiers', () => {
    const issues = issuesOfPlan({
      tiers: [
        { upTo: 1, rate: 0.08 },
        { upTo: 1, rate: 0.1 },
        { upTo: null, rate: 0.12 },
      ],
    });
    expect(issues).toContainEqual({
      path: 'tiers[1].upTo',
      message: 'must be greater than tiers[0].upTo',
    });
    expect(describeIssues(issues)).toContain('tiers[1].upTo must be greater than tiers[0].upTo');
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'decreasing tiers',
      {
        tiers: [
          { upTo: 1.5, rate: 0.08 },
          { upTo: 1.2, rate: 0.1 },
          { upTo: null, rate: 0.12 },
        ],
      },
      'tiers[1].upTo',
    ],
    [
      'a last tier with an upTo',
      {
        tiers: [
          { upTo: 1, rate: 0.08 },
          { upTo: 2, rate: 0.1 },
        ],
      },
      'tiers[1].upTo',
    ],
    [
      'an open tier before the last',
      {
        tiers: [
          { upTo: null, rate: 0.08 },
          { upTo: null, rate: 0.1 },
        ],
      },
      'tiers[0].upTo',
    ],
    ['no tiers', { tiers: [] }, 'tiers'],
    ['a negative rate', { tiers: [{ upTo: null, rate: -0.01 }] }, 'tiers[0].rate'],
    [
      'a zero upTo',
      {
        tiers: [
          { upTo: 0, rate: 0.05 },
          { upTo: null, rate: 0.1 },
        ],
      },
      'tiers[0].upTo',
    ],
    ['a currency in lower case', { currency: 'usd' }, 'currency'],
    ['an unknown period', { period: 'week' }, 'period'],
    ['an unknown tier mode', { tierMode: 'flat' }, 'tierMode'],
    ['fiscal start month 13', { fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
    ['fiscal start month 0', { fiscalYearStartMonth: 0 }, 'fiscalYearStartMonth'],
    ['a date that does not exist', { effectiveFrom: '2026-02-30' }, 'effectiveFrom'],
    ['effectiveTo before effectiveFrom', { effectiveTo: '2026-03-31' }, 'effectiveTo'],
    ['a negative per-deal cap', { caps: { perDeal: -1 } }, 'caps.perDeal'],
    ['a negative draw', { draw: { amount: -1, recoverable: false } }, 'draw.amount'],
    ['a negative clawback window', { clawback: { windowDays: -1 } }, 'clawback.windowDays'],
    [
      'a SPIFF with both amount and rate',
      { spiffs: [{ id: 's', name: 'S', when: [], amount: 1, rate: 0.1 }] },
      'spiffs[0]',
    ],
    [
      'a SPIFF with neither amount nor rate',
      { spiffs: [{ id: 's', name: 'S', when: [] }] },
      'spiffs[0]',
    ],
    [
      'a SPIFF "in" condition without a list',
      {
        spiffs: [
          { id: 's', name: 'S', when: [{ field: 'stage', op: 'in', value: 'Won' }], amount: 1 },
        ],
      },
      'spiffs[0].when[0].value',
    ],
    [
      'a SPIFF with an unknown operator',
      {
        spiffs: [
          { id: 's', name: 'S', when: [{ field: 'stage', op: 'like', value: 'Won' }], amount: 1 },
        ],
      },
      'spiffs[0].when[0].op',
    ],
    [
      'two SPIFFs with the same id',
      {
        spiffs: [
          { id: 's', name: 'S', when: [], amount: 1 },
          { id: 's', name: 'T', when: [], amount: 2 },
        ],
      },
      'spiffs[1].id',
    ],
  ])('rejects %s at %s', (_why, patch, path) => {
    const issues = issuesOfPlan(patch);
    expect(issues.map((i) => i.path)).toContain(path);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(3);
    expect(describeIssues(issues)).toContain(path === '' ? '' : `${path} `);
  });

  it('rejects something that is not a plan at all, without throwing', () => {
    expect(validatePlan(null).ok).toBe(false);
    expect(validatePlan('plan').ok).toBe(false);
  });
});

describe('dealSchema', () => {
  it('accepts a valid deal, and a 33.33/33.33/33.34 split', () => {
    expect(validate(dealSchema, validDeal).ok).toBe(true);
    const split = {
      ...validDeal,
      splits: [
        { repId: 'r1', percent: 33.33 },
        { repId: 'r2', percent: 33.33 },
        { repId: 'r3', percent: 33.34 },
      ],
    };
    expect(validate(dealSchema, split).ok).toBe(true);
    expect(validate(dealSchema, { ...validDeal, splits: [] }).ok).toBe(true);
    expect(validate(dealSchema, { ...validDeal, reversedOn: validDeal.closeDate }).ok).toBe(true);
  });

  it('splits that do not add up to 100', () => {
    const issues = issuesOfDeal({
      splits: [
        { repId: 'r1', percent: 60 },
        { repId: 'r2', percent: 30 },
      ],
    });
    const split = issues.find((i) => i.path === 'splits');
    expect(split?.message).toMatch(/100/);
    expect(split?.message).toMatch(/90/);
  });

  it('splits that add up to 100.01', () => {
    const issues = issuesOfDeal({
      splits: [
        { repId: 'r1', percent: 33.34 },
        { repId: 'r2', percent: 33.34 },
        { repId: 'r3', percent: 33.33 },
      ],
    });
    expect(issues.map((i) => i.path)).toContain('splits');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a negative amount', { amount: -1 }, 'amount'],
    ['a NaN amount', { amount: Number.NaN }, 'amount'],
    ['isWon without isClosed', { isWon: true, isClosed: false }, 'isClosed'],
    ['reversedOn before closeDate', { reversedOn: '2026-03-14' }, 'reversedOn'],
    ['a bad close date', { closeDate: '2026-13-01' }, 'closeDate'],
    ['an unknown currency', { currency: 'DOLLARS' }, 'currency'],
    [
      'a split percent of 0',
      {
        splits: [
          { repId: 'r1', percent: 0 },
          { repId: 'r2', percent: 100 },
        ],
      },
      'splits[0].percent',
    ],
    [
      'a negative split percent',
      {
        splits: [
          { repId: 'r1', percent: 150 },
          { repId: 'r2', percent: -50 },
        ],
      },
      'splits[1].percent',
    ],
    [
      'a rep listed twice',
      {
        splits: [
          { repId: 'r1', percent: 50 },
          { repId: 'r1', percent: 50 },
        ],
      },
      'splits[1].repId',
    ],
    ['a probability over 100', { probability: 120 }, 'probability'],
    ['an empty id', { id: '' }, 'id'],
  ])('rejects %s at %s', (_why, patch, path) => {
    const issues = issuesOfDeal(patch);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(describeIssues(issues)).toContain(`${path} `);
  });

  it('the messages read as sentences after the path', () => {
    expect(describeIssues(issuesOfDeal({ amount: -1 }))).toBe('amount must not be negative');
    expect(describeIssues(issuesOfDeal({ isClosed: false }))).toBe(
      'isClosed must be true when isWon is true',
    );
    expect(describeIssues(issuesOfDeal({ reversedOn: '2026-03-01' }))).toBe(
      'reversedOn must not be before closeDate',
    );
  });
});

describe('quotas and FX rates', () => {
  it('a negative quota is rejected', () => {
    const r = validate(quotaSchema, { repId: 'r1', periodStart: '2026-03-01', amount: -5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['amount']);
  });

  it('two rates for the same pair and date are rejected, even when equal', () => {
    const rates = [
      { from: 'EUR', to: 'USD', date: '2026-03-01', rate: 1.1 },
      { from: 'EUR', to: 'USD', date: '2026-03-02', rate: 1.1 },
      { from: 'EUR', to: 'USD', date: '2026-03-01', rate: 1.1 },
    ];
    const r = validate(fxRatesSchema, rates);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['[2]']);
  });

  it('a rate of 0 is rejected', () => {
    const r = validate(fxRatesSchema, [{ from: 'EUR', to: 'USD', date: '2026-03-01', rate: 0 }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toEqual(['[0].rate']);
  });
});
