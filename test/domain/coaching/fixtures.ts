import type { CoachingKpis } from '../../../lib/domain/coaching';
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
