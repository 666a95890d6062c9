import { compareCodePoints } from '../compare';
import { daysBetween, maxDate, minDate, type IsoDate } from '../dates';
import { formatMinor, pow10, toMinor } from '../money';
import { isInPeriod, periodContaining, type Period } from '../periods';
import type { Deal } from '../schemas';
import { creditFor, creditsRep, dealDefect } from './credit';
import { fxIndexFor } from './fx-index';
import type { PreparedPlan } from './prepared-plan';
import { spiffMatches, spiffPayout } from './spiffs';
import {
  describeSlices,
  marginalPayout,
  retroactivePayout,
  slicesForStatement,
  tierBoundaries,
  tierIndexOf,
  type TierPayout,
} from './tiers';
import type { LineKind, Problem, StatementInput, StatementLine, TierSlice } from './types';

/** A statement line in minor units, before it is turned into the public shape. */
export interface CoreLine {
  kind: LineKind;
  dealId?: string;
  dealName?: string;
  spiffId?: string;
  creditMinor?: number;
  amountMinor: number;
  explanation: string;
  slices?: TierSlice[];
  /** The public line, made once: a what-if reuses it for every unchanged deal. */
  published?: StatementLine;
}

/** A credited deal's lines and the tier slices they were computed from. */
interface DealLines {
  deal: Deal;
  payout: TierPayout;
  lines: CoreLine[];
}

/** A deal credited to the rep in the period. */
export interface CreditedDeal {
  deal: Deal;
  creditMinor: number;
  dealMinor: number;
  shareHundredths: number;
  creditNote: string;
}

/** One period's earnings (deal, SPIFF, cap and clawback lines): everything but draws. */
export interface PeriodCore {
  period: Period;
  /** The dates in the period the plan is effective on. */
  window: { start: IsoDate; end: IsoDate } | null;
  quotaMinor: number | null;
  credited: CreditedDeal[];
  creditedMinor: number;
  /** 0-based final tier; null without a usable quota. */
  tierIndex: number | null;
  lines: CoreLine[];
  /** Each credited deal's lines by deal id: a what-if reuses those that do not change. */
  dealLines: Map<string, DealLines>;
  clawbacks: CoreLine[];
  earningsMinor: number;
  problems: Problem[];
  /** False when the period pays nothing (no quota, plan not effective): no draw either. */
  payable: boolean;
}

const FAR_FUTURE = '9999-12-31';

export function byCloseDateThenId(a: CreditedDeal, b: CreditedDeal): number {
  if (a.deal.closeDate !== b.deal.closeDate) return a.deal.closeDate < b.deal.closeDate ? -1 : 1;
  return compareCodePoints(a.deal.id, b.deal.id);
}

function findQuota(
  input: StatementInput,
  period: Period,
  digits: number,
  problems: Problem[],
): number | null {
  let found: number | null = null;
  let conflicting = false;
  let invalid = false;
  for (const q of input.quotas) {
    if (q?.repId !== input.repId || q.periodStart !== period.start) continue;
    if (typeof q.amount !== 'number' || !Number.isFinite(q.amount) || q.amount < 0) {
      invalid = true;
      continue;
    }
    const minor = toMinor(q.amount, digits);
    if (found !== null && found !== minor) conflicting = true;
    found = minor;
  }
  const problem = (code: Problem['code'], message: string) => {
    problems.push({ code, severity: 'error', message });
    return null;
  };
  if (invalid) {
    return problem(
      'invalid_quota',
      `The quota for the period starting ${period.start} is not a non-negative number: nothing is paid until it is corrected.`,
    );
  }
  if (conflicting) {
    return problem(
      'conflicting_quotas',
      `More than one quota is set for the period starting ${period.start}: nothing is paid until one remains.`,
    );
  }
  if (found === null) {
    return problem(
      'no_quota',
      `No quota is set for the period starting ${period.start}: nothing is paid until one is.`,
    );
  }
  if (found === 0) {
    return problem(
      'zero_quota',
      `The quota for the period starting ${period.start} is 0: attainment cannot be measured, nothing is paid.`,
    );
  }
  return found;
}

/**
 * The deal's credit to the rep in this period, a problem, or null when the deal does not
 * count here (not the rep's, not won, closing outside the window, reversed in the period).
 */
