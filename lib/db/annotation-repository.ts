import type { Annotation } from '../domain';
import type { AttainDatabase } from './database';
import { LocalWriteError } from './errors';
import { LocalWriter, type WriteContext, type WriteResult } from './local-writer';

export interface RepositoryOptions {
  now?: () => Date;
  newId?: () => string;
}

/** A note as the sidebar shows it. */
export interface NoteView extends Annotation {
  /** Changed locally and not yet acknowledged by the server. */
  pending: boolean;
  /** The note this one is a conflict copy of (when the server says so). */
  conflictOf?: string;
}

export interface NoteThread {
  note: NoteView;
  replies: NoteView[];
}

function byCreated(a: Annotation, b: Annotation): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

function mustExist(ctx: WriteContext<Annotation>, id: string): Annotation {
  if (!ctx.current) throw new LocalWriteError('not_found', `Note "${id}" was not found.`);
  return ctx.current;
}

function mustBeAuthor(note: Annotation, userId: string, action: string): void {
  if (note.authorId !== userId) {
    throw new LocalWriteError('forbidden', `Only the author can ${action} a note.`);
  }
}

/**
 * Manager notes on deals and their threads. Every write changes the note and appends its
 * outbox row in one transaction; a note written here shows as pending until the server has
 * it. Notes created here get a client UUID, which the server keeps.
 */
export class AnnotationRepository {
  private readonly writer: LocalWriter;
  private readonly newId: () => string;

  constructor(
    private readonly db: AttainDatabase,
    options: RepositoryOptions = {},
  ) {
    this.writer = new LocalWriter(db, options);
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  createNote(input: {
    dealId: string;
    body: string;
    visibility?: 'shared' | 'managers';
    id?: string;
  }): Promise<WriteResult> {
    const id = input.id ?? this.newId();
    return this.writer.write<'annotation.create', Annotation>('annotation.create', {
      entityId: id,
      args: () => ({
        id,
        dealId: input.dealId,
        body: input.body,
        ...(input.visibility ? { visibility: input.visibility } : {}),
      }),
      check: (ctx) => {
        if (ctx.current) throw new LocalWriteError('invalid', `Note "${id}" already exists.`);
      },
      preview: (ctx, args) => ({
        id,
        dealId: args.dealId,
        authorId: ctx.account.userId,
        ...(ctx.me?.name ? { authorName: ctx.me.name } : {}),
        body: args.body,
        visibility: args.visibility,
        resolved: false,
        createdAt: ctx.at,
        updatedAt: ctx.at,
        version: 1,
      }),
    });
  }

  /** Replies join the thread of the note replied to (threads are one level deep). */
  reply(input: { parentId: string; body: string; id?: string }): Promise<WriteResult> {
    const id = input.id ?? this.newId();
    return this.writer.write<'annotation.reply', Annotation>('annotation.reply', {
      entityId: id,
      args: () => ({ id, parentId: input.parentId, body: input.body }),
      check: (ctx) => {
        if (ctx.current) throw new LocalWriteError('invalid', `Note "${id}" already exists.`);
      },
      preview: async (ctx, args) => {
        const parent = (await this.db.annotations.get(args.parentId))?.value;
        if (!parent) {
          throw new LocalWriteError('not_found', `Note "${args.parentId}" was not found.`);
        }
        const root =
          parent.parentId === undefined
            ? parent
            : ((await this.db.annotations.get(parent.parentId))?.value ?? parent);
        return {
          id,
          dealId: root.dealId,
          parentId: root.id,
          authorId: ctx.account.userId,
          ...(ctx.me?.name ? { authorName: ctx.me.name } : {}),
          body: args.body,
          visibility: root.visibility,
          resolved: false,
          createdAt: ctx.at,
          updatedAt: ctx.at,
          version: 1,
        };
      },
    });
  }

  /**
   * An edit carries the version the user saw (by default the one shown now): if someone
   * changed the note since, the server keeps the text as a conflict copy.
   */
  edit(input: { id: string; body: string; baseVersion?: number }): Promise<WriteResult> {
    return this.writer.write<'annotation.edit', Annotation>('annotation.edit', {
      entityId: input.id,
      args: (ctx) => ({
        id: input.id,
        body: input.body,
        baseVersion: input.baseVersion ?? mustExist(ctx, input.id).version,
      }),
      check: (ctx, args) => {
        const note = mustExist(ctx, input.id);
        mustBeAuthor(note, ctx.account.userId, 'edit');
        if (note.body === args.body) {
          throw new LocalWriteError('unchanged', 'The note already says exactly this.');
        }
      },
    });
  }

  resolve(input: { id: string; resolved: boolean; baseVersion?: number }): Promise<WriteResult> {
    return this.writer.write<'annotation.resolve', Annotation>('annotation.resolve', {
      entityId: input.id,
      args: (ctx) => ({
        id: input.id,
        resolved: input.resolved,
        baseVersion: input.baseVersion ?? mustExist(ctx, input.id).version,
      }),
      check: (ctx) => {
        if (mustExist(ctx, input.id).resolved === input.resolved) {
          throw new LocalWriteError(
            'unchanged',
            input.resolved ? 'The thread is already resolved.' : 'The thread is already open.',
          );
        }
      },
    });
  }

  /** Deleting the first note of a thread deletes the thread (its replies disappear with it). */
  delete(input: { id: string }): Promise<WriteResult> {
    return this.writer.write<'annotation.delete', Annotation>('annotation.delete', {
      entityId: input.id,
      args: () => ({ id: input.id }),
      check: (ctx) => mustBeAuthor(mustExist(ctx, input.id), ctx.account.userId, 'delete'),
    });
  }

  async get(id: string): Promise<NoteView | undefined> {
    const row = await this.db.annotations.get(id);
    if (!row?.value) return undefined;
    const pending =
      (await this.db.outbox.where('[entity+entityId]').equals(['annotation', id]).count()) > 0;
    return { ...row.value, pending };
  }

  /**
   * The deal's threads, oldest first, replies oldest first. Replies whose thread is gone
   * (deleted locally, waiting to sync) are not shown.
   */
  async threadsForDeal(dealId: string): Promise<NoteThread[]> {
    const rows = await this.db.annotations.where('dealId').equals(dealId).toArray();
    const notes = rows.flatMap((r) => (r.value ? [r.value] : []));
    const pendingIds = new Set(
      (
        await this.db.outbox
          .where('[entity+entityId]')
          .anyOf(notes.map((n) => ['annotation', n.id]))
          .toArray()
      ).map((o) => o.entityId),
    );
    const view = (n: Annotation): NoteView => ({ ...n, pending: pendingIds.has(n.id) });
    const roots = notes.filter((n) => n.parentId === undefined).sort(byCreated);
    const replies = new Map<string, NoteView[]>();
    for (const n of notes) {
      if (n.parentId === undefined) continue;
      replies.set(n.parentId, [...(replies.get(n.parentId) ?? []), view(n)]);
    }
    return roots.map((root) => ({
      note: view(root),
      replies: (replies.get(root.id) ?? []).sort(byCreated),
    }));
  }
}
