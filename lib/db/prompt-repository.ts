import type { CoachingPrompt, PromptState, Severity } from '../domain';
import type { RepositoryOptions } from './annotation-repository';
import type { AttainDatabase } from './database';
import { LocalWriteError } from './errors';
import { LocalWriter, type WriteResult } from './local-writer';

export interface PromptView extends CoachingPrompt {
  pending: boolean;
}

/** Coaching prompts written by managers (rule prompts are computed, never stored). */
export class PromptRepository {
  private readonly writer: LocalWriter;
  private readonly newId: () => string;

  constructor(
    private readonly db: AttainDatabase,
    options: RepositoryOptions = {},
  ) {
    this.writer = new LocalWriter(db, options);
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** A manager's prompt for one of their reps (optionally about one deal). */
  create(input: {
    repId: string;
    dealId?: string;
    severity: Severity;
    title: string;
    detail?: string;
    id?: string;
  }): Promise<WriteResult> {
    const id = input.id ?? this.newId();
    return this.writer.write<'prompt.create', CoachingPrompt>('prompt.create', {
      entityId: id,
      args: () => ({
        id,
        repId: input.repId,
        severity: input.severity,
        title: input.title,
        ...(input.dealId !== undefined ? { dealId: input.dealId } : {}),
        ...(input.detail !== undefined ? { detail: input.detail } : {}),
      }),
      check: (ctx) => {
        if (ctx.me && ctx.me.role === 'rep') {
          throw new LocalWriteError('forbidden', 'Only managers can write coaching prompts.');
        }
        if (ctx.current) throw new LocalWriteError('invalid', `Prompt "${id}" already exists.`);
      },
      preview: (ctx, args) => ({
        id,
        ruleId: 'manager',
        severity: args.severity,
        title: args.title,
        detail: args.detail,
        repId: args.repId,
        ...(args.dealId !== undefined ? { dealId: args.dealId } : {}),
        authorId: ctx.account.userId,
        ...(ctx.me?.name ? { authorName: ctx.me.name } : {}),
        createdAt: ctx.at,
      }),
    });
  }

  async forRep(repId: string): Promise<PromptView[]> {
    const rows = await this.db.prompts.where('repId').equals(repId).toArray();
    const prompts = rows.flatMap((r) => (r.value ? [r.value] : []));
    const pending = new Set(
      (
        await this.db.outbox
          .where('[entity+entityId]')
          .anyOf(prompts.map((p) => ['prompt', p.id]))
          .toArray()
      ).map((o) => o.entityId),
    );
    return prompts.map((p) => ({ ...p, pending: pending.has(p.id) }));
  }
}

/** What the signed-in user did with each prompt: dismissed, or snoozed until a time. */
export class PromptStateRepository {
  private readonly writer: LocalWriter;

  constructor(
    private readonly db: AttainDatabase,
    options: RepositoryOptions = {},
  ) {
    this.writer = new LocalWriter(db, options);
  }

  dismiss(promptId: string): Promise<WriteResult> {
    return this.writer.write<'prompt.dismiss', PromptState>('prompt.dismiss', {
      entityId: promptId,
      args: () => ({ promptId }),
      preview: (ctx) => ({
        promptId,
        userId: ctx.account.userId,
        status: 'dismissed',
        updatedAt: ctx.at,
      }),
    });
  }

  /** `until` must be in the future and within a year (the server refuses anything else). */
  snooze(promptId: string, until: string): Promise<WriteResult> {
    return this.writer.write<'prompt.snooze', PromptState>('prompt.snooze', {
      entityId: promptId,
      args: () => ({ promptId, until }),
      check: (ctx) => {
        if (!(Date.parse(until) > Date.parse(ctx.at))) {
          throw new LocalWriteError('invalid', 'until must be in the future.');
        }
      },
      preview: (ctx, args) => ({
        promptId,
        userId: ctx.account.userId,
        status: 'snoozed',
        snoozedUntil: args.until,
        updatedAt: ctx.at,
      }),
    });
  }

  async get(promptId: string): Promise<PromptState | undefined> {
    return (await this.db.promptStates.get(promptId))?.value ?? undefined;
  }

  /** Every state, by prompt id. */
  async all(): Promise<Map<string, PromptState>> {
    const rows = await this.db.promptStates.toArray();
    return new Map(rows.flatMap((r) => (r.value ? [[r.id, r.value] as const] : [])));
  }
}
