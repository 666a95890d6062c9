import { decimalSeparatorOf } from './locale';

/**
 * Reads the digits of a formatted number such as `1.234,50`, `1’250’000.00`, `12,50,000.00`.
 *
 * Which of `.` and `,` is the decimal separator:
 * 1. Spaces (incl. no-break and narrow no-break) and apostrophes (`'`, `’`) only ever group.
 * 2. If both `.` and `,` occur, the last one is the decimal separator.
 * 3. If one of them occurs more than once, it groups (`1.250.000`, `12,50,000`).
 * 4. If one of them occurs once, it is the decimal separator when the digits before it are
 *    empty, `0`, more than three, or grouped by spaces/apostrophes (`0,5`, `1234,5`, `1 234,5`);
 *    otherwise the locale hint decides (`1,234` is 1234 in en-US and 1.234 in de); without a
 *    hint it is the decimal separator unless exactly three digits follow, which is ambiguous.
 * Grouping positions are not checked (`125,0` typed on the way to `125,000` reads as 1250 in
 * en-US), as Salesforce's own number parsing does.
 */
export type NumberParseResult = number | 'ambiguous' | 'invalid';

const GROUPING_ONLY = /[\s'’ʼ]/;

export function parseFormattedNumber(text: string, localeHint?: string): NumberParseResult {
  const raw = text.trim();
  if (!/^[\d.,\s'’ʼ]+$/.test(raw) || !/\d/.test(raw)) return 'invalid';
  if (/^[\s'’ʼ]|[\s'’ʼ]$/.test(raw)) return 'invalid';
  const decimal = decimalSeparator(raw, localeHint);
  if (decimal === 'ambiguous' || decimal === 'invalid') return decimal;

  const decimalAt = decimal ? raw.lastIndexOf(decimal) : raw.length;
  const integerPart = raw.slice(0, decimalAt);
  const fractionPart = raw.slice(decimalAt + 1);
  if (/[^\d]/.test(fractionPart)) return 'invalid';
  const value = Number(`${integerPart.replace(/\D/g, '') || '0'}.${fractionPart || '0'}`);
  return Number.isFinite(value) ? value : 'invalid';
}

function decimalSeparator(
  raw: string,
  localeHint: string | undefined,
): '.' | ',' | null | 'ambiguous' | 'invalid' {
  const dots = count(raw, '.');
  const commas = count(raw, ',');
  if (dots > 0 && commas > 0) {
    const decimal = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
    return count(raw, decimal) === 1 ? decimal : 'invalid';
  }
  if (dots + commas === 0) return null;
  const separator = dots > 0 ? '.' : ',';
  if (dots + commas > 1) return null;

  const at = raw.indexOf(separator);
  const before = raw.slice(0, at);
  if (GROUPING_ONLY.test(raw.slice(at))) return 'invalid';
  const digitsBefore = before.replace(/\D/g, '');
  if (digitsBefore === '' || digitsBefore === '0' || digitsBefore.length > 3) return separator;
  if (GROUPING_ONLY.test(before)) return separator;
  const hinted = decimalSeparatorOf(localeHint);
  if (hinted) return hinted === separator ? separator : null;
  return raw.length - at - 1 === 3 ? 'ambiguous' : separator;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
