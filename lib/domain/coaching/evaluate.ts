import type { IsoDate } from '../dates';
import { compareCodePoints } from '../compare';
import { fxIndexFor, type FxIndex } from '../commission/fx-index';
import {
  defaultSettings,
  type CoachingPrompt,
  type Deal,
  type FxRate,
  type PromptState,
  type Settings,
  type Severity,
} from '../schemas';
import { clip } from './format';
import { builtInRules } from './rules';
import type { CoachingKpis, CoachingRule, EvaluatedPrompt, RuleFinding } from './types';
import { visiblePrompts } from './visibility';

export interface CoachingInput {
  repId: string;
  /** Any deals: only open ones (isClosed false) the rep owns or has a split of are checked. */
  deals: readonly Deal[];
  /** The rep's KPIs for the period; without them the rep-level rules are skipped. */
  kpis?: CoachingKpis | null;
  /** Thresholds and disabled rules; the DOMAIN.md defaults when absent. */
  settings?: Settings;
  /** The day the rules look from (today for a live view). */
  asOf: IsoDate;
  /** Dismissals and snoozes; when given, hidden prompts are left out (see `visiblePrompts`). */
  promptStates?: readonly PromptState[];
  /** Prompts managers wrote (ruleId `manager`); those for this rep are merged in. */
  managerPrompts?: readonly CoachingPrompt[];
  /** An ISO timestamp snoozes are compared with; defaults to midnight UTC starting `asOf`. */
  now?: string;
  /** Whose dismissals and snoozes apply; defaults to `repId` (a manager passes their own id). */
  userId?: string;
  /** FX rates, to compare deal amounts in other currencies with plan-currency thresholds. */
  fxRates?: readonly FxRate[];
  /** The rules to run; `builtInRules` by default (tests and previews pass their own). */
  rules?: readonly CoachingRule[];
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { risk: 0, warn: 1, info: 2 };

/** A prompt's id: `${ruleId}:${dealId}` for a deal, `${ruleId}:${repId}` for the rep. */
export function coachingPromptId(ruleId: string, subjectId: string): string {
  return `${ruleId}:${subjectId}`;
}

/** Whether a deal is the rep's to work: open, and owned by the rep or split to them. */
export function isCoachableDeal(deal: Deal, repId: string): boolean {
  if (deal.isClosed) return false;
  return deal.ownerId === repId || (deal.splits ?? []).some((s) => s.repId === repId);
}

function amountInPlanCurrency(
  deal: Deal,
  planCurrency: string | null,
  fx: FxIndex | null,
): number | null {
  if (planCurrency === null || deal.currency === planCurrency) return deal.amount;
  const found = fx?.lookup(deal.currency, planCurrency, deal.closeDate);
  if (!found?.ok) return null;
  return (deal.amount * found.ratio.num) / found.ratio.den;
}

function toPrompt(
  rule: CoachingRule,
  finding: RuleFinding,
  repId: string,
  dealId?: string,
): EvaluatedPrompt {
  const prompt: EvaluatedPrompt = {
    id: coachingPromptId(rule.id, dealId ?? repId),
    ruleId: rule.id,
    severity: rule.severity,
    title: clip(finding.title, 200),
    detail: clip(finding.detail, 2000),
    repId,
  };
  if (dealId !== undefined) prompt.dealId = dealId;
  if (finding.message !== undefined) prompt.message = finding.message;
  return prompt;
}

/**
 * Sorts prompts (a new array): by severity (risk, warn, info); then prompts about the rep as
 * a whole before prompts about a deal; deal prompts by the deal's close date (a deal not in
 * `deals` counts as having none and goes with the rep prompts); then by id in code-point
 * order.
 */
export function sortPrompts<P extends CoachingPrompt>(
  prompts: readonly P[],
  deals: readonly Deal[],
): P[] {
  const closeDates = new Map<string, string>();
  for (const deal of deals) if (!closeDates.has(deal.id)) closeDates.set(deal.id, deal.closeDate);
  const closeOf = (p: CoachingPrompt) =>
    p.dealId === undefined ? '' : (closeDates.get(p.dealId) ?? '');
  return [...prompts].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      compareCodePoints(closeOf(a), closeOf(b)) ||
      compareCodePoints(a.id, b.id),
  );
}

/**
 * Runs the coaching rules for one rep and returns the prompts they should see, sorted (see
 * `sortPrompts`). Deal rules run on each open deal the rep owns or has a split of; rep rules
 * run once on the KPIs. Rules in `settings.disabledRules` are skipped. Prompt ids are
 * deterministic (`${ruleId}:${dealId ?? repId}`), so a dismissal made on one device hides
 * the same prompt on every other. Manager prompts for this rep are merged in (a prompt id
 * seen twice is kept once, the first). A rule's prompt carries `message` (its title and detail
 * as message ids and arguments, for the UI to word in the reader's language) besides the
 * English `title` and `detail`. Pure: the same input gives the same output.
 */
export function evaluateCoaching(input: CoachingInput): EvaluatedPrompt[] {
  const { repId, asOf } = input;
  const settings = input.settings ?? defaultSettings;
  const thresholds = settings.coaching;
  const disabled = new Set(settings.disabledRules);
  const rules = (input.rules ?? builtInRules).filter((r) => !disabled.has(r.id));
  const kpis = input.kpis ?? null;
  const planCurrency = kpis?.currency ?? null;
  const fx = input.fxRates ? fxIndexFor(input.fxRates) : null;

  const prompts: EvaluatedPrompt[] = [];
  const dealRules = rules.filter((r) => r.scope === 'deal');
  for (const deal of input.deals) {
    if (!isCoachableDeal(deal, repId)) continue;
    const amount = dealRules.length > 0 ? amountInPlanCurrency(deal, planCurrency, fx) : null;
    for (const rule of dealRules) {
      const finding = rule.evaluate({
        repId,
        deal,
        asOf,
        thresholds,
        planCurrency,
        amountInPlanCurrency: amount,
      });
      if (finding) prompts.push(toPrompt(rule, finding, repId, deal.id));
    }
  }
  if (kpis !== null) {
    for (const rule of rules) {
      if (rule.scope !== 'rep') continue;
      const finding = rule.evaluate({ repId, kpis, asOf, thresholds });
      if (finding) prompts.push(toPrompt(rule, finding, repId));
    }
  }
  for (const prompt of input.managerPrompts ?? []) {
    if (prompt.repId === repId) prompts.push(prompt);
  }

  const byId = new Map<string, EvaluatedPrompt>();
  for (const p of prompts) if (!byId.has(p.id)) byId.set(p.id, p);
  const unique = [...byId.values()];
  const shown = input.promptStates
    ? visiblePrompts(
        unique,
        input.promptStates,
        input.userId ?? repId,
        input.now ?? `${asOf}T00:00:00.000Z`,
      )
    : unique;
  return sortPrompts(shown, input.deals);
}
