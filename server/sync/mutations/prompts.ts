import { managesRep } from '../../auth/viewer';
import { getDeal } from '../../store/deals-repository';
import { getUser } from '../../store/people-repository';
import { insertPrompt, promptExists, savePromptState } from '../../store/prompts-repository';
import { applied, MutationError, type MutationHandler } from './types';

const MAX_SNOOZE_MS = 366 * 24 * 3600 * 1000;

export function assertFutureWithinYear(until: string, now: Date): void {
  const t = Date.parse(until);
  if (!(t > now.getTime())) throw new MutationError('invalid', 'until must be in the future.');
  if (t - now.getTime() > MAX_SNOOZE_MS) {
    throw new MutationError('invalid', 'until must be within a year from now.');
  }
}

/**
 * Prompt states are the reader's own: rule prompts are computed by every client from the
 * same data (their ids are stable), so the server accepts any prompt id here.
 */
export const dismissPrompt: MutationHandler<'prompt.dismiss'> = async (ctx, args) => {
  await savePromptState(
    ctx.trx,
    ctx.now.toISOString(),
    ctx.viewer.id,
    args.promptId,
    'dismissed',
    null,
  );
  return applied;
};

export const snoozePrompt: MutationHandler<'prompt.snooze'> = async (ctx, args) => {
  assertFutureWithinYear(args.until, ctx.now);
  const until = new Date(Date.parse(args.until)).toISOString();
  await savePromptState(
    ctx.trx,
    ctx.now.toISOString(),
    ctx.viewer.id,
    args.promptId,
    'snoozed',
    until,
  );
  return applied;
};

/** Managers write prompts for the reps they manage (admins for anyone). */
export const createPrompt: MutationHandler<'prompt.create'> = async (ctx, args) => {
  if (ctx.viewer.role === 'rep') {
    throw new MutationError('forbidden', 'Only managers can write coaching prompts.');
  }
  const rep = await getUser(ctx.trx, args.repId);
  if (!rep || !managesRep(ctx.viewer, rep.id)) {
    throw new MutationError('not_found', `Rep "${args.repId}" was not found.`);
  }
  if (args.dealId !== undefined) {
    const deal = await getDeal(ctx.trx, args.dealId);
    if (!deal || !deal.reps.includes(rep.id)) {
      throw new MutationError(
        'not_found',
        `Deal "${args.dealId}" of rep "${rep.id}" was not found.`,
      );
    }
  }
  if (await promptExists(ctx.trx, args.id)) {
    throw new MutationError('conflict', `A prompt with id "${args.id}" already exists.`);
  }
  await insertPrompt(ctx.trx, ctx.now.toISOString(), {
    id: args.id,
    ruleId: 'manager',
    severity: args.severity,
    title: args.title,
    detail: args.detail,
    repId: rep.id,
    ...(args.dealId !== undefined ? { dealId: args.dealId } : {}),
    authorId: ctx.viewer.id,
    authorName: ctx.viewer.user.name,
    createdAt: ctx.now.toISOString(),
  });
  return applied;
};
