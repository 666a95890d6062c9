import type { IsoDate } from '../dates';
import type { CoachingPrompt, CoachingThresholds, Deal, Severity } from '../schemas';
import type { COACHING_MESSAGE_IDS } from './messages';

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

/**
 * A value a coaching message shows, as data: the reader's UI formats it in their locale (numbers,
 * money and dates through `Intl`) and puts it in the message's `{name}` placeholder.
 */
export type MessageArg =
  /** Text from the CRM (a stage name), shown as it is. */
  | { kind: 'text'; text: string }
  /** A deal by its name (already trimmed and clipped); an empty name reads "this deal". */
  | { kind: 'deal'; name: string }
  /** A whole number of things (days, times, contacts). An arg named `count` picks the plural form. */
  | { kind: 'count'; value: number }
  /**
   * A measure shown with at most `maxDigits` decimals. The value is already cut or rounded the way
   * the rule words it (coverage 2.996 is cut to 2.99, never shown as 3), so formatting only writes it.
   */
  | { kind: 'number'; value: number; maxDigits: number }
  /** A fraction shown as a percentage: 0.125 is 12.5%. */
  | { kind: 'percent'; value: number }
  /** An amount in major units of an ISO 4217 currency. */
  | { kind: 'money'; amount: number; currency: string }
  /** A calendar date `YYYY-MM-DD`. */
  | { kind: 'date'; date: IsoDate }
  /** A part of the sentence that varies (the next tier's name, the rate if known), or nothing. */
  | { kind: 'phrase'; message: CoachingMessage | null };

/**
 * A sentence of a coaching prompt as data: a message id (a key of the UI's message catalogs,
 * `coaching.message.<id>`) and its arguments, one per placeholder. Pure data: wording, plural
 * forms and number formats are the UI's, in the reader's language.
 */
export interface CoachingMessage {
  id: CoachingMessageId;
  args: Readonly<Record<string, MessageArg>>;
}

/** A message id: `COACHING_MESSAGE_IDS` in `./messages`. */
export type CoachingMessageId = (typeof COACHING_MESSAGE_IDS)[number];

/** What a rule found: words for the rep. The engine adds the id, severity and deal. */
export interface RuleFinding {
  /** Short, with the number that matters: "Close date passed 12 days ago" (English). */
  title: string;
  /** One or two sentences: what is wrong and what to do about it (English). */
  detail: string;
  /**
   * The same finding as message ids and arguments, for a UI to word in the reader's language.
   * Every built-in rule sets it; `title` and `detail` stay, in English, for the server and for
   * readers without a catalog.
   */
  message?: PromptMessage;
}

/** A prompt's title and detail as messages. */
export interface PromptMessage {
  title: CoachingMessage;
  detail: CoachingMessage;
}

/**
 * A prompt as `evaluateCoaching` returns it: a rule's prompt carries its finding's `message`
 * (a manager's prompt, written by a person, has none and is shown as written).
 */
export type EvaluatedPrompt = CoachingPrompt & { message?: PromptMessage };

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
