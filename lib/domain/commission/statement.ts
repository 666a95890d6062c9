import { isIsoDate, maxDate, type IsoDate } from '../dates';
import { currencyDigits, formatMinor, pow10, toMinor } from '../money';
import { nextPeriod, periodContaining, type Period } from '../periods';
import type { Deal } from '../schemas';
import { creditsRep, dealDefect } from './credit';
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

/**
 * The recoverable-draw balance after a period that earned `earnedMinor` (the rule of
 * `withDraw`, without its lines: what-ifs carry the balance through unchanged periods).
 */
function balanceAfter(
  plan: PreparedPlan,
  payable: boolean,
  earnedMinor: number,
  balanceMinor: number,
): number {
  const draw = plan.drawMinor;
  if (draw === null || !payable || plan.plan.draw?.recoverable !== true) return balanceMinor;
  if (earnedMinor < draw) return balanceMinor + (draw - earnedMinor);
  if (balanceMinor > 0 && earnedMinor > draw) {
    return balanceMinor - Math.min(balanceMinor, earnedMinor - draw);
  }
  return balanceMinor;
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
  const balance = balanceAfter(plan, core.payable, earned, balanceMinor);
  if (earned < draw) {
    const topUp = draw - earned;
    const line: CoreLine = {
      kind: 'draw',
      amountMinor: topUp,
      explanation: recoverable
        ? `Draw: earnings of ${formatMinor(earned, d)} topped up to the ${formatMinor(draw, d)} draw; recoverable, so ${formatMinor(balance, d)} is to be recovered from later earnings above the draw`
        : `Draw: earnings of ${formatMinor(earned, d)} topped up to the ${formatMinor(draw, d)} draw (not recoverable)`,
    };
    return { lines: [...core.lines, line], balanceMinor: balance };
  }
  if (balance !== balanceMinor) {
    const recovered = balanceMinor - balance;
    const line: CoreLine = {
      kind: 'recovery',
      amountMinor: -recovered,
      explanation: `Recovers ${formatMinor(recovered, d)} of earlier draw top-ups from earnings above the ${formatMinor(draw, d)} draw; ${formatMinor(balance, d)} left to recover`,
    };
    return { lines: [...core.lines, line], balanceMinor: balance };
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

/**
 * How the draw applies to a what-if's period: `inRun` false for a recoverable draw whose run
 * has not begun (no draw lines, no balance); `balanceIn` is the recoverable balance carried
 * into the period (0 for other plans, whose draw, if any, is applied to each period alone).
 */
interface DrawState {
  inRun: boolean;
  balanceIn: number;
  /** A recoverable draw's earlier periods in its run, oldest first. */
  earlier: RunPeriod[];
}

/** One earlier period of a recoverable draw's run: what its balance needs, and nothing more. */
interface RunPeriod {
  period: Period;
  payable: boolean;
  earningsMinor: number;
  /** The balance carried into the period. */
  balanceIn: number;
}

function drawnLines(
  plan: PreparedPlan,
  core: PeriodCore,
  draw: DrawState,
): { lines: CoreLine[]; balanceMinor: number } {
  if (!draw.inRun) return { lines: core.lines, balanceMinor: 0 };
  return withDraw(plan, core, draw.balanceIn);
}

/**
 * The draw state of `period` for these inputs, as `computeStatements` reaches it: for a
 * recoverable draw, every period of the run before it is computed once, and kept.
 */
function drawState(plan: PreparedPlan, input: StatementInput, period: Period): DrawState {
  if (!hasRecoverableDraw(plan)) return { inRun: true, balanceIn: 0, earlier: [] };
  const start = runStart(plan, input);
  if (start === null || period.start < start.start) {
    return { inRun: false, balanceIn: 0, earlier: [] };
  }
  const earlier: RunPeriod[] = [];
  let balance = 0;
  for (
    let p = start;
    p.start < period.start;
    p = nextPeriod(p, plan.kind, plan.fiscalYearStartMonth)
  ) {
    const core = computePeriodCore(plan, input, p);
    earlier.push({
      period: p,
      payable: core.payable,
      earningsMinor: core.earningsMinor,
      balanceIn: balance,
    });
    balance = balanceAfter(plan, core.payable, core.earningsMinor, balance);
  }
  return { inRun: true, balanceIn: balance, earlier };
}

/**
 * The first period whose earnings a change of the deal from `previous` to `deal` can alter:
 * the period each version closes in (its credit), and with clawbacks every later one too (a
 * reversal repays what its close period paid, which the other deals of that period shape).
 * Null when no period can change (neither version can credit the rep).
 */
function firstAffected(
  plan: PreparedPlan,
  repId: string,
  versions: readonly (Deal | undefined)[],
): { from: IsoDate; only: Set<IsoDate> | null } | null {
  let from: IsoDate | null = null;
  const starts = new Set<IsoDate>();
  for (const v of versions) {
    // A version that cannot be credited (not the rep's, defective) changes no earnings.
    if (v === undefined || !creditsRep(v, repId) || dealDefect(v) !== null) continue;
    const p = periodContaining(v.closeDate, plan.kind, plan.fiscalYearStartMonth);
    starts.add(p.start);
    if (from === null || p.start < from) from = p.start;
  }
  if (from === null) return null;
  return { from, only: plan.plan.clawback === undefined ? starts : null };
}

/**
 * The draw state of the period after the deal changed, from the state before it: the balance
 * is carried through the earlier periods again, recomputing only those the change can alter.
 */
function drawStateAfter(
  plan: PreparedPlan,
  afterInput: StatementInput,
  before: DrawState,
  previous: Deal | undefined,
  deal: Deal,
): DrawState {
  if (!before.inRun || before.earlier.length === 0) return before;
  const affected = firstAffected(plan, afterInput.repId, [previous, deal]);
  if (affected === null) return before;
  const first = before.earlier.findIndex((r) => r.period.start >= affected.from);
  if (first < 0) return before;
  let balance = before.earlier[first]!.balanceIn;
  for (let i = first; i < before.earlier.length; i++) {
    const r = before.earlier[i]!;
    if (affected.only === null || affected.only.has(r.period.start)) {
      const core = computePeriodCore(plan, afterInput, r.period);
      balance = balanceAfter(plan, core.payable, core.earningsMinor, balance);
    } else {
      balance = balanceAfter(plan, r.payable, r.earningsMinor, balance);
    }
  }
  // The earlier periods of the "after" side are not kept: nothing reads them.
  return { inRun: true, balanceIn: balance, earlier: [] };
}

/** The "before" side of what-ifs, kept while the same inputs are edited keystroke after keystroke. */
interface BeforeEntry {
  input: StatementInput;
  /** The deals as they were: an array changed in place does not reuse a stale entry. */
  deals: readonly Deal[];
  period: Period;
  core: PeriodCore;
  draw: DrawState;
  statement: Statement;
  /** Deal ids that appear more than once (made on first need). */
  duplicates: Set<string> | null;
}
const beforeCache = new WeakMap<readonly Deal[], BeforeEntry>();

function cachedBefore(plan: PreparedPlan, input: StatementInput, period: Period): BeforeEntry {
  const hit = beforeCache.get(input.deals);
  const i = hit?.input;
  if (
    hit &&
    i &&
    i.plan === input.plan &&
    i.quotas === input.quotas &&
    i.fxRates === input.fxRates &&
    i.repId === input.repId &&
    hit.period.start === period.start &&
    sameElements(hit.deals, input.deals)
  ) {
    return hit;
  }
  const draw = drawState(plan, input, period);
  const core = computePeriodCore(plan, input, period, true, true);
  const drawn = drawnLines(plan, core, draw);
  const entry: BeforeEntry = {
    deals: input.deals.slice(),
    input,
    period,
    core,
    draw,
    statement: toStatement(plan, input, core, drawn.lines, drawn.balanceMinor),
    duplicates: null,
  };
  beforeCache.set(input.deals, entry);
  return entry;
}

/** Whether the id is on more than one deal (the engine credits only the first of them). */
function isDuplicated(entry: BeforeEntry, id: string): boolean {
  if (entry.duplicates === null) {
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const d of entry.deals) {
      if (seen.has(d.id)) duplicates.add(d.id);
      else seen.add(d.id);
    }
    entry.duplicates = duplicates;
  }
  return entry.duplicates.has(id);
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
 * Fast enough for every keystroke: the "before" side is cached per deals array (with, for a
 * recoverable draw, the balance each earlier period carries), and the "after" side reuses
 * the credit of every deal but the changed one and recomputes only the earlier periods the
 * change can alter. Both sides equal `computeStatement` of the same inputs.
 */
export function whatIf(input: StatementInput, change: { deal: Deal }): WhatIfResult {
  const prepared = preparePlan(input.plan);
  const { deals, previous } = replaceDeal(input.deals, change.deal);
  let before: Statement;
  let after: Statement;
  if (!prepared.ok || !isIsoDate(input.periodStart)) {
    before = computeStatement(input);
    after = computeStatement({ ...input, deals });
  } else {
    const plan = prepared.prepared;
    const period = periodContaining(input.periodStart, plan.kind, plan.fiscalYearStartMonth);
    const cached = cachedBefore(plan, input, period);
    before = cached.statement;
    const afterInput = { ...input, deals };
    if (isDuplicated(cached, change.deal.id)) {
      // Which record of a duplicated id is credited depends on all of them: from scratch.
      after = computeStatement(afterInput);
    } else {
      const core = recomputeWithDeal(plan, afterInput, cached.core, previous, change.deal);
      const draw = drawStateAfter(plan, afterInput, cached.draw, previous, change.deal);
      const drawn = drawnLines(plan, core, draw);
      after = toStatement(plan, afterInput, core, drawn.lines, drawn.balanceMinor);
    }
  }
  const digits = currencyDigits(before.currency) ?? 2;
  const delta = (toMinor(after.total, digits) - toMinor(before.total, digits)) / pow10(digits);
  return { before, after, delta, tierBefore: before.tier, tierAfter: after.tier };
}
