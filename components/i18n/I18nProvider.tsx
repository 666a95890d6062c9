import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { DEFAULT_LOCALE, type Language } from './catalog';
import { en, type MessageKey } from './en';
import { createFormatters, type Formatters } from './format';
import { id } from './id';
import { formatMessage, type MessageParams } from './translate';

export const CATALOGS = { en, id } as const;

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface I18n {
  language: Language;
  /** The locale numbers and dates are written in ("en-GB", "id-ID"). */
  locale: string;
  t: Translate;
  f: Formatters;
}

/**
 * The UI language and the formatting locale. `system` follows the browser: Indonesian when
 * its first language is Indonesian, English otherwise. Figures follow the browser's own
 * locale when it is in the chosen language (en-GB writes 30/09/2026), else the language's.
 */
export function resolveLocale(
  preference: 'system' | Language,
  browserLanguages: readonly string[],
  userLocale?: string,
): { language: Language; locale: string } {
  const first = browserLanguages[0] ?? 'en-US';
  const languageOf = (tag: string): Language | null => {
    const base = tag.toLowerCase().split('-')[0];
    return base === 'id' || base === 'in' ? 'id' : base === 'en' ? 'en' : null;
  };
  const language = preference === 'system' ? (languageOf(first) ?? 'en') : preference;
  const candidates = [userLocale, ...browserLanguages].filter((t): t is string => !!t);
  const locale = candidates.find((tag) => languageOf(tag) === language && isSupported(tag));
  return { language, locale: locale ?? DEFAULT_LOCALE[language] };
}

function isSupported(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

export function createI18n(language: Language, locale: string): I18n {
  const catalog = CATALOGS[language];
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const t: Translate = (key, params) => formatMessage(catalog[key], params, locale, numbers);
  return { language, locale, t, f: createFormatters(locale) };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  language,
  locale,
  children,
}: {
  language: Language;
  locale: string;
  children: ReactNode;
}) {
  const value = useMemo(() => createI18n(language, locale), [language, locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
