import { z } from 'zod';
import {
  currencySchema,
  fxRateSchema,
  fxRatesSchema,
  idSchema,
  isoDateSchema,
  planAssignmentSchema,
  planSchema,
  preparePlan,
  quotaSchema,
  settingsSchema,
  teamSchema,
} from '../../../lib/domain';
import { badRequest, conflict, notFound } from '../../http/errors';
import { defineRoute } from '../../http/route';
import type { Db } from '../../store/db';
import { deleteTeam, getTeam, getUsers, listTeams, saveTeam } from '../../store/people-repository';
import {
  deleteAssignment,
  deletePlanVersion,
  getPlanVersion,
  listAssignments,
  listPlanVersions,
  savePlanVersion,
} from '../../store/plans-repository';
import {
  deleteFxRate,
  deleteQuota,
  listFxRates,
  listQuotas,
  saveFxRates,
  saveQuotas,
} from '../../store/quotas-repository';
import { getSettings, saveSettings } from '../../store/settings-repository';
import { teamParams } from '../params';
import { saveAssignment } from '../../store/plans-repository';

function issue(path: string, message: string): never {
  throw badRequest(`Invalid body: ${path} ${message}`, { issues: [{ path, message }] });
}

/** Every id must be an existing user; reports the first that is not, with its path. */
async function assertUsersExist(
  trx: Db,
  ids: readonly string[],
  path: (i: number) => string,
): Promise<void> {
  const found = new Set((await getUsers(trx, ids)).map((u) => u.id));
  ids.forEach((id, i) => {
    if (!found.has(id)) issue(path(i), `names user "${id}", who does not exist`);
  });
}

const versionParams = z.strictObject({ planId: idSchema, effectiveFrom: isoDateSchema });
const countsSchema = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });

export const teamRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/admin/teams',
    tag: 'admin',
    summary: 'Every team',
    access: 'admin',
    response: z.object({ teams: z.array(teamSchema) }),
    handler: async ({ deps }) => ({
      teams: (await listTeams(deps.store.db)).map((t) => ({ id: t.id, name: t.name })),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/teams',
    tag: 'admin',
    summary: 'Create a team',
    access: 'admin',
    body: teamSchema,
    response: teamSchema,
    successStatus: 201,
    errors: [409],
    handler: async ({ deps, body, now }) =>
      deps.store.write(async (trx) => {
        if (await getTeam(trx, body.id)) throw conflict(`Team "${body.id}" already exists.`);
        await saveTeam(trx, now.toISOString(), body);
        return body;
      }),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/teams/:teamId',
    tag: 'admin',
    summary: 'Create or rename a team',
    access: 'admin',
    params: teamParams,
    body: teamSchema,
    response: teamSchema,
    handler: async ({ deps, params, body, now }) => {
      if (body.id !== params.teamId) issue('id', `must be "${params.teamId}", as in the path`);
      await deps.store.write((trx) => saveTeam(trx, now.toISOString(), body));
      return body;
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/teams/:teamId',
    tag: 'admin',
    summary: 'Delete a team (its members and managers lose it)',
    access: 'admin',
    params: teamParams,
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      const deleted = await deps.store.write((trx) =>
        deleteTeam(trx, now.toISOString(), params.teamId),
      );
      if (!deleted) throw notFound(`Team "${params.teamId}"`);
      return null;
    },
  }),
];

function checkPlan(plan: z.output<typeof planSchema>): void {
  const prepared = preparePlan(plan);
  if (!prepared.ok)
    throw badRequest(`Invalid plan: ${prepared.message}`, {
      issues: [{ path: '', message: prepared.message }],
    });
}

