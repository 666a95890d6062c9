import {
  currencyDigits,
  isIsoDate,
  pow10,
  toMinor,
  whatIf,
  type Deal,
  type Plan,
  type Problem,
  type StatementLine,
} from '../../../lib/domain';
import type { StatementInputs } from '../../data-contract/types';
import type { RecordContext } from '../../workbench/WorkbenchHost';

/** What this deal pays if it closes won in its period, from the page's live values. */
export interface DealEstimate {
  /** The deal as estimated: live values over the synced deal, marked won. */
  deal: Deal;
  synced: boolean;
  /** The rep the estimate is for (the user, or the owner when a manager looks). */
  repId: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  /** The period's payout with the deal won minus without it. */
  pays: number;
  /** The same for the deal as last synced (null when not synced). */
  savedPays: number | null;
  /** pays − savedPays. */
  change: number | null;
  tierBefore: number | null;
  tierAfter: number | null;
  attainmentBefore: number | null;
  attainmentAfter: number | null;
  /** The deal's own lines (deal and SPIFF lines) in the statement with it won. */
  lines: StatementLine[];
  /** The period cap line when the cap limits the total with the deal won. */
  capLine: StatementLine | null;
  /** Problems about this deal, and about the period (no quota…). */
  problems: Problem[];
  amountSource: 'page' | 'whatIf' | 'saved';
  /** The page shows an ambiguous currency symbol: the currency assumed instead. */
  currencyAssumed: string | null;
  /** The page shows no close date: today was assumed (for a deal not yet synced). */
  closeDateAssumed: boolean;
}

export type EstimateResult =
  { ok: true; estimate: DealEstimate } | { ok: false; reason: 'noAmount' | 'noPlan' };

export interface EstimateInput {
  record: RecordContext;
  /** The deal as synced; null for one not yet synced. */
  synced: Deal | null;
  /** The owner's (or the user's) statement inputs. */
  inputs: StatementInputs;
  meId: string;
  today: string;
  whatIfAmount: number | null;
}

/** The id an unsynced deal is estimated under (never sent anywhere). */
export function pageDealId(record: Pick<RecordContext, 'crm' | 'recordId'>): string {
  return `page:${record.crm}:${record.recordId}`;
}

/** Whose statement the deal counts in: the user when they own it or have a split, else the owner. */
export function estimateRepId(synced: Deal | null, meId: string): string {
  if (!synced) return meId;
  if (synced.ownerId === meId || (synced.splits ?? []).some((s) => s.repId === meId)) return meId;
  return synced.ownerId;
}

function won(deal: Deal): Deal {
  const { reversedOn: _reversed, ...rest } = deal;
  return { ...rest, isClosed: true, isWon: true };
}

// The deals without the estimated one, kept per deals array so what-if's cached "before"
// statement is reused keystroke after keystroke.
const othersCache = new WeakMap<readonly Deal[], { id: string; others: Deal[] }>();
function dealsWithout(deals: readonly Deal[], id: string): Deal[] {
  const hit = othersCache.get(deals);
  if (hit && hit.id === id) return hit.others;
  const others = deals.filter((d) => d.id !== id);
  othersCache.set(deals, { id, others });
  return others;
}

export function estimateDeal(input: EstimateInput): EstimateResult {
  const { record, synced, inputs, meId, today, whatIfAmount } = input;
  const plan: Plan | null = inputs.plan;
  if (!plan) return { ok: false, reason: 'noPlan' };
  const fields = record.fields;
  const amount = whatIfAmount ?? fields.amount ?? synced?.amount ?? null;
  if (amount === null || !Number.isFinite(amount) || amount < 0) {
    return { ok: false, reason: 'noAmount' };
  }
  const amountSource = whatIfAmount !== null ? 'whatIf' : fields.amount !== null ? 'page' : 'saved';
  const pageCloseDate =
    fields.closeDate !== null && isIsoDate(fields.closeDate) ? fields.closeDate : null;
  const closeDate = pageCloseDate ?? synced?.closeDate ?? today;
  const currency = fields.currency ?? synced?.currency ?? plan.currency;
  const base: Deal = synced ?? {
    id: pageDealId(record),
    name: fields.recordName ?? '',
    amount,
    currency,
    stage: fields.stage ?? '',
    isClosed: false,
    isWon: false,
    closeDate,
    createdDate: closeDate < today ? closeDate : today,
    ownerId: meId,
    crmId: record.recordId,
  };
  const live: Deal = won({
    ...base,
    amount,
    currency,
    closeDate,
    stage: fields.stage ?? base.stage,
    ...(fields.probability !== null ? { probability: fields.probability } : {}),
    ...(fields.recordName ? { name: fields.recordName } : {}),
  });

  const repId = estimateRepId(synced, meId);
  const statementInput = {
    plan,
    quotas: inputs.quotas,
    deals: dealsWithout(inputs.deals, live.id),
    fxRates: inputs.fxRates,
    repId,
  };
  const result = whatIf({ ...statementInput, periodStart: closeDate }, { deal: live });
  const savedPays = synced
    ? whatIf({ ...statementInput, periodStart: synced.closeDate }, { deal: won(synced) }).delta
    : null;
  const after = result.after;
  return {
    ok: true,
    estimate: {
      deal: live,
      synced: synced !== null,
      repId,
      currency: after.currency,
      periodStart: after.periodStart,
      periodEnd: after.periodEnd,
      pays: result.delta,
      savedPays,
      change: savedPays === null ? null : difference(result.delta, savedPays, after.currency),
      tierBefore: result.tierBefore,
      tierAfter: result.tierAfter,
      attainmentBefore: result.before.attainment,
      attainmentAfter: after.attainment,
      lines: after.lines.filter(
        (l) => l.dealId === live.id && (l.kind === 'deal' || l.kind === 'spiff'),
      ),
      capLine: after.lines.find((l) => l.kind === 'cap') ?? null,
      problems: after.problems.filter((p) => p.dealId === undefined || p.dealId === live.id),
      amountSource,
      currencyAssumed: fields.currency === null ? currency : null,
      closeDateAssumed: pageCloseDate === null && synced === null,
    },
  };
}

/** `a − b` in exact minor units of the currency (no binary floating-point noise). */
function difference(a: number, b: number, currency: string): number {
  const digits = currencyDigits(currency) ?? 2;
  return (toMinor(a, digits) - toMinor(b, digits)) / pow10(digits);
}
