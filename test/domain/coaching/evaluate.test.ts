import { describe, it, expect } from 'vitest';
import {
  builtInRules,
  coachingPromptId,
  evaluateCoaching,
  sortPrompts,
  visiblePrompts,
  type CoachingRule,
} from '../../../lib/domain/coaching';
import {
  coachingPromptSchema,
  type CoachingPrompt,
  type PromptState,
} from '../../../lib/domain/schemas';
import { AS_OF, deal, kpis, settings } from './fixtures';

/** A deal with four findings: close date passed (risk), pushed twice (risk), stale, no next step. */
const troubled = deal({
  id: 'd-trouble',
  closeDate: '2026-10-12',
  closeDatePushCount: 2,
  lastActivityDate: '2026-10-03',
  nextStep: undefined,
});

const ids = (prompts: readonly CoachingPrompt[]) => prompts.map((p) => p.id);

describe('evaluateCoaching: which deals', () => {
  it('checks only open deals the rep owns or has a split of', () => {
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [
        deal({ id: 'own', nextStep: undefined }),
        deal({ id: 'closed-won', nextStep: undefined, isClosed: true, isWon: true }),
        deal({ id: 'closed-lost', nextStep: undefined, isClosed: true }),
        deal({ id: 'someone-else', nextStep: undefined, ownerId: 'rep-2' }),
        deal({
          id: 'split-to-me',
          nextStep: undefined,
          ownerId: 'rep-2',
          splits: [
            { repId: 'rep-2', percent: 60 },
            { repId: 'rep-1', percent: 40 },
          ],
        }),
        deal({
          id: 'owned-split-away',
          nextStep: undefined,
          splits: [{ repId: 'rep-3', percent: 100 }],
        }),
      ],
    });
    expect(ids(prompts).sort()).toEqual([
      'no-next-step:own',
      'no-next-step:owned-split-away',
      'no-next-step:split-to-me',
    ]);
  });

  it('finds nothing on a healthy deal with healthy KPIs', () => {
    expect(
      evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals: [deal()], kpis: kpis() }),
    ).toEqual([]);
  });

  it('raises every deal finding with rep, deal, rule and severity', () => {
    const prompts = evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals: [troubled] });
    expect(prompts.map((p) => [p.id, p.severity])).toEqual([
      ['close-date-past:d-trouble', 'risk'],
      ['close-date-pushed:d-trouble', 'risk'],
      ['no-next-step:d-trouble', 'warn'],
      ['no-recent-activity:d-trouble', 'warn'],
    ]);
    for (const { message, ...p } of prompts) {
      expect(p).toMatchObject({ repId: 'rep-1', dealId: 'd-trouble' });
      expect(p.id).toBe(coachingPromptId(p.ruleId, 'd-trouble'));
      // The prompt itself has the wire shape; its message rides along for the UI.
      expect(coachingPromptSchema.safeParse(p).success).toBe(true);
      expect(message?.title.id).toBe(`${p.ruleId}.title`);
    }
  });

  it('runs rep rules only with KPIs, with ids ruleId:repId and no deal', () => {
    const weak = kpis({ coverage: 1.2, pace: -0.2, gapToNextTier: 3_000 });
    expect(evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals: [] })).toEqual([]);
    const prompts = evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals: [], kpis: weak });
    expect(prompts.map((p) => [p.id, p.severity, p.dealId])).toEqual([
      ['pace-behind:rep-1', 'risk', undefined],
      ['low-coverage:rep-1', 'warn', undefined],
      ['next-tier-within-reach:rep-1', 'info', undefined],
    ]);
  });
});

