import { formatMinor, formatRatePercent, mulDivRound, applyRate } from '../money';
import type { Deal, SpiffCondition } from '../schemas';
import type { PreparedPlan, PreparedSpiff } from './prepared-plan';

type Scalar = string | number | boolean;

/**
 * The value a SPIFF condition tests: `amount` is the deal amount in plan currency before
 * splits; other names are the deal's own fields, then its custom CRM `fields`.
 */
function fieldValue(deal: Deal, field: string, planAmount: number): Scalar | null | undefined {
  if (field === 'amount') return planAmount;
  if (
    Object.prototype.hasOwnProperty.call(deal, field) &&
    field !== 'fields' &&
    field !== 'splits'
  ) {
    const v = (deal as unknown as Record<string, unknown>)[field];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
  }
  return deal.fields?.[field];
}

function compare(a: Scalar, b: Scalar): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/**
 * A condition on a missing field is false, except `neq`, which is true. Ordering
 * operators compare numbers with numbers and text with text (dates as YYYY-MM-DD).
 */
export function conditionHolds(cond: SpiffCondition, value: Scalar | null | undefined): boolean {
  if (value === null || value === undefined) return cond.op === 'neq';
  const target = cond.value;
  switch (cond.op) {
    case 'eq':
      return !Array.isArray(target) && value === target;
    case 'neq':
      return Array.isArray(target) || value !== target;
    case 'in':
      return Array.isArray(target) && target.includes(value);
    default: {
      if (Array.isArray(target)) return false;
      const c = compare(value, target);
      if (c === null) return false;
      return cond.op === 'gt'
        ? c > 0
        : cond.op === 'gte'
          ? c >= 0
          : cond.op === 'lt'
            ? c < 0
            : c <= 0;
    }
  }
}

export function spiffMatches(spiff: PreparedSpiff, deal: Deal, planAmount: number): boolean {
  // A loop, not every(): no closure per deal and SPIFF.
  for (const c of spiff.spiff.when) {
    if (!conditionHolds(c, fieldValue(deal, c.field, planAmount))) return false;
  }
  return true;
}

/** Each rate SPIFF's rate as text, made once per prepared plan's SPIFF. */
const rateTexts = new WeakMap<PreparedSpiff, string>();

function rateText(spiff: PreparedSpiff): string {
  let text = rateTexts.get(spiff);
  if (text === undefined) rateTexts.set(spiff, (text = formatRatePercent(spiff.rate!)));
  return text;
}

export interface SpiffPayout {
  spiff: PreparedSpiff;
  amountMinor: number;
  explanation: string;
}

export function spiffPayout(
  plan: PreparedPlan,
  spiff: PreparedSpiff,
  creditMinor: number,
  shareHundredths: number,
): SpiffPayout {
  const name = spiff.spiff.name;
  if (spiff.amountMinor !== null) {
    const full = spiff.amountMinor;
    const amountMinor =
      shareHundredths === 10_000 ? full : mulDivRound(full, shareHundredths, 10_000);
    const share = shareHundredths === 10_000 ? '' : ` × your ${shareHundredths / 100}% split`;
    return {
      spiff,
      amountMinor,
      explanation: `SPIFF "${name}": ${formatMinor(full, plan.digits)}${share}`,
    };
  }
  const rate = spiff.rate!;
  return {
    spiff,
    amountMinor: applyRate(creditMinor, rate),
    explanation: `SPIFF "${name}": ${formatMinor(creditMinor, plan.digits)} credit at ${rateText(spiff)}`,
  };
}
