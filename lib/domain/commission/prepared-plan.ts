import { periodContaining, type Period, type PeriodKind } from '../periods';
import {
  currencyDigits,
  decimalOf,
  formatRatePercent,
  pow10,
  toMinor,
  type Decimal,
} from '../money';
import { planSchema, type Plan, type PlanInput, type Spiff } from '../schemas';
import { describeIssues, issuesOf } from '../validation';

export interface PreparedTier {
  /** Attainment fraction the tier ends at; null for the open-ended last tier. */
  upTo: Decimal | null;
  /** upTo over the plan's common scale: upTo = upToUnits ÷ 10^upToScale. */
  upToUnits: number | null;
  rate: Decimal;
  /** The rate over the plan's common rate scale (`rateScale`). */
  rateUnits: number;
  /** "tier 2, 100–150%" */
  label: string;
  /** "12%" */
  rateText: string;
}

export interface PreparedSpiff {
  spiff: Spiff;
  amountMinor: number | null;
  rate: Decimal | null;
}

/** A validated plan with every number turned into exact integers once. */
export interface PreparedPlan {
  plan: Plan;
  digits: number;
  kind: PeriodKind;
  fiscalYearStartMonth: number;
  tiers: PreparedTier[];
  /** Tier rates are `rateUnits / 10^rateScale`. */
  rateScale: number;
  /**
   * Boundaries are compared exactly: credits are scaled by 10^upToScale, so that
   * quota × upTo is an integer even when it falls between two cents.
   */
  upToScale: number;
  perDealCapMinor: number | null;
  perPeriodCapMinor: number | null;
  spiffs: PreparedSpiff[];
  drawMinor: number | null;
  firstPeriod: Period;
}

export type PreparedPlanResult =
  { ok: true; prepared: PreparedPlan } | { ok: false; message: string };

const cache = new WeakMap<object, PreparedPlanResult>();

/** Validates and prepares a plan; the result is cached per plan object. */
export function preparePlan(input: Plan | PlanInput): PreparedPlanResult {
  if (typeof input !== 'object' || input === null) {
    return { ok: false, message: 'The plan is not valid: it must be an object' };
  }
  const cached = cache.get(input);
  if (cached) return cached;
  const result = prepare(input);
  cache.set(input, result);
  return result;
}

function prepare(input: Plan | PlanInput): PreparedPlanResult {
  const parsed = planSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      message: `The plan is not valid: ${describeIssues(issuesOf(parsed.error))}`,
    };
  }
  const plan = parsed.data;
  const digits = currencyDigits(plan.currency) ?? 2;
  const rates = plan.tiers.map((t) => decimalOf(t.rate));
  const rateScale = Math.max(...rates.map((r) => r.scale));
  const upTos = plan.tiers.map((t) => (t.upTo === null ? null : decimalOf(t.upTo)));
  const upToScale = Math.max(0, ...upTos.map((u) => (u === null ? 0 : u.scale)));
  const tiers = plan.tiers.map((t, i): PreparedTier => {
    const rate = rates[i]!;
    return {
      upTo: upTos[i] ?? null,
      upToUnits: upTos[i] ? upTos[i].units * pow10(upToScale - upTos[i].scale) : null,
      rate,
      rateUnits: rate.units * pow10(rateScale - rate.scale),
      label: tierLabel(plan.tiers, i),
      rateText: formatRatePercent(rate),
    };
  });
  return {
    ok: true,
    prepared: {
      plan,
      digits,
      kind: plan.period,
      fiscalYearStartMonth: plan.fiscalYearStartMonth,
      tiers,
      rateScale,
      upToScale,
      perDealCapMinor: plan.caps?.perDeal === undefined ? null : toMinor(plan.caps.perDeal, digits),
      perPeriodCapMinor:
        plan.caps?.perPeriod === undefined ? null : toMinor(plan.caps.perPeriod, digits),
      spiffs: plan.spiffs.map((spiff) => ({
        spiff,
        amountMinor: spiff.amount === undefined ? null : toMinor(spiff.amount, digits),
        rate: spiff.rate === undefined ? null : decimalOf(spiff.rate),
      })),
      drawMinor: plan.draw ? toMinor(plan.draw.amount, digits) : null,
      firstPeriod: periodContaining(plan.effectiveFrom, plan.period, plan.fiscalYearStartMonth),
    },
  };
}

function percent(upTo: number): string {
  return formatRatePercent(decimalOf(upTo));
}

/** "tier 1, up to 100%", "tier 2, 100–150%", "tier 3, above 150%". */
function tierLabel(tiers: Plan['tiers'], i: number): string {
  const upTo = tiers[i]?.upTo ?? null;
  const from = i > 0 ? (tiers[i - 1]?.upTo ?? null) : null;
  const n = i + 1;
  if (from === null && upTo === null) return `tier ${n}, all attainment`;
  if (from === null) return `tier ${n}, up to ${percent(upTo!)}`;
  if (upTo === null) return `tier ${n}, above ${percent(from)}`;
  return `tier ${n}, ${percent(from).replace('%', '')}–${percent(upTo)}`;
}
