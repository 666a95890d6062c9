import { describe, it, expect } from 'vitest';
import type { DealRule, DealRuleContext } from '../../../lib/domain/coaching';
import { closeDatePast } from '../../../lib/domain/coaching/rules/close-date-past';
import { closeDatePushed } from '../../../lib/domain/coaching/rules/close-date-pushed';
import { largeDealFewContacts } from '../../../lib/domain/coaching/rules/large-deal-few-contacts';
import { noNextStep } from '../../../lib/domain/coaching/rules/no-next-step';
import { noRecentActivity } from '../../../lib/domain/coaching/rules/no-recent-activity';
import { stuckInStage } from '../../../lib/domain/coaching/rules/stuck-in-stage';
import type { Deal } from '../../../lib/domain/schemas';
import { AS_OF, deal, settings } from './fixtures';

function run(
  rule: DealRule,
  overrides: Partial<Deal>,
  extra: Partial<Omit<DealRuleContext, 'deal'>> = {},
) {
  const d = deal(overrides);
  return rule.evaluate({
    repId: 'rep-1',
    deal: d,
    asOf: AS_OF,
    thresholds: settings().coaching,
    planCurrency: 'USD',
    amountInPlanCurrency: d.amount,
    ...extra,
  });
}

type Row = [label: string, overrides: Partial<Deal>, title: string | null];

describe('close-date-past (closeDate < asOf; asOf 2026-10-24)', () => {
  const rows: Row[] = [
    // 2026-10-24 − 2026-10-12 = 12 days
    ['12 days overdue', { closeDate: '2026-10-12' }, 'Close date passed 12 days ago'],
    // yesterday: 1 day, singular
    ['due yesterday', { closeDate: '2026-10-23' }, 'Close date passed 1 day ago'],
    // closing today is not past
    ['due today', { closeDate: '2026-10-24' }, null],
    ['due tomorrow', { closeDate: '2026-10-25' }, null],
    // 2026-10-24 − 2025-10-24 = 365 days (2026 is not a leap year)
    ['a year overdue', { closeDate: '2025-10-24' }, 'Close date passed 365 days ago'],
    ['unreadable date', { closeDate: '2026-13-01' }, null],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(closeDatePast, overrides)?.title ?? null).toBe(title);
  });

  it('names the deal and the date in the detail', () => {
    expect(run(closeDatePast, { closeDate: '2026-10-12' })?.detail).toBe(
      '“Acme renewal” was due to close on 2026-10-12 and is still open. ' +
        'Move the close date to when you now expect it, or close the deal as won or lost.',
    );
  });
});

describe('no-recent-activity (daysSince ≥ staleActivityDays, default 14)', () => {
  const rows: Row[] = [
    // 2026-10-24 − 2026-10-03 = 21 days
    ['21 days', { lastActivityDate: '2026-10-03' }, 'No activity for 21 days (since 2026-10-03)'],
    // 2026-10-24 − 2026-10-10 = 14 days: exactly the threshold triggers
    [
      'exactly 14 days',
      { lastActivityDate: '2026-10-10' },
      'No activity for 14 days (since 2026-10-10)',
    ],
    // 2026-10-24 − 2026-10-11 = 13 days: below
    ['13 days', { lastActivityDate: '2026-10-11' }, null],
    ['activity today', { lastActivityDate: '2026-10-24' }, null],
    ['activity dated in the future', { lastActivityDate: '2026-11-02' }, null],
    // none logged: counts from createdDate 2026-09-01 → 30 + 23 = 53 days
    [
      'no activity ever, created 53 days ago',
      { lastActivityDate: undefined, createdDate: '2026-09-01' },
      'No activity for 53 days (since 2026-09-01)',
    ],
    // none logged, created 2026-10-20 → 4 days
    [
      'no activity ever, created 4 days ago',
      { lastActivityDate: undefined, createdDate: '2026-10-20' },
      null,
    ],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(noRecentActivity, overrides)?.title ?? null).toBe(title);
  });

  it('follows the threshold setting: 7 days flags 2026-10-17 (7 days), not 2026-10-18 (6)', () => {
    const thresholds = settings({ staleActivityDays: 7 }).coaching;
    expect(
      run(noRecentActivity, { lastActivityDate: '2026-10-17' }, { thresholds }),
    ).not.toBeNull();
    expect(run(noRecentActivity, { lastActivityDate: '2026-10-18' }, { thresholds })).toBeNull();
  });

  it('says when nothing was ever logged', () => {
    const found = run(noRecentActivity, { lastActivityDate: undefined, createdDate: '2026-09-01' });
    expect(found?.detail).toContain('since it was created on 2026-09-01');
  });
});

