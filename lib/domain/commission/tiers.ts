import { bigDivRound, divRound, formatMinor, pow10 } from '../money';
import type { PreparedPlan } from './prepared-plan';
import type { TierSlice } from './types';

/**
 * Tier boundaries, exactly: quota × upTo in minor units × 10^upToScale (see
 * `PreparedPlan.upToScale`); null for the open last tier.
 */
export function tierBoundaries(plan: PreparedPlan, quotaMinor: number): (number | null)[] {
  return plan.tiers.map((t) => (t.upToUnits === null ? null : t.upToUnits * quotaMinor));
}

/**
 * 0-based tier of a cumulative credit (minor units): the first tier whose boundary it does
 * not exceed. Attainment exactly on a boundary stays in the lower tier; 0 is in tier 1.
 */
export function tierIndexOf(
  plan: PreparedPlan,
  creditMinor: number,
  boundaries: readonly (number | null)[],
): number {
  const scaled = creditMinor * pow10(plan.upToScale);
  for (let i = 0; i < boundaries.length; i++) {
    const b = boundaries[i];
    if (b === null || b === undefined || scaled <= b) return i;
  }
  return boundaries.length - 1;
}

export interface TierPayout {
  amountMinor: number;
  /** Each slice's credit in minor units × 10^upToScale. */
  slices: { tier: number; creditMinor: number; rateUnits: number }[];
}

/** Σ credit_i × rateUnits_i ÷ 10^scale, rounded once at the end. */
function payoutOf(slices: TierPayout['slices'], rateScale: number): number {
  let sum = 0;
  let exact = true;
  for (const s of slices) {
    const p = s.creditMinor * s.rateUnits;
    sum += p;
    if (!Number.isSafeInteger(p) || !Number.isSafeInteger(sum)) exact = false;
  }
  if (exact) return divRound(sum, pow10(rateScale));
  let n = 0n;
  for (const s of slices) n += BigInt(s.creditMinor) * BigInt(s.rateUnits);
  return bigDivRound(n, BigInt(pow10(rateScale)));
}

/** `payoutOf([slice], rateScale)` without the array. */
function slicePayout(slice: TierPayout['slices'][number], rateScale: number): number {
  const p = slice.creditMinor * slice.rateUnits;
  if (Number.isSafeInteger(p)) return divRound(p, pow10(rateScale));
  return bigDivRound(BigInt(slice.creditMinor) * BigInt(slice.rateUnits), BigInt(pow10(rateScale)));
}

/** Marginal tiers: the credit from `before` to `before + credit` cut at each boundary. */
export function marginalPayout(
  plan: PreparedPlan,
  boundaries: readonly (number | null)[],
  beforeMinor: number,
  creditMinor: number,
): TierPayout {
  const slices: TierPayout['slices'] = [];
  const f = pow10(plan.upToScale);
  const start = beforeMinor * f;
  const end = start + creditMinor * f;
  let lo = 0;
  for (let i = 0; i < plan.tiers.length; i++) {
    const hi = boundaries[i] ?? Number.POSITIVE_INFINITY;
    const part = Math.min(end, hi) - Math.max(start, lo);
    if (part > 0) slices.push({ tier: i, creditMinor: part, rateUnits: plan.tiers[i]!.rateUnits });
    if (hi >= end) break;
    lo = hi;
  }
  return { amountMinor: payoutOf(slices, plan.rateScale + plan.upToScale), slices };
}

/** Retroactive tiers: the whole credit at the rate of the period's final tier. */
export function retroactivePayout(
  plan: PreparedPlan,
  finalTier: number,
  creditMinor: number,
): TierPayout {
  const slices =
    creditMinor > 0
      ? [
          {
            tier: finalTier,
            creditMinor: creditMinor * pow10(plan.upToScale),
            rateUnits: plan.tiers[finalTier]!.rateUnits,
          },
        ]
      : [];
  return { amountMinor: payoutOf(slices, plan.rateScale + plan.upToScale), slices };
}

/**
 * "12,000.00 at 8% (tier 1, up to 100%) + 3,000.00 at 12% (tier 2, 100–150%)". Slices can
 * fall between two cents (150% of 33,333.33): each figure shown is the rounded running total
 * minus the previous one, so the figures a rep reads add up to the credit.
 */
export function describeSlices(plan: PreparedPlan, payout: TierPayout): string {
  if (payout.slices.length === 0) return 'no credit to pay on';
  const f = pow10(plan.upToScale);
  let text = '';
  let running = 0;
  let shown = 0;
  for (const s of payout.slices) {
    const tier = plan.tiers[s.tier]!;
    running += s.creditMinor;
    const upTo = divRound(running, f);
    if (text) text += ' + ';
    text += `${formatMinor(upTo - shown, plan.digits)} at ${tier.rateText} (${tier.label})`;
    shown = upTo;
  }
  return text;
}

export function slicesForStatement(plan: PreparedPlan, payout: TierPayout): TierSlice[] {
  const factor = pow10(plan.digits);
  const scaled = factor * pow10(plan.upToScale);
  return payout.slices.map((s) => {
    const tier = plan.tiers[s.tier]!;
    return {
      tier: s.tier + 1,
      credit: s.creditMinor / scaled,
      rate: tier.rate.units / pow10(tier.rate.scale),
      amount: slicePayout(s, plan.rateScale + plan.upToScale) / factor,
    };
  });
}
