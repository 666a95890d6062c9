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

const wellFormed = new Map<string, boolean>();

/**
 * Whether `tag` is a well-formed language tag (`Intl` would throw on it otherwise); any
 * well-formed English or Indonesian tag formats, falling back to the language's data.
 * `Intl.getCanonicalLocales` checks the syntax only: `supportedLocalesOf` would first build the
 * list of every locale ICU has (tens of ms on a first call, on the sidebar's startup path).
 */
function isSupported(tag: string): boolean {
  let ok = wellFormed.get(tag);
  if (ok === undefined) {
    try {
      ok = Intl.getCanonicalLocales(tag).length > 0;
    } catch {
      ok = false;
    }
    wellFormed.set(tag, ok);
  }
  return ok;
}

export function createI18n(language: Language, locale: string): I18n {
  const catalog = CATALOGS[language];
  const f = createFormatters(locale);
  const number = (value: number) => f.number(value, 2);
  const t: Translate = (key, params) => formatMessage(catalog[key], params, locale, number);
  return { language, locale, t, f };
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
