import { createHash } from 'node:crypto';
import {
  deleteAnnotationThread,
  getAnnotation,
  insertAnnotation,
  updateAnnotationIfVersion,
  type AnnotationRecord,
} from '../../store/annotations-repository';
import { getDeal } from '../../store/deals-repository';
import { canReadAnnotation, canReadDeal, managesDeal } from '../visibility';
import { applied, MutationError, type MutationContext, type MutationHandler } from './types';

/** A note the viewer may read, with its deal's reps; not_found for anything else. */
async function readableNote(
  ctx: MutationContext,
  id: string,
): Promise<{ note: AnnotationRecord; reps: string[] }> {
  const note = await getAnnotation(ctx.trx, id);
  const deal = note ? await getDeal(ctx.trx, note.dealId) : null;
  if (!note || !deal || !canReadAnnotation(ctx.viewer, note, deal.reps)) {
    throw new MutationError('not_found', `Note "${id}" was not found.`);
  }
  return { note, reps: deal.reps };
}

async function assertNewId(ctx: MutationContext, id: string): Promise<void> {
  if (await getAnnotation(ctx.trx, id)) {
    throw new MutationError('conflict', `A note with id "${id}" already exists.`);
  }
}

function newNote(
  ctx: MutationContext,
  fields: Pick<
    AnnotationRecord,
    'id' | 'dealId' | 'parentId' | 'body' | 'visibility' | 'conflictOf'
  >,
): AnnotationRecord {
  const at = ctx.now.toISOString();
  return {
    ...fields,
    authorId: ctx.viewer.id,
    resolved: false,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Deterministic, so the id is the same however often the push is retried. */
export function conflictCopyId(userId: string, clientId: string, seq: number): string {
  const digest = createHash('sha256').update(`${userId}\n${clientId}\n${seq}`).digest('base64url');
  return `conflict-${digest.slice(0, 22)}`;
}

export const createAnnotation: MutationHandler<'annotation.create'> = async (ctx, args) => {
  const deal = await getDeal(ctx.trx, args.dealId);
  if (!deal || !canReadDeal(ctx.viewer, deal.reps)) {
    throw new MutationError('not_found', `Deal "${args.dealId}" was not found.`);
  }
  if (args.visibility === 'managers' && !managesDeal(ctx.viewer, deal.reps)) {
    throw new MutationError('forbidden', "Only the deal's managers can write managers-only notes.");
  }
  await assertNewId(ctx, args.id);
  const note = newNote(ctx, {
    id: args.id,
    dealId: args.dealId,
    parentId: null,
    body: args.body,
    visibility: args.visibility,
    conflictOf: null,
  });
  await insertAnnotation(ctx.trx, ctx.now.toISOString(), note, deal.reps);
  return applied;
};

/** Replies join the thread of the note replied to (threads are one level deep). */
export const replyToAnnotation: MutationHandler<'annotation.reply'> = async (ctx, args) => {
  const { note: parent, reps } = await readableNote(ctx, args.parentId);
  const root =
    parent.parentId === null ? parent : ((await getAnnotation(ctx.trx, parent.parentId)) ?? parent);
  await assertNewId(ctx, args.id);
  const reply = newNote(ctx, {
    id: args.id,
    dealId: root.dealId,
    parentId: root.id,
    body: args.body,
    visibility: root.visibility,
    conflictOf: null,
  });
  await insertAnnotation(ctx.trx, ctx.now.toISOString(), reply, reps);
  return applied;
};

/**
 * Only the author edits. An edit based on an older version is not applied: the text is
 * kept as a conflict copy (a reply in the same thread, by the same author, version 1) and
 * the mutation is reported as rejected with code `conflict` naming the copy.
 */
export const editAnnotation: MutationHandler<'annotation.edit'> = async (ctx, args) => {
  const { note, reps } = await readableNote(ctx, args.id);
  if (note.authorId !== ctx.viewer.id) {
    throw new MutationError('forbidden', 'Only the author can edit a note.');
  }
  const nowIso = ctx.now.toISOString();
  if (note.version === args.baseVersion) {
    const version = await updateAnnotationIfVersion(
      ctx.trx,
      nowIso,
      note,
      args.baseVersion,
      { body: args.body },
      reps,
    );
    if (version !== null) return applied;
  }
  const current = (await getAnnotation(ctx.trx, note.id)) ?? note;
  if (current.body === args.body) return applied; // the note already says exactly this
  const copy = newNote(ctx, {
    id: conflictCopyId(ctx.viewer.id, ctx.clientId, ctx.seq),
    dealId: note.dealId,
    parentId: note.parentId ?? note.id,
    body: args.body,
    visibility: note.visibility,
    conflictOf: note.id,
  });
  await insertAnnotation(ctx.trx, nowIso, copy, reps);
  return {
    status: 'rejected',
    code: 'conflict',
    message: `The note changed since version ${args.baseVersion} (it is now at version ${current.version}), so your edit was not applied; your text was kept as a conflict copy, note "${copy.id}", in the same thread.`,
  };
};

/** Anyone who may read a note may resolve or reopen its thread. */
export const resolveAnnotation: MutationHandler<'annotation.resolve'> = async (ctx, args) => {
  const { note, reps } = await readableNote(ctx, args.id);
  if (note.resolved === args.resolved) return applied;
  const version =
    note.version === args.baseVersion
      ? await updateAnnotationIfVersion(
          ctx.trx,
          ctx.now.toISOString(),
          note,
          args.baseVersion,
          { resolved: args.resolved },
          reps,
        )
      : null;
  if (version === null) {
    throw new MutationError(
      'conflict',
      `The note changed since version ${args.baseVersion}; it was not ${args.resolved ? 'resolved' : 'reopened'}. Look at it again and retry.`,
    );
  }
  return applied;
};

/** Only the author deletes; deleting the first note of a thread deletes the thread. */
export const deleteAnnotation: MutationHandler<'annotation.delete'> = async (ctx, args) => {
  const { note, reps } = await readableNote(ctx, args.id);
  if (note.authorId !== ctx.viewer.id) {
    throw new MutationError('forbidden', 'Only the author can delete a note.');
  }
  await deleteAnnotationThread(ctx.trx, ctx.now.toISOString(), note, reps);
  return applied;
};