export function creditInPeriod(
  plan: PreparedPlan,
  input: StatementInput,
  deal: Deal,
  window: { start: IsoDate; end: IsoDate },
  period: Period,
): CreditedDeal | Problem | null {
  if (!creditsRep(deal, input.repId)) return null;
  const defect = dealDefect(deal);
  if (defect !== null) {
    return {
      code: 'invalid_deal',
      severity: 'error',
      dealId: String(deal.id),
      message: `Deal "${String(deal.name ?? deal.id)}" is left out: ${defect}.`,
    };
  }
  if (!deal.isWon || deal.closeDate < window.start || deal.closeDate > window.end) return null;
  // A deal reversed in the period it closed in is not credited at all.
  if (deal.reversedOn !== undefined && deal.reversedOn <= period.end) return null;
  // The common case without intermediate objects: the rep's own deal, no splits, in plan
  // currency (what `creditFor` computes for it: the whole amount, no note).
  if (
    deal.currency === plan.plan.currency &&
    (deal.splits === undefined || deal.splits === null || deal.splits.length === 0)
  ) {
    const minor = toMinor(deal.amount, plan.digits);
    return { deal, creditMinor: minor, dealMinor: minor, shareHundredths: 10_000, creditNote: '' };
  }
  const result = creditFor(
    deal,
    input.repId,
    plan.plan.currency,
    plan.digits,
    fxIndexFor(input.fxRates),
  );
  if (result === null) return null;
  if (!result.ok) return result.problem;
  const c = result.credit;
  return {
    deal,
    creditMinor: c.minor,
    dealMinor: c.dealMinor,
    shareHundredths: c.shareHundredths,
    creditNote: c.explanation,
  };
}

function isCredited(x: CreditedDeal | Problem | null): x is CreditedDeal {
  return x !== null && 'deal' in x;
}

function percentText(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toString()}%`;
}

function dealLine(
  plan: PreparedPlan,
  cd: CreditedDeal,
  payout: TierPayout,
  finalAttainment: number,
): CoreLine {
  const cap = plan.perDealCapMinor;
  const capped = cap !== null && payout.amountMinor > cap;
  let explanation = describeSlices(plan, payout);
  if (plan.plan.tierMode === 'retroactive' && payout.slices.length > 0) {
    explanation += `: every deal is paid at the rate of the tier the period's attainment of ${percentText(finalAttainment)} is in`;
  }
  if (cd.creditNote) explanation = `${cd.creditNote}; ${explanation}`;
  if (capped) {
    explanation += `; capped at ${formatMinor(cap, plan.digits)} per deal (was ${formatMinor(payout.amountMinor, plan.digits)})`;
  }
  return {
    kind: 'deal',
    dealId: cd.deal.id,
    dealName: cd.deal.name,
    creditMinor: cd.creditMinor,
    amountMinor: capped ? cap : payout.amountMinor,
    explanation,
    slices: slicesForStatement(plan, payout),
  };
}

/**
 * Whether marginal tiers would pay the credit from `beforeMinor` exactly as `payout` does
 * (same slices): `marginalPayout` without building its result, for a what-if to keep the
 * lines of a deal whose slices did not move.
 */
function sameMarginalSlices(
  plan: PreparedPlan,
  boundaries: readonly (number | null)[],
  beforeMinor: number,
  creditMinor: number,
  payout: TierPayout,
): boolean {
  const f = pow10(plan.upToScale);
  const start = beforeMinor * f;
  const end = start + creditMinor * f;
  const slices = payout.slices;
  let n = 0;
  let lo = 0;
  for (let i = 0; i < plan.tiers.length; i++) {
    const hi = boundaries[i] ?? Number.POSITIVE_INFINITY;
    const part = Math.min(end, hi) - Math.max(start, lo);
    if (part > 0) {
      const s = slices[n];
      if (s === undefined || s.tier !== i || s.creditMinor !== part) return false;
      n += 1;
    }
    if (hi >= end) break;
    lo = hi;
  }
  return n === slices.length;
}

function linesForDeal(
  plan: PreparedPlan,
  cd: CreditedDeal,
  payout: TierPayout,
  attainment: number,
): CoreLine[] {
  const lines = [dealLine(plan, cd, payout, attainment)];
  if (plan.spiffs.length === 0) return lines;
  const planAmount = cd.dealMinor / 10 ** plan.digits;
  for (const spiff of plan.spiffs) {
    if (!spiffMatches(spiff, cd.deal, planAmount)) continue;
    const sp = spiffPayout(plan, spiff, cd.creditMinor, cd.shareHundredths);
    lines.push({
      kind: 'spiff',
      dealId: cd.deal.id,
      dealName: cd.deal.name,
      spiffId: spiff.spiff.id,
      creditMinor: cd.creditMinor,
      amountMinor: sp.amountMinor,
      explanation: sp.explanation,
    });
  }
  return lines;
}

/**
 * Deal, SPIFF and per-period cap lines for the credited deals. Lines of `previous` are
 * reused for a deal whose object and tier slices are unchanged (what-if on a keystroke).
 */
