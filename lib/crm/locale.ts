/**
 * Locale facts the parsers need, read from `Intl` (no tables to ship). Every function accepts
 * Salesforce-style tags (`de_DE`) and returns undefined for a tag `Intl` does not accept.
 */

/** `de_DE` → `de-DE`; undefined for anything `Intl` rejects. */
export function normalizeLocale(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/** A fact of a locale tag, computed once per canonical locale; undefined for a bad tag. */
export function perLocale<T>(
  compute: (locale: string) => T,
): (localeHint: string | null | undefined) => T | undefined {
  const cache = new Map<string, T>();
  return (localeHint) => {
    const locale = normalizeLocale(localeHint);
    if (!locale) return undefined;
    if (!cache.has(locale)) cache.set(locale, compute(locale));
    return cache.get(locale);
  };
}

/** The decimal separator the locale writes (`.` or `,`), undefined when unknown or neither. */
export const decimalSeparatorOf = perLocale((locale) => {
  const decimal = new Intl.NumberFormat(locale)
    .formatToParts(1.5)
    .find((part) => part.type === 'decimal')?.value;
  return decimal === '.' || decimal === ',' ? decimal : undefined;
});

/**
 * Whether the locale's numeric short date puts the month before the day (en-US: 12/31/2026).
 * Year-first locales (ja, en-CA: 2026-12-31) also count as month-before-day.
 */
export const isMonthBeforeDay = perLocale((locale) => {
  const types = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  })
    .formatToParts(Date.UTC(2026, 11, 31))
    .map((part) => part.type);
  return types.indexOf('month') < types.indexOf('day');
});

/** The page's locale: an explicit hint, else `<html lang>`, else the browser language. */
export function pageLocale(doc: Document, localeHint?: string): string | undefined {
  return (
    normalizeLocale(localeHint) ??
    normalizeLocale(doc.documentElement.getAttribute('lang')) ??
    normalizeLocale(doc.defaultView?.navigator.language)
  );
}