describe('evaluateCoaching: settings', () => {
  it('skips disabled rules', () => {
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [troubled],
      kpis: kpis({ coverage: 1 }),
      settings: settings({}, ['close-date-past', 'no-next-step', 'low-coverage']),
    });
    expect(ids(prompts)).toEqual(['close-date-pushed:d-trouble', 'no-recent-activity:d-trouble']);
  });

  it('uses the thresholds in settings', () => {
    // 21 days without activity: flagged at the default 14, not at 30
    const stale = deal({ lastActivityDate: '2026-10-03' });
    const run = (days: number) =>
      ids(
        evaluateCoaching({
          repId: 'rep-1',
          asOf: AS_OF,
          deals: [stale],
          settings: settings({ staleActivityDays: days }),
        }),
      );
    expect(run(14)).toEqual(['no-recent-activity:d1']);
    expect(run(30)).toEqual([]);
  });

  it('uses the DOMAIN.md defaults without settings', () => {
    const atThreshold = deal({ lastActivityDate: '2026-10-10' }); // exactly 14 days
    expect(ids(evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals: [atThreshold] }))).toEqual([
      'no-recent-activity:d1',
    ]);
  });

  it('runs the rules it is given', () => {
    const always: CoachingRule = {
      id: 'always',
      name: 'Always',
      severity: 'info',
      scope: 'deal',
      evaluate: () => ({ title: 'Hello', detail: '' }),
    };
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [deal()],
      rules: [always],
    });
    expect(prompts).toEqual([
      {
        id: 'always:d1',
        ruleId: 'always',
        severity: 'info',
        title: 'Hello',
        detail: '',
        repId: 'rep-1',
        dealId: 'd1',
      },
    ]);
  });
});

describe('evaluateCoaching: FX for the large-deal rule', () => {
  const jpyDeal = deal({
    id: 'jp',
    amount: 10_000_000,
    currency: 'JPY',
    contactCount: 1,
    closeDate: '2026-11-30',
  });
  const fxRates = [{ from: 'JPY', to: 'USD', date: '2026-10-01', rate: 0.0066 }];
  const run = (rates?: typeof fxRates) =>
    ids(
      evaluateCoaching({
        repId: 'rep-1',
        asOf: AS_OF,
        deals: [jpyDeal],
        kpis: kpis(),
        fxRates: rates,
      }),
    );

  it('converts to plan currency: JPY 10,000,000 × 0.0066 = USD 66,000 ≥ 50,000', () => {
    expect(run(fxRates)).toEqual(['large-deal-few-contacts:jp']);
  });
  it('does not compare JPY with a USD threshold when no rate is known', () => {
    expect(run()).toEqual([]);
  });
  it('uses the reverse rate: USD→JPY 150 means JPY 10,000,000 = USD 66,666.67', () => {
    expect(
      run([{ from: 'USD', to: 'JPY', date: '2026-10-01', rate: 150 } as (typeof fxRates)[0]]),
    ).toEqual(['large-deal-few-contacts:jp']);
  });
});

describe('evaluateCoaching: ids, determinism and sorting', () => {
  it('gives the same prompts, with the same ids, for the same input in any deal order', () => {
    const deals = [
      troubled,
      deal({ id: 'd2', nextStep: '' }),
      deal({ id: 'd3', closeDate: '2026-10-01' }),
    ];
    const a = evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals, kpis: kpis({ coverage: 2 }) });
    const b = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [...deals].reverse(),
      kpis: kpis({ coverage: 2 }),
    });
    expect(b).toEqual(a);
    expect(ids(a)).toEqual([
      // risk: d3 closes 2026-10-01, before d-trouble 2026-10-12
      'close-date-past:d3',
      'close-date-past:d-trouble',
      'close-date-pushed:d-trouble',
      // warn: rep prompts first, then by close date (d3, d-trouble, d2 on 2026-11-30), then id
      'low-coverage:rep-1',
      'no-next-step:d-trouble',
      'no-recent-activity:d-trouble',
      'no-next-step:d2',
    ]);
  });

  it('sorts by severity, then close date, then id in code-point order', () => {
    const p = (
      id: string,
      severity: CoachingPrompt['severity'],
      dealId?: string,
    ): CoachingPrompt => ({
      id,
      ruleId: id.split(':')[0]!,
      severity,
      title: id,
      detail: '',
      repId: 'rep-1',
      ...(dealId ? { dealId } : {}),
    });
    const deals = [
      deal({ id: 'late', closeDate: '2026-12-01' }),
      deal({ id: 'early', closeDate: '2026-11-01' }),
    ];
    const sorted = sortPrompts(
      [
        p('z:late', 'info', 'late'),
        p('b:late', 'warn', 'late'),
        p('a:early', 'warn', 'early'),
        p('a:late', 'warn', 'late'),
        p('m:unknown', 'warn', 'not-in-list'),
        p('r:rep-1', 'risk'),
      ],
      deals,
    );
    expect(ids(sorted)).toEqual(['r:rep-1', 'm:unknown', 'a:early', 'a:late', 'b:late', 'z:late']);
  });
});