export const planRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/admin/plans',
    tag: 'admin',
    summary: 'Every version of every plan',
    access: 'admin',
    response: z.object({ plans: z.array(planSchema) }),
    handler: async ({ deps }) => ({
      plans: (await listPlanVersions(deps.store.db)).map((v) => v.plan),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/plans/:planId',
    tag: 'admin',
    summary: 'The versions of one plan, oldest first',
    access: 'admin',
    params: z.strictObject({ planId: idSchema }),
    response: z.object({ versions: z.array(planSchema) }),
    errors: [404],
    handler: async ({ deps, params }) => {
      const versions = await listPlanVersions(deps.store.db, params.planId);
      if (versions.length === 0) throw notFound(`Plan "${params.planId}"`);
      return { versions: versions.map((v) => v.plan) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/plans',
    tag: 'admin',
    summary: 'Add a plan, or a new version of one',
    description:
      'A version whose effectiveFrom is later than the plan’s latest version closes that version the day before (effectiveTo). An effectiveFrom that already exists is a 409 (replace it with PUT); one earlier than the latest version is a 409 too.',
    access: 'admin',
    body: planSchema,
    response: z.object({ plan: planSchema, closed: planSchema.nullable() }),
    successStatus: 201,
    errors: [409],
    handler: async ({ deps, body, now }) => {
      checkPlan(body);
      return deps.store.write(async (trx) => {
        if (await getPlanVersion(trx, body.id, body.effectiveFrom)) {
          throw conflict(
            `Plan "${body.id}" already has a version from ${body.effectiveFrom}; replace it with PUT.`,
          );
        }
        const result = await savePlanVersion(trx, now.toISOString(), body);
        if (!result.ok) throw conflict(result.message);
        return { plan: result.plan, closed: result.closed };
      });
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/plans/:planId/versions/:effectiveFrom',
    tag: 'admin',
    summary: 'Create or replace one version of a plan',
    access: 'admin',
    params: versionParams,
    body: planSchema,
    response: z.object({ plan: planSchema, closed: planSchema.nullable() }),
    errors: [409],
    handler: async ({ deps, params, body, now }) => {
      if (body.id !== params.planId) issue('id', `must be "${params.planId}", as in the path`);
      if (body.effectiveFrom !== params.effectiveFrom)
        issue('effectiveFrom', `must be ${params.effectiveFrom}, as in the path`);
      checkPlan(body);
      return deps.store.write(async (trx) => {
        const result = await savePlanVersion(trx, now.toISOString(), body);
        if (!result.ok) throw conflict(result.message);
        return { plan: result.plan, closed: result.closed };
      });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/plans/:planId/versions/:effectiveFrom',
    tag: 'admin',
    summary: 'Delete one version of a plan (not the last version of a plan reps are assigned to)',
    access: 'admin',
    params: versionParams,
    successStatus: 204,
    errors: [404, 409],
    handler: async ({ deps, params, now }) => {
      const result = await deps.store.write((trx) =>
        deletePlanVersion(trx, now.toISOString(), params.planId, params.effectiveFrom),
      );
      if (result === 'not_found')
        throw notFound(`Version ${params.effectiveFrom} of plan "${params.planId}"`);
      if (result === 'in_use')
        throw conflict(
          `Plan "${params.planId}" is assigned to reps: remove those assignments first.`,
        );
      return null;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/plan-assignments',
    tag: 'admin',
    summary: 'Plan assignments (of one rep with ?repId=)',
    access: 'admin',
    query: z.strictObject({ repId: idSchema.optional() }),
    response: z.object({ assignments: z.array(planAssignmentSchema) }),
    handler: async ({ deps, query }) => ({
      assignments: (
        await listAssignments(deps.store.db, query.repId === undefined ? undefined : [query.repId])
      ).map((a) => a.assignment),
    }),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/plan-assignments',
    tag: 'admin',
    summary: 'Assign a plan to a rep from a date (closes their previous assignment the day before)',
    access: 'admin',
    body: planAssignmentSchema,
    response: z.object({
      assignment: planAssignmentSchema,
      closed: planAssignmentSchema.nullable(),
    }),
    handler: async ({ deps, body, now }) =>
      deps.store.write(async (trx) => {
        await assertUsersExist(trx, [body.repId], () => 'repId');
        if ((await listPlanVersions(trx, body.planId)).length === 0) {
          issue('planId', `names plan "${body.planId}", which does not exist`);
        }
        const result = await saveAssignment(trx, now.toISOString(), body);
        return { assignment: body, closed: result.closed };
      }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/plan-assignments/:repId/:effectiveFrom',
    tag: 'admin',
    summary: 'Remove a plan assignment',
    access: 'admin',
    params: z.strictObject({ repId: idSchema, effectiveFrom: isoDateSchema }),
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      const ok = await deps.store.write((trx) =>
        deleteAssignment(trx, now.toISOString(), params.repId, params.effectiveFrom),
      );
      if (!ok) throw notFound(`Assignment of "${params.repId}" from ${params.effectiveFrom}`);
      return null;
    },
  }),
];

export const quotaRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/admin/quotas',
    tag: 'admin',
    summary: 'Quotas (of one rep with ?repId=)',
    access: 'admin',
    query: z.strictObject({ repId: idSchema.optional() }),
    response: z.object({ quotas: z.array(quotaSchema) }),
    handler: async ({ deps, query }) => ({
      quotas: (
        await listQuotas(deps.store.db, query.repId === undefined ? undefined : [query.repId])
      ).map((q) => q.quota),
    }),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/quotas',
    tag: 'admin',
    summary: 'Create or replace quotas (by rep and period start), all or none',
    access: 'admin',
    body: z.strictObject({ quotas: z.array(quotaSchema).min(1).max(10_000) }),
    response: countsSchema,
    handler: async ({ deps, body, now }) =>
      deps.store.write(async (trx) => {
        const seen = new Map<string, number>();
        body.quotas.forEach((q, i) => {
          const key = `${q.repId}@${q.periodStart}`;
          const first = seen.get(key);
          if (first !== undefined)
            issue(`quotas[${i}]`, `repeats quotas[${first}] (same rep and period start)`);
          seen.set(key, i);
        });
        await assertUsersExist(
          trx,
          body.quotas.map((q) => q.repId),
          (i) => `quotas[${i}].repId`,
        );
        return saveQuotas(trx, now.toISOString(), body.quotas);
      }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/quotas/:repId/:periodStart',
    tag: 'admin',
    summary: 'Delete a quota',
    access: 'admin',
    params: z.strictObject({ repId: idSchema, periodStart: isoDateSchema }),
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      const ok = await deps.store.write((trx) =>
        deleteQuota(trx, now.toISOString(), params.repId, params.periodStart),
      );
      if (!ok) throw notFound(`Quota of "${params.repId}" for ${params.periodStart}`);
      return null;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/fx-rates',
    tag: 'admin',
    summary: 'Every FX rate',
    access: 'admin',
    response: z.object({ rates: z.array(fxRateSchema) }),
    handler: async ({ deps }) => ({ rates: (await listFxRates(deps.store.db)).map((r) => r.rate) }),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/fx-rates',
    tag: 'admin',
    summary: 'Create or replace FX rates (by pair and date)',
    access: 'admin',
    body: z.strictObject({ rates: fxRatesSchema.min(1).max(10_000) }),
    response: countsSchema,
    handler: async ({ deps, body, now }) =>
      deps.store.write((trx) => saveFxRates(trx, now.toISOString(), body.rates)),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/fx-rates/:from/:to/:date',
    tag: 'admin',
    summary: 'Delete an FX rate',
    access: 'admin',
    params: z.strictObject({ from: currencySchema, to: currencySchema, date: isoDateSchema }),
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      const ok = await deps.store.write((trx) =>
        deleteFxRate(trx, now.toISOString(), params.from, params.to, params.date),
      );
      if (!ok) throw notFound(`FX rate ${params.from}→${params.to} on ${params.date}`);
      return null;
    },
  }),
];

const settingsResponse = z.object({ settings: settingsSchema, version: z.number() });

export const settingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/settings',
    tag: 'settings',
    summary: 'Coaching thresholds and disabled rules (also synced as the `settings` entity)',
    access: 'user',
    response: settingsResponse,
    handler: async ({ deps }) => getSettings(deps.store.db),
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/settings',
    tag: 'admin',
    summary: 'Replace the settings',
    access: 'admin',
    body: settingsSchema,
    response: settingsResponse,
    handler: async ({ deps, body, now }) =>
      deps.store.write((trx) => saveSettings(trx, now.toISOString(), body)),
  }),
];
