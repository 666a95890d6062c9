import { isIsoDate } from '../dates';
import { currencyDigits, formatMinor, pow10, toMinor } from '../money';
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
 * Splits the deal's plan-currency amount between reps so the shares add up to it exactly:
 * each share is rounded down, and the minor units left go to the largest remainders
 * (ties to the rep listed first).
 */
export function allocate(totalMinor: number, shares: readonly { hundredths: number }[]): number[] {
  const exact = shares.map((s) => totalMinor * s.hundredths);
  const base = exact.map((e) => Math.floor(e / 10_000));
  let left = totalMinor - base.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, rem: e - base[i]! * 10_000 }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    base[i]! += 1;
    left -= 1;
  }
  return base;
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
  const minor = mulDivRoundBig(dealMinor, num * scaleUp, den * scaleDown);
  const rateText = inverted
    ? `1 ÷ ${rate} (${planCurrency}→${deal.currency} on ${date})`
    : `${rate} (${date})`;
  const note = `${deal.currency} ${formatMinor(dealMinor, dealDigits)} at ${rateText} = ${formatMinor(minor, planDigits)} ${planCurrency}`;
  return { ok: true, minor, note };
}

/** round(a × b ÷ c), half away from zero, with BigInt whenever a product may be inexact. */
function mulDivRoundBig(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  let q = n / d;
  const r = n - q * d;
  if ((r < 0n ? -r : r) * 2n >= d) q += n >= 0n ? 1n : -1n;
  return Number(q);
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
