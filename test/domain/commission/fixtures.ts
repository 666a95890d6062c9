/**
 * Builders for the commission tests. Every expected figure in the tests is computed by hand
 * from DOMAIN.md next to the case; these helpers only build inputs and read outputs.
 */
import type {
  Deal,
  FxRate,
  PlanInput,
  Quota,
  Statement,
  StatementInput,
  StatementLine,
} from '../../../lib/domain';

export const REP = 'r1';

/**
 * The reference plan: USD, monthly, 8% up to 100%, 12% from 100% to 150%, 15% above
 * ("tier 1, up to 100%", "tier 2, 100–150%" as in DOMAIN.md's example).
 */
export function plan(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    id: 'plan-ae',
    name: 'AE plan',
    currency: 'USD',
    period: 'month',
    effectiveFrom: '2026-01-01',
    tiers: [
      { upTo: 1, rate: 0.08 },
      { upTo: 1.5, rate: 0.12 },
      { upTo: null, rate: 0.15 },
    ],
    tierMode: 'marginal',
    ...overrides,
  };
}

export function deal(overrides: Partial<Deal> & { id: string }): Deal {
  return {
    name: `Deal ${overrides.id}`,
    amount: 0,
    currency: 'USD',
    stage: 'Closed Won',
    isClosed: true,
    isWon: true,
    closeDate: '2026-03-15',
    createdDate: '2026-01-10',
    ownerId: REP,
    ...overrides,
  };
}

export function quota(periodStart: string, amount: number, repId = REP): Quota {
  return { repId, periodStart, amount };
}

export function fx(from: string, to: string, date: string, rate: number): FxRate {
  return { from, to, date, rate };
}

/** A March 2026 statement input for r1 with a 100,000 quota unless overridden. */
export function input(overrides: Partial<StatementInput> = {}): StatementInput {
  return {
    plan: plan(),
    quotas: [quota('2026-03-01', 100_000)],
    deals: [],
    fxRates: [],
    repId: REP,
    periodStart: '2026-03-01',
    ...overrides,
  };
}

/** Integer minor units of a major-unit amount the engine returned (it is minor / 10^digits). */
export function minor(amount: number, digits = 2): number {
  return Math.round(amount * 10 ** digits);
}

export function linesOf(s: Statement, kind: StatementLine['kind']): StatementLine[] {
  return s.lines.filter((l) => l.kind === kind);
}

export function dealLine(s: Statement, dealId: string): StatementLine | undefined {
  return s.lines.find((l) => l.kind === 'deal' && l.dealId === dealId);
}

export function sumMinor(lines: readonly StatementLine[], digits = 2): number {
  return lines.reduce((sum, l) => sum + minor(l.amount, digits), 0);
}

export function codes(s: Statement): string[] {
  return s.problems.map((p) => p.code);
}
