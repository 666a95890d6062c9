import type { IsoDate } from '../dates';
import { clip } from './format';
import type { CoachingMessage, CoachingMessageId, MessageArg } from './types';

/**
 * The coaching rules' messages as data (see `CoachingMessage`): their ids, and the helpers the
 * rules build them with. A UI has one catalog entry per id, `coaching.message.<id>`, with one
 * `{placeholder}` per argument (test/components checks both catalogs against this list).
 */

/** Every message a built-in rule can produce (a catalog key each, in every language). */
export const COACHING_MESSAGE_IDS = [
  'close-date-past.title',
  'close-date-past.detail',
  'close-date-pushed.title',
  'close-date-pushed.detail',
  'large-deal-few-contacts.title',
  'large-deal-few-contacts.detail',
  'large-deal-few-contacts.none.title',
  'large-deal-few-contacts.none.detail',
  'low-coverage.title',
  'low-coverage.detail',
  'next-tier-within-reach.title',
  'next-tier-within-reach.detail',
  'next-tier-within-reach.edge.title',
  'next-tier-within-reach.edge.detail',
  'next-tier-within-reach.tier',
  'next-tier-within-reach.nextTier',
  'next-tier-within-reach.rate',
  'next-tier-within-reach.paidAt',
  'no-next-step.title',
  'no-next-step.detail',
  'no-recent-activity.title',
  'no-recent-activity.detail',
  'no-recent-activity.never.detail',
  'pace-behind.title',
  'pace-behind.detail',
  'stuck-in-stage.title',
  'stuck-in-stage.detail',
  'stuck-in-stage.noStage.title',
] as const;

/** A message: its id and its arguments. */
export function message(
  id: CoachingMessageId,
  args: Readonly<Record<string, MessageArg>> = {},
): CoachingMessage {
  return { id, args };
}

/** The arguments a message can take (see `MessageArg`). */
export const arg = {
  text: (text: string): MessageArg => ({ kind: 'text', text }),
  /** A deal's name for a sentence: trimmed, cut to 120 characters; empty reads "this deal". */
  deal: (name: string): MessageArg => ({ kind: 'deal', name: clip(name.trim(), 120) }),
  count: (value: number): MessageArg => ({ kind: 'count', value }),
  number: (value: number, maxDigits: number): MessageArg => ({ kind: 'number', value, maxDigits }),
  percent: (value: number): MessageArg => ({ kind: 'percent', value }),
  money: (amount: number, currency: string): MessageArg => ({ kind: 'money', amount, currency }),
  date: (date: IsoDate): MessageArg => ({ kind: 'date', date }),
  phrase: (phrase: CoachingMessage | null): MessageArg => ({ kind: 'phrase', message: phrase }),
};
