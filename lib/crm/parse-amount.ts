import { currencyOfToken } from './currency';
import { parseFormattedNumber } from './parse-number';

/**
 * Parses an amount as a CRM prints or a user types it. Never throws.
 *
 * - `EUR 1.234,50 (USD 1.337,12)` → the first amount (the record's currency); the parenthesised
 *   one is Salesforce's conversion to the user's currency.
 * - The currency is an ISO code when the text states one (`CHF`, `USD`) or shows a symbol that
 *   names one currency (`€`, `£`, `R$`); `$`, `¥`, `kr` give null. See `currency.ts`.
 * - `-`, `—` and empty text are an empty amount (`amount: null`), not an error.
 * - Abbreviations (`12.5K`, `1,2 Mio. €`, `3 Cr`) are rejected (`abbreviated`): their rounding
 *   and their meaning vary by locale, so they are never safe for a commission figure.
 * - Which of `.` and `,` is the decimal separator follows `parse-number.ts`; the locale hint
 *   settles `1,234` / `1.234`, and without one that case is an `ambiguous` error.
 */
export type AmountParseError = 'invalid' | 'ambiguous' | 'abbreviated' | 'out-of-range';

export type AmountParseResult =
  | { ok: true; amount: number | null; currencyIsoCode: string | null }
  | { ok: false; error: AmountParseError };

const MAX_AMOUNT = 1e15;
const EMPTY = /^[-–—]?$/;
const ABBREVIATION =
  /^(?:k|m|mm|mn|mio\.?|mrd\.?|md\.?|bn|b|t|tsd\.?|mil\.?|lakh|lac|cr|crore|thousand|million|billion)$/i;
const WITH_CONVERSION = /^([^(]*\d[^(]*?)\s*\([^()]*\)$/;
const ACCOUNTING_NEGATIVE = /^\((.*)\)$/;
const AMOUNT =
  /^([+\-−]?)\s*([^\d\s+\-−]*?)\s*([+\-−]?)\s*([\d.,][\d.,\s'’ʼ]*?)\s*([^\d\s.,][^\d]*)?$/;

export function parseAmount(text: string, localeHint?: string): AmountParseResult {
  if (typeof text !== 'string') return { ok: false, error: 'invalid' };
  let rest = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (EMPTY.test(rest)) return { ok: true, amount: null, currencyIsoCode: null };

  let negative = false;
  const accounting = ACCOUNTING_NEGATIVE.exec(rest);
  if (accounting?.[1] !== undefined) {
    negative = true;
    rest = accounting[1].trim();
  } else {
    rest = WITH_CONVERSION.exec(rest)?.[1] ?? rest;
  }

  const onlyCurrency = rest.includes(' ') ? 'invalid' : currencyOfTokens(rest);
  if (onlyCurrency !== 'invalid' && onlyCurrency !== 'abbreviated') {
    return { ok: true, amount: null, currencyIsoCode: onlyCurrency };
  }

  const match = AMOUNT.exec(rest);
  if (!match) return { ok: false, error: 'invalid' };
  const [, signBefore = '', prefix = '', signAfter = '', digits = '', suffix = ''] = match;
  if (signBefore && signAfter) return { ok: false, error: 'invalid' };
  if (negative && (signBefore || signAfter)) return { ok: false, error: 'invalid' };

  const currency = currencyOfTokens(`${prefix} ${suffix}`);
  if (currency === 'invalid' || currency === 'abbreviated') return { ok: false, error: currency };

  const value = parseFormattedNumber(digits, localeHint);
  if (value === 'invalid' || value === 'ambiguous') return { ok: false, error: value };
  if (value > MAX_AMOUNT) return { ok: false, error: 'out-of-range' };
  const isNegative = negative || /[-−]/.test(signBefore + signAfter);
  return {
    ok: true,
    amount: isNegative && value !== 0 ? -value : value,
    currencyIsoCode: currency,
  };
}

/** The currency named by whitespace-separated tokens; null when none or only ambiguous ones. */
function currencyOfTokens(text: string): string | null | 'invalid' | 'abbreviated' {
  let code: string | null = null;
  for (const token of text.split(' ')) {
    if (token === '') continue;
    if (ABBREVIATION.test(token)) return 'abbreviated';
    const currency = currencyOfToken(token);
    if (currency === undefined) return 'invalid';
    if (currency !== null && code !== null && currency !== code) return 'invalid';
    code = currency ?? code;
  }
  return code;
}
