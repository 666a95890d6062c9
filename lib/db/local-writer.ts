import {
  describeIssues,
  issuesOf,
  mutationArgsSchemas,
  mutationNames,
  type Annotation,
  type CoachingPrompt,
  type EnpsStatus,
  type MutationName,
  type PromptState,
} from '../domain';
import type { AttainDatabase } from './database';
import { guardStorage, LocalWriteError } from './errors';
import { localMutation, type ParsedArgs } from './local-mutations';
import { MetaRepository } from './meta-repository';
import type { AccountMetaRow, LocalEntityName, LocalRow, MeRow, OutboxRow } from './rows';

export const LOCAL_TABLE_OF = {
  annotation: 'annotations',
  prompt: 'prompts',
  promptState: 'promptStates',
  enpsStatus: 'enpsStatus',
} as const satisfies Record<LocalEntityName, string>;

/** The indexed fields of a local row, from whichever value it has. */
export function localIndexFields(
  entity: LocalEntityName,
  value: unknown,
  previous?: Record<string, unknown>,
): Record<string, unknown> {
  if (value === null || value === undefined) {
    const keep: Record<string, unknown> = {};
    if (previous?.dealId !== undefined) keep.dealId = previous.dealId;
    if (previous?.repId !== undefined) keep.repId = previous.repId;
    return keep;
  }
  if (entity === 'annotation') return { dealId: (value as Annotation).dealId };
  if (entity === 'prompt') return { repId: (value as CoachingPrompt).repId };
  return {};
}

export interface WriteContext<T> {
  /** The entity as the user sees it now (null: none, or deleted locally). */
  current: T | null;
  account: AccountMetaRow;
  me: MeRow['value'] | undefined;
  /** ISO timestamp of the write. */
  at: string;
}

export interface WriteResult {
  seq: number;
  entityId: string;
}

export interface LocalWriterOptions {
  now?: () => Date;
}

type EntityValue = Annotation | CoachingPrompt | PromptState | EnpsStatus;

/**
 * The only way the client changes data: in ONE transaction, the entity's new local value and
 * its outbox row. Arguments are validated with the protocol's schema first; a write that the
 * storage quota refuses leaves nothing behind (`StorageFullError`).
 */
export class LocalWriter {
  private readonly meta: MetaRepository;
  private readonly now: () => Date;

  constructor(
    private readonly db: AttainDatabase,
    options: LocalWriterOptions = {},
  ) {
    this.meta = new MetaRepository(db);
    this.now = options.now ?? (() => new Date());
  }

  /** Parses a mutation's arguments; a `LocalWriteError('invalid')` names every problem. */
  static parseArgs<N extends MutationName>(name: N, args: unknown): ParsedArgs<N> {
    if (!mutationNames.includes(name)) {
      throw new LocalWriteError('unknown_mutation', `There is no mutation called "${name}".`);
    }
    const parsed = mutationArgsSchemas[name].safeParse(args);
    if (!parsed.success) {
      throw new LocalWriteError('invalid', describeIssues(issuesOf(parsed.error)));
    }
    return parsed.data as ParsedArgs<N>;
  }

  /**
   * Writes one mutation on the entity `entityId`. Inside the transaction, before anything is
   * written: `args` builds the mutation's arguments from what the user sees now (an edit
   * takes the version it is based on), `check` refuses with a `LocalWriteError`, and
   * `preview` builds the entity a create makes.
   */
  async write<N extends MutationName, T extends EntityValue = EntityValue>(
    name: N,
    request: {
      entityId: string;
      args: (ctx: WriteContext<T>) => unknown;
      check?: (ctx: WriteContext<T>, args: ParsedArgs<N>) => Promise<void> | void;
      preview?: (ctx: WriteContext<T>, args: ParsedArgs<N>) => Promise<T> | T;
    },
  ): Promise<WriteResult> {
    const mutation = localMutation(name);
    const entity = mutation.entity;
    const { entityId } = request;
    const table = this.db.table<LocalRow<T> & Record<string, unknown>, string>(
      LOCAL_TABLE_OF[entity],
    );
    const at = this.now().toISOString();
    return guardStorage(() =>
      this.db.transaction('rw', [table, this.db.outbox, this.db.meta, this.db.me], async () => {
        const account = await this.meta.get('account');
        if (!account) throw new LocalWriteError('signed_out', 'Sign in to Attain first.');
        const row = await table.get(entityId);
        const current = row?.value ?? null;
        const me = (await this.db.me.get('me'))?.value;
        const ctx: WriteContext<T> = { current, account, me, at };
        const args = LocalWriter.parseArgs(name, request.args(ctx));
        if (mutation.entityId(args) !== entityId) {
          throw new LocalWriteError('invalid', `The mutation does not name "${entityId}".`);
        }
        await request.check?.(ctx, args);
        const preview = request.preview ? await request.preview(ctx, args) : undefined;
        const next = mutation.apply(
          current as never,
          args as never,
          at,
          preview as never,
        ) as T | null;
        const seq = await this.meta.allocateSeq();
        const outboxRow: OutboxRow = {
          seq,
          name,
          args,
          entity,
          entityId,
          createdAt: at,
          ...(preview !== undefined ? { preview } : {}),
        };
        await this.db.outbox.add(outboxRow);
        await table.put({
          ...localIndexFields(entity, next ?? row?.server?.value, row),
          id: entityId,
          value: next,
          server: row?.server ?? null,
          gen: row?.gen ?? 0,
        } as LocalRow<T> & Record<string, unknown>);
        return { seq, entityId };
      }),
    );
  }

  /** Writes a mutation whose arguments are complete (no preview, no precondition). */
  async writeArgs<N extends MutationName>(name: N, rawArgs: unknown): Promise<WriteResult> {
    const args = LocalWriter.parseArgs(name, rawArgs);
    return this.write(name, {
      entityId: localMutation(name).entityId(args),
      args: () => args,
    });
  }
}
