import { periodContaining, type Survey } from '../../../lib/domain';
import {
  getSurvey,
  hasParticipated,
  recordResponse,
  responseExists,
  saveEnpsSnooze,
} from '../../store/enps-repository';
import { canReadSurvey, isAddressedTo } from '../visibility';
import { assertFutureWithinYear } from './prompts';
import { applied, MutationError, type MutationContext, type MutationHandler } from './types';

async function openSurveyFor(ctx: MutationContext, surveyId: string): Promise<Survey> {
  const record = await getSurvey(ctx.trx, surveyId);
  if (!record || !canReadSurvey(ctx.viewer, record.survey)) {
    throw new MutationError('not_found', `Survey "${surveyId}" was not found.`);
  }
  const survey = record.survey;
  if (!survey.active) throw new MutationError('conflict', `Survey "${surveyId}" is closed.`);
  if (!isAddressedTo(survey, ctx.viewer)) {
    throw new MutationError('forbidden', `Survey "${surveyId}" is not addressed to you.`);
  }
  return survey;
}

function checkAnswers(survey: Survey, answers: Record<string, number | string> | undefined): void {
  if (!answers) return;
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers)) {
    const q = questions.get(id);
    if (!q) throw new MutationError('invalid', `answers.${id} is not a question of this survey.`);
    if (q.kind === 'score' && typeof value !== 'number') {
      throw new MutationError('invalid', `answers.${id} must be a score from 0 to 10.`);
    }
    if (q.kind === 'text' && typeof value !== 'string') {
      throw new MutationError('invalid', `answers.${id} must be text.`);
    }
  }
}

/**
 * Insert-or-ignore on the client's id. One answer per person and period, enforced through
 * the participation table, which never points at the answer (see docs/api.md, "eNPS").
 */
export const respondToSurvey: MutationHandler<'enps.respond'> = async (ctx, args) => {
  const survey = await openSurveyFor(ctx, args.surveyId);
  const period = periodContaining(args.periodStart, survey.cadence);
  if (period.start !== args.periodStart) {
    throw new MutationError(
      'invalid',
      `periodStart must be the first day of a ${survey.cadence} (the period containing it starts ${period.start}).`,
    );
  }
  const today = ctx.now.toISOString().slice(0, 10);
  const first = periodContaining(survey.startsOn, survey.cadence).start;
  if (
    args.periodStart > today ||
    args.periodStart < first ||
    (survey.endsOn !== undefined && args.periodStart > survey.endsOn)
  ) {
    throw new MutationError(
      'invalid',
      `The survey is not open for the period starting ${args.periodStart}.`,
    );
  }
  checkAnswers(survey, args.answers);
  if (await responseExists(ctx.trx, args.id)) return applied;
  if (await hasParticipated(ctx.trx, ctx.viewer.id, survey.id, args.periodStart)) {
    throw new MutationError(
      'conflict',
      `You already answered this survey for the period starting ${args.periodStart}.`,
    );
  }
  const comment = args.comment?.trim();
  await recordResponse(ctx.trx, ctx.now.toISOString(), ctx.viewer.id, {
    id: args.id,
    surveyId: survey.id,
    periodStart: args.periodStart,
    teamId: [...ctx.viewer.memberTeamIds].sort()[0] ?? null,
    score: args.score,
    comment: comment ? comment : null,
    answers: args.answers ?? null,
  });
  return applied;
};

export const snoozeSurvey: MutationHandler<'enps.snooze'> = async (ctx, args) => {
  const survey = await openSurveyFor(ctx, args.surveyId);
  assertFutureWithinYear(args.until, ctx.now);
  await saveEnpsSnooze(
    ctx.trx,
    ctx.now.toISOString(),
    ctx.viewer.id,
    survey.id,
    new Date(Date.parse(args.until)).toISOString(),
  );
  return applied;
};
