import { parseFormattedNumber } from './parse-number';

/** `75%`, `75 %`, `12,5 %` (with a locale hint), `75` → 0–100; `-` and empty → null. Never throws. */
export type ProbabilityParseResult =
  | { ok: true; probability: number | null }
  | { ok: false; error: 'invalid' | 'ambiguous' | 'out-of-range' };

export function parseProbability(text: string, localeHint?: string): ProbabilityParseResult {
  if (typeof text !== 'string') return { ok: false, error: 'invalid' };
  const rest = text
    .normalize('NFKC')
    .trim()
    .replace(/\s*[%٪]$/, '');
  if (/^[-–—]?$/.test(rest)) return { ok: true, probability: null };
  const value = parseFormattedNumber(rest, localeHint);
  if (value === 'invalid' || value === 'ambiguous') return { ok: false, error: value };
  if (value > 100) return { ok: false, error: 'out-of-range' };
  return { ok: true, probability: value };
}
