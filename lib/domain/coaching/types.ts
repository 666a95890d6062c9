import type { IsoDate } from '../dates';
import type { CoachingThresholds, Deal, Severity } from '../schemas';

/**
 * The KPI figures the rep-level coaching rules read: the minimal shape of `computeKpis`'s
 * output for one rep and period (amounts in plan currency, major units).
 *
 * - `coverage`: open pipeline ÷ gap to quota; `null` when the gap is 0 ("quota met") or
 *   there is no quota. 3 means "pipeline is three times what is still needed".
 * - `pace`: attainment − expected to date, as a fraction: −0.12 is 12 points behind an even
 *   pace through the period; `null` when there is no quota.
 * - `gapToNextTier`: credit still needed to cross into the next tier, in plan currency;
 *   `null` when there is no next tier (or no quota).
 * - `nextTierRate`: the next tier's rate as a fraction (0.12 = 12%); `null` when none.
 * - `nextTier`: the next tier's 1-based number; `null` when none.
 * - `quota`: the period's quota in plan currency; `null` when there is none.
 * - `currency`: the plan currency (ISO 4217), used to word amounts.
 */
export interface CoachingKpis {
  coverage: number | null;
  pace: number | null;
  gapToNextTier: number | null;
  nextTierRate: number | null;
  nextTier: number | null;
  quota: number | null;
  currency: string;
}

/** What a deal rule sees: one open deal the rep owns or has a split of. */
export interface DealRuleContext {
  repId: string;
  deal: Deal;
  asOf: IsoDate;
  thresholds: CoachingThresholds;
  /** The plan currency (from the KPIs), or null when no KPIs were given. */
  planCurrency: string | null;
  /**
   * The whole deal amount in plan currency (before splits): the deal amount when it is in
   * plan currency or no plan currency is known, converted at the latest FX rate dated on or
   * before the close date otherwise; null when no such rate exists.
   */
  amountInPlanCurrency: number | null;
}

/** What a rep rule sees: the rep's KPIs for the period. */
export interface RepRuleContext {
  repId: string;
  kpis: CoachingKpis;
  asOf: IsoDate;
  thresholds: CoachingThresholds;
}

/** What a rule found: words for the rep. The engine adds the id, severity and deal. */
export interface RuleFinding {
  /** Short, with the number that matters: "Close date passed 12 days ago". */
  title: string;
  /** One or two sentences: what is wrong and what to do about it. */
  detail: string;
}

interface RuleBase {
  /** Stable id: the module's file name, the prefix of prompt ids, the key in `disabledRules`. */
  id: string;
  /** What the rule checks, for the admin settings screen: "Close date in the past". */
  name: string;
  severity: Severity;
}

export interface DealRule extends RuleBase {
  scope: 'deal';
  evaluate(ctx: DealRuleContext): RuleFinding | null;
}

export interface RepRule extends RuleBase {
  scope: 'rep';
  evaluate(ctx: RepRuleContext): RuleFinding | null;
}

/** A coaching rule: one module under `rules/`, registered in `rules/index.ts`. */
export type CoachingRule = DealRule | RepRule;
