import { isIsoDate } from '../dates';
import { bigDivRound, currencyDigits, formatMinor, pow10, toMinor } from '../money';
import type { Deal } from '../schemas';
import type { FxIndex } from './fx-index';
import type { Problem } from './types';

/** A deal's credit to one rep, in plan-currency minor units. */
export interface Credit {
  /** The rep's share. */
  minor: number;
  /** The whole deal in plan currency, before splits. */
  dealMinor: number;
  /** The rep's split in hundredths of a percent (10000 = 100%). */
  shareHundredths: number;
  /** "EUR 10,000.00 at 1.0845 (…) = 10,845.00 USD; your 50% split of …" ('' when trivial). */
  explanation: string;
}

export type CreditResult = { ok: true; credit: Credit } | { ok: false; problem: Problem } | null;

/** Hundredths of a percent per rep: owner 100% without splits; only listed reps with splits. */
export function sharesOf(deal: Deal): { repId: string; hundredths: number }[] {
  if (!deal.splits || deal.splits.length === 0)
    return [{ repId: deal.ownerId, hundredths: 10_000 }];
  return deal.splits.map((s) => ({ repId: s.repId, hundredths: Math.round(s.percent * 100) }));
}

/** Whether `repId` gets any credit from the deal (before FX and validity checks). */
export function creditsRep(deal: Deal, repId: string): boolean {
  if (!Array.isArray(deal.splits) || deal.splits.length === 0) return deal.ownerId === repId;
  return deal.splits.some((s) => s?.repId === repId);
}

/**
 * Quick structural checks of the fields the engine reads; the full zod check runs where
 * deals enter the system. Returns a message, or null when the deal can be used.
 */
export function dealDefect(deal: Deal): string | null {
  if (typeof deal.id !== 'string' || deal.id === '') return 'id must be non-empty text';
  if (typeof deal.amount !== 'number' || !Number.isFinite(deal.amount) || deal.amount < 0) {
    return 'amount must be a number, not negative';
  }
  if (currencyDigits(deal.currency) === null) {
    return `currency "${String(deal.currency)}" is not an ISO 4217 code`;
  }
  if (!isIsoDate(deal.closeDate)) return 'closeDate must be a calendar date written YYYY-MM-DD';
  if (deal.reversedOn !== undefined && !isIsoDate(deal.reversedOn)) {
    return 'reversedOn must be a calendar date written YYYY-MM-DD';
  }
  const splits = deal.splits;
  if (splits !== undefined && splits !== null) {
    if (!Array.isArray(splits)) return 'splits must be a list';
    let total = 0;
    for (const s of splits as unknown[]) {
      const split = s as { repId?: unknown; percent?: unknown } | null;
      const percent = split?.percent;
      if (
        typeof percent !== 'number' ||
        !Number.isFinite(percent) ||
        percent <= 0 ||
        percent > 100
      ) {
        return 'each split percent must be more than 0 and at most 100';
      }
      total += Math.round(percent * 100);
    }
    if (splits.length > 0 && total !== 10_000)
      return `split percents add up to ${total / 100}, not 100`;
  }
  return null;
}

/**
 * Splits the deal's plan-currency amount between reps so that:
 * - the shares add up to it exactly;
 * - each share is within one minor unit of its exact value (the quota property);
 * - raising the amount never lowers any rep's share (house monotonicity).
 *
 * Percents are in hundredths (10000 = 100%), so every 10,000 minor units split exactly:
 * a total T = 10000·m + r gives each rep m × hundredths plus their share of the remaining r
 * units. Those r units are handed out one at a time by Balinski and Young's quota method
 * (to the rep with the largest hundredths ÷ (units so far + 1) whose share would not go
 * above its exact value rounded up; ties to the rep listed first), which has both
 * properties; the first 10,000 steps are computed once per list of percents and cached.
 */
export function allocate(totalMinor: number, shares: readonly { hundredths: number }[]): number[] {
  const m = Math.floor(totalMinor / 10_000);
  const r = totalMinor - m * 10_000;
  const table = quotaMethodTable(shares.map((s) => s.hundredths));
  const k = shares.length;
  return shares.map((s, i) => m * s.hundredths + table[r * k + i]!);
}

const tables = new Map<string, Int32Array>();
const MAX_TABLES = 256;

