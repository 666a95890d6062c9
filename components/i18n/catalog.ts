/**
 * A message: text with `{name}` placeholders, or plural forms chosen with
 * `Intl.PluralRules` by the `count` parameter (`one` is optional: Indonesian has no plural).
 */
export type Message = string | { one?: string; other: string };

/** The languages the sidebar is translated into. */
export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The locale used to format numbers and dates when the browser's is in another language. */
export const DEFAULT_LOCALE: Readonly<Record<Language, string>> = { en: 'en-US', id: 'id-ID' };

/** Each language's own name, shown in the language picker. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  id: 'Bahasa Indonesia',
};
