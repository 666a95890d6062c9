import { z } from 'zod';
import {
  aggregateByTeam,
  compareCodePoints,
  enpsGroupSizes,
  enpsResultsSchema,
  type EnpsResults,
  isoDateSchema,
  periodContaining,
} from '../../lib/domain';
import { isoDay } from '../clock';
import { forbidden, notFound } from '../http/errors';
import { defineRoute } from '../http/route';
import { answeredPeriods, getSurvey, responsesFor } from '../store/enps-repository';
import { listTeams } from '../store/people-repository';
import { parseJson } from '../store/util';
import { surveyParams } from './params';

/**
 * Company-wide summaries of the survey's further questions, under the same group sizes as
 * the eNPS question. Never per team: fewer slices, less to subtract.
 */
function summarizeQuestions(
  questions: ReadonlyArray<{ id: string; kind: 'score' | 'text' }>,
  answers: ReadonlyArray<Record<string, number | string> | null>,
  sizes: { minGroupSize: number; minCommentGroupSize: number },
): EnpsResults['questions'] {
  return questions.map((q) => {
    const values = answers.map((a) => a?.[q.id]).filter((v) => v !== undefined);
    if (q.kind === 'score') {
      const scores = values.filter((v): v is number => typeof v === 'number');
      const shown = scores.length >= sizes.minGroupSize;
      return {
        questionId: q.id,
        kind: q.kind,
        withheld: !shown,
        responses: shown ? scores.length : null,
        average: shown
          ? Math.round((scores.reduce((s, v) => s + v, 0) / scores.length) * 10) / 10
          : null,
        answers: null,
      };
    }
    const texts = values
      .filter((v): v is string => typeof v === 'string')
      .map((t) => t.trim())
      .filter(Boolean);
    const shown = answers.length >= sizes.minCommentGroupSize;
    return {
      questionId: q.id,
      kind: q.kind,
      withheld: !shown,
      responses: null,
      average: null,
      answers: shown
        ? texts.sort(
            (a, b) =>
              compareCodePoints(a.toLowerCase(), b.toLowerCase()) || compareCodePoints(a, b),
          )
        : null,
    };
  });
}

export const enpsRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/enps/surveys/:surveyId/results',
    tag: 'enps',
    summary: 'eNPS of one survey period, overall and per team, as anonymous aggregates',
    description:
      'Groups smaller than the survey’s minGroupSize (never below 3) are withheld, comments need minCommentGroupSize answers, and a team is also withheld when the overall minus the shown teams would reveal a smaller group. Admins see every team; managers their own teams; reps get 403. No endpoint returns an individual answer or who answered.',
    access: 'user',
    params: surveyParams,
    query: z.strictObject({ periodStart: isoDateSchema.optional() }),
    response: enpsResultsSchema,
    errors: [403, 404],
    handler: async ({ deps, viewer, params, query, now }) => {
      if (viewer.role === 'rep') throw forbidden('eNPS results are for managers and admins.');
      return deps.store.read(async (trx) => {
        const record = await getSurvey(trx, params.surveyId);
        if (!record) throw notFound(`Survey "${params.surveyId}"`);
        const survey = record.survey;
        const periods = await answeredPeriods(trx, survey.id);
        const periodStart = query.periodStart
          ? periodContaining(query.periodStart, survey.cadence).start
          : (periods[0] ?? periodContaining(isoDay(now), survey.cadence).start);
        const responses = await responsesFor(trx, survey.id, periodStart);
        const teams = await listTeams(trx);
        const sizes = enpsGroupSizes(survey);
        const aggregate = aggregateByTeam(
          responses.map((r) => ({
            score: r.score,
            teamId: r.teamId,
            ...(r.comment !== null ? { comment: r.comment } : {}),
          })),
          teams.map((t) => ({ id: t.id, name: t.name })),
          sizes,
        );
        const visibleTeams =
          viewer.role === 'admin'
            ? aggregate.teams
            : aggregate.teams.filter((t) => viewer.managedTeamIds.includes(t.teamId));
        const answers = await trx
          .selectFrom('enps_responses')
          .select('answers')
          .where('survey_id', '=', survey.id)
          .where('period_start', '=', periodStart)
          .orderBy('id')
          .execute();
        return {
          survey: { id: survey.id, name: survey.name },
          periodStart,
          periods,
          overall: aggregate.overall,
          teams: visibleTeams,
          questions: summarizeQuestions(
            survey.questions,
            answers.map((a) =>
              a.answers === null ? null : parseJson<Record<string, number | string>>(a.answers),
            ),
            sizes,
          ),
        };
      });
    },
  }),
];
