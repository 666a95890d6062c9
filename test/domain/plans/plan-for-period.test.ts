import { describe, expect, it } from 'vitest';
import {
  periodContaining,
  periodWithPlan,
  planForPeriod,
  planSchema,
  type Plan,
  type PlanOn,
} from '../../../lib/domain';
import { plan as planInput } from '../commission/fixtures';

/** Quarterly, calendar year: 2026 until 30 September, then a new version from 1 October. */
const v2026 = planSchema.parse(
  planInput({
    id: 'v1',
    period: 'quarter',
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-09-30',
  }),
);
const v2026q4 = planSchema.parse(
  planInput({ id: 'v2', period: 'quarter', effectiveFrom: '2026-10-01' }),
);
/** A mid-quarter change: the old version to 14 November, the new one from 15 November. */
const early = planSchema.parse(
  planInput({
    id: 'early',
    period: 'quarter',
    effectiveFrom: '2026-01-01',
    effectiveTo: '2026-11-14',
  }),
);
const late = planSchema.parse(
  planInput({ id: 'late', period: 'quarter', effectiveFrom: '2026-11-15' }),
);

function planOnFor(...versions: Plan[]): PlanOn {
  return (date) =>
    versions.find(
      (v) => v.effectiveFrom <= date && (v.effectiveTo === undefined || date <= v.effectiveTo),
    ) ?? null;
}

const quarterOf = (date: string) => periodContaining(date, 'quarter', 1);

describe('planForPeriod', () => {
  const planOn = planOnFor(v2026, v2026q4);

  it('a past period: the version in force on its last day', () => {
    expect(planForPeriod(planOn, quarterOf('2026-08-01'), '2026-11-20')?.id).toBe('v1');
  });

  it('the running period: the version in force today', () => {
    expect(planForPeriod(planOn, quarterOf('2026-11-01'), '2026-11-20')?.id).toBe('v2');
  });

  it('a future period: the version in force on its first day', () => {
    expect(planForPeriod(planOn, quarterOf('2026-11-01'), '2026-08-20')?.id).toBe('v2');
    expect(planForPeriod(planOn, quarterOf('2026-08-01'), '2026-02-01')?.id).toBe('v1');
  });

  it('a version changed inside the period: past → last day, running → today, future → first day', () => {
    const changing = planOnFor(early, late);
    const q4 = quarterOf('2026-10-01');
    expect(planForPeriod(changing, q4, '2027-01-15')?.id).toBe('late');
    expect(planForPeriod(changing, q4, '2026-11-01')?.id).toBe('early');
    expect(planForPeriod(changing, q4, '2026-11-20')?.id).toBe('late');
    expect(planForPeriod(changing, q4, '2026-09-01')?.id).toBe('early');
  });

  it('falls back to the other end of the period when no version is in force on the probed day', () => {
    // Starts mid-quarter: a future quarter probed on its first day finds it from the last day.
    const starting = planOnFor(late);
    expect(planForPeriod(starting, quarterOf('2026-10-01'), '2026-09-01')?.id).toBe('late');
    // Ends mid-quarter: a past quarter probed on its last day finds it from the first day.
    const ending = planOnFor(early);
    expect(planForPeriod(ending, quarterOf('2026-10-01'), '2027-02-01')?.id).toBe('early');
  });

  it('is null when no version is in force anywhere in the period', () => {
    expect(planForPeriod(planOnFor(v2026q4), quarterOf('2026-05-01'), '2026-11-20')).toBeNull();
  });
});

describe('periodWithPlan', () => {
  const planOn = planOnFor(v2026, v2026q4);

  it('the period around a date, with the version for that period', () => {
    expect(periodWithPlan(planOn, '2026-08-15', '2026-11-20', null)).toEqual({
      period: { start: '2026-07-01', end: '2026-09-30' },
      plan: v2026,
    });
    expect(periodWithPlan(planOn, '2026-12-31', '2026-11-20', null)?.plan).toBe(v2026q4);
  });

  it('cuts periods as the plan around the date does (fiscal year start)', () => {
    const fiscal = planSchema.parse(
      planInput({ period: 'quarter', fiscalYearStartMonth: 4, effectiveFrom: '2026-01-01' }),
    );
    const result = periodWithPlan(planOnFor(fiscal), '2026-05-17', '2026-05-17', null);
    expect(result?.period).toMatchObject({ start: '2026-04-01', end: '2026-06-30' });
  });

  it('uses the fallback where the rep was on no plan, and is null without any plan', () => {
    const result = periodWithPlan(planOn, '2025-05-01', '2026-11-20', v2026);
    expect(result).toEqual({
      period: { start: '2025-04-01', end: '2025-06-30' },
      plan: v2026,
    });
    expect(periodWithPlan(() => null, '2026-05-01', '2026-11-20', null)).toBeNull();
  });
});
