import { STAGES, closedStateOf, stagesFor, type CrmDeal } from './deal';
import { currencyDigits, type LocaleFormat } from './locale-format';

/** The fields a user may edit, by Salesforce API name, as typed (locale text). */
export const EDITABLE_FIELDS = [
  'Name',
  'Amount',
  'CloseDate',
  'StageName',
  'Probability',
  'NextStep',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type EditInput = Partial<Record<EditableField, string>>;

export type EditResult =
  | { ok: true; deal: CrmDeal; changed: boolean }
  | { ok: false; errors: Partial<Record<EditableField, string>> };

const REQUIRED = 'Complete this field.';

/**
 * Applies what the user typed to a record, like a Salesforce save: every field is checked and
 * every problem reported; nothing changes unless all are valid. A new stage sets the closed and
 * won flags (standard stages) and the day the stage was entered; a later close date on an open
 * deal counts as a push.
 */
export function applyEdit(
  deal: CrmDeal,
  input: EditInput,
  format: LocaleFormat,
  today: string,
): EditResult {
  const errors: Partial<Record<EditableField, string>> = {};
  const next: CrmDeal = { ...deal };

  if (input.Name !== undefined) {
    const name = input.Name.trim();
    if (name === '') errors.Name = REQUIRED;
    else if (name.length > 120) errors.Name = 'Opportunity Name can have at most 120 characters.';
    else next.name = name;
  }
  if (input.Amount !== undefined) {
    const text = input.Amount.trim();
    const amount = text === '' ? null : format.parseNumber(text);
    const digits = currencyDigits(deal.currency);
    if (text === '') errors.Amount = REQUIRED;
    else if (amount === null)
      errors.Amount = `Enter a valid amount, like ${format.amountInput(1234.5, deal.currency)}.`;
    else if (Math.abs(amount * 10 ** digits - Math.round(amount * 10 ** digits)) > 1e-6)
      errors.Amount = `Amount can have at most ${digits} decimal places.`;
    else if (amount > 1e12) errors.Amount = 'Amount is too large.';
    else next.amount = amount;
  }
  if (input.CloseDate !== undefined) {
    const text = input.CloseDate.trim();
    const date = text === '' ? null : format.parseDate(text);
    if (text === '') errors.CloseDate = REQUIRED;
    else if (date === null)
      errors.CloseDate = `Your entry does not match the allowed format ${format.date('2026-12-31')}.`;
    else next.closeDate = date;
  }
  if (input.StageName !== undefined) {
    const stage = input.StageName.trim();
    if (stage === '') errors.StageName = REQUIRED;
    else if (!stagesFor(deal).some((s) => s.name === stage))
      errors.StageName = 'Select a stage from the list.';
    else {
      next.stage = stage;
      if (STAGES.some((s) => s.name === stage)) Object.assign(next, closedStateOf(stage));
    }
  }
  if (input.Probability !== undefined) {
    const text = input.Probability.trim();
    const probability = text === '' ? null : format.parseNumber(text);
    if (text !== '' && (probability === null || probability > 100))
      errors.Probability = 'Enter a number between 0 and 100.';
    else if (probability === null) delete next.probability;
    else next.probability = probability;
  }
  if (input.NextStep !== undefined) {
    const step = input.NextStep.trim();
    if (step.length > 255) errors.NextStep = 'Next Step can have at most 255 characters.';
    else if (step === '') delete next.nextStep;
    else next.nextStep = step;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  if (next.stage !== deal.stage) next.stageEnteredDate = today;
  if (!next.isClosed && next.closeDate > deal.closeDate) {
    next.closeDatePushCount = (deal.closeDatePushCount ?? 0) + 1;
  }
  if (!next.isWon) delete next.reversedOn;
  else if (next.reversedOn !== undefined && next.reversedOn < next.closeDate) {
    return {
      ok: false,
      errors: { CloseDate: 'Close Date cannot be after the day the deal was reversed.' },
    };
  }
  const changed = JSON.stringify(next) !== JSON.stringify(deal);
  return { ok: true, deal: changed ? next : deal, changed };
}
