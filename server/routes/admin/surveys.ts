import { z } from 'zod';
import { surveySchema } from '../../../lib/domain';
import { badRequest, conflict, notFound } from '../../http/errors';
import { defineRoute } from '../../http/route';
import type { Db } from '../../store/db';
import { deleteSurvey, getSurvey, listSurveys, saveSurvey } from '../../store/enps-repository';
import { existingTeamIds } from '../../store/people-repository';
import { surveyParams } from '../params';

async function assertTeamsExist(trx: Db, teamIds: readonly string[] | undefined): Promise<void> {
  if (!teamIds) return;
  const found = await existingTeamIds(trx, teamIds);
  teamIds.forEach((t, i) => {
    if (!found.has(t)) {
      const message = `names team "${t}", which does not exist`;
      throw badRequest(`Invalid body: audience.teamIds[${i}] ${message}`, {
        issues: [{ path: `audience.teamIds[${i}]`, message }],
      });
    }
  });
}

export const surveyRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/admin/surveys',
    tag: 'admin',
    summary: 'Every eNPS survey',
    access: 'admin',
    response: z.object({ surveys: z.array(surveySchema) }),
    handler: async ({ deps }) => ({
      surveys: (await listSurveys(deps.store.db)).map((s) => s.survey),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/surveys',
    tag: 'admin',
    summary: 'Create an eNPS survey',
    access: 'admin',
    body: surveySchema,
    response: surveySchema,
    successStatus: 201,
    errors: [409],
    handler: async ({ deps, body, now }) =>
      deps.store.write(async (trx) => {
        if (await getSurvey(trx, body.id)) throw conflict(`Survey "${body.id}" already exists.`);
        await assertTeamsExist(trx, body.audience.teamIds);
        await saveSurvey(trx, now.toISOString(), body);
        return body;
      }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/surveys/:surveyId',
    tag: 'admin',
    summary: 'One survey',
    access: 'admin',
    params: surveyParams,
    response: surveySchema,
    errors: [404],
    handler: async ({ deps, params }) => {
      const s = await getSurvey(deps.store.db, params.surveyId);
      if (!s) throw notFound(`Survey "${params.surveyId}"`);
      return s.survey;
    },
  }),
  defineRoute({
    method: 'put',
    path: '/v1/admin/surveys/:surveyId',
    tag: 'admin',
    summary: 'Create or replace a survey (close it with active: false)',
    access: 'admin',
    params: surveyParams,
    body: surveySchema,
    response: surveySchema,
    handler: async ({ deps, params, body, now }) => {
      if (body.id !== params.surveyId) {
        const message = `must be "${params.surveyId}", as in the path`;
        throw badRequest(`Invalid body: id ${message}`, { issues: [{ path: 'id', message }] });
      }
      return deps.store.write(async (trx) => {
        await assertTeamsExist(trx, body.audience.teamIds);
        await saveSurvey(trx, now.toISOString(), body);
        return body;
      });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/surveys/:surveyId',
    tag: 'admin',
    summary: 'Delete a survey with its answers',
    access: 'admin',
    params: surveyParams,
    successStatus: 204,
    errors: [404],
    handler: async ({ deps, params, now }) => {
      const ok = await deps.store.write((trx) =>
        deleteSurvey(trx, now.toISOString(), params.surveyId),
      );
      if (!ok) throw notFound(`Survey "${params.surveyId}"`);
      return null;
    },
  }),
];
