import {
  currencyDigits,
  isIsoDate,
  periodWithPlan,
  pow10,
  toMinor,
  whatIf,
  type Deal,
  type Plan,
  type Problem,
  type LineKind,
  type StatementInput,
  type StatementLine,
  type WhatIfResult,
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
  /** The plan version in force for the deal's period (the one the explanation reads). */
  plan: Plan;
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
  /**
   * What else the deal moves in the period's statement, one entry per cause that moves (other
   * deals' lines, the period cap, the draw): `pays` minus the deal's own `lines`, exactly.
   */
  effects: DealEffect[];
  /** Problems about this deal, and about the period (no quota…). */
  problems: Problem[];
  amountSource: 'page' | 'whatIf' | 'saved';
  /** The page shows an ambiguous currency symbol: the currency assumed instead. */
  currencyAssumed: string | null;
  /** The page shows no close date: today was assumed (for a deal not yet synced). */
  closeDateAssumed: boolean;
}

/**
 * Why what a deal pays differs from its own lines. `otherDeals`: the other deals' lines move
 * (a retroactive plan pays them all at the new tier's rate; under marginal tiers a deal closing
 * earlier moves the later deals' credit into other tiers). `periodCap`: the per-period cap takes
 * some back. `draw`: the draw top-up shrinks; `recovery`: earnings repay an earlier draw.
 */
export type DealEffectCause = 'otherDeals' | 'periodCap' | 'draw' | 'recovery' | 'other';

export interface DealEffect {
  cause: DealEffectCause;
  /** In plan currency: the cause's lines with the deal won minus without it. */
  amount: number;
}

export type EstimateResult =
  { ok: true; estimate: DealEstimate } | { ok: false; reason: 'noAmount' | 'noPlan' };

export interface EstimateInput {
  record: RecordContext;
  /** The deal as synced; null for one not yet synced. */
  synced: Deal | null;
  /** Whose statement the deal is estimated in (see `dealOwnership`); `inputs` are theirs. */
  repId: string;
  inputs: StatementInputs;
  /** The user: the owner of a deal not yet synced (only the user's own are estimated). */
  meId: string;
  today: string;
  whatIfAmount: number | null;
}

/** The id an unsynced deal is estimated under (never sent anywhere). */
export function pageDealId(record: Pick<RecordContext, 'crm' | 'recordId'>): string {
  return `page:${record.crm}:${record.recordId}`;
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

type OthersInput = Pick<StatementInput, 'quotas' | 'deals' | 'fxRates' | 'repId'>;

// What the deal as synced pays, per synced deal object: it does not depend on what is typed on
// the page, so a keystroke costs one what-if, not two.
const savedCache = new WeakMap<Deal, { input: OthersInput; plan: Plan; pays: number }>();

/** What the deal as synced pays `repId` if it closes won (the other deals as they are). */
function savedDealPays(synced: Deal, others: OthersInput, plan: Plan): number {
  const hit = savedCache.get(synced);
  if (
    hit &&
    hit.plan === plan &&
    hit.input.deals === others.deals &&
    hit.input.quotas === others.quotas &&
    hit.input.fxRates === others.fxRates &&
    hit.input.repId === others.repId
  ) {
    return hit.pays;
  }
  const pays = whatIf(
    { ...others, plan, periodStart: synced.closeDate },
    { deal: won(synced) },
  ).delta;
  savedCache.set(synced, { input: others, plan, pays });
  return pays;
}

/**
 * What the deal pays `repId` if it closes won in its period, computed with the plan version in
 * force for that period (a deal closing next plan year is paid on next year's tiers).
 */
export function estimateDeal(input: EstimateInput): EstimateResult {
  const { record, synced, repId, inputs, meId, today, whatIfAmount } = input;
  const fields = record.fields;
  const pageCloseDate =
    fields.closeDate !== null && isIsoDate(fields.closeDate) ? fields.closeDate : null;
  const closeDate = pageCloseDate ?? synced?.closeDate ?? today;
  const plan = periodWithPlan(inputs.planOn, closeDate, today, inputs.plan)?.plan ?? null;
  if (!plan) return { ok: false, reason: 'noPlan' };
  const amount = whatIfAmount ?? fields.amount ?? synced?.amount ?? null;
  if (amount === null || !Number.isFinite(amount) || amount < 0) {
    return { ok: false, reason: 'noAmount' };
  }
  const amountSource = whatIfAmount !== null ? 'whatIf' : fields.amount !== null ? 'page' : 'saved';
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

  const statementInput: OthersInput = {
    quotas: inputs.quotas,
    deals: dealsWithout(inputs.deals, live.id),
    fxRates: inputs.fxRates,
    repId,
  };
  const result = whatIf({ ...statementInput, plan, periodStart: closeDate }, { deal: live });
  // The deal as saved may close in another period, under another plan version.
  const savedPays = synced
    ? savedDealPays(
        synced,
        statementInput,
        periodWithPlan(inputs.planOn, synced.closeDate, today, plan)?.plan ?? plan,
      )
    : null;
  const after = result.after;
  return {
    ok: true,
    estimate: {
      deal: live,
      synced: synced !== null,
      repId,
      plan,
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
      effects: dealEffects(result, live.id),
      problems: after.problems.filter((p) => p.dealId === undefined || p.dealId === live.id),
      amountSource,
      currencyAssumed: fields.currency === null ? currency : null,
      closeDateAssumed: pageCloseDate === null && synced === null,
    },
  };
}

const EFFECT_CAUSES: readonly DealEffectCause[] = [
  'otherDeals',
  'periodCap',
  'draw',
  'recovery',
  'other',
];
const CAUSE_OF_LINE: Readonly<Record<LineKind, DealEffectCause>> = {
  deal: 'otherDeals',
  spiff: 'otherDeals',
  cap: 'periodCap',
  draw: 'draw',
  recovery: 'recovery',
  clawback: 'other',
};

/**
 * The period's lines besides the deal's own, with the deal won minus without it, per cause, in
 * exact minor units (statement totals are the sum of their lines, so these and the deal's own
 * lines add up to the what-if's delta).
 */
function dealEffects(result: WhatIfResult, dealId: string): DealEffect[] {
  const digits = currencyDigits(result.after.currency) ?? 2;
  const minor = new Map<DealEffectCause, number>();
  const add = (lines: readonly StatementLine[], sign: number) => {
    for (const line of lines) {
      if (line.dealId === dealId && (line.kind === 'deal' || line.kind === 'spiff')) continue;
      const cause = CAUSE_OF_LINE[line.kind];
      minor.set(cause, (minor.get(cause) ?? 0) + sign * toMinor(line.amount, digits));
    }
  };
  add(result.after.lines, 1);
  add(result.before.lines, -1);
  return EFFECT_CAUSES.flatMap((cause) => {
    const amount = minor.get(cause) ?? 0;
    return amount === 0 ? [] : [{ cause, amount: amount / pow10(digits) }];
  });
}

/** `a − b` in exact minor units of the currency (no binary floating-point noise). */
function difference(a: number, b: number, currency: string): number {
  const digits = currencyDigits(currency) ?? 2;
  return (toMinor(a, digits) - toMinor(b, digits)) / pow10(digits);
}
