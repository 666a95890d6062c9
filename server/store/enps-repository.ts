import { surveySchema, type EnpsStatus, type Survey } from '../../lib/domain';
import type { Db } from './db';
import { appendChanges, audience, type ChangeRecord } from './change-log';
import { chunks, IN_LIST_MAX, parseJson, uniq } from './util';

export interface SurveyRecord {
  survey: Survey;
  version: number;
}

type SurveyRow = { id: string; body: string; version: number };
const toSurvey = (r: SurveyRow): SurveyRecord => ({
  survey: surveySchema.parse(parseJson(r.body)),
  version: r.version,
});

export async function listSurveys(trx: Db): Promise<SurveyRecord[]> {
  const rows = await trx
    .selectFrom('surveys')
    .select(['id', 'body', 'version'])
    .orderBy('id')
    .execute();
  return rows.map(toSurvey);
}

export async function getSurveys(
  trx: Db,
  ids: readonly string[],
): Promise<Map<string, SurveyRecord>> {
  const out = new Map<string, SurveyRecord>();
  for (const batch of chunks(uniq(ids), IN_LIST_MAX)) {
    const rows = await trx
      .selectFrom('surveys')
      .select(['id', 'body', 'version'])
      .where('id', 'in', batch)
      .execute();
    for (const r of rows) out.set(r.id, toSurvey(r));
  }
  return out;
}

export async function getSurvey(trx: Db, id: string): Promise<SurveyRecord | null> {
  return (await getSurveys(trx, [id])).get(id) ?? null;
}

/**
 * Who hears about a survey: the teams or roles it is addressed to, or everyone; a survey for
 * reps also reaches the managers (who read the results of their teams' reps; a team audience
 * reaches its managers already). The pull re-checks the exact rule (`canReadSurvey`) before
 * sending it.
 */
export function surveyAudiences(survey: Survey): string[] {
  const { teamIds, roles } = survey.audience;
  if (teamIds && teamIds.length > 0) return teamIds.map(audience.team);
  if (roles && roles.length > 0) {
    const withManagers = roles.includes('rep') ? uniq([...roles, 'manager' as const]) : roles;
    return withManagers.map(audience.role);
  }
  return [audience.all];
}

function surveyChanges(
  before: Survey | null,
  after: Survey | null,
  version: number,
): ChangeRecord[] {
  const audiences = uniq([
    ...(before ? surveyAudiences(before) : []),
    ...(after ? surveyAudiences(after) : []),
  ]);
  const id = (after ?? before)!.id;
  // Everyone who hears about the survey also re-reads their eNPS status for it.
  return [
    { entity: 'survey', entityId: id, op: after ? 'put' : 'del', audiences, version },
    { entity: 'enpsStatus', entityId: id, op: after ? 'put' : 'del', audiences, version },
  ];
}

export async function saveSurvey(
  trx: Db,
  now: string,
  survey: Survey,
): Promise<{ created: boolean }> {
  const before = await getSurvey(trx, survey.id);
  const version = (before?.version ?? 0) + 1;
  const body = JSON.stringify(survey);
  const active = survey.active ? 1 : 0;
  await trx
    .insertInto('surveys')
    .values({ id: survey.id, body, active, updated_at: now, version })
    .onConflict((oc) => oc.column('id').doUpdateSet({ body, active, updated_at: now, version }))
    .execute();
  await appendChanges(trx, now, surveyChanges(before?.survey ?? null, survey, version));
  return { created: !before };
}

/** Deletes a survey with its answers and participation records. */
export async function deleteSurvey(trx: Db, now: string, id: string): Promise<boolean> {
  const before = await getSurvey(trx, id);
  if (!before) return false;
  await trx.deleteFrom('enps_responses').where('survey_id', '=', id).execute();
  await trx.deleteFrom('enps_participation').where('survey_id', '=', id).execute();
  await trx.deleteFrom('enps_snoozes').where('survey_id', '=', id).execute();
  await trx.deleteFrom('surveys').where('id', '=', id).execute();
  await appendChanges(trx, now, surveyChanges(before.survey, null, before.version + 1));
  return true;
}

// Participation, answers, snoozes ---------------------------------------------------------

