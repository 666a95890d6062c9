import { addDays, daysBetween, type IsoDate } from '../dates';
import { pow10, toMinor } from '../money';
import { daysInPeriod, isInPeriod } from '../periods';
import { creditFor } from '../commission/credit';
import { fxIndexFor } from '../commission/fx-index';
import { preparePlan } from '../commission/prepared-plan';
import { computeStatement } from '../commission/statement';
import { tierBoundaries } from '../commission/tiers';
import type { Problem, StatementInput } from '../commission/types';
import type { Deal } from '../schemas';

export interface KpiInput extends Omit<StatementInput, 'periodStart'> {
  /** The day the figures are as of (today, for a live view). */
  asOf: IsoDate;
  /** Any date in the period to report on; defaults to the period containing `asOf`. */
  periodStart?: IsoDate;
}

export interface WinRate {
  won: number;
  lost: number;
  wonValue: number;
  lostValue: number;
  /** won ÷ (won + lost) by count; null when no deal closed in the window. */
  byCount: number | null;
  /** Same by credited value; null when the closed value is 0. */
  byValue: number | null;
}

/** One rep's KPIs for one period, as DOMAIN.md defines them (amounts in plan currency). */
export interface Kpis {
  repId: string;
  currency: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  asOf: IsoDate;
  quota: number | null;
  credited: number;
  attainment: number | null;
  /** Elapsed days (through `asOf`) ÷ days in the period, 0–1. */
  expectedToDate: number;
  /** attainment − expectedToDate, as a fraction (−0.12 = 12 points behind). */
  pace: number | null;
  /** max(0, quota − credited). */
  gap: number | null;
  openPipeline: number;
  weightedPipeline: number;
  /** openPipeline ÷ gap; null when the gap is 0 (quota met) or there is no quota. */
  coverage: number | null;
  quotaMet: boolean;
  winRate: WinRate;
  /** Won deals in the trailing 90 days. */
  averageDealSize: number | null;
  averageCycleDays: number | null;
  /** 1-based tier the period's attainment is in. */
  tier: number | null;
  /** The next tier's number and rate, and the credit still needed to reach its boundary. */
  nextTier: number | null;
  nextTierRate: number | null;
  gapToNextTier: number | null;
  /** (credited + weighted pipeline) ÷ quota. */
  projection: number | null;
  /** Statement problems (no quota, missing FX rate…). */
  problems: Problem[];
}

export const TRAILING_DAYS = 90;

/** A deal's credit to the rep in plan minor units, or null (not the rep's, or not convertible). */
function creditMinorOf(
  deal: Deal,
  input: KpiInput,
  planCurrency: string,
  digits: number,
  problems: Problem[],
): number | null {
  const result = creditFor(deal, input.repId, planCurrency, digits, fxIndexFor(input.fxRates));
  if (result === null) return null;
  if (!result.ok) {
    if (!problems.some((p) => p.dealId === deal.id && p.code === result.problem.code)) {
      problems.push(result.problem);
    }
    return null;
  }
  return result.credit.minor;
}

export function computeKpis(input: KpiInput): Kpis {
  const periodDate = input.periodStart ?? input.asOf;
  const statement = computeStatement({ ...input, periodStart: periodDate });
  const prepared = preparePlan(input.plan);
  const digits = prepared.ok ? prepared.prepared.digits : 2;
  const factor = pow10(digits);
  const period = { start: statement.periodStart, end: statement.periodEnd };
  const problems = [...statement.problems];
  const currency = statement.currency;

  const elapsed =
    input.asOf < period.start
      ? 0
      : input.asOf > period.end
        ? daysInPeriod(period)
        : daysBetween(period.start, input.asOf) + 1;
  const expectedToDate = elapsed / daysInPeriod(period);

  const quotaMinor = statement.quota === null ? null : toMinor(statement.quota, digits);
  const creditedMinor = toMinor(statement.credited, digits);

  let openMinor = 0;
  let weighted = 0; // minor units, fractional until rounded
  const win = { won: 0, lost: 0, wonMinor: 0, lostMinor: 0, cycleDays: 0 };
  const windowStart = addDays(input.asOf, -(TRAILING_DAYS - 1));
  for (const deal of prepared.ok ? input.deals : []) {
    const isOpenInPeriod = !deal.isClosed && isInPeriod(deal.closeDate, period);
    const closedInWindow =
      deal.isClosed && deal.closeDate >= windowStart && deal.closeDate <= input.asOf;
    if (!isOpenInPeriod && !closedInWindow) continue;
    const credit = creditMinorOf(deal, input, currency, digits, problems);
    if (credit === null) continue;
    if (isOpenInPeriod) {
      openMinor += credit;
      weighted += (credit * (deal.probability ?? 0)) / 100;
    } else if (deal.isWon && deal.reversedOn === undefined) {
      win.won += 1;
      win.wonMinor += credit;
      win.cycleDays += Math.max(0, daysBetween(deal.createdDate, deal.closeDate));
    } else if (!deal.isWon) {
      win.lost += 1;
      win.lostMinor += credit;
    }
  }
  const weightedMinor = Math.round(weighted);
  const gapMinor = quotaMinor === null ? null : Math.max(0, quotaMinor - creditedMinor);

  let nextTier: number | null = null;
  let nextTierRate: number | null = null;
  let gapToNextTier: number | null = null;
  if (
    prepared.ok &&
    quotaMinor !== null &&
    statement.tier !== null &&
    statement.tier < prepared.prepared.tiers.length
  ) {
    const boundary = tierBoundaries(prepared.prepared, quotaMinor)[statement.tier - 1];
    const next = prepared.prepared.tiers[statement.tier]!;
    if (boundary !== null && boundary !== undefined) {
      nextTier = statement.tier + 1;
      nextTierRate = next.rate.units / pow10(next.rate.scale);
      // The boundary is in minor units × 10^upToScale: round the credit still needed up.
      const f = pow10(prepared.prepared.upToScale);
      gapToNextTier = Math.max(0, Math.ceil((boundary - creditedMinor * f) / f)) / factor;
    }
  }

  const closedCount = win.won + win.lost;
  const closedMinor = win.wonMinor + win.lostMinor;
  return {
    repId: input.repId,
    currency,
    periodStart: period.start,
    periodEnd: period.end,
    asOf: input.asOf,
    quota: statement.quota,
    credited: statement.credited,
    attainment: statement.attainment,
    expectedToDate,
    pace: statement.attainment === null ? null : statement.attainment - expectedToDate,
    gap: gapMinor === null ? null : gapMinor / factor,
    openPipeline: openMinor / factor,
    weightedPipeline: weightedMinor / factor,
    coverage: gapMinor === null || gapMinor === 0 ? null : openMinor / gapMinor,
    quotaMet: gapMinor === 0,
    winRate: {
      won: win.won,
      lost: win.lost,
      wonValue: win.wonMinor / factor,
      lostValue: win.lostMinor / factor,
      byCount: closedCount === 0 ? null : win.won / closedCount,
      byValue: closedMinor === 0 ? null : win.wonMinor / closedMinor,
    },
    averageDealSize: win.won === 0 ? null : Math.round(win.wonMinor / win.won) / factor,
    averageCycleDays: win.won === 0 ? null : win.cycleDays / win.won,
    tier: statement.tier,
    nextTier,
    nextTierRate,
    gapToNextTier,
    projection: quotaMinor === null ? null : (creditedMinor + weightedMinor) / quotaMinor,
    problems,
  };
}
