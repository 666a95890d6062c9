import { isIsoDate, maxDate, type IsoDate } from '../dates';
import { currencyDigits, formatMinor, pow10, toMinor } from '../money';
import { nextPeriod, periodContaining, type Period } from '../periods';
import type { Deal } from '../schemas';
import {
  computePeriodCore,
  recomputeWithDeal,
  type CoreLine,
  type PeriodCore,
} from './period-core';
import { preparePlan, type PreparedPlan } from './prepared-plan';
import type { Statement, StatementInput, StatementLine, WhatIfResult } from './types';

function toLine(line: CoreLine, factor: number): StatementLine {
  if (line.published) return line.published;
  const out: StatementLine = {
    kind: line.kind,
    amount: line.amountMinor / factor,
    explanation: line.explanation,
  };
  if (line.dealId !== undefined) out.dealId = line.dealId;
  if (line.dealName !== undefined) out.dealName = line.dealName;
  if (line.spiffId !== undefined) out.spiffId = line.spiffId;
  if (line.creditMinor !== undefined) out.credit = line.creditMinor / factor;
  if (line.slices !== undefined) out.slices = line.slices;
  line.published = out;
  return out;
}

function toStatement(
  plan: PreparedPlan,
  input: StatementInput,
  core: PeriodCore,
  lines: CoreLine[],
  balanceMinor: number,
): Statement {
  const factor = pow10(plan.digits);
  let totalMinor = 0;
  for (const l of lines) totalMinor += l.amountMinor;
  return {
    repId: input.repId,
    planId: plan.plan.id,
    periodStart: core.period.start,
    periodEnd: core.period.end,
    currency: plan.plan.currency,
    quota: core.quotaMinor === null ? null : core.quotaMinor / factor,
    credited: core.creditedMinor / factor,
    attainment: core.quotaMinor === null ? null : core.creditedMinor / core.quotaMinor,
    tier: core.tierIndex === null ? null : core.tierIndex + 1,
    lines: lines.map((l) => toLine(l, factor)),
    total: totalMinor / factor,
    problems: core.problems,
    drawBalance: balanceMinor / factor,
  };
}

/** Applies the plan's draw to one period's earnings; returns its lines and the new balance. */
function withDraw(
  plan: PreparedPlan,
  core: PeriodCore,
  balanceMinor: number,
): { lines: CoreLine[]; balanceMinor: number } {
  const draw = plan.drawMinor;
  if (draw === null || !core.payable) return { lines: core.lines, balanceMinor };
  const recoverable = plan.plan.draw?.recoverable === true;
  const earned = core.earningsMinor;
  const d = plan.digits;
  if (earned < draw) {
    const topUp = draw - earned;
    const balance = recoverable ? balanceMinor + topUp : balanceMinor;
    const line: CoreLine = {
      kind: 'draw',
      amountMinor: topUp,
      explanation: recoverable
        ? `Draw: earnings of ${formatMinor(earned, d)} topped up to the ${formatMinor(draw, d)} draw; recoverable, so ${formatMinor(balance, d)} is to be recovered from later earnings above the draw`
        : `Draw: earnings of ${formatMinor(earned, d)} topped up to the ${formatMinor(draw, d)} draw (not recoverable)`,
    };
    return { lines: [...core.lines, line], balanceMinor: balance };
  }
  if (recoverable && balanceMinor > 0 && earned > draw) {
    const recovered = Math.min(balanceMinor, earned - draw);
    const left = balanceMinor - recovered;
    const line: CoreLine = {
      kind: 'recovery',
      amountMinor: -recovered,
      explanation: `Recovers ${formatMinor(recovered, d)} of earlier draw top-ups from earnings above the ${formatMinor(draw, d)} draw; ${formatMinor(left, d)} left to recover`,
    };
    return { lines: [...core.lines, line], balanceMinor: left };
  }
  return { lines: core.lines, balanceMinor };
}

function invalidStatement(
  input: StatementInput,
  message: string,
  code: 'invalid_plan' | 'invalid_period' = 'invalid_plan',
): Statement {
  const planLike = (typeof input.plan === 'object' && input.plan !== null ? input.plan : {}) as {
    id?: unknown;
    currency?: unknown;
    period?: unknown;
    fiscalYearStartMonth?: unknown;
  };
  const kind =
    planLike.period === 'quarter' || planLike.period === 'year' ? planLike.period : 'month';
  const fy = typeof planLike.fiscalYearStartMonth === 'number' ? planLike.fiscalYearStartMonth : 1;
  const period = isIsoDate(input.periodStart)
    ? periodContaining(input.periodStart, kind, Math.min(12, Math.max(1, Math.trunc(fy))))
    : { start: input.periodStart, end: input.periodStart };
  return {
    repId: input.repId,
    planId: String(planLike.id ?? ''),
    periodStart: period.start,
    periodEnd: period.end,
    currency: String(planLike.currency ?? ''),
    quota: null,
    credited: 0,
    attainment: null,
    tier: null,
    lines: [],
    total: 0,
    problems: [{ code, severity: 'error', message }],
    drawBalance: 0,
  };
}

function hasRecoverableDraw(plan: PreparedPlan): boolean {
  return plan.drawMinor !== null && plan.plan.draw?.recoverable === true;
}

/**
 * The first period whose draw balance matters: the later of the plan's first period and
 * the period of the rep's first quota.
 */
function runStart(plan: PreparedPlan, input: StatementInput): Period | null {
  let first: IsoDate | null = null;
  for (const q of input.quotas) {
    if (q.repId === input.repId && (first === null || q.periodStart < first)) first = q.periodStart;
  }
  if (first === null) return null;
  return periodContaining(
    maxDate(first, plan.firstPeriod.start),
    plan.kind,
    plan.fiscalYearStartMonth,
  );
}