describe('evaluateCoaching: manager prompts', () => {
  const managerPrompt = (over: Partial<CoachingPrompt> = {}): CoachingPrompt => ({
    id: 'mgr-1',
    ruleId: 'manager',
    severity: 'risk',
    title: 'Get legal involved this week',
    detail: 'Their procurement takes a month.',
    repId: 'rep-1',
    dealId: 'd1',
    authorId: 'manager-1',
    authorName: 'Maya',
    createdAt: '2026-10-20T09:00:00Z',
    ...over,
  });

  it("merges this rep's manager prompts and sorts them with the rest", () => {
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [deal({ nextStep: undefined })],
      managerPrompts: [
        managerPrompt(),
        managerPrompt({ id: 'mgr-2', repId: 'rep-2' }),
        managerPrompt({ id: 'mgr-3', severity: 'info', dealId: undefined }),
      ],
    });
    expect(ids(prompts)).toEqual(['mgr-1', 'no-next-step:d1', 'mgr-3']);
    expect(prompts[0]).toEqual(managerPrompt());
  });

  it('is not affected by disabled rules', () => {
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [],
      managerPrompts: [managerPrompt()],
      settings: settings({}, ['manager']),
    });
    expect(ids(prompts)).toEqual(['mgr-1']);
  });
});