export function earningLines(
  plan: PreparedPlan,
  credited: readonly CreditedDeal[],
  quotaMinor: number,
  creditedMinor: number,
  previous?: Map<string, DealLines>,
  track = false,
): { lines: CoreLine[]; tierIndex: number; dealLines: Map<string, DealLines> } {
  const boundaries = tierBoundaries(plan, quotaMinor);
  const tierIndex = tierIndexOf(plan, creditedMinor, boundaries);
  const attainment = creditedMinor / quotaMinor;
  const marginal = plan.plan.tierMode === 'marginal';
  // Retroactive explanations quote the final attainment: reuse only when it is unchanged.
  const reusable = marginal ? previous : undefined;
  const lines: CoreLine[] = [];
  const dealLines = new Map<string, DealLines>();
  let cumulative = 0;
  for (const cd of credited) {
    const before = reusable?.get(cd.deal.id);
    let entry: DealLines;
    if (
      before !== undefined &&
      before.deal === cd.deal &&
      sameMarginalSlices(plan, boundaries, cumulative, cd.creditMinor, before.payout)
    ) {
      // Same deal, same slices: the same payout and lines (no payout object built).
      entry = before;
    } else {
      const payout = marginal
        ? marginalPayout(plan, boundaries, cumulative, cd.creditMinor)
        : retroactivePayout(plan, tierIndex, cd.creditMinor);
      entry = { deal: cd.deal, payout, lines: linesForDeal(plan, cd, payout, attainment) };
    }
    cumulative += cd.creditMinor;
    if (track) dealLines.set(cd.deal.id, entry);
    for (const l of entry.lines) lines.push(l);
  }
  const periodCap = plan.perPeriodCapMinor;
  if (periodCap !== null) {
    let earned = 0;
    for (const l of lines) earned += l.amountMinor;
    if (earned > periodCap) {
      lines.push({
        kind: 'cap',
        amountMinor: periodCap - earned,
        explanation: `Capped at ${formatMinor(periodCap, plan.digits)} per period: deal and SPIFF lines came to ${formatMinor(earned, plan.digits)}`,
      });
    }
  }
  return { lines, tierIndex, dealLines };
}

/** Negative lines for deals reversed in this period that were paid in an earlier one. */
export function clawbackLines(
  plan: PreparedPlan,
  input: StatementInput,
  period: Period,
  window: { start: IsoDate; end: IsoDate },
): CoreLine[] {
  const windowDays = plan.plan.clawback?.windowDays;
  if (windowDays === undefined) return [];
  const lines: CoreLine[] = [];
  const earlier = new Map<string, PeriodCore>();
  for (const deal of input.deals) {
    const reversedOn = deal.reversedOn;
    if (reversedOn === undefined || !isInPeriod(reversedOn, period)) continue;
    if (reversedOn < window.start || reversedOn > window.end) continue;
    if (!deal.isWon || deal.closeDate >= period.start || !creditsRep(deal, input.repId)) continue;
    if (dealDefect(deal) !== null) continue;
    const days = daysBetween(deal.closeDate, reversedOn);
    if (days > windowDays) continue;
    const closed = periodContaining(deal.closeDate, plan.kind, plan.fiscalYearStartMonth);
    let core = earlier.get(closed.start);
    if (!core) {
      core = computePeriodCore(plan, input, closed, false);
      earlier.set(closed.start, core);
    }
    let paid = 0;
    for (const l of core.lines) {
      if (l.dealId === deal.id && (l.kind === 'deal' || l.kind === 'spiff')) paid += l.amountMinor;
    }
    if (paid === 0) continue;
    lines.push({
      kind: 'clawback',
      dealId: deal.id,
      dealName: deal.name,
      amountMinor: -paid,
      explanation: `"${deal.name}" was reversed on ${reversedOn}, ${days} days after it closed on ${deal.closeDate} (clawback window ${windowDays} days): takes back the ${formatMinor(paid, plan.digits)} it paid in the period ${closed.start} to ${closed.end}`,
    });
  }
  return lines;
}

/** Puts a period together from its credited deals (shared by statements and what-ifs). */
export function assemblePeriod(
  plan: PreparedPlan,
  base: Pick<PeriodCore, 'period' | 'window' | 'quotaMinor' | 'clawbacks' | 'problems'>,
  credited: CreditedDeal[],
  previous?: Map<string, DealLines>,
  track = false,
): PeriodCore {
  let creditedMinor = 0;
  for (const c of credited) creditedMinor += c.creditMinor;
  const core: PeriodCore = {
    ...base,
    credited,
    creditedMinor,
    tierIndex: null,
    lines: base.clawbacks,
    dealLines: new Map(),
    earningsMinor: 0,
    payable: false,
  };
  if (base.window !== null && base.quotaMinor !== null) {
    const { lines, tierIndex, dealLines } = earningLines(
      plan,
      credited,
      base.quotaMinor,
      creditedMinor,
      previous,
      track,
    );
    core.dealLines = dealLines;
    core.lines = base.clawbacks.length > 0 ? [...lines, ...base.clawbacks] : lines;
    core.tierIndex = tierIndex;
    core.payable = true;
  }
  for (const l of core.lines) core.earningsMinor += l.amountMinor;
  return core;
}

