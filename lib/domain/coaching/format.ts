import { currencyDigits, formatMinor, toMinor } from '../money';

/** "1 day", "12 days". */
export function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** "1 time", "3 times". */
export function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** "USD 4,000.00", "JPY 500,000". */
export function money(amount: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  return `${currency} ${formatMinor(toMinor(amount, digits), digits)}`;
}

/**
 * `value` with at most `decimals` decimals, cut toward zero (never rounded up, so a value just
 * below a threshold never reads as the threshold): 2.996 → 2.99, 3 → 3.
 */
export function cutTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // The small nudge absorbs binary noise (1.15 × 100 = 114.99999999999999).
  const cut = Math.trunc(value * factor + (value >= 0 ? 1e-9 : -1e-9)) / factor;
  return cut === 0 ? 0 : cut;
}

/** `cutTo` written out: 2.996 → "2.99", 3 → "3". */
export function truncated(value: number, decimals: number): string {
  return String(cutTo(value, decimals));
}

/** `value` rounded half away from zero to at most `decimals` decimals: 12.34 → 12.3. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const r = Math.round(Math.abs(value) * factor) / factor;
  return value < 0 && r !== 0 ? -r : r;
}

/** `roundTo` written out: 12.34 → "12.3", 10 → "10". */
export function rounded(value: number, decimals: number): string {
  return String(roundTo(value, decimals));
}

/** A fraction as a percentage: 0.12 → "12%", 0.125 → "12.5%". */
export function percent(fraction: number): string {
  return `${rounded(fraction * 100, 2)}%`;
}

/** `text` cut to `max` characters, ending with "…" when cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A deal's name for a sentence: “Acme renewal”, or "This deal" when it has none. */
export function dealLabel(name: string): string {
  const trimmed = name.trim();
  return trimmed ? `“${clip(trimmed, 120)}”` : 'This deal';
}
