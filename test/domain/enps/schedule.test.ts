import { describe, it, expect } from 'vitest';
import {
  isInSurveyAudience,
  isSurveyDue,
  surveyPeriodStart,
  type SurveyDueInput,
} from '../../../lib/domain/enps';
import { surveySchema, type Survey } from '../../../lib/domain/schemas';

const survey: Survey = surveySchema.parse({
  id: 's1',
  name: 'Quarterly pulse',
  companyName: 'Acme',
  cadence: 'quarter',
  startsOn: '2026-01-15',
});

const base: SurveyDueInput = {
  survey,
  status: { answeredPeriods: [] },
  asOf: '2026-10-24',
  now: '2026-10-24T09:00:00Z',
  user: { role: 'rep', teamIds: ['t1'] },
};

const due = (over: Partial<SurveyDueInput> = {}, surveyOver: Partial<Survey> = {}) =>
  isSurveyDue({ ...base, ...over, survey: { ...survey, ...surveyOver } });

describe('surveyPeriodStart', () => {
  it.each([
    ['month', '2026-10-24', '2026-10-01'],
    ['month', '2026-02-28', '2026-02-01'],
    ['quarter', '2026-10-24', '2026-10-01'],
    ['quarter', '2026-08-15', '2026-07-01'],
    ['quarter', '2026-03-31', '2026-01-01'],
    ['year', '2026-10-24', '2026-01-01'],
  ] as const)('%s containing %s starts %s', (cadence, date, start) => {
    expect(surveyPeriodStart({ cadence }, date)).toBe(start);
  });
});

describe('isSurveyDue', () => {
  it('is due for an audience member who has not answered this period', () => {
    expect(due()).toBe(true);
    expect(due({ status: null })).toBe(true);
    expect(due({ status: undefined })).toBe(true);
  });

  it('is not due once answered this period; due again next period', () => {
    expect(due({ status: { answeredPeriods: ['2026-10-01'] } })).toBe(false);
    expect(due({ status: { answeredPeriods: ['2026-07-01'] } })).toBe(true);
    // monthly: answered October, asked again on 2026-11-01
    const monthly = { cadence: 'month' as const };
    expect(due({ status: { answeredPeriods: ['2026-10-01'] }, asOf: '2026-10-31' }, monthly)).toBe(
      false,
    );
    expect(due({ status: { answeredPeriods: ['2026-10-01'] }, asOf: '2026-11-01' }, monthly)).toBe(
      true,
    );
  });

  it('respects startsOn and endsOn, both inclusive', () => {
    expect(due({ asOf: '2026-01-14' })).toBe(false);
    expect(due({ asOf: '2026-01-15' })).toBe(true);
    expect(due({}, { endsOn: '2026-10-24' })).toBe(true);
    expect(due({}, { endsOn: '2026-10-23' })).toBe(false);
  });

  it('is never due for an inactive survey', () => {
    expect(due({}, { active: false })).toBe(false);
  });

  it('respects a snooze until it ends', () => {
    const snoozed = (until: string) =>
      due({ status: { answeredPeriods: [], snoozedUntil: until } });
    expect(snoozed('2026-10-24T09:00:01Z')).toBe(false);
    expect(snoozed('2026-10-24T09:00:00Z')).toBe(true); // ends exactly now
    expect(snoozed('2026-10-23T00:00:00Z')).toBe(true);
    // 2026-10-24T12:00+05:00 is 07:00Z: over
    expect(snoozed('2026-10-24T12:00:00+05:00')).toBe(true);
  });

  it('checks the audience', () => {
    expect(due({}, { audience: { roles: ['manager'] } })).toBe(false);
    expect(due({}, { audience: { roles: ['rep', 'manager'] } })).toBe(true);
    expect(due({}, { audience: { teamIds: ['t2'] } })).toBe(false);
    expect(due({}, { audience: { teamIds: ['t2', 't1'] } })).toBe(true);
    expect(due({}, { audience: { teamIds: ['t1'], roles: ['manager'] } })).toBe(false);
  });
});

describe('isInSurveyAudience', () => {
  const rep = { role: 'rep' as const, teamIds: ['t1'] };
  it('treats absent or empty lists as everyone', () => {
    expect(isInSurveyAudience({}, rep)).toBe(true);
    expect(isInSurveyAudience({ audience: {} }, rep)).toBe(true);
    expect(isInSurveyAudience({ audience: { teamIds: [], roles: [] } }, rep)).toBe(true);
  });
  it('needs both lists to match when both are given', () => {
    expect(isInSurveyAudience({ audience: { teamIds: ['t1'], roles: ['rep'] } }, rep)).toBe(true);
    expect(isInSurveyAudience({ audience: { teamIds: ['t9'], roles: ['rep'] } }, rep)).toBe(false);
    expect(
      isInSurveyAudience({ audience: { teamIds: ['t1'] } }, { role: 'admin', teamIds: [] }),
    ).toBe(false);
  });
});