export type StatementsInput = Omit<StatementInput, 'periodStart'> & { from: IsoDate; to: IsoDate };

/** Statements for every period from `from` to `to` (dates in the first and last periods). */
export function computeStatements(input: StatementsInput): Statement[] {
  const base: StatementInput = { ...input, periodStart: input.from };
  const prepared = preparePlan(input.plan);
  if (!prepared.ok) return [invalidStatement(base, prepared.message)];
  if (!isIsoDate(input.from) || !isIsoDate(input.to)) {
    return [
      invalidStatement(
        base,
        'from and to must be calendar dates written YYYY-MM-DD',
        'invalid_period',
      ),
    ];
  }
  const plan = prepared.prepared;
  const first = periodContaining(input.from, plan.kind, plan.fiscalYearStartMonth);
  const last = periodContaining(input.to, plan.kind, plan.fiscalYearStartMonth);
  const recoverable = hasRecoverableDraw(plan);
  const start = recoverable ? runStart(plan, base) : null;
  let period = start !== null && start.start < first.start ? start : first;
  let balance = 0;
  const out: Statement[] = [];
  while (period.start <= last.start) {
    const core = computePeriodCore(plan, base, period);
    const inRun = !recoverable || (start !== null && period.start >= start.start);
    const drawn = inRun
      ? withDraw(plan, core, balance)
      : { lines: core.lines, balanceMinor: balance };
    balance = drawn.balanceMinor;
    if (period.start >= first.start) out.push(toStatement(plan, base, core, drawn.lines, balance));
    period = nextPeriod(period, plan.kind, plan.fiscalYearStartMonth);
  }
  return out;
}

/** One rep's statement for the plan period containing `periodStart`. */
export function computeStatement(input: StatementInput): Statement {
  const prepared = preparePlan(input.plan);
  if (!prepared.ok) return invalidStatement(input, prepared.message);
  if (!isIsoDate(input.periodStart)) {
    return invalidStatement(
      input,
      'periodStart must be a calendar date written YYYY-MM-DD',
      'invalid_period',
    );
  }
  const plan = prepared.prepared;
  if (hasRecoverableDraw(plan)) {
    const statements = computeStatements({
      ...input,
      from: input.periodStart,
      to: input.periodStart,
    });
    return statements[statements.length - 1]!;
  }
  const period = periodContaining(input.periodStart, plan.kind, plan.fiscalYearStartMonth);
  const core = computePeriodCore(plan, input, period);
  return toStatement(plan, input, core, withDraw(plan, core, 0).lines, 0);
}

/** The "before" side of what-ifs, kept while the same inputs are edited keystroke after keystroke. */
interface BeforeEntry {
  input: StatementInput;
  /** The deals as they were: an array changed in place does not reuse a stale entry. */
  deals: readonly Deal[];
  core: PeriodCore;
  statement: Statement;
}
const beforeCache = new WeakMap<readonly Deal[], BeforeEntry>();

function cachedBefore(plan: PreparedPlan, input: StatementInput): BeforeEntry {
  const hit = beforeCache.get(input.deals);
  const i = hit?.input;
  if (
    hit &&
    i &&
    i.plan === input.plan &&
    i.quotas === input.quotas &&
    i.fxRates === input.fxRates &&
    i.repId === input.repId &&
    i.periodStart === input.periodStart &&
    sameElements(hit.deals, input.deals)
  ) {
    return hit;
  }
  const period = periodContaining(input.periodStart, plan.kind, plan.fiscalYearStartMonth);
  const core = computePeriodCore(plan, input, period, true, true);
  const entry = {
    deals: input.deals.slice(),
    input,
    core,
    statement: toStatement(plan, input, core, withDraw(plan, core, 0).lines, 0),
  };
  beforeCache.set(input.deals, entry);
  return entry;
}

function sameElements<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function replaceDeal(
  deals: readonly Deal[],
  deal: Deal,
): { deals: Deal[]; previous: Deal | undefined } {
  const at = deals.findIndex((d) => d.id === deal.id);
  if (at < 0) return { deals: [...deals, deal], previous: undefined };
  const next = deals.slice();
  next[at] = deal;
  return { deals: next, previous: deals[at] };
}

/**
 * The statement with one deal changed (same id) or added, next to the statement as it is.
 * Fast enough for every keystroke: the "before" side is cached per deals array, and the
 * "after" side reuses the credit of every deal but the changed one.
 */
export function whatIf(input: StatementInput, change: { deal: Deal }): WhatIfResult {
  const prepared = preparePlan(input.plan);
  const { deals, previous } = replaceDeal(input.deals, change.deal);
  let before: Statement;
  let after: Statement;
  if (!prepared.ok || !isIsoDate(input.periodStart) || hasRecoverableDraw(prepared.prepared)) {
    before = computeStatement(input);
    after = computeStatement({ ...input, deals });
  } else {
    const plan = prepared.prepared;
    const cached = cachedBefore(plan, input);
    before = cached.statement;
    const afterInput = { ...input, deals };
    const core = recomputeWithDeal(plan, afterInput, cached.core, previous, change.deal);
    after = toStatement(plan, afterInput, core, withDraw(plan, core, 0).lines, 0);
  }
  const digits = currencyDigits(before.currency) ?? 2;
  const delta = (toMinor(after.total, digits) - toMinor(before.total, digits)) / pow10(digits);
  return { before, after, delta, tierBefore: before.tier, tierAfter: after.tier };
}
