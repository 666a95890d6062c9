import { currencyFromText } from './currency';
import { parseAmount } from './parse-amount';
import { parseCrmDate } from './parse-date';
import { parseProbability } from './parse-probability';
import type { DealFields } from './types';

/** Field texts exactly as an adapter read them from the page; null when the page has no such field. */
export interface DealFieldTexts {
  amount: string | null;
  /** A currency field (`EUR - Euro`, `Euro (EUR)`, `US Dollar`), when the record has one. */
  currency: string | null;
  stage: string | null;
  closeDate: string | null;
  probability: string | null;
  ownerName: string | null;
  accountName: string | null;
  recordName: string | null;
}

export const NO_FIELD_TEXTS: DealFieldTexts = {
  amount: null,
  currency: null,
  stage: null,
  closeDate: null,
  probability: null,
  ownerName: null,
  accountName: null,
  recordName: null,
};

export type DealFieldKey = keyof DealFieldTexts;
export const DEAL_FIELD_KEYS = Object.keys(NO_FIELD_TEXTS) as readonly DealFieldKey[];

/** One field as an adapter read it; `editing` when it came from an edit control. */
export interface FieldReading {
  text: string;
  editing: boolean;
  /**
   * The control whose value (`controlValue`) is the text, when that is all the text is: typing
   * in it then changes this field and nothing else (see `detectLive`).
   */
  control?: Element;
}

/** The field texts of the record shown; `editing` when some field came from an edit control. */
export interface FieldsReading {
  texts: DealFieldTexts;
  editing: boolean;
  /** The fields read as the value of a control, with that control. */
  controls: Array<[DealFieldKey, Element]>;
}

/** Reads every deal field with `read` (null when the page does not show that field). */
export function readFields(
  read: (key: DealFieldKey) => FieldReading | null | undefined,
): FieldsReading {
  const texts = { ...NO_FIELD_TEXTS };
  const controls: Array<[DealFieldKey, Element]> = [];
  let editing = false;
  for (const key of DEAL_FIELD_KEYS) {
    const reading = read(key);
    if (!reading) continue;
    texts[key] = reading.text;
    editing ||= reading.editing;
    if (reading.control) controls.push([key, reading.control]);
  }
  return { texts, editing, controls };
}

/**
 * Parses what an adapter read. A value that does not parse (half-typed, garbage) becomes null;
 * the currency field wins over a code or symbol printed with the amount.
 */
export function toDealFields(texts: DealFieldTexts, locale: string | undefined): DealFields {
  const amount = texts.amount === null ? null : parseAmount(texts.amount, locale);
  const date = texts.closeDate === null ? null : parseCrmDate(texts.closeDate, locale);
  const probability =
    texts.probability === null ? null : parseProbability(texts.probability, locale);
  return {
    amount: amount?.ok ? amount.amount : null,
    currencyIsoCode:
      currencyFromText(texts.currency) ?? (amount?.ok ? amount.currencyIsoCode : null),
    stage: texts.stage || null,
    closeDate: date?.ok ? date.date : null,
    probability: probability?.ok ? probability.probability : null,
    ownerName: texts.ownerName || null,
    accountName: texts.accountName || null,
    recordName: texts.recordName || null,
  };
}
