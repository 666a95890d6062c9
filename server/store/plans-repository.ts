import { addDays, planSchema, type Plan, type PlanAssignment } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, audience, type ChangeRecord } from './change-log';
import { entityKey } from './entity-keys';
import { chunks, IN_LIST_MAX, parseJson, uniq } from './util';

export interface PlanVersionRecord {
  plan: Plan;
  version: number;
}

type PlanRow = { id: string; effective_from: string; body: string; version: number };

function toPlanRecord(r: PlanRow): PlanVersionRecord {
  return { plan: parseJson<Plan>(r.body), version: r.version };
}

export async function listPlanVersions(trx: Db, planId?: string): Promise<PlanVersionRecord[]> {
  let q = trx.selectFrom('plans').select(['id', 'effective_from', 'body', 'version']);
  if (planId !== undefined) q = q.where('id', '=', planId);
  const rows = await q.orderBy('id').orderBy('effective_from').execute();
  return rows.map(toPlanRecord);
}

export async function getPlanVersion(
  trx: Db,
  planId: string,
  effectiveFrom: string,
): Promise<PlanVersionRecord | null> {
  const row = await trx
    .selectFrom('plans')
    .select(['id', 'effective_from', 'body', 'version'])
    .where('id', '=', planId)
    .where('effective_from', '=', effectiveFrom)
    .executeTakeFirst();
  return row ? toPlanRecord(row) : null;
}