/** A user's eNPS status for surveys: the periods they answered and their snooze. */
export async function enpsStatuses(
  trx: Db,
  userId: string,
  surveyIds: readonly string[],
): Promise<Map<string, EnpsStatus & { version: number }>> {
  const out = new Map<string, EnpsStatus & { version: number }>();
  for (const batch of chunks(uniq(surveyIds), IN_LIST_MAX)) {
    const [periods, snoozes] = await Promise.all([
      trx
        .selectFrom('enps_participation')
        .select(['survey_id', 'period_start'])
        .where('user_id', '=', userId)
        .where('survey_id', 'in', batch)
        .orderBy('period_start')
        .execute(),
      trx
        .selectFrom('enps_snoozes')
        .select(['survey_id', 'snoozed_until', 'version'])
        .where('user_id', '=', userId)
        .where('survey_id', 'in', batch)
        .execute(),
    ]);
    for (const id of batch) out.set(id, { id, surveyId: id, answeredPeriods: [], version: 0 });
    for (const p of periods) out.get(p.survey_id)!.answeredPeriods.push(p.period_start);
    for (const s of snoozes) {
      const status = out.get(s.survey_id)!;
      status.snoozedUntil = s.snoozed_until;
      status.version = s.version;
    }
  }
  for (const status of out.values()) status.version += status.answeredPeriods.length + 1;
  return out;
}

export async function hasParticipated(
  trx: Db,
  userId: string,
  surveyId: string,
  periodStart: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('enps_participation')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('survey_id', '=', surveyId)
    .where('period_start', '=', periodStart)
    .executeTakeFirst();
  return row !== undefined;
}

export async function responseExists(trx: Db, id: string): Promise<boolean> {
  return (
    (await trx
      .selectFrom('enps_responses')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined
  );
}

export interface AnonymousResponse {
  id: string;
  surveyId: string;
  periodStart: string;
  teamId: string | null;
  score: number;
  comment: string | null;
  answers: Record<string, number | string> | null;
}

/**
 * Records that the user answered (participation) and the answer (anonymous), in two rows
 * with nothing in common but the survey and period, which many people share.
 */
export async function recordResponse(
  trx: Db,
  now: string,
  userId: string,
  response: AnonymousResponse,
): Promise<void> {
  await trx
    .insertInto('enps_participation')
    .values({ user_id: userId, survey_id: response.surveyId, period_start: response.periodStart })
    .execute();
  await trx
    .insertInto('enps_responses')
    .values({
      id: response.id,
      survey_id: response.surveyId,
      period_start: response.periodStart,
      team_id: response.teamId,
      score: response.score,
      comment: response.comment,
      answers: response.answers ? JSON.stringify(response.answers) : null,
    })
    .execute();
  await appendChanges(trx, now, [
    // Only the person's own clients hear that they answered; the answer itself never syncs.
    {
      entity: 'enpsStatus',
      entityId: response.surveyId,
      op: 'put',
      audiences: [audience.user(userId)],
      version: 0,
    },
  ]);
}

export async function saveEnpsSnooze(
  trx: Db,
  now: string,
  userId: string,
  surveyId: string,
  until: string,
): Promise<void> {
  const before = await trx
    .selectFrom('enps_snoozes')
    .select('version')
    .where('user_id', '=', userId)
    .where('survey_id', '=', surveyId)
    .executeTakeFirst();
  const version = (before?.version ?? 0) + 1;
  await trx
    .insertInto('enps_snoozes')
    .values({ user_id: userId, survey_id: surveyId, snoozed_until: until, version })
    .onConflict((oc) =>
      oc.columns(['user_id', 'survey_id']).doUpdateSet({ snoozed_until: until, version }),
    )
    .execute();
  await appendChanges(trx, now, [
    {
      entity: 'enpsStatus',
      entityId: surveyId,
      op: 'put',
      audiences: [audience.user(userId)],
      version,
    },
  ]);
}

/** Answers of one survey period (optionally one team), without anything that identifies. */
export async function responsesFor(
  trx: Db,
  surveyId: string,
  periodStart: string,
): Promise<Array<{ teamId: string | null; score: number; comment: string | null }>> {
  const rows = await trx
    .selectFrom('enps_responses')
    .select(['team_id', 'score', 'comment'])
    .where('survey_id', '=', surveyId)
    .where('period_start', '=', periodStart)
    // Key order is random (client uuids): no insertion order leaks through.
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ teamId: r.team_id, score: r.score, comment: r.comment }));
}

/** Periods that have answers, newest first. */
export async function answeredPeriods(trx: Db, surveyId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('enps_responses')
    .select('period_start')
    .distinct()
    .where('survey_id', '=', surveyId)
    .orderBy('period_start', 'desc')
    .execute();
  return rows.map((r) => r.period_start);
}
