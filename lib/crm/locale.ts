/**
 * Locale facts the parsers need, read from `Intl` (no tables to ship). Every function accepts
 * Salesforce-style tags (`de_DE`) and returns undefined for a tag `Intl` does not accept.
 */

const decimalCache = new Map<string, '.' | ',' | undefined>();
const monthFirstCache = new Map<string, boolean | undefined>();

/** `de_DE` → `de-DE`; undefined for anything `Intl` rejects. */
export function normalizeLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/** The decimal separator the locale writes (`.` or `,`), undefined when unknown or neither. */
export function decimalSeparatorOf(localeHint: string | undefined): '.' | ',' | undefined {
  const locale = normalizeLocale(localeHint);
  if (!locale) return undefined;
  if (!decimalCache.has(locale)) {
    const decimal = new Intl.NumberFormat(locale)
      .formatToParts(1.5)
      .find((part) => part.type === 'decimal')?.value;
    decimalCache.set(locale, decimal === '.' || decimal === ',' ? decimal : undefined);
  }
  return decimalCache.get(locale);
}

/**
 * Whether the locale's numeric short date puts the month before the day (en-US: 12/31/2026).
 * Year-first locales (ja, en-CA: 2026-12-31) also count as month-before-day.
 */
export function isMonthBeforeDay(localeHint: string | undefined): boolean | undefined {
  const locale = normalizeLocale(localeHint);
  if (!locale) return undefined;
  if (!monthFirstCache.has(locale)) {
    const types = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      timeZone: 'UTC',
    })
      .formatToParts(Date.UTC(2026, 11, 31))
      .map((part) => part.type);
    monthFirstCache.set(locale, types.indexOf('month') < types.indexOf('day'));
  }
  return monthFirstCache.get(locale);
}

/** The page's locale: an explicit hint, else `<html lang>`, else the browser language. */
export function pageLocale(doc: Document, localeHint?: string): string | undefined {
  return (
    normalizeLocale(localeHint) ??
    normalizeLocale(doc.documentElement.getAttribute('lang')) ??
    normalizeLocale(doc.defaultView?.navigator.language)
  );
}