/** Every version of the given plans. */
export async function getPlanVersionsOf(
  trx: Db,
  planIds: readonly string[],
): Promise<PlanVersionRecord[]> {
  const out: PlanVersionRecord[] = [];
  for (const batch of chunks(uniq(planIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('plans')
      .select(['id', 'effective_from', 'body', 'version'])
      .where('id', 'in', batch)
      .execute();
    out.push(...rows.map(toPlanRecord));
  }
  return out;
}

/** The version of a plan in force on a date. */
export async function planVersionOn(trx: Db, planId: string, date: string): Promise<Plan | null> {
  const row = await trx
    .selectFrom('plans')
    .select(['id', 'effective_from', 'body', 'version'])
    .where('id', '=', planId)
    .where('effective_from', '<=', date)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', date)]))
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
  return row ? toPlanRecord(row).plan : null;
}

function planChange(plan: Plan, version: number, op: 'put' | 'del'): ChangeRecord {
  return {
    entity: 'plan',
    entityId: entityKey.plan(plan.id, plan.effectiveFrom),
    op,
    audiences: [audience.plan(plan.id)],
    version,
  };
}

async function writePlanRow(
  trx: Db,
  now: string,
  plan: Plan,
  version: number,
  exists: boolean,
): Promise<void> {
  const body = JSON.stringify(plan);
  if (exists) {
    await trx
      .updateTable('plans')
      .set({ body, effective_to: plan.effectiveTo ?? null, updated_at: now, version })
      .where('id', '=', plan.id)
      .where('effective_from', '=', plan.effectiveFrom)
      .execute();
  } else {
    await trx
      .insertInto('plans')
      .values({
        id: plan.id,
        effective_from: plan.effectiveFrom,
        effective_to: plan.effectiveTo ?? null,
        body,
        updated_at: now,
        version,
      })
      .execute();
  }
  await appendChanges(trx, now, [planChange(plan, version, 'put')]);
}

export type SavePlanResult =
  { ok: true; created: boolean; plan: Plan; closed: Plan | null } | { ok: false; message: string };

/**
 * Saves one version of a plan. The same `effectiveFrom` replaces that version. A later
 * `effectiveFrom` adds a version and closes the one before it the day before; an earlier
 * one than the latest version is refused (edit that version instead).
 */
export async function savePlanVersion(trx: Db, now: string, plan: Plan): Promise<SavePlanResult> {
  const versions = await listPlanVersions(trx, plan.id);
  const same = versions.find((v) => v.plan.effectiveFrom === plan.effectiveFrom);
  if (same) {
    const next = versions.find((v) => v.plan.effectiveFrom > plan.effectiveFrom);
    if (next && (plan.effectiveTo === undefined || plan.effectiveTo >= next.plan.effectiveFrom)) {
      return {
        ok: false,
        message: `effectiveTo must be before ${next.plan.effectiveFrom}, when the next version of plan "${plan.id}" starts`,
      };
    }
    await writePlanRow(trx, now, plan, same.version + 1, true);
    return { ok: true, created: false, plan, closed: null };
  }
  const latest = versions.at(-1);
  if (latest && latest.plan.effectiveFrom > plan.effectiveFrom) {
    return {
      ok: false,
      message: `a new version of plan "${plan.id}" must start after its latest version (${latest.plan.effectiveFrom}); edit that version instead`,
    };
  }
  let closed: Plan | null = null;
  if (latest) {
    const dayBefore = addDays(plan.effectiveFrom, -1);
    if (latest.plan.effectiveTo === undefined || latest.plan.effectiveTo > dayBefore) {
      closed = planSchema.parse({ ...latest.plan, effectiveTo: dayBefore });
      await writePlanRow(trx, now, closed, latest.version + 1, true);
    }
  }
  await writePlanRow(trx, now, plan, 1, false);
  return { ok: true, created: true, plan, closed };
}

export async function deletePlanVersion(
  trx: Db,
  now: string,
  planId: string,
  effectiveFrom: string,
): Promise<'deleted' | 'not_found' | 'in_use'> {
  const versions = await listPlanVersions(trx, planId);
  const target = versions.find((v) => v.plan.effectiveFrom === effectiveFrom);
  if (!target) return 'not_found';
  if (versions.length === 1) {
    const used = await trx
      .selectFrom('plan_assignments')
      .select('rep_id')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (used) return 'in_use';
  }
  await trx
    .deleteFrom('plans')
    .where('id', '=', planId)
    .where('effective_from', '=', effectiveFrom)
    .execute();
  await appendChanges(trx, now, [planChange(target.plan, target.version + 1, 'del')]);
  return 'deleted';
}

// Assignments ---------------------------------------------------------------------------

export interface AssignmentRecord {
  assignment: PlanAssignment;
  version: number;
}

type AssignmentRow = {
  rep_id: string;
  effective_from: string;
  effective_to: string | null;
  plan_id: string;
  version: number;
};

function toAssignment(r: AssignmentRow): AssignmentRecord {
  const assignment: PlanAssignment = {
    repId: r.rep_id,
    planId: r.plan_id,
    effectiveFrom: r.effective_from,
  };
  if (r.effective_to !== null) assignment.effectiveTo = r.effective_to;
  return { assignment, version: r.version };
}

const assignmentColumns = [
  'rep_id',
  'effective_from',
  'effective_to',
  'plan_id',
  'version',
] as const;

export async function listAssignments(
  trx: Db,
  repIds?: readonly string[],
): Promise<AssignmentRecord[]> {
  if (repIds === undefined) {
    const rows = await trx
      .selectFrom('plan_assignments')
      .select(assignmentColumns)
      .orderBy('rep_id')
      .orderBy('effective_from')
      .execute();
    return rows.map(toAssignment);
  }
  const out: AssignmentRecord[] = [];
  for (const batch of chunks(uniq(repIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('plan_assignments')
      .select(assignmentColumns)
      .where('rep_id', 'in', batch)
      .orderBy('rep_id')
      .orderBy('effective_from')
      .execute();
    out.push(...rows.map(toAssignment));
  }
  return out;
}

/** The assignment in force for a rep on a date. */
export async function assignmentOn(
  trx: Db,
  repId: string,
  date: string,
): Promise<PlanAssignment | null> {
  const row = await trx
    .selectFrom('plan_assignments')
    .select(assignmentColumns)
    .where('rep_id', '=', repId)
    .where('effective_from', '<=', date)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', date)]))
    .orderBy('effective_from', 'desc')
    .executeTakeFirst();
  return row ? toAssignment(row).assignment : null;
}

/** Plans ever assigned to any of the reps: the plans those reps (and managers) may read. */
export async function planIdsOfReps(trx: Db, repIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const batch of chunks(uniq(repIds), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('plan_assignments')
      .select('plan_id')
      .distinct()
      .where('rep_id', 'in', batch)
      .execute();
    for (const r of rows) out.add(r.plan_id);
  }
  return out;
}

/** Gaining or losing a plan: the rep (and managers) hear about every version of it. */
async function planVersionChangesForRep(
  trx: Db,
  repId: string,
  planIds: string[],
): Promise<ChangeRecord[]> {
  const versions = await getPlanVersionsOf(trx, planIds);
  return versions.map((v) => ({
    entity: 'plan',
    entityId: entityKey.plan(v.plan.id, v.plan.effectiveFrom),
    op: 'put',
    audiences: [audience.rep(repId)],
    version: v.version,
  }));
}

function assignmentChange(a: PlanAssignment, version: number, op: 'put' | 'del'): ChangeRecord {
  return {
    entity: 'planAssignment',
    entityId: entityKey.planAssignment(a.repId, a.effectiveFrom),
    op,
    audiences: [audience.rep(a.repId)],
    version,
  };
}

/**
 * Saves an assignment (by rep and effectiveFrom). An assignment starting after the rep's
 * latest one closes it the day before, as plan versions do.
 */
export async function saveAssignment(
  trx: Db,
  now: string,
  a: PlanAssignment,
): Promise<{ created: boolean; closed: PlanAssignment | null }> {
  const existing = await listAssignments(trx, [a.repId]);
  const same = existing.find((e) => e.assignment.effectiveFrom === a.effectiveFrom);
  const changes: ChangeRecord[] = [];
  let closed: PlanAssignment | null = null;
  if (!same) {
    const previous = existing.filter((e) => e.assignment.effectiveFrom < a.effectiveFrom).at(-1);
    const dayBefore = addDays(a.effectiveFrom, -1);
    if (
      previous &&
      (previous.assignment.effectiveTo === undefined || previous.assignment.effectiveTo > dayBefore)
    ) {
      closed = { ...previous.assignment, effectiveTo: dayBefore };
      await trx
        .updateTable('plan_assignments')
        .set({ effective_to: dayBefore, updated_at: now, version: previous.version + 1 })
        .where('rep_id', '=', a.repId)
        .where('effective_from', '=', previous.assignment.effectiveFrom)
        .execute();
      changes.push(assignmentChange(closed, previous.version + 1, 'put'));
    }
  }
  const version = (same?.version ?? 0) + 1;
  await trx
    .insertInto('plan_assignments')
    .values({
      rep_id: a.repId,
      effective_from: a.effectiveFrom,
      effective_to: a.effectiveTo ?? null,
      plan_id: a.planId,
      updated_at: now,
      version,
    })
    .onConflict((oc) =>
      oc.columns(['rep_id', 'effective_from']).doUpdateSet({
        effective_to: a.effectiveTo ?? null,
        plan_id: a.planId,
        updated_at: now,
        version,
      }),
    )
    .execute();
  changes.push(assignmentChange(a, version, 'put'));
  const planIds = uniq([a.planId, ...(same ? [same.assignment.planId] : [])]);
  changes.push(...(await planVersionChangesForRep(trx, a.repId, planIds)));
  await appendChanges(trx, now, changes);
  return { created: !same, closed };
}

export async function deleteAssignment(
  trx: Db,
  now: string,
  repId: string,
  effectiveFrom: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('plan_assignments')
    .select(assignmentColumns)
    .where('rep_id', '=', repId)
    .where('effective_from', '=', effectiveFrom)
    .executeTakeFirst();
  if (!row) return false;
  const rec = toAssignment(row);
  await trx
    .deleteFrom('plan_assignments')
    .where('rep_id', '=', repId)
    .where('effective_from', '=', effectiveFrom)
    .execute();
  await appendChanges(trx, now, [
    assignmentChange(rec.assignment, rec.version + 1, 'del'),
    // The rep may have lost the plan: the re-check at pull time sends a tombstone if so.
    ...(await planVersionChangesForRep(trx, repId, [rec.assignment.planId])),
  ]);
  return true;
}
