import { z } from 'zod';
import {
  isoDateSchema,
  kpisSchema,
  planRefSchema,
  statementSchema,
  teamOverviewSchema,
} from '../../lib/domain';
import { canReadRep, managesTeam } from '../auth/viewer';
import { isoDay } from '../clock';
import { ApiError, forbidden, notFound } from '../http/errors';
import { defineRoute } from '../http/route';
import { dealsAtRisk, kpisOf, loadRepInputs, planRef, statementOf } from '../reports/rep-figures';
import type { Db } from '../store/db';
import { getTeam, getUser, getUsers, membersOfTeams } from '../store/people-repository';
import { getSettings } from '../store/settings-repository';
import { repParams, teamParams } from './params';
import type { Viewer } from '../auth/viewer';

/** A rep the viewer may read; 404 for anyone else, so existence does not leak. */
async function assertReadableRep(trx: Db, viewer: Viewer, repId: string): Promise<void> {
  if (!canReadRep(viewer, repId) || !(await getUser(trx, repId))) throw notFound(`Rep "${repId}"`);
}

function noPlan(result: { code: string; message: string }): ApiError {
  return new ApiError(404, result.code, result.message);
}

const statementQuery = z.strictObject({
  /** Any date in the period; today by default. */
  period: isoDateSchema.optional(),
});

const kpiQuery = z.strictObject({
  /** The day the figures are as of; today by default. */
  asOf: isoDateSchema.optional(),
  /** Any date in the period to report on; the period containing asOf by default. */
  period: isoDateSchema.optional(),
});

export const reportRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/reps/:repId/statement',
    tag: 'reports',
    summary: "A rep's commission statement for a period",
    description:
      'Computed with lib/domain for the plan assigned to the rep on the given date, in the version in force that day. Reps read their own; managers their teams’ reps; admins anyone.',
    access: 'user',
    params: repParams,
    query: statementQuery,
    response: z.object({ plan: planRefSchema, statement: statementSchema }),
    errors: [404],
    handler: async ({ deps, viewer, params, query, now }) => {
      const date = query.period ?? isoDay(now);
      return deps.store.read(async (trx) => {
        await assertReadableRep(trx, viewer, params.repId);
        const loaded = (await loadRepInputs(trx, [params.repId], date)).get(params.repId)!;
        if (!loaded.ok) throw noPlan(loaded);
        return { plan: planRef(loaded.inputs.plan), statement: statementOf(loaded.inputs, date) };
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/reps/:repId/kpis',
    tag: 'reports',
    summary: "A rep's KPIs for a period, as of a date",
    access: 'user',
    params: repParams,
    query: kpiQuery,
    response: z.object({ plan: planRefSchema, kpis: kpisSchema }),
    errors: [404],
    handler: async ({ deps, viewer, params, query, now }) => {
      const asOf = query.asOf ?? isoDay(now);
      const period = query.period ?? asOf;
      return deps.store.read(async (trx) => {
        await assertReadableRep(trx, viewer, params.repId);
        const loaded = (await loadRepInputs(trx, [params.repId], period)).get(params.repId)!;
        if (!loaded.ok) throw noPlan(loaded);
        return { plan: planRef(loaded.inputs.plan), kpis: kpisOf(loaded.inputs, asOf, period) };
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/teams/:teamId/overview',
    tag: 'reports',
    summary:
      'One row per rep of a team: attainment, pace, coverage, estimated payout, deals at risk',
    description: 'Managers of the team and admins. Reps get 403; managers of other teams 404.',
    access: 'user',
    params: teamParams,
    query: z.strictObject({ asOf: isoDateSchema.optional() }),
    response: teamOverviewSchema,
    errors: [403, 404],
    handler: async ({ deps, viewer, params, query, now }) => {
      if (viewer.role === 'rep') throw forbidden('Team overviews are for managers.');
      const asOf = query.asOf ?? isoDay(now);
      return deps.store.read(async (trx) => {
        const team = await getTeam(trx, params.teamId);
        if (!team || !managesTeam(viewer, team.id)) throw notFound(`Team "${params.teamId}"`);
        const repIds = await membersOfTeams(trx, [team.id]);
        const reps = (await getUsers(trx, repIds)).sort(
          (a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
        );
        const inputs = await loadRepInputs(
          trx,
          reps.map((r) => r.id),
          asOf,
        );
        const { settings } = await getSettings(trx);
        const rows = reps.map((rep) => {
          const loaded = inputs.get(rep.id)!;
          if (!loaded.ok) {
            return {
              repId: rep.id,
              name: rep.name,
              plan: null,
              currency: null,
              periodStart: null,
              periodEnd: null,
              quota: null,
              credited: null,
              attainment: null,
              pace: null,
              coverage: null,
              estimatedPayout: null,
              dealsAtRisk: 0,
              dealsAtRiskIds: [],
              problems: [loaded.message],
            };
          }
          const kpis = kpisOf(loaded.inputs, asOf);
          const statement = statementOf(loaded.inputs, asOf);
          const atRisk = dealsAtRisk(loaded.inputs, kpis, settings, asOf);
          return {
            repId: rep.id,
            name: rep.name,
            plan: planRef(loaded.inputs.plan),
            currency: statement.currency,
            periodStart: statement.periodStart,
            periodEnd: statement.periodEnd,
            quota: statement.quota,
            credited: statement.credited,
            attainment: statement.attainment,
            pace: kpis.pace,
            coverage: kpis.coverage,
            estimatedPayout: statement.total,
            dealsAtRisk: atRisk.length,
            dealsAtRiskIds: atRisk,
            problems: statement.problems.map((p) => p.message),
          };
        });
        return { team: { id: team.id, name: team.name }, asOf, reps: rows };
      });
    },
  }),
];
