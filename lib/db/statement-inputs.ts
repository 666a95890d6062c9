import type { Deal, FxRate, Plan, PlanAssignment, Quota } from '../domain';
import type { AttainDatabase } from './database';

/** Everything lib/domain needs to compute a rep's statements and KPIs locally. */
export interface StatementInputs {
  repId: string;
  /** The rep's plan assignments, oldest first. */
  assignments: PlanAssignment[];
  /** Every version of every plan the rep is (or was) on, by plan id, oldest first. */
  planVersions: Map<string, Plan[]>;
  quotas: Quota[];
  deals: Deal[];
  fxRates: FxRate[];
}

/** The assignment in force on `date`, if any. */
export function assignmentOn(
  assignments: readonly PlanAssignment[],
  date: string,
): PlanAssignment | undefined {
  return [...assignments]
    .filter(
      (a) => a.effectiveFrom <= date && (a.effectiveTo === undefined || date <= a.effectiveTo),
    )
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** The version of a plan in force on `date`: the latest one that started on or before it. */
export function planVersionOn(versions: readonly Plan[], date: string): Plan | undefined {
  return [...versions]
    .filter(
      (p) => p.effectiveFrom <= date && (p.effectiveTo === undefined || date <= p.effectiveTo),
    )
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
}

/** The plan in force for the rep on `date`, with everything its statement needs. */
export function statementInputOn(
  inputs: StatementInputs,
  date: string,
): { plan: Plan; quotas: Quota[]; deals: Deal[]; fxRates: FxRate[]; repId: string } | null {
  const assignment = assignmentOn(inputs.assignments, date);
  if (!assignment) return null;
  const plan = planVersionOn(inputs.planVersions.get(assignment.planId) ?? [], date);
  if (!plan) return null;
  return {
    plan,
    quotas: inputs.quotas,
    deals: inputs.deals,
    fxRates: inputs.fxRates,
    repId: inputs.repId,
  };
}

/** Reads a rep's plans, quotas, deals and FX rates in one read transaction. */
export async function readStatementInputs(
  db: AttainDatabase,
  repId: string,
): Promise<StatementInputs> {
  return db.transaction(
    'r',
    [db.planAssignments, db.plans, db.quotas, db.deals, db.fxRates],
    async () => {
      const assignments = (await db.planAssignments.where('repId').equals(repId).toArray())
        .map((r) => r.value)
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
      const planIds = [...new Set(assignments.map((a) => a.planId))];
      const planRows = await db.plans.where('planId').anyOf(planIds).toArray();
      const planVersions = new Map<string, Plan[]>();
      for (const row of planRows) {
        planVersions.set(row.planId, [...(planVersions.get(row.planId) ?? []), row.value]);
      }
      for (const versions of planVersions.values()) {
        versions.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
      }
      const quotas = (await db.quotas.where('repId').equals(repId).toArray()).map((r) => r.value);
      const deals = (await db.deals.where('repIds').equals(repId).toArray()).map((r) => r.value);
      const fxRates = (await db.fxRates.toArray()).map((r) => r.value);
      return { repId, assignments, planVersions, quotas, deals, fxRates };
    },
  );
}
