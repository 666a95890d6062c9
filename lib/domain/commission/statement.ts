import { currencyDigits, formatMinor, pow10, toMinor } from '../money';
import { maxDate, type IsoDate } from '../dates';
import { nextPeriod, periodContaining, type Period } from '../periods';
import { computePeriodCore, type CoreLine, type PeriodCore } from './period-core';
import { preparePlan, type PreparedPlan } from './prepared-plan';
import type { Statement, StatementInput, StatementLine, WhatIfResult } from './types';
import type { Deal } from '../schemas';

function toLine(line: CoreLine, digits: number): StatementLine {
  const factor = pow10(digits);
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
  const totalMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
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
    lines: lines.map((l) => toLine(l, plan.digits)),
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
  const lines = [...core.lines];
  const draw = plan.drawMinor;
  const recoverable = plan.plan.draw?.recoverable === true;
  if (draw === null || !core.payable) return { lines, balanceMinor };
  const earned = core.earningsMinor;
  const d = plan.digits;
  if (earned < draw) {
    const topUp = draw - earned;
    const balance = recoverable ? balanceMinor + topUp : balanceMinor;
    lines.push({
      kind: 'draw',
      amountMinor: topUp,
      explanation: recoverable
        ? `Draw: earnings of ${formatMinor(earned, d)} topped up to the ${formatMinor(draw, d)} draw; recoverable, so ${formatMinor(balance, d)} is to be recovered from later earnings above the draw`
        : `Draw: earnings of ${formatMinor(earned, d)} topped up to the ${formatMinor(draw, d)} draw (not recoverable)`,
    });
    return { lines, balanceMinor: balance };
  }
  if (recoverable && balanceMinor > 0 && earned > draw) {
    const recovered = Math.min(balanceMinor, earned - draw);
    const left = balanceMinor - recovered;
    lines.push({
      kind: 'recovery',
      amountMinor: -recovered,
      explanation: `Recovers ${formatMinor(recovered, d)} of earlier draw top-ups from earnings above the ${formatMinor(draw, d)} draw; ${formatMinor(left, d)} left to recover`,
    });
    return { lines, balanceMinor: left };
  }
  return { lines, balanceMinor };
}

function invalidPlanStatement(input: StatementInput, message: string): Statement {
  const planLike = input.plan as {
    id?: unknown;
    currency?: unknown;
    period?: unknown;
    fiscalYearStartMonth?: unknown;
  };
  const kind =
    planLike.period === 'quarter' || planLike.period === 'year' ? planLike.period : 'month';
  const fy = typeof planLike.fiscalYearStartMonth === 'number' ? planLike.fiscalYearStartMonth : 1;
  const period = /^\d{4}-\d{2}-\d{2}$/.test(input.periodStart)
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
    problems: [{ code: 'invalid_plan', severity: 'error', message }],
    drawBalance: 0,
  };
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

/** Statements for every period from `from` to `to` (dates in the first and last periods). */
export function computeStatements(
  input: Omit<StatementInput, 'periodStart'> & { from: IsoDate; to: IsoDate },
): Statement[] {
  const base: StatementInput = { ...input, periodStart: input.from };
  const prepared = preparePlan(input.plan);
  if (!prepared.ok) return [invalidPlanStatement(base, prepared.message)];
  const plan = prepared.prepared;
  const first = periodContaining(input.from, plan.kind, plan.fiscalYearStartMonth);
  const last = periodContaining(input.to, plan.kind, plan.fiscalYearStartMonth);
  const recoverable = plan.drawMinor !== null && plan.plan.draw?.recoverable === true;
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
  if (!prepared.ok) return invalidPlanStatement(input, prepared.message);
  const plan = prepared.prepared;
  if (plan.drawMinor !== null && plan.plan.draw?.recoverable === true) {
    const statements = computeStatements({
      ...input,
      from: input.periodStart,
      to: input.periodStart,
    });
    return statements[statements.length - 1]!;
  }
  const period = periodContaining(input.periodStart, plan.kind, plan.fiscalYearStartMonth);
  const core = computePeriodCore(plan, input, period);
  const drawn = withDraw(plan, core, 0);
  return toStatement(plan, input, core, drawn.lines, 0);
}

/** The statement with one deal changed (same id) or added, next to the statement as it is. */
export function whatIf(input: StatementInput, change: { deal: Deal }): WhatIfResult {
  const before = computeStatement(input);
  const deals = input.deals.some((d) => d.id === change.deal.id)
    ? input.deals.map((d) => (d.id === change.deal.id ? change.deal : d))
    : [...input.deals, change.deal];
  const after = computeStatement({ ...input, deals });
  const digits = currencyDigits(before.currency) ?? 2;
  const delta = (toMinor(after.total, digits) - toMinor(before.total, digits)) / pow10(digits);
  return { before, after, delta, tierBefore: before.tier, tierAfter: after.tier };
}
