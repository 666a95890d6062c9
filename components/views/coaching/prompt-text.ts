import type { CoachingMessage, EvaluatedPrompt, MessageArg } from '../../../lib/domain';
import type { MessageKey } from '../../i18n/en';
import type { I18n } from '../../i18n/I18nProvider';

type Words = Pick<I18n, 't' | 'f' | 'locale'>;

/** The catalog key of a coaching message (a missing key is a type error here). */
function keyOf(message: CoachingMessage): MessageKey {
  return `coaching.message.${message.id}`;
}

/**
 * An argument as the placeholder shows it, in the reader's locale: figures through `Intl`; a
 * number named `count` stays a number so the catalog picks its plural form.
 */
function argText(name: string, a: MessageArg, words: Words): string | number {
  const { t, f } = words;
  switch (a.kind) {
    case 'text':
      return a.text;
    case 'deal':
      return a.name ? t('coaching.dealName', { name: a.name }) : t('coaching.unnamedDeal');
    case 'count':
      return name === 'count' ? a.value : f.number(a.value, 0);
    case 'number':
      return name === 'count' ? a.value : f.number(a.value, a.maxDigits);
    case 'percent':
      return f.percent(a.value, { maxDigits: 2 });
    case 'money':
      return f.money(a.amount, a.currency);
    case 'date':
      return f.date(a.date);
    case 'phrase':
      return a.message ? phrase(a.message, words) : '';
  }
}

function phrase(message: CoachingMessage, words: Words): string {
  const params: Record<string, string | number> = {};
  for (const [name, a] of Object.entries(message.args)) params[name] = argText(name, a, words);
  return words.t(keyOf(message), params);
}

/**
 * A coaching message worded in the reader's language. Each is a sentence, so its first letter
 * is upper case ("This deal has no next step", "“Acme” has…").
 */
export function coachingText(message: CoachingMessage, words: Words): string {
  const text = phrase(message, words);
  return text.charAt(0).toLocaleUpperCase(words.locale) + text.slice(1);
}

/**
 * A prompt's title and detail as the reader sees them: a rule's prompt worded from its message
 * in the reader's language (`lang` null); a manager's prompt as they wrote it. A rule prompt
 * without a message (a rule outside the built-in ones) keeps the engine's English (`lang` 'en').
 */
export function promptText(
  prompt: EvaluatedPrompt,
  words: Words & Pick<I18n, 'language'>,
): { title: string; detail: string; lang: 'en' | null } {
  if (prompt.message) {
    return {
      title: coachingText(prompt.message.title, words),
      detail: coachingText(prompt.message.detail, words),
      lang: null,
    };
  }
  const english = prompt.ruleId !== 'manager' && words.language !== 'en';
  return { title: prompt.title, detail: prompt.detail, lang: english ? 'en' : null };
}