/** Row r (r = 0…9999) holds each rep's units after r units were handed out. */
function quotaMethodTable(hundredths: readonly number[]): Int32Array {
  const key = hundredths.join(',');
  const cached = tables.get(key);
  if (cached) return cached;
  const k = hundredths.length;
  const table = new Int32Array(10_000 * k);
  const units = new Array<number>(k).fill(0);
  for (let r = 1; r < 10_000; r++) {
    let best = -1;
    for (let i = 0; i < k; i++) {
      const h = hundredths[i]!;
      // Upper quota: after this unit the rep may hold at most ceil(r × h ÷ 10000).
      if ((units[i]! + 1) * 10_000 > r * h + 9_999) continue;
      if (best < 0 || h * (units[best]! + 1) > hundredths[best]! * (units[i]! + 1)) best = i;
    }
    // The quota method always has an eligible rep; the guard keeps the sum exact regardless.
    units[best < 0 ? 0 : best]! += 1;
    for (let i = 0; i < k; i++) table[r * k + i] = units[i]!;
  }
  if (tables.size >= MAX_TABLES) tables.delete(tables.keys().next().value!);
  tables.set(key, table);
  return table;
}

function convert(
  deal: Deal,
  planCurrency: string,
  planDigits: number,
  fx: FxIndex,
): { ok: true; minor: number; note: string } | { ok: false; problem: Problem } {
  const dealDigits = currencyDigits(deal.currency)!;
  const dealMinor = toMinor(deal.amount, dealDigits);
  if (deal.currency === planCurrency) return { ok: true, minor: dealMinor, note: '' };
  const found = fx.lookup(deal.currency, planCurrency, deal.closeDate);
  if (!found.ok) {
    const pair = `${deal.currency}→${planCurrency}`;
    return {
      ok: false,
      problem: {
        code:
          found.reason === 'missing'
            ? 'missing_fx_rate'
            : found.reason === 'invalid'
              ? 'invalid_fx_rate'
              : 'conflicting_fx_rates',
        severity: 'error',
        dealId: deal.id,
        message:
          found.reason === 'missing'
            ? `No ${pair} rate on or before ${deal.closeDate}: "${deal.name}" is not credited until one is added.`
            : found.reason === 'invalid'
              ? `The ${pair} rate dated ${found.date} is not a positive number: "${deal.name}" is not credited until it is corrected.`
              : `Two different ${pair} rates are dated ${found.date}: "${deal.name}" is not credited until one is removed.`,
      },
    };
  }
  const { num, den, rate, inverted, date } = found.ratio;
  // plan minor = deal minor × rate × 10^planDigits ÷ 10^dealDigits
  const scaleUp = planDigits >= dealDigits ? pow10(planDigits - dealDigits) : 1;
  const scaleDown = planDigits < dealDigits ? pow10(dealDigits - planDigits) : 1;
  const minor = bigDivRound(
    BigInt(dealMinor) * BigInt(num) * BigInt(scaleUp),
    BigInt(den) * BigInt(scaleDown),
  );
  const rateText = inverted
    ? `1 ÷ ${rate} (${planCurrency}→${deal.currency} on ${date})`
    : `${rate} (${date})`;
  const note = `${deal.currency} ${formatMinor(dealMinor, dealDigits)} at ${rateText} = ${formatMinor(minor, planDigits)} ${planCurrency}`;
  return { ok: true, minor, note };
}

/** The rep's credit for a deal, or null when the deal does not credit the rep. */
export function creditFor(
  deal: Deal,
  repId: string,
  planCurrency: string,
  planDigits: number,
  fx: FxIndex,
): CreditResult {
  const shares = sharesOf(deal);
  const index = shares.findIndex((s) => s.repId === repId);
  if (index < 0) return null;
  const converted = convert(deal, planCurrency, planDigits, fx);
  if (!converted.ok) return converted;
  const share = shares[index]!;
  const minor =
    share.hundredths === 10_000 ? converted.minor : allocate(converted.minor, shares)[index]!;
  let explanation = converted.note;
  if (share.hundredths !== 10_000) {
    const split = `your ${share.hundredths / 100}% split of ${formatMinor(converted.minor, planDigits)} = ${formatMinor(minor, planDigits)}`;
    explanation = explanation ? `${explanation}; ${split}` : split;
  }
  return {
    ok: true,
    credit: {
      minor,
      dealMinor: converted.minor,
      shareHundredths: share.hundredths,
      explanation,
    },
  };
}
