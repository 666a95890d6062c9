import { compareCodePoints } from '../compare';
import { maxDate, minDate, daysBetween } from '../dates';
import { formatMinor, toMinor } from '../money';
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
import type { LineKind, Problem, StatementInput, TierSlice } from './types';

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
}

/** One period's earnings (deal, SPIFF, cap and clawback lines): everything but draws. */
export interface PeriodCore {
  period: Period;
  quotaMinor: number | null;
  creditedMinor: number;
  /** 0-based final tier; null without a usable quota. */
  tierIndex: number | null;
  lines: CoreLine[];
  earningsMinor: number;
  problems: Problem[];
  /** False when the period pays nothing (no quota, plan not effective): no draw either. */
  payable: boolean;
}

interface CreditedDeal {
  deal: Deal;
  creditMinor: number;
  dealMinor: number;
  shareHundredths: number;
  creditNote: string;
}

const FAR_FUTURE = '9999-12-31';

function byCloseDateThenId(a: CreditedDeal, b: CreditedDeal): number {
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
  for (const q of input.quotas) {
    if (q.repId !== input.repId || q.periodStart !== period.start) continue;
    const minor = toMinor(q.amount, digits);
    if (found !== null && found !== minor) conflicting = true;
    found = minor;
  }
  if (conflicting) {
    problems.push({
      code: 'conflicting_quotas',
      severity: 'error',
      message: `More than one quota is set for the period starting ${period.start}: nothing is paid until one remains.`,
    });
    return null;
  }
  if (found === null) {
    problems.push({
      code: 'no_quota',
      severity: 'error',
      message: `No quota is set for the period starting ${period.start}: nothing is paid until one is.`,
    });
    return null;
  }
  if (found === 0) {
    problems.push({
      code: 'zero_quota',
      severity: 'error',
      message: `The quota for the period starting ${period.start} is 0: attainment cannot be measured, nothing is paid.`,
    });
    return null;
  }
  return found;
}

/** The rep's credited deals in the period, in close-date then id order. */
function creditedDeals(
  plan: PreparedPlan,
  input: StatementInput,
  window: { start: string; end: string },
  period: Period,
  problems: Problem[],
): CreditedDeal[] {
  const fx = fxIndexFor(input.fxRates);
  const out: CreditedDeal[] = [];
  for (const deal of input.deals) {
    if (!creditsRep(deal, input.repId)) continue;
    const defect = dealDefect(deal);
    if (defect !== null) {
      problems.push({
        code: 'invalid_deal',
        severity: 'error',
        dealId: String(deal.id),
        message: `Deal "${String(deal.name ?? deal.id)}" is left out: ${defect}.`,
      });
      continue;
    }
    if (!deal.isWon || deal.closeDate < window.start || deal.closeDate > window.end) continue;
    // A deal reversed in the period it closed in is not credited at all.
    if (deal.reversedOn !== undefined && deal.reversedOn <= period.end) continue;
    const result = creditFor(deal, input.repId, plan.plan.currency, plan.digits, fx);
    if (result === null) continue;
    if (!result.ok) {
      problems.push(result.problem);
      continue;
    }
    const c = result.credit;
    out.push({
      deal,
      creditMinor: c.minor,
      dealMinor: c.dealMinor,
      shareHundredths: c.shareHundredths,
      creditNote: c.explanation,
    });
  }
  out.sort(byCloseDateThenId);
  return out;
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
  let amountMinor = payout.amountMinor;
  const parts: string[] = [];
  if (cd.creditNote) parts.push(cd.creditNote);
  let paid = describeSlices(plan, payout);
  if (plan.plan.tierMode === 'retroactive' && payout.slices.length > 0) {
    paid += `: every deal is paid at the rate of the tier the period's attainment of ${percentText(finalAttainment)} is in`;
  }
  parts.push(paid);
  if (plan.perDealCapMinor !== null && amountMinor > plan.perDealCapMinor) {
    parts.push(
      `capped at ${formatMinor(plan.perDealCapMinor, plan.digits)} per deal (was ${formatMinor(amountMinor, plan.digits)})`,
    );
    amountMinor = plan.perDealCapMinor;
  }
  return {
    kind: 'deal',
    dealId: cd.deal.id,
    dealName: cd.deal.name,
    creditMinor: cd.creditMinor,
    amountMinor,
    explanation: parts.join('; '),
    slices: slicesForStatement(plan, payout),
  };
}