/** Everything one period earns, without draws. */
export function computePeriodCore(
  plan: PreparedPlan,
  input: StatementInput,
  period: Period,
  withClawbacks = true,
  /** Keep each deal's lines by id, for what-ifs to reuse. */
  track = false,
): PeriodCore {
  const problems: Problem[] = [];
  const effectiveEnd = plan.plan.effectiveTo ?? FAR_FUTURE;
  const window = {
    start: maxDate(plan.plan.effectiveFrom, period.start),
    end: minDate(effectiveEnd, period.end),
  };
  if (window.start > window.end) {
    problems.push({
      code: 'plan_not_effective',
      severity: 'error',
      message: `Plan "${plan.plan.name}" is effective ${plan.plan.effectiveFrom}${plan.plan.effectiveTo ? ` to ${plan.plan.effectiveTo}` : ' onwards'}, not in the period ${period.start} to ${period.end}.`,
    });
    return assemblePeriod(
      plan,
      { period, window: null, quotaMinor: null, clawbacks: [], problems },
      [],
    );
  }
  if (window.start !== period.start || window.end !== period.end) {
    problems.push({
      code: 'plan_partially_effective',
      severity: 'info',
      message: `Plan "${plan.plan.name}" is effective only ${window.start} to ${window.end} in this period: deals closing outside those dates are not credited.`,
    });
  }
  const quotaMinor = findQuota(input, period, plan.digits, problems);
  const credited: CreditedDeal[] = [];
  const seen = new Set<string>();
  for (const deal of input.deals) {
    const c = creditInPeriod(plan, input, deal, window, period);
    if (c === null) continue;
    if (!isCredited(c)) {
      problems.push(c);
    } else if (seen.has(c.deal.id)) {
      problems.push({
        code: 'duplicate_deal',
        severity: 'error',
        dealId: c.deal.id,
        message: `Deal id "${c.deal.id}" appears more than once: only its first record is credited until the duplicate is removed.`,
      });
    } else {
      seen.add(c.deal.id);
      credited.push(c);
    }
  }
  credited.sort(byCloseDateThenId);
  const clawbacks = withClawbacks ? clawbackLines(plan, input, period, window) : [];
  return assemblePeriod(
    plan,
    { period, window, quotaMinor, clawbacks, problems },
    credited,
    undefined,
    track,
  );
}

/**
 * The period with one deal changed or added, reusing the credits of every other deal.
 * Clawbacks are recomputed only when the change touches a reversal.
 */
export function recomputeWithDeal(
  plan: PreparedPlan,
  input: StatementInput,
  before: PeriodCore,
  previous: Deal | undefined,
  deal: Deal,
): PeriodCore {
  if (before.window === null) return before;
  const problems = before.problems.filter((p) => p.dealId !== deal.id);
  const credited = before.credited.filter((c) => c.deal.id !== deal.id);
  const c = creditInPeriod(plan, input, deal, before.window, before.period);
  if (c !== null) {
    if (isCredited(c)) {
      let at = credited.length;
      while (at > 0 && byCloseDateThenId(credited[at - 1]!, c) > 0) at -= 1;
      credited.splice(at, 0, c);
    } else if (problems.some((p) => p.dealId !== undefined)) {
      // Deal problems follow the order of the deals: placing this one among others is a
      // fresh computation's job (a deal being typed in rarely has a problem).
      return computePeriodCore(plan, input, before.period, true, true);
    } else problems.push(c);
  }
  // A clawback repays an earlier period's lines: any change to a reversal, or to a deal of an
  // earlier period (which can change what a reversed deal was paid), recomputes them.
  const touchesReversal =
    plan.plan.clawback !== undefined &&
    (deal.reversedOn !== undefined ||
      previous?.reversedOn !== undefined ||
      deal.closeDate < before.period.start ||
      (previous !== undefined && previous.closeDate < before.period.start));
  const clawbacks = touchesReversal
    ? clawbackLines(plan, input, before.period, before.window)
    : before.clawbacks;
  // The "after" side's lines by deal are not kept: the next keystroke starts from "before".
  return assemblePeriod(plan, { ...before, clawbacks, problems }, credited, before.dealLines);
}