describe('stuck-in-stage (daysInStage ≥ stuckInStageDays, default 30)', () => {
  const rows: Row[] = [
    // 2026-10-24 − 2026-09-24 = 6 (rest of Sept) + 24 = 30 days: flagged
    [
      'exactly 30 days',
      { stageEnteredDate: '2026-09-24' },
      'In Negotiation for 30 days (since 2026-09-24)',
    ],
    // 2026-09-25 → 29 days
    ['29 days', { stageEnteredDate: '2026-09-25' }, null],
    // 2026-08-01 → 30 (Aug rest) + 30 (Sep) + 24 = 84 days
    [
      '84 days',
      { stageEnteredDate: '2026-08-01' },
      'In Negotiation for 84 days (since 2026-08-01)',
    ],
    ['no stage-entered date', { stageEnteredDate: undefined }, null],
    [
      'no stage name',
      { stageEnteredDate: '2026-09-24', stage: ' ' },
      'In the same stage for 30 days (since 2026-09-24)',
    ],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(stuckInStage, overrides)?.title ?? null).toBe(title);
  });
});

describe('no-next-step', () => {
  const rows: Row[] = [
    ['missing', { nextStep: undefined }, 'No next step'],
    ['empty', { nextStep: '' }, 'No next step'],
    ['only spaces', { nextStep: '   ' }, 'No next step'],
    ['written', { nextStep: 'Call CFO Tuesday' }, null],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(noNextStep, overrides)?.title ?? null).toBe(title);
  });
});

describe('close-date-pushed (closeDatePushCount ≥ closeDatePushes, default 2)', () => {
  const rows: Row[] = [
    ['never pushed', { closeDatePushCount: 0 }, null],
    ['pushed once', { closeDatePushCount: 1 }, null],
    ['pushed twice: the threshold', { closeDatePushCount: 2 }, 'Close date pushed twice'],
    ['pushed 5 times', { closeDatePushCount: 5 }, 'Close date pushed 5 times'],
    ['count not reported', { closeDatePushCount: undefined }, null],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(closeDatePushed, overrides)?.title ?? null).toBe(title);
  });

  it('follows the threshold setting: 1 flags a single push', () => {
    const thresholds = settings({ closeDatePushes: 1 }).coaching;
    expect(run(closeDatePushed, { closeDatePushCount: 1 }, { thresholds })?.title).toBe(
      'Close date pushed once',
    );
  });
});

describe('large-deal-few-contacts (amount ≥ 50,000 and contacts ≤ 1)', () => {
  const rows: Row[] = [
    [
      '50,000 exactly, one contact',
      { amount: 50_000, contactCount: 1 },
      'Large deal with only one contact',
    ],
    ['80,000, no contacts', { amount: 80_000, contactCount: 0 }, 'Large deal with no contacts'],
    ['49,999.99, one contact', { amount: 49_999.99, contactCount: 1 }, null],
    ['50,000, two contacts', { amount: 50_000, contactCount: 2 }, null],
    ['contacts not reported', { amount: 90_000, contactCount: undefined }, null],
  ];
  it.each(rows)('%s', (_label, overrides, title) => {
    expect(run(largeDealFewContacts, overrides)?.title ?? null).toBe(title);
  });

  it('says the amount in the deal currency', () => {
    expect(run(largeDealFewContacts, { amount: 80_000, contactCount: 1 })?.detail).toContain(
      'is worth USD 80,000.00 and has one contact',
    );
  });

  it('compares the plan-currency amount, and skips a deal it cannot convert', () => {
    // JPY 5,000,000 ≈ USD 33,000: below 50,000 in plan currency although 5,000,000 ≥ 50,000
    const jpy = { amount: 5_000_000, currency: 'JPY', contactCount: 1 };
    expect(run(largeDealFewContacts, jpy, { amountInPlanCurrency: 33_000 })).toBeNull();
    expect(run(largeDealFewContacts, jpy, { amountInPlanCurrency: null })).toBeNull();
    // JPY 10,000,000 at 0.0066 = USD 66,000 ≥ 50,000
    expect(
      run(largeDealFewContacts, { ...jpy, amount: 10_000_000 }, { amountInPlanCurrency: 66_000 })
        ?.detail,
    ).toContain('JPY 10,000,000');
  });
});
