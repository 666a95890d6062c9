import {
  computeKpis,
  computeStatement,
  evaluateCoaching,
  type Deal,
  type FxRate,
  type Kpis,
  type Plan,
  type PlanAssignment,
  type Quota,
  type Settings,
  type Statement,
} from '../../lib/domain';
import type { Db } from '../store/db';
import { dealsForReps } from '../store/deals-repository';
import { assignmentOn, planVersionOn } from '../store/plans-repository';
import { listFxRates, listQuotas } from '../store/quotas-repository';

/** Everything lib/domain needs to compute one rep's figures on a date. */
export interface RepInputs {
  repId: string;
  assignment: PlanAssignment;
  plan: Plan;
  deals: Deal[];
  quotas: Quota[];
  fxRates: FxRate[];
}

export type RepInputsResult =
  | { ok: true; inputs: RepInputs }
  | { ok: false; code: 'no_plan_assigned' | 'plan_not_effective'; message: string };

/**
 * The plan assigned to the rep on `date`, in the version in force that day, with the
 * rep's deals (owner or split), quotas and every FX rate.
 */
export async function loadRepInputs(
  trx: Db,
  repIds: readonly string[],
  date: string,
): Promise<Map<string, RepInputsResult>> {
  const [dealsByRep, quotas, fx] = await Promise.all([
    dealsForReps(trx, repIds),
    listQuotas(trx, repIds),
    listFxRates(trx),
  ]);
  const fxRates = fx.map((r) => r.rate);
  const out = new Map<string, RepInputsResult>();
  for (const repId of repIds) {
    const assignment = await assignmentOn(trx, repId, date);
    if (!assignment) {
      out.set(repId, {
        ok: false,
        code: 'no_plan_assigned',
        message: `Rep "${repId}" has no plan assigned on ${date}.`,
      });
      continue;
    }
    const plan = await planVersionOn(trx, assignment.planId, date);
    if (!plan) {
      out.set(repId, {
        ok: false,
        code: 'plan_not_effective',
        message: `Plan "${assignment.planId}" has no version in force on ${date}.`,
      });
      continue;
    }
    out.set(repId, {
      ok: true,
      inputs: {
        repId,
        assignment,
        plan,
        deals: dealsByRep.get(repId) ?? [],
        quotas: quotas.filter((q) => q.quota.repId === repId).map((q) => q.quota),
        fxRates,
      },
    });
  }
  return out;
}

export function statementOf(inputs: RepInputs, date: string): Statement {
  return computeStatement({
    plan: inputs.plan,
    quotas: inputs.quotas,
    deals: inputs.deals,
    fxRates: inputs.fxRates,
    repId: inputs.repId,
    periodStart: date,
  });
}

export function kpisOf(inputs: RepInputs, asOf: string, periodDate: string = asOf): Kpis {
  return computeKpis({
    plan: inputs.plan,
    quotas: inputs.quotas,
    deals: inputs.deals,
    fxRates: inputs.fxRates,
    repId: inputs.repId,
    asOf,
    periodStart: periodDate,
  });
}

/** Open deals of the rep that a coaching rule rates as a risk, as of a date. */
export function dealsAtRisk(
  inputs: RepInputs,
  kpis: Kpis,
  settings: Settings,
  asOf: string,
): string[] {
  const prompts = evaluateCoaching({
    repId: inputs.repId,
    deals: inputs.deals,
    kpis,
    settings,
    asOf,
    fxRates: inputs.fxRates,
  });
  return [
    ...new Set(
      prompts.filter((p) => p.severity === 'risk' && p.dealId !== undefined).map((p) => p.dealId!),
    ),
  ].sort();
}

export function planRef(plan: Plan): {
  id: string;
  name: string;
  effectiveFrom: string;
  effectiveTo?: string;
} {
  return {
    id: plan.id,
    name: plan.name,
    effectiveFrom: plan.effectiveFrom,
    ...(plan.effectiveTo !== undefined ? { effectiveTo: plan.effectiveTo } : {}),
  };
}