/** Deal, SPIFF and per-period cap lines for the credited deals. */
function earningLines(
  plan: PreparedPlan,
  credited: CreditedDeal[],
  quotaMinor: number,
  creditedMinor: number,
): { lines: CoreLine[]; tierIndex: number } {
  const boundaries = tierBoundaries(plan, quotaMinor);
  const tierIndex = tierIndexOf(creditedMinor, boundaries);
  const attainment = creditedMinor / quotaMinor;
  const lines: CoreLine[] = [];
  let cumulative = 0;
  for (const cd of credited) {
    const payout =
      plan.plan.tierMode === 'marginal'
        ? marginalPayout(plan, boundaries, cumulative, cd.creditMinor)
        : retroactivePayout(plan, tierIndex, cd.creditMinor);
    cumulative += cd.creditMinor;
    lines.push(dealLine(plan, cd, payout, attainment));
    const planAmount = cd.dealMinor / 10 ** plan.digits;
    for (const spiff of plan.spiffs) {
      if (!spiffMatches(spiff, cd.deal, planAmount)) continue;
      const sp = spiffPayout(plan, spiff, {
        minor: cd.creditMinor,
        dealMinor: cd.dealMinor,
        shareHundredths: cd.shareHundredths,
        explanation: '',
      });
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
  }
  if (plan.perPeriodCapMinor !== null) {
    const earned = lines.reduce((s, l) => s + l.amountMinor, 0);
    if (earned > plan.perPeriodCapMinor) {
      lines.push({
        kind: 'cap',
        amountMinor: plan.perPeriodCapMinor - earned,
        explanation: `Capped at ${formatMinor(plan.perPeriodCapMinor, plan.digits)} per period: deal and SPIFF lines came to ${formatMinor(earned, plan.digits)}`,
      });
    }
  }
  return { lines, tierIndex };
}

/** Negative lines for deals reversed in this period that were paid in an earlier one. */
function clawbackLines(
  plan: PreparedPlan,
  input: StatementInput,
  period: Period,
  window: { start: string; end: string },
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
    const days = daysBetween(deal.closeDate, reversedOn);
    if (days > windowDays) continue;
    const closed = periodContaining(deal.closeDate, plan.kind, plan.fiscalYearStartMonth);
    let core = earlier.get(closed.start);
    if (!core) {
      core = computePeriodCore(plan, input, closed, false);
      earlier.set(closed.start, core);
    }
    const paid = core.lines
      .filter((l) => l.dealId === deal.id && (l.kind === 'deal' || l.kind === 'spiff'))
      .reduce((s, l) => s + l.amountMinor, 0);
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

/** Everything one period earns, without draws. */
export function computePeriodCore(
  plan: PreparedPlan,
  input: StatementInput,
  period: Period,
  withClawbacks = true,
): PeriodCore {
  const problems: Problem[] = [];
  const effectiveEnd = plan.plan.effectiveTo ?? FAR_FUTURE;
  const window = {
    start: maxDate(plan.plan.effectiveFrom, period.start),
    end: minDate(effectiveEnd, period.end),
  };
  const empty = (quotaMinor: number | null): PeriodCore => ({
    period,
    quotaMinor,
    creditedMinor: 0,
    tierIndex: null,
    lines: [],
    earningsMinor: 0,
    problems,
    payable: false,
  });
  if (window.start > window.end) {
    problems.push({
      code: 'plan_not_effective',
      severity: 'error',
      message: `Plan "${plan.plan.name}" is effective ${plan.plan.effectiveFrom}${plan.plan.effectiveTo ? ` to ${plan.plan.effectiveTo}` : ' onwards'}, not in the period ${period.start} to ${period.end}.`,
    });
    return empty(null);
  }
  if (window.start !== period.start || window.end !== period.end) {
    problems.push({
      code: 'plan_partially_effective',
      severity: 'info',
      message: `Plan "${plan.plan.name}" is effective only ${window.start} to ${window.end} in this period: deals closing outside those dates are not credited.`,
    });
  }
  const quotaMinor = findQuota(input, period, plan.digits, problems);
  const credited = creditedDeals(plan, input, window, period, problems);
  const creditedMinor = credited.reduce((s, c) => s + c.creditMinor, 0);
  const clawbacks = withClawbacks ? clawbackLines(plan, input, period, window) : [];
  if (quotaMinor === null) {
    const core = empty(null);
    core.creditedMinor = creditedMinor;
    core.lines = clawbacks;
    core.earningsMinor = clawbacks.reduce((s, l) => s + l.amountMinor, 0);
    return core;
  }
  const { lines, tierIndex } = earningLines(plan, credited, quotaMinor, creditedMinor);
  lines.push(...clawbacks);
  return {
    period,
    quotaMinor,
    creditedMinor,
    tierIndex,
    lines,
    earningsMinor: lines.reduce((s, l) => s + l.amountMinor, 0),
    problems,
    payable: true,
  };
}
