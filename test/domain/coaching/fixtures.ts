import {
  builtInRules,
  type CoachingKpis,
  type CoachingMessage,
  type DealRule,
  type PromptMessage,
  type RepRule,
} from '../../../lib/domain/coaching';
import { defaultSettings, type Deal, type Settings } from '../../../lib/domain/schemas';

/** Every test looks from this day. */
export const AS_OF = '2026-10-24';

/**
 * A healthy open deal of rep-1 that no rule flags on AS_OF: closes later, activity
 * yesterday, stage entered 10 days ago, a next step, not pushed, small, several contacts.
 */
export function deal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: 'd1',
    name: 'Acme renewal',
    amount: 10_000,
    currency: 'USD',
    stage: 'Negotiation',
    isClosed: false,
    isWon: false,
    closeDate: '2026-11-30',
    createdDate: '2026-08-01',
    ownerId: 'rep-1',
    stageEnteredDate: '2026-10-14',
    lastActivityDate: '2026-10-23',
    nextStep: 'Send the order form',
    contactCount: 3,
    closeDatePushCount: 0,
    ...overrides,
  };
}

/** KPIs no rep rule flags: coverage 4×, on pace, next tier far away. */
export function kpis(overrides: Partial<CoachingKpis> = {}): CoachingKpis {
  return {
    coverage: 4,
    pace: 0,
    gapToNextTier: 20_000,
    nextTierRate: 0.12,
    nextTier: 2,
    quota: 100_000,
    currency: 'USD',
    ...overrides,
  };
}

export function settings(
  coaching: Partial<Settings['coaching']> = {},
  disabledRules: string[] = [],
): Settings {
  return { coaching: { ...defaultSettings.coaching, ...coaching }, disabledRules };
}

const rule = <R extends DealRule | RepRule>(id: string) =>
  builtInRules.find((r) => r.id === id) as R;

export function dealFinding(
  id: string,
  overrides: Partial<Deal>,
  thresholds = settings().coaching,
) {
  const d = deal(overrides);
  return rule<DealRule>(id).evaluate({
    repId: 'rep-1',
    deal: d,
    asOf: AS_OF,
    thresholds,
    planCurrency: 'USD',
    amountInPlanCurrency: d.amount,
  });
}

export function repFinding(id: string, overrides: Partial<CoachingKpis>) {
  return rule<RepRule>(id).evaluate({
    repId: 'rep-1',
    kpis: kpis(overrides),
    asOf: AS_OF,
    thresholds: settings().coaching,
  });
}

/** Every message in a finding, phrases included. */
export function messagesOf(message: PromptMessage): CoachingMessage[] {
  const all: CoachingMessage[] = [];
  const visit = (m: CoachingMessage) => {
    all.push(m);
    for (const a of Object.values(m.args)) if (a.kind === 'phrase' && a.message) visit(a.message);
  };
  visit(message.title);
  visit(message.detail);
  return all;
}

/** A finding of every rule in every variant (each message id is produced by one of them). */
export const everyFinding = () => [
  dealFinding('close-date-past', { closeDate: '2026-10-12' }),
  dealFinding('close-date-pushed', { closeDatePushCount: 3 }),
  dealFinding('large-deal-few-contacts', { amount: 80_000, contactCount: 1 }),
  dealFinding('large-deal-few-contacts', { amount: 80_000, contactCount: 0 }),
  dealFinding('no-next-step', { nextStep: undefined }),
  dealFinding('no-recent-activity', { lastActivityDate: '2026-10-03' }),
  dealFinding('no-recent-activity', { lastActivityDate: undefined, createdDate: '2026-09-01' }),
  dealFinding('stuck-in-stage', { stageEnteredDate: '2026-09-24' }),
  dealFinding('stuck-in-stage', { stageEnteredDate: '2026-09-24', stage: '  ' }),
  repFinding('low-coverage', { coverage: 1.8 }),
  repFinding('pace-behind', { pace: -0.12 }),
  repFinding('next-tier-within-reach', { gapToNextTier: 4_000 }),
  repFinding('next-tier-within-reach', { gapToNextTier: 0 }),
  repFinding('next-tier-within-reach', { gapToNextTier: 500, nextTier: null, nextTierRate: null }),
];
