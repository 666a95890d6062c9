import { isMonthBeforeDay, perLocale } from './locale';

/**
 * Parses a date as a CRM prints or a user types it into `YYYY-MM-DD`. Never throws.
 *
 * - Numeric: `2026-12-31` (year first is always Y-M-D), `12/31/2026`, `31/12/2026`,
 *   `31.12.2026`, `31-12-2026`, `2026. 12. 31.`; two-digit years are 20yy.
 * - Day and month are told apart by value when one exceeds 12 (or both are equal); otherwise
 *   the locale hint decides by the order of month and day in its short date (en-US → M/D,
 *   en-GB, de, fr, id … → D/M). Without a hint such a date is an `ambiguous` error.
 * - Month names in English, German, French and Indonesian (`Dec 31, 2026`, `31 Dec 2026`,
 *   `31. Dezember 2026`, `31 Desember 2026`) and in the hinted locale, long and short, via `Intl`.
 * - A trailing time (`12/31/2026 3:00 PM`) and a leading weekday (`Wed, Dec 31, 2026`) are
 *   ignored; `-` and empty text are an empty date (`date: null`).
 */
export type DateParseError = 'invalid' | 'ambiguous' | 'out-of-range';

export type DateParseResult =
  { ok: true; date: string | null } | { ok: false; error: DateParseError };

const EMPTY = /^[-–—]?$/;
const TIME_SUFFIX =
  /(?:,?\s+|T)\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?\s?m\.?)?(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}|[a-z]{2,5}))?$/i;
const LEADING_WEEKDAY = /^(\p{L}+)\.?,\s*/u;
const NUMERIC = /^(\d{1,4})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{1,4})\.?$/;

/**
 * Month names known without a hint: English, German, French and Indonesian as `Intl` writes
 * them (`localeMonths`), plus spellings it does not or not in every ICU version (Austrian
 * `Jänner`, `Maerz` without the umlaut, French `fév`, Indonesian `Agt` and `Agu`).
 */
const STATIC_LANGUAGES = ['en', 'de', 'fr', 'id'];
const EXTRA_MONTHS: Readonly<Record<string, number>> = {
  janner: 1,
  fev: 2,
  maerz: 3,
  agt: 8,
  agu: 8,
};
let staticMonths: ReadonlyMap<string, number> | undefined;

export function parseCrmDate(text: string, localeHint?: string): DateParseResult {
  if (typeof text !== 'string') return { ok: false, error: 'invalid' };
  let rest = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (EMPTY.test(rest)) return { ok: true, date: null };
  rest = rest.replace(TIME_SUFFIX, '').trim();
  const weekday = LEADING_WEEKDAY.exec(rest);
  if (weekday?.[1] && monthOf(weekday[1], localeHint) === undefined) {
    rest = rest.slice(weekday[0].length);
  }

  const numeric = NUMERIC.exec(rest);
  if (numeric) return parseNumeric(numeric, localeHint);
  return parseWithMonthName(rest, localeHint);
}

function parseNumeric(match: RegExpExecArray, localeHint: string | undefined): DateParseResult {
  const [, first = '', , second = '', third = ''] = match;
  if (first.length === 4) return toIsoDate(+first, +second, +third);
  if (first.length > 2 || (third.length !== 4 && third.length !== 2)) {
    return { ok: false, error: 'invalid' };
  }
  const year = third.length === 2 ? 2000 + Number(third) : Number(third);
  const a = Number(first);
  const b = Number(second);
  if (a === b || b > 12) return toIsoDate(year, a, b);
  if (a > 12) return toIsoDate(year, b, a);
  const monthFirst = isMonthBeforeDay(localeHint);
  if (monthFirst === undefined) return { ok: false, error: 'ambiguous' };
  return monthFirst ? toIsoDate(year, a, b) : toIsoDate(year, b, a);
}

function parseWithMonthName(text: string, localeHint: string | undefined): DateParseResult {
  const tokens = text.split(/[\s,./-]+/).filter(Boolean);
  if (tokens.length !== 3) return { ok: false, error: 'invalid' };
  const words = tokens.filter((token) => !/^\d+$/.test(token));
  const numbers = tokens.filter((token) => /^\d{1,4}$/.test(token));
  if (words.length !== 1 || numbers.length !== 2 || !words[0]) {
    return { ok: false, error: 'invalid' };
  }
  const month = monthOf(words[0], localeHint);
  if (month === undefined) return { ok: false, error: 'invalid' };
  const yearIndex = numbers.findIndex((n) => n.length === 4);
  const yearToken = yearIndex >= 0 ? numbers[yearIndex] : numbers[1];
  const dayToken = yearIndex === 0 ? numbers[1] : numbers[0];
  if (!yearToken || !dayToken || dayToken.length > 2 || yearToken.length === 3) {
    return { ok: false, error: 'invalid' };
  }
  const year = yearToken.length <= 2 ? 2000 + Number(yearToken) : Number(yearToken);
  return toIsoDate(year, month, Number(dayToken));
}

function monthOf(word: string, localeHint: string | undefined): number | undefined {
  const key = foldMonthName(word);
  staticMonths ??= new Map([
    ...STATIC_LANGUAGES.flatMap((language) => Array.from(localeMonths(language) ?? [])),
    ...Object.entries(EXTRA_MONTHS),
  ]);
  return localeMonths(localeHint)?.get(key) ?? staticMonths.get(key);
}

function foldMonthName(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');
}

/** Month names of a locale, long and short, standalone and in a date, via `Intl`. */
const localeMonths = perLocale((locale) => {
  const names = new Map<string, number>();
  for (const month of ['long', 'short'] as const) {
    const standalone = new Intl.DateTimeFormat(locale, { month, timeZone: 'UTC' });
    const inDate = new Intl.DateTimeFormat(locale, { month, day: 'numeric', timeZone: 'UTC' });
    for (let index = 0; index < 12; index += 1) {
      const date = Date.UTC(2026, index, 15);
      const inDateName = inDate.formatToParts(date).find((p) => p.type === 'month')?.value;
      for (const name of [standalone.format(date), inDateName]) {
        if (name && !/\d/.test(name)) names.set(foldMonthName(name), index + 1);
      }
    }
  }
  return names;
});

function toIsoDate(year: number, month: number, day: number): DateParseResult {
  if (year < 1900 || year > 2199) return { ok: false, error: 'out-of-range' };
  if (month < 1 || month > 12 || day < 1) return { ok: false, error: 'invalid' };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return { ok: false, error: 'invalid' };
  const pad = (n: number) => String(n).padStart(2, '0');
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}
