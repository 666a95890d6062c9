import type { IsoDate } from '../dates';
import type { Deal, FxRate, Plan, PlanInput, Quota } from '../schemas';

export interface StatementInput {
  plan: Plan | PlanInput;
  quotas: readonly Quota[];
  deals: readonly Deal[];
  fxRates: readonly FxRate[];
  repId: string;
  /** Any date in the period; the statement is for the plan period containing it. */
  periodStart: IsoDate;
}

export type LineKind = 'deal' | 'spiff' | 'cap' | 'clawback' | 'draw' | 'recovery';

/** One tier's share of a deal's credit (marginal) or the whole credit (retroactive). */
export interface TierSlice {
  tier: number;
  credit: number;
  rate: number;
  amount: number;
}

export interface StatementLine {
  kind: LineKind;
  dealId?: string;
  dealName?: string;
  spiffId?: string;
  /** The rep's credit for the deal, in plan currency. */
  credit?: number;
  amount: number;
  explanation: string;
  /** Deal lines: how the credit was paid, tier by tier. */
  slices?: TierSlice[];
}

export const PROBLEM_CODES = [
  'invalid_plan',
  'invalid_period',
  'plan_not_effective',
  'plan_partially_effective',
  'no_quota',
  'zero_quota',
  'conflicting_quotas',
  'missing_fx_rate',
  'conflicting_fx_rates',
  'invalid_fx_rate',
  'invalid_quota',
  'invalid_deal',
  'duplicate_deal',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  code: ProblemCode;
  /** `error`: something is not paid that may be due; `info`: how the figures were limited. */
  severity: 'error' | 'info';
  message: string;
  dealId?: string;
}

export interface Statement {
  repId: string;
  planId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  currency: string;
  quota: number | null;
  credited: number;
  attainment: number | null;
  /** 1-based index of the tier the period's final attainment is in. */
  tier: number | null;
  lines: StatementLine[];
  total: number;
  problems: Problem[];
  /** Recoverable draw still to be recovered after this period (0 without such a draw). */
  drawBalance: number;
}

export interface WhatIfResult {
  before: Statement;
  after: Statement;
  /** after.total − before.total. */
  delta: number;
  tierBefore: number | null;
  tierAfter: number | null;
}