describe('dismiss and snooze', () => {
  const state = (over: Partial<PromptState>): PromptState => ({
    promptId: 'no-next-step:d1',
    userId: 'rep-1',
    status: 'dismissed',
    updatedAt: '2026-10-20T10:00:00Z',
    ...over,
  });
  const deals = [deal({ nextStep: undefined, closeDate: '2026-10-12' })];
  // Two prompts: close-date-past:d1 (risk) and no-next-step:d1 (warn)
  const run = (promptStates: PromptState[], now = '2026-10-24T12:00:00Z', userId?: string) =>
    ids(evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals, promptStates, now, userId }));

  it('shows everything without states', () => {
    expect(run([])).toEqual(['close-date-past:d1', 'no-next-step:d1']);
  });

  it("hides a prompt its reader dismissed, and only the reader's", () => {
    expect(run([state({})])).toEqual(['close-date-past:d1']);
    expect(run([state({ userId: 'manager-1' })])).toEqual([
      'close-date-past:d1',
      'no-next-step:d1',
    ]);
    // the manager reading the rep's prompts sees their own dismissals, not the rep's
    expect(run([state({})], undefined, 'manager-1')).toEqual([
      'close-date-past:d1',
      'no-next-step:d1',
    ]);
  });

  it('hides a snoozed prompt until the snooze ends, and shows it from then on', () => {
    const snoozed = state({ status: 'snoozed', snoozedUntil: '2026-10-25T09:00:00Z' });
    expect(run([snoozed], '2026-10-24T12:00:00Z')).toEqual(['close-date-past:d1']);
    // ends exactly now: shown
    expect(run([snoozed], '2026-10-25T09:00:00Z')).toEqual([
      'close-date-past:d1',
      'no-next-step:d1',
    ]);
    expect(run([snoozed], '2026-10-26T00:00:00Z')).toEqual([
      'close-date-past:d1',
      'no-next-step:d1',
    ]);
  });

  it('compares instants, not strings: 2026-10-25T01:00+02:00 is 2026-10-24T23:00Z', () => {
    const snoozed = state({ status: 'snoozed', snoozedUntil: '2026-10-25T01:00:00+02:00' });
    expect(run([snoozed], '2026-10-24T22:59:00Z')).toEqual(['close-date-past:d1']);
    expect(run([snoozed], '2026-10-24T23:30:00Z')).toEqual([
      'close-date-past:d1',
      'no-next-step:d1',
    ]);
  });

  it('without `now`, compares snoozes with midnight UTC of asOf', () => {
    const snoozed = state({ status: 'snoozed', snoozedUntil: '2026-10-24T08:00:00Z' });
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals,
      promptStates: [snoozed],
    });
    expect(ids(prompts)).toEqual(['close-date-past:d1']);
  });

  it('keeps the same id across runs, so a dismissal keeps hiding it', () => {
    const first = evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals });
    const later = evaluateCoaching({
      repId: 'rep-1',
      asOf: '2026-11-05',
      deals,
      promptStates: [state({ promptId: first[0]!.id })],
      now: '2026-11-05T08:00:00Z',
    });
    expect(first[0]!.id).toBe('close-date-past:d1');
    expect(ids(later)).toEqual(['no-next-step:d1']);
  });

  it('visiblePrompts: the latest state wins when a reader has several', () => {
    const prompts = evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals });
    const older = state({ status: 'dismissed', updatedAt: '2026-10-20T10:00:00Z' });
    const newer = state({
      status: 'snoozed',
      snoozedUntil: '2026-10-21T00:00:00Z',
      updatedAt: '2026-10-20T11:00:00Z',
    });
    // the newer snooze ended on 2026-10-21: shown
    expect(ids(visiblePrompts(prompts, [older, newer], 'rep-1', '2026-10-24T00:00:00Z'))).toEqual([
      'close-date-past:d1',
      'no-next-step:d1',
    ]);
    expect(ids(visiblePrompts(prompts, [newer, older], 'rep-1', '2026-10-24T00:00:00Z'))).toEqual(
      ids(visiblePrompts(prompts, [older, newer], 'rep-1', '2026-10-24T00:00:00Z')),
    );
    // same time: dismissed wins
    const tie = state({ status: 'snoozed', snoozedUntil: '2026-10-21T00:00:00Z' });
    expect(ids(visiblePrompts(prompts, [tie, older], 'rep-1', '2026-10-24T00:00:00Z'))).toEqual([
      'close-date-past:d1',
    ]);
  });

  it('visiblePrompts: an unreadable snooze time hides nothing', () => {
    const prompts = evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals });
    const bad = state({ status: 'snoozed', snoozedUntil: 'soon' });
    expect(visiblePrompts(prompts, [bad], 'rep-1', '2026-10-24T00:00:00Z')).toHaveLength(2);
  });
});

describe('prompts fit the schema', () => {
  it('clips a long stage name so the title stays within 200 characters', () => {
    const longStage = deal({
      stage: 'S'.repeat(200),
      stageEnteredDate: '2026-01-01',
      name: 'N'.repeat(500),
    });
    const prompts = evaluateCoaching({ repId: 'rep-1', asOf: AS_OF, deals: [longStage] });
    expect(prompts).toHaveLength(1);
    for (const { message: _message, ...p } of prompts) {
      expect(coachingPromptSchema.safeParse(p).success).toBe(true);
    }
  });

  it('every built-in rule produces schema-valid prompts in a worst case', () => {
    const everything = deal({
      amount: 1_000_000,
      contactCount: 0,
      closeDate: '2026-01-01',
      closeDatePushCount: 9,
      lastActivityDate: '2026-01-01',
      stageEnteredDate: '2026-01-01',
      nextStep: undefined,
    });
    const prompts = evaluateCoaching({
      repId: 'rep-1',
      asOf: AS_OF,
      deals: [everything],
      kpis: kpis({ coverage: 0.5, pace: -0.5, gapToNextTier: 100 }),
    });
    expect(prompts.map((p) => p.ruleId).sort()).toEqual(builtInRules.map((r) => r.id).sort());
    for (const { message: _message, ...p } of prompts) {
      expect(coachingPromptSchema.safeParse(p).success).toBe(true);
    }
  });
});
