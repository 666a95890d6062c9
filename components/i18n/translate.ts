import type { Message } from './catalog';

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Fills a message's `{name}` placeholders. Numbers are written by `formatNumber` (the
 * locale's digits and grouping); `count` also picks the plural form. A placeholder without a value is left as is,
 * so a missing parameter shows up in tests instead of silently disappearing.
 */
export function formatMessage(
  message: Message,
  params: MessageParams | undefined,
  locale: string,
  formatNumber: (value: number) => string,
): string {
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = params?.count;
    const form = typeof count === 'number' ? pluralRules(locale).select(count) : 'other';
    text = (form === 'one' ? message.one : undefined) ?? message.other;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

const plurals = new Map<string, Intl.PluralRules>();

/** One `Intl.PluralRules` per locale (building one is far dearer than using it). */
function pluralRules(locale: string): Intl.PluralRules {
  let rules = plurals.get(locale);
  if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** The `{name}` placeholders a message uses, in every plural form, sorted. */
export function placeholdersOf(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : [message.one ?? '', message.other];
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  return [...names].sort();
}
